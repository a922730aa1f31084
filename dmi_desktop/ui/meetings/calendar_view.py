"""The painted month and week calendar: one widget, no child widgets per meeting, so 500 meetings paint at once."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QStaticText
from PySide6.QtWidgets import QWidget

from dmi_desktop.domain.meetings import MeetingKind, MeetingStatus
from dmi_desktop.services.meetings import MeetingRow
from dmi_desktop.ui.meetings.labels import KIND_COLOURS

MONTH, WEEK = "month", "week"
HEADER_H = 22  # weekday names row
DAY_START_HOUR, DAY_END_HOUR = 7, 21  # the week view's default hours (widened by meetings outside them)


@dataclass(frozen=True)
class Hit:
    """Where one meeting was painted, for clicks and keyboard selection."""

    rect: QRect
    meeting_id: str


def month_grid_start(day: date) -> date:
    """The Monday on or before the first of ``day``'s month (the month grid's first cell)."""
    first = day.replace(day=1)
    return first - timedelta(days=first.weekday())


def visible_range(mode: str, day: date) -> tuple[date, date]:
    """First and last day shown for ``day`` (month: six whole weeks; week: Monday to Sunday)."""
    if mode == WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    start = month_grid_start(day)
    return start, start + timedelta(days=41)


def shift(mode: str, day: date, steps: int) -> date:
    """``day`` moved by ``steps`` months (month view) or weeks (week view)."""
    if mode == WEEK:
        return day + timedelta(days=7 * steps)
    month = day.month - 1 + steps
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


class CalendarView(QWidget):
    """Month grid or week columns; arrows move the day, PageUp/PageDown the period, Enter opens a meeting."""

    meeting_activated = Signal(str)  # a meeting id (double-click or Enter)
    day_changed = Signal(object)  # the selected date; the owner reloads when the visible range changes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingCalendar")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(280, 240)
        self.mode = MONTH
        self.day = date.today()
        self.selected_id = ""
        self.by_day: dict[date, list[MeetingRow]] = {}
        self.hits: list[Hit] = []
        self.more_text = "+{count}"
        self._texts: dict[tuple[str, int], QStaticText] = {}
        self._span: dict[str, tuple[datetime, datetime]] = {}  # meeting id -> start, end

    # -- state ------------------------------------------------------------------------------------

    def set_meetings(self, rows: list[MeetingRow]) -> None:
        """Show ``rows`` (already in start order) and repaint."""
        by_day: dict[date, list[MeetingRow]] = {}
        # Parsed once here, not at every paint: a month of 500 meetings repaints on every click.
        self._span = {}
        for row in rows:
            start = row.meeting.start
            self._span[row.meeting.id] = (start, start + timedelta(minutes=row.meeting.duration))
            by_day.setdefault(start.date(), []).append(row)
        self.by_day = by_day
        if len(self._texts) > 5000:  # labels of months long gone
            self._texts.clear()
        self.update()

    def set_mode(self, mode: str) -> None:
        """Switch between the month and the week view."""
        self.mode = WEEK if mode == WEEK else MONTH
        self.update()
        self.day_changed.emit(self.day)

    def set_day(self, day: date) -> None:
        """Select ``day`` (the owner reloads when it leaves the visible range)."""
        if day != self.day:
            self.day = day
            self.selected_id = ""
        self.update()
        self.day_changed.emit(day)

    def meetings_on(self, day: date) -> list[MeetingRow]:
        """The meetings shown on ``day``."""
        return self.by_day.get(day, [])

    # -- geometry ---------------------------------------------------------------------------------

    def _day_rect(self, day: date) -> QRect:
        first, _last = visible_range(self.mode, self.day)
        index = (day - first).days
        width = self.width() / 7
        if self.mode == WEEK:
            return QRect(int(index * width), HEADER_H, int(width), self.height() - HEADER_H)
        height = (self.height() - HEADER_H) / 6
        row, col = divmod(index, 7)
        return QRect(int(col * width), int(HEADER_H + row * height), int(width), int(height))

    def _day_at(self, point: QPoint) -> date | None:
        first, last = visible_range(self.mode, self.day)
        col = min(6, max(0, int(point.x() / (self.width() / 7))))
        if point.y() < HEADER_H:
            return None
        if self.mode == WEEK:
            return first + timedelta(days=col)
        row = min(5, int((point.y() - HEADER_H) / ((self.height() - HEADER_H) / 6)))
        day = first + timedelta(days=row * 7 + col)
        return day if day <= last else None

    # -- painting ---------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Header, day cells and meetings; records where each meeting went for clicks."""
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self.hits = []
        locale = QLocale()
        first, _last = visible_range(self.mode, self.day)
        width = self.width() / 7
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        for col in range(7):
            day = first + timedelta(days=col)
            name = locale.dayName(col + 1, QLocale.FormatType.ShortFormat)
            if self.mode == WEEK:
                name = f"{name} {day.day}"
            painter.drawText(QRect(int(col * width), 0, int(width), HEADER_H), Qt.AlignmentFlag.AlignCenter, name)
        days = 7 if self.mode == WEEK else 42
        for i in range(days):
            day = first + timedelta(days=i)
            if self.mode == WEEK:
                self._paint_week_day(painter, day)
            else:
                self._paint_month_day(painter, day)
        painter.end()

    def _cell_background(self, painter: QPainter, day: date, rect: QRect) -> None:
        palette = self.palette()
        if self.mode == MONTH and day.month != self.day.month:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        if day == self.day:
            highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
            highlight.setAlpha(40)
            painter.fillRect(rect, highlight)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if day == date.today():
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))

    def _paint_month_day(self, painter: QPainter, day: date) -> None:
        rect = self._day_rect(day)
        self._cell_background(painter, day, rect)
        metrics = painter.fontMetrics()
        line = metrics.height() + 2
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(
            rect.adjusted(4, 2, -4, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, str(day.day)
        )
        rows = self.by_day.get(day, [])
        room = max(0, (rect.height() - line - 4) // line)
        shown = rows if len(rows) <= room else rows[: max(0, room - 1)]
        y = rect.top() + line + 2
        for row in shown:
            box = QRect(rect.left() + 2, y, rect.width() - 4, line - 1)
            start = self._span[row.meeting.id][0]
            self._paint_meeting(painter, row, box, f"{start:%H:%M} {row.meeting.title}")
            y += line
        if len(shown) < len(rows):
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            more = self.more_text.format(count=len(rows) - len(shown))
            painter.drawText(QRect(rect.left() + 6, y, rect.width() - 8, line), Qt.AlignmentFlag.AlignLeft, more)

    def _hour_span(self) -> tuple[int, int]:
        first, _last = visible_range(WEEK, self.day)
        low, high = DAY_START_HOUR, DAY_END_HOUR
        for offset in range(7):
            for row in self.by_day.get(first + timedelta(days=offset), []):
                start, end = self._span[row.meeting.id]
                low = min(low, start.hour)
                high = max(high, min(24, end.hour + (1 if end.minute else 0)) if end.date() == start.date() else 24)
        return low, high

    def _paint_week_day(self, painter: QPainter, day: date) -> None:
        rect = self._day_rect(day)
        self._cell_background(painter, day, rect)
        low, high = self._hour_span()
        per_minute = rect.height() / ((high - low) * 60)
        painter.setPen(self.palette().color(QPalette.ColorRole.Midlight))
        for hour in range(low, high):
            y = int(rect.top() + (hour - low) * 60 * per_minute)
            painter.drawLine(rect.left(), y, rect.right(), y)
            if day.weekday() == 0:
                painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(rect.left() + 2, y + painter.fontMetrics().ascent(), f"{hour:02d}")
                painter.setPen(self.palette().color(QPalette.ColorRole.Midlight))
        rows = self.by_day.get(day, [])
        lanes: list[list[MeetingRow]] = []  # overlapping meetings side by side, each in the first free lane
        placed: list[tuple[MeetingRow, int]] = []
        for row in rows:
            for index, lane in enumerate(lanes):
                if self._span[lane[-1].meeting.id][1] <= self._span[row.meeting.id][0]:
                    lane.append(row)
                    placed.append((row, index))
                    break
            else:
                lanes.append([row])
                placed.append((row, len(lanes) - 1))
        left = rect.left() + (18 if day.weekday() == 0 else 2)
        lane_w = max(8, (rect.right() - 2 - left) / max(1, len(lanes)))
        for row, lane_no in placed:
            m = row.meeting
            start = self._span[m.id][0]
            minutes = (start.hour - low) * 60 + start.minute
            top = int(rect.top() + minutes * per_minute)
            height = max(painter.fontMetrics().height() + 2, int(m.duration * per_minute))
            box = QRect(int(left + lane_no * lane_w), top, int(lane_w) - 1, min(height, rect.bottom() - top))
            self._paint_meeting(painter, row, box, f"{start:%H:%M} {m.title}", block=True)

    def _paint_meeting(self, painter: QPainter, row: MeetingRow, box: QRect, label: str, block: bool = False) -> None:
        meeting = row.meeting
        colour = QColor(KIND_COLOURS.get(MeetingKind(meeting.kind), "#666666"))
        cancelled = meeting.status is MeetingStatus.CANCELLED
        fill = QColor(colour)
        fill.setAlpha(45 if cancelled else (90 if block else 60))
        painter.fillRect(box, fill)
        painter.fillRect(QRect(box.left(), box.top(), 3, box.height()), colour)
        if meeting.id == self.selected_id:
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRect(box.adjusted(0, 0, -1, -1))
        muted = cancelled or meeting.status is MeetingStatus.POSTPONED
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.Text))
        inner = box.adjusted(5, 0, -2, 0)
        # Laid-out text is cached per label and width: laying text out is most of a paint's cost, and a month
        # of 500 meetings repaints often (selection, resizing) with the same labels.
        height = painter.fontMetrics().height()
        wrap = block and inner.height() >= 2 * height  # a tall block in the week view shows the whole title
        key = (label, inner.width() if not wrap else -inner.width())
        static = self._texts.get(key)
        if static is None:
            if wrap:
                static = QStaticText(label)
                static.setTextWidth(inner.width())
            else:
                static = QStaticText(
                    painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, inner.width())
                )
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=painter.font())
            self._texts[key] = static
        if wrap:
            painter.save()
            painter.setClipRect(inner)
            painter.drawStaticText(inner.left(), inner.top(), static)
            painter.restore()
            if cancelled:
                painter.fillRect(
                    QRect(inner.left(), inner.top() + height // 2, inner.width(), 1), painter.pen().color()
                )
            self.hits.append(Hit(QRect(box), meeting.id))
            return
        top = inner.top() + (0 if block else max(0, (inner.height() - height) // 2))
        painter.drawStaticText(inner.left(), top, static)
        if cancelled:  # struck through: still readable, clearly not taking place
            middle = top + height // 2
            width = int(static.size().width())
            painter.fillRect(QRect(inner.left(), middle, width, 1), painter.pen().color())
        self.hits.append(Hit(QRect(box), meeting.id))

    # -- input ------------------------------------------------------------------------------------

    def _hit(self, point: QPoint) -> str:
        for hit in reversed(self.hits):
            if hit.rect.contains(point):
                return hit.meeting_id
        return ""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Select the day (and the meeting) under the pointer."""
        point = event.position().toPoint()
        day = self._day_at(point)
        if day is not None:
            self.set_day(day)
        self.selected_id = self._hit(point)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Open the meeting under the pointer."""
        found = self._hit(event.position().toPoint())
        if found:
            self.meeting_activated.emit(found)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows: day (Up/Down: week in the month view, meeting of the day in the week view); PageUp/PageDown:
        period; Home: today; Enter: open the selected meeting (else the day's first)."""
        key = event.key()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        if self.mode == MONTH:
            steps.update({Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7})
        if key in steps:
            self.set_day(self.day + timedelta(days=steps[key]))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step_meeting(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.set_day(shift(self.mode, self.day, -1 if key == Qt.Key.Key_PageUp else 1))
        elif key == Qt.Key.Key_Home:
            self.set_day(date.today())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            rows = self.meetings_on(self.day)
            chosen = self.selected_id or (rows[0].meeting.id if rows else "")
            if chosen:
                self.meeting_activated.emit(chosen)
        else:
            super().keyPressEvent(event)

    def _step_meeting(self, step: int) -> None:
        ids = [r.meeting.id for r in self.meetings_on(self.day)]
        if not ids:
            return
        index = ids.index(self.selected_id) + step if self.selected_id in ids else (0 if step > 0 else len(ids) - 1)
        self.selected_id = ids[max(0, min(len(ids) - 1, index))]
        self.update()

"""The Reuniones area: month/week calendar, the agenda of the next 30 days, navigation and the meeting pages.

Nothing here reads the vault on the GUI thread: the meetings of the range shown and the agenda come from the
worker, and a range read for an older request is dropped.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.meetings import MeetingStatus, text
from dmi_desktop.domain.roles import can_write
from dmi_desktop.services.meetings import MeetingRow
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.meetings.calendar_view import MONTH, WEEK, CalendarView, shift, visible_range

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext
    from dmi_desktop.ui.meetings.directory_dialogs import DirectoryDialog
    from dmi_desktop.ui.meetings.meeting_dialog import MeetingDialog
    from dmi_desktop.ui.meetings.meeting_page import MeetingPage

AREA_ID = "meetings"
AGENDA_DAYS = 30
WATCHED = frozenset({"meetings", "invitees", "venues"})


class MeetingsWidget(QWidget):
    """Calendar plus agenda; opens one meeting page per meeting."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._generation = 0  # a range read for an older request is dropped
        self._loaded_range: tuple[date, date] | None = None
        self.pages: dict[str, MeetingPage] = {}
        self.dialog: MeetingDialog | None = None
        self.setObjectName("MeetingsWidget")
        self.calendar = CalendarView(self)
        self.calendar.more_text = self.tr("+{count} more")
        self.today_button = QPushButton(self.tr("Today"), self)
        self.prev_button = QToolButton(self)
        self.prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.prev_button.setToolTip(self.tr("Previous (Page Up)"))
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip(self.tr("Next (Page Down)"))
        self.period = QLabel(self)
        self.period.setObjectName("meetingPeriod")
        font = self.period.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.period.setFont(font)
        self.month_button = QPushButton(self.tr("Month"), self)
        self.week_button = QPushButton(self.tr("Week"), self)
        modes = QButtonGroup(self)
        for button in (self.month_button, self.week_button):
            button.setCheckable(True)
            modes.addButton(button)
        self.month_button.setChecked(True)
        self.new_button = QPushButton(self.tr("New meeting…"), self)
        self.new_button.setEnabled(can_write(ctx.session.role))
        self.new_button.setToolTip(self.tr("New meeting (Ctrl+N)"))
        self.venues_button = QPushButton(self.tr("Venues…"), self)
        self.contacts_button = QPushButton(self.tr("Contacts…"), self)
        self.ics_button = QPushButton(self.tr("Export .ics…"), self)
        bar = QHBoxLayout()
        for widget in (self.today_button, self.prev_button, self.next_button, self.period):
            bar.addWidget(widget)
        bar.addStretch(1)
        # A tool bar folds what does not fit into its ">>" menu: the area never forces the window wider.
        self.tools = QToolBar(self)
        self.tools.setObjectName("meetingTools")
        # The most used first: what does not fit folds away (venues, contacts and .ics are also in the menu).
        buttons = (self.new_button, None, self.month_button, self.week_button, None)
        for widget in (*buttons, self.venues_button, self.contacts_button, self.ics_button):
            if widget is None:
                self.tools.addSeparator()
            else:
                self.tools.addWidget(widget)
        bar.addWidget(self.tools, 1)
        self.agenda = QTreeWidget(self)
        self.agenda.setObjectName("meetingAgenda")
        self.agenda.setRootIsDecorated(False)
        self.agenda.setHeaderLabels([self.tr("When"), self.tr("Meeting"), self.tr("Venue"), self.tr("Invited")])
        self.agenda.setColumnWidth(0, self.fontMetrics().horizontalAdvance("mié 00-00 00:00") + 16)
        self.agenda.setColumnWidth(1, 180)
        agenda_box = QWidget(self)
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        agenda_layout.addWidget(QLabel(self.tr("Next 30 days"), agenda_box))
        agenda_layout.addWidget(self.agenda)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.calendar)
        self.splitter.addWidget(agenda_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        agenda_box.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 30)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.today_button.clicked.connect(self.go_today)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.month_button.clicked.connect(lambda: self.calendar.set_mode(MONTH))
        self.week_button.clicked.connect(lambda: self.calendar.set_mode(WEEK))
        self.new_button.clicked.connect(self.new_meeting)
        self.venues_button.clicked.connect(lambda: self.open_directory("venues"))
        self.contacts_button.clicked.connect(lambda: self.open_directory("contacts"))
        self.ics_button.clicked.connect(self.export_range)
        self.calendar.day_changed.connect(self._day_changed)
        self.calendar.meeting_activated.connect(self.open_meeting)
        self.agenda.itemActivated.connect(lambda item, _col: self.open_meeting(item.data(0, Qt.ItemDataRole.UserRole)))
        self.agenda.installEventFilter(self)
        ctx.hub.changed.connect(self._on_changed)
        ctx.hub.unlocked.connect(self.reload)
        self._show_period()
        self.reload()
        self._preload_holidays()

    @property
    def ctx(self) -> AppContext:
        """The application context the area was built with."""
        return self._ctx

    def _preload_holidays(self) -> None:
        """Load the holiday tables on the worker now (about a second), so the first clash check does not wait."""
        from dmi_desktop.services.meeting_clashes import holiday_name

        year = date.today().year
        self._ctx.worker.submit(
            lambda _t: [holiday_name(date(y, 1, 1)) for y in (year, year + 1)], None, lambda _e: None
        )

    # -- navigation -------------------------------------------------------------------------------

    def go_today(self) -> None:
        """Show today's month or week."""
        self.calendar.set_day(date.today())

    def step(self, steps: int) -> None:
        """Previous (-1) or next (+1) month or week."""
        self.calendar.set_day(shift(self.calendar.mode, self.calendar.day, steps))

    def set_mode(self, mode: str) -> None:
        """Month or week view (also checks the matching button)."""
        (self.week_button if mode == WEEK else self.month_button).setChecked(True)
        self.calendar.set_mode(mode)

    def _show_period(self) -> None:
        day, locale = self.calendar.day, QLocale()
        if self.calendar.mode == WEEK:
            first, last = visible_range(WEEK, day)
            self.period.setText(
                self.tr("Week of {first} to {last}").format(first=f"{first:%d-%m}", last=f"{last:%d-%m-%Y}")
            )
        else:
            name = locale.standaloneMonthName(day.month, QLocale.FormatType.LongFormat)
            self.period.setText(f"{name[:1].upper()}{name[1:]} {day.year}")

    def _day_changed(self, _day: date) -> None:
        self._show_period()
        if visible_range(self.calendar.mode, self.calendar.day) != self._loaded_range:
            self.load_range()

    # -- reading ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the range shown and the agenda again."""
        self.load_range()
        self.load_agenda()

    def load_range(self) -> None:
        """Read the meetings of the visible range on the worker; only the latest request is shown."""
        ctx = self._ctx
        if not ctx.session.is_open:
            return
        self._generation += 1
        generation = self._generation
        first, last = visible_range(self.calendar.mode, self.calendar.day)
        self._loaded_range = (first, last)

        def job(_task: object) -> list[MeetingRow] | None:
            if generation != self._generation or not ctx.session.is_open:
                return None  # a newer range is queued, or the vault locked meanwhile
            return ctx.session.meetings.list(first, last)

        def done(rows: list[MeetingRow] | None) -> None:
            if rows is not None and generation == self._generation:
                self.calendar.set_meetings(rows)

        ctx.worker.submit(job, done, lambda exc: show_error(self, exc))

    def load_agenda(self) -> None:
        """Read the meetings of the next 30 days on the worker."""
        ctx = self._ctx
        if not ctx.session.is_open:
            return
        today = date.today()
        ctx.worker.submit(
            lambda _t: ctx.session.meetings.list(today, today + timedelta(days=AGENDA_DAYS - 1)),
            self._show_agenda,
            lambda exc: show_error(self, exc),
        )

    def _show_agenda(self, rows: list[MeetingRow]) -> None:
        self.agenda.clear()
        locale = QLocale()
        for row in rows:
            m = row.meeting
            if m.status is MeetingStatus.CANCELLED:
                continue
            day = locale.dayName(m.start.isoweekday(), QLocale.FormatType.ShortFormat)
            item = QTreeWidgetItem([f"{day} {m.start:%d-%m %H:%M}", m.title, row.venue_name, str(row.invitees)])
            item.setData(0, Qt.ItemDataRole.UserRole, m.id)
            item.setToolTip(1, f"{m.ref} · {text(m.kind)} · {text(m.status)}")
            self.agenda.addTopLevelItem(item)

    def _on_changed(self, changes: object) -> None:
        if getattr(changes, "entity", "") in WATCHED:
            self.reload()

    # -- opening and creating ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on the agenda opens the meeting."""
        if watched is self.agenda and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.agenda.currentItem() is not None:
                self.open_meeting(self.agenda.currentItem().data(0, Qt.ItemDataRole.UserRole))
                return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        """Ctrl+N inside the area is "new meeting", not the participants' shortcut of the main window."""
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.keyCombination().toCombined() == QKeySequence(QKeySequence.StandardKey.New)[0].toCombined():
                event.accept()
                return True
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.keyCombination().toCombined() == QKeySequence(QKeySequence.StandardKey.New)[0].toCombined():
                self.new_meeting()
                return True
        return super().event(event)

    def open_meeting(self, meeting_id: str) -> MeetingPage | None:
        """Show the meeting's page; a second request raises the page already open."""
        from dmi_desktop.ui.meetings.meeting_page import MeetingPage

        if not meeting_id:
            return None
        page = self.pages.get(meeting_id)
        if page is None:
            page = MeetingPage(self._ctx, meeting_id, self.window())
            page.closed.connect(lambda mid=meeting_id: self.pages.pop(mid, None))
            self.pages[meeting_id] = page
        page.show()
        page.raise_()
        page.activateWindow()
        return page

    def new_meeting(self) -> None:
        """Open the new meeting dialog (not for viewers) once the venues are read."""
        if not can_write(self._ctx.session.role):
            return
        from dmi_desktop.ui.meetings.meeting_dialog import MeetingDialog

        day = max(self.calendar.day, date.today())
        ctx = self._ctx

        def show(venues: list) -> None:
            dialog = MeetingDialog(ctx, venues, self.window(), day=day)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.saved.connect(lambda scheduled: self.open_meeting(scheduled.meeting.id))
            dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
            self.dialog = dialog
            dialog.open()

        ctx.worker.submit(lambda _t: ctx.session.venues.list(), show, lambda exc: show_error(self, exc))

    def open_directory(self, table: str) -> DirectoryDialog:
        """The venues or the partner contacts (list, add, edit, remove)."""
        from dmi_desktop.ui.meetings.directory_dialogs import DirectoryDialog

        dialog = DirectoryDialog(self._ctx, table, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_range(self) -> None:
        """Ask for dates (the range shown by default), then save their meetings as one .ics file."""
        from dmi_desktop.ui.meetings.meeting_commands import export_range_ics
        from dmi_desktop.ui.meetings.range_dialog import RangeDialog

        first, last = visible_range(self.calendar.mode, self.calendar.day)
        if self.calendar.mode == MONTH:
            first = self.calendar.day.replace(day=1)
            last = shift(MONTH, first, 1) - timedelta(days=1)
        dialog = RangeDialog(first, last, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: export_range_ics(self._ctx, self, *dialog.dates()))
        dialog.open()

    def open_pages(self) -> list[MeetingPage]:
        """Meeting pages currently open."""
        return list(self.pages.values())

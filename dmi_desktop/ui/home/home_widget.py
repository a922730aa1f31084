"""The Inicio page: the registered panels' lines (computed on the worker), or the first steps in an empty vault."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.errors import error_text, show_error
from dmi_desktop.ui.home.first_steps import FirstStepsPage
from dmi_desktop.ui.home.panels import HomeLine, HomePanel, registered_panels

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session
    from dmi_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

AREA_ID = "home"
PARTICIPANTS_AREA = "participants"
REFRESH_DEBOUNCE_MS = 600  # a burst of changes (an import's pages, a meeting's attendance) refreshes once
COLUMNS = 2
CONTINUE_MS = 50  # the next step of an incomplete line: other work queued meanwhile runs first


def grouped(n: int) -> str:
    """1234 -> "1.234" in Spanish, "1,234" in English (the count column of the home page)."""
    from dmi_desktop.domain.messages import language

    text = f"{n:,}"
    return text.replace(",", ".") if language() == "es" else text


@dataclass(frozen=True)
class PanelResult:
    """A panel's lines, or the error that kept it from computing them."""

    panel_id: str
    title: str
    lines: list[HomeLine]
    error: Exception | None = None


@dataclass(frozen=True)
class HomeSnapshot:
    """What one refresh read: how many files there are at all, and each visible panel's result."""

    total: int
    panels: list[PanelResult]

    @property
    def incomplete(self) -> bool:
        """True when a line has no count yet (its panel computes it over several refreshes)."""
        return any(line.count is None for result in self.panels for line in result.lines)


def compute(session: Session, panels: list[tuple[HomePanel, str]]) -> HomeSnapshot:
    """Run on the worker: the total and every panel's lines (one failing panel does not hide the others)."""
    total = session.participants.count(ParticipantQuery())
    results = []
    for panel, title in panels:
        try:
            results.append(PanelResult(panel.panel_id, title, panel.lines(session)))
        except Exception as exc:  # shown in the panel as one line; the rest of the page still works
            log.info("home panel %s failed: %s", panel.panel_id, type(exc).__name__)
            results.append(PanelResult(panel.panel_id, title, [], exc))
    return HomeSnapshot(total, results)


class HomeWidget(QWidget):
    """Inicio: refreshed when shown and (debounced) after every change while it is on screen."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._generation = 0
        self._stale = True
        self.snapshot: HomeSnapshot | None = None
        self.setObjectName("HomeWidget")
        self.pages = QStackedWidget(self)
        self.dashboard = QWidget(self)
        self.row = QHBoxLayout(self.dashboard)
        self.row.setSpacing(14)
        self.columns = [QVBoxLayout() for _ in range(COLUMNS)]
        for column in self.columns:
            column.setSpacing(14)
            self.row.addLayout(column, 1)
        self.loading = QLabel(self.tr("Reading the vault…"), self.dashboard)
        self.columns[0].addWidget(self.loading)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.dashboard)
        self.first_steps = FirstStepsPage(ctx, self)
        self.pages.addWidget(scroll)
        self.pages.addWidget(self.first_steps)
        self.heading = QLabel(self.tr("Home"), self)
        self.heading.setObjectName("homeHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        self.line_buttons: dict[str, list[QPushButton]] = {}
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(REFRESH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._changed_settled)
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(CONTINUE_MS)
        self._again.timeout.connect(self._changed_settled)
        ctx.hub.changed.connect(lambda _changes: self._debounce.start())
        ctx.hub.locked.connect(self._debounce.stop)
        ctx.hub.locked.connect(self._again.stop)
        ctx.hub.unlocked.connect(self._changed_settled)

    @property
    def ctx(self) -> AppContext:
        """The application context the area was built with."""
        return self._ctx

    # -- refreshing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Showing the page reads it again (something may have changed while another area was on screen)."""
        super().showEvent(event)
        self.refresh()

    def _changed_settled(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # read when shown again

    def refresh(self) -> None:
        """Compute every visible panel's lines on the worker; an older request's answer is dropped."""
        session = self._ctx.session
        if not session.is_open:
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        panels = [(panel, panel.title()) for panel in registered_panels() if panel.visible(session)]

        def job(_task: object) -> HomeSnapshot | None:
            if generation != self._generation or not session.is_open:
                return None
            return compute(session, panels)

        def done(snapshot: HomeSnapshot | None) -> None:
            if snapshot is not None and generation == self._generation:
                self.show_snapshot(snapshot)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                show_error(self, exc)

        self._ctx.worker.submit(job, done, failed)

    # -- showing ----------------------------------------------------------------------------------

    def show_snapshot(self, snapshot: HomeSnapshot) -> None:
        """Lay out the panels (or the first steps when the vault holds nobody yet)."""
        self.snapshot = snapshot
        if snapshot.incomplete:
            self._again.start()  # a line still being computed (sealed dates opened a batch at a time)
        if snapshot.total == 0:
            self.pages.setCurrentWidget(self.first_steps)
            return
        self.pages.setCurrentIndex(0)
        for column in self.columns:
            while column.count():
                item = column.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
        self.line_buttons = {}
        # Each panel goes to the shorter column, in order: a long status list does not push the rest off screen.
        heights = [0] * COLUMNS
        for result in snapshot.panels:
            shortest = heights.index(min(heights))
            self.columns[shortest].addWidget(self._panel_box(result))
            heights[shortest] += len(result.lines) + sum(bool(line.note) for line in result.lines) + 2
        for column in self.columns:
            column.addStretch(1)

    def _panel_box(self, result: PanelResult) -> QGroupBox:
        box = QGroupBox(result.title, self.dashboard)
        box.setObjectName(f"panel_{result.panel_id}")
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(2)
        buttons: list[QPushButton] = []
        if result.error is not None:
            problem = QLabel(error_text(result.error), box)
            problem.setWordWrap(True)
            problem.setStyleSheet("color: #c62828;")
            grid.addWidget(problem, 0, 0, 1, 2)
        elif not result.lines:
            grid.addWidget(QLabel(self.tr("Nothing to show."), box), 0, 0, 1, 2)
        row = 0
        for line in result.lines:
            count = QLabel("" if line.count is None else grouped(line.count), box)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setMinimumWidth(count.fontMetrics().horizontalAdvance("00.000") + 6)
            bold = count.font()
            bold.setBold(True)
            count.setFont(bold)
            button = QPushButton(line.text, box)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet("QPushButton { text-align: left; padding: 3px 4px; }")
            button.setToolTip(line.description or line.text)
            button.setEnabled(line.opener is not None or bool(line.count))
            button.clicked.connect(lambda _checked=False, chosen=line: self.open_line(chosen))
            buttons.append(button)
            grid.addWidget(count, row, 0)
            grid.addWidget(button, row, 1)
            row += 1
            if line.note:
                note = QLabel(line.note, box)
                note.setStyleSheet("color: #5f6b76;")
                note.setWordWrap(True)
                grid.addWidget(note, row, 1)
                row += 1
        self.line_buttons[result.panel_id] = buttons
        return box

    # -- opening ----------------------------------------------------------------------------------

    def open_line(self, line: HomeLine) -> None:
        """Open what a line counts: its own opener, or the participants list with the line's query."""
        if line.opener is not None:
            line.opener(self, self._ctx)
            return
        if line.query is None:
            return
        window = self.window()
        widget = getattr(window, "area_widgets", {}).get(PARTICIPANTS_AREA)
        show_query = getattr(widget, "show_query", None)
        if widget is None or not callable(show_query):
            return
        window.show_area(PARTICIPANTS_AREA)
        show_query(line.query, line.description or line.text)

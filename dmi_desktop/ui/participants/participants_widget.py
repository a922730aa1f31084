"""The participants area: debounced search, status/sector filters, the lazy table, and the open file windows.

Nothing here reads the vault on the GUI thread: the count, the pages and the sector list come from the worker.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.messages import count_text
from dmi_desktop.domain.roles import can_write
from dmi_desktop.domain.status import Status, label
from dmi_desktop.services.participants import SEARCH_COUNT_CAP, ParticipantQuery
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.models.participant_table_model import (
    COL_ALIAS,
    COL_CASE_NO,
    COL_LAST_CHECKIN,
    COL_NAME,
    COL_RUT,
    COL_SECTOR,
    COL_STATUS,
    COLUMN_FOR_SORT,
    ParticipantTableModel,
)
from dmi_desktop.ui.participants.file_window import ParticipantFileWindow
from dmi_desktop.ui.participants.new_participant_dialog import NewParticipantDialog

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext
    from dmi_desktop.ui.settings import Settings

log = logging.getLogger(__name__)

AREA_ID = "participants"
SEARCH_DEBOUNCE_MS = 250
# Above SEARCH_COUNT_CAP matches a search's count is shown as "more than 10 000 results": nobody reads further
# than that, and the exact figure would only suggest a search worth refining. The service stops counting there.


def thousands(n: int) -> str:
    """5303 -> "5.303" in Spanish (Chile), "5,303" in English: the one helper every count goes through."""
    return count_text(n)


class ParticipantsWidget(QWidget):
    """Search, filter and browse participants; opens one file window per participant."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._sectors_generation = 0  # a sector list read for an older request is dropped
        self._open_when_loaded: QPersistentModelIndex | None = None  # Enter on a row whose page is on its way
        self.windows: dict[str, ParticipantFileWindow] = {}
        self.setObjectName("ParticipantsWidget")
        self.search = QLineEdit(self)
        self.search.setObjectName("participantSearch")
        self.search.setPlaceholderText(self.tr("Search by name, alias or RUT…"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All statuses"), "")
        for status in Status:
            self.status_filter.addItem(label(status), status.value)
        self.sector_filter = QComboBox(self)
        self.sector_filter.setMinimumContentsLength(14)
        self.sector_filter.addItem(self.tr("All sectors"), "")  # the sectors in use follow from the worker
        self.count_label = QLabel(self)
        self.count_label.setObjectName("participantCount")
        # As wide as its longest text from the start: the count arrives later and must not shift the layout.
        widest = self.tr("more than {count} results").format(count=thousands(SEARCH_COUNT_CAP))
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(widest) + 4)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.model = ParticipantTableModel(ctx, self)
        self.table = self._make_table()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.sector_filter, 1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_query)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.run_query())
        self.sector_filter.currentIndexChanged.connect(lambda _i: self.run_query())
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._rows_replaced)
        self.model.dataChanged.connect(self._rows_arrived)
        self.model.load_failed.connect(lambda exc: show_error(self, exc))
        ctx.hub.changed.connect(self._on_changed)
        ctx.hub.unlocked.connect(self.reload_sectors)
        ctx.hub.locked.connect(self._debounce.stop)
        ctx.hub.unlocked.connect(self.run_query)  # a search typed just before the lock is honoured
        self.model.refresh()  # first: the rows matter more than the sector list
        self.reload_sectors()

    @property
    def ctx(self) -> AppContext:
        """The application context the area was built with."""
        return self._ctx

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("participantTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        # Fixed row heights: Qt never measures 100 000 rows (ResizeToContents costs a minute at that size).
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        rows.hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        # Widths from typical contents in the current font, so every column fits a 1200-pixel window.
        metrics = table.fontMetrics()
        samples = {
            COL_CASE_NO: "DEMO-2026-00000",
            COL_NAME: "Miguel Richard Barrientos González",
            COL_ALIAS: "El Chascón",
            COL_RUT: "22.222.222-2",
            COL_SECTOR: "San Carlos de Apoquindo",
            COL_STATUS: max((label(s) for s in Status), key=metrics.horizontalAdvance),
            COL_LAST_CHECKIN: "00-00-00000",
        }
        for column, sample in samples.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 14)
        table.setSortingEnabled(True)  # QTableView calls model.sort(): a new SQL ORDER BY, never a Python sort
        table.doubleClicked.connect(self._open_index)
        table.installEventFilter(self)
        table.viewport().installEventFilter(self)
        # The rows in sight decide which pages are read: a drag over the scrollbar reads only where it stops.
        table.verticalScrollBar().valueChanged.connect(self._visible_rows_changed)
        table.verticalScrollBar().rangeChanged.connect(self._visible_rows_changed)
        return table

    def _visible_rows_changed(self, *_args: object) -> None:
        table = self.table
        first = table.rowAt(0)
        last = table.rowAt(table.viewport().height() - 1)
        count = self.model.rowCount()
        self.model.set_visible_rows(max(first, 0), last if last >= 0 else max(count - 1, 0))

    # -- querying -------------------------------------------------------------------------------

    def current_query(self) -> ParticipantQuery:
        """The query the search box and filters describe, in the table's current order."""
        status = self.status_filter.currentData()
        return replace(
            self.model.query,
            search=self.search.text().strip(),
            status=(Status(status),) if status else (),
            sector=self.sector_filter.currentData() or "",
        )

    def run_query(self) -> None:
        """Count and read the rows in sight on the worker; only the latest request is shown (see the model)."""
        self._debounce.stop()
        if not self._ctx.session.is_open:
            return  # locked: unlocking runs the query the box holds then
        self.model.set_query(self.current_query())

    def _search_now(self) -> None:
        if self._debounce.isActive():
            self.run_query()

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the search box with its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def reload_sectors(self) -> None:
        """Refill the sector filter from the sectors in use (read on the worker), keeping the choice."""
        ctx = self._ctx
        if not ctx.session.is_open:
            return
        self._sectors_generation += 1
        generation = self._sectors_generation

        def job(_task: object) -> list[str] | None:
            if generation != self._sectors_generation or not ctx.session.is_open:
                return None  # a newer reload is queued, or the vault locked meanwhile
            return ctx.session.participants.sectors()

        def done(sectors: list[str] | None) -> None:
            if sectors is not None and generation == self._sectors_generation:
                self._show_sectors(sectors)

        def failed(exc: Exception) -> None:
            if generation == self._sectors_generation:
                show_error(self, exc)

        ctx.worker.submit(job, done, failed)

    def _show_sectors(self, sectors: list[str]) -> None:
        current = self.sector_filter.currentData() or ""
        self.sector_filter.blockSignals(True)
        self.sector_filter.clear()
        self.sector_filter.addItem(self.tr("All sectors"), "")
        for sector in sectors:
            self.sector_filter.addItem(sector, sector)
        self.sector_filter.setCurrentIndex(max(0, self.sector_filter.findData(current)))
        self.sector_filter.blockSignals(False)

    def _on_changed(self, changes: object) -> None:
        entity = getattr(changes, "entity", "")
        if entity == "participant":
            self.reload_sectors()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        if n > SEARCH_COUNT_CAP and self.model.shown_query.search.strip():
            text = self.tr("more than {count} results").format(count=thousands(SEARCH_COUNT_CAP))
        elif n == 1:
            text = self.tr("1 participant")
        else:
            text = self.tr("{count} participants").format(count=thousands(n))
        self.count_label.setText(text)

    # -- opening files ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on the table opens the selected participant's file; a resized table reads what comes into sight."""
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._visible_rows_changed()
        elif watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        pid = self.model.participant_id(index.row())
        if pid:
            self._open_when_loaded = None
            self.open_file(pid)
        else:
            # The row's page is still being read: open the file when it arrives (unless the list changes first).
            self._open_when_loaded = QPersistentModelIndex(index)

    def _rows_arrived(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        waiting = self._open_when_loaded
        if waiting is None or not waiting.isValid() or not top.row() <= waiting.row() <= bottom.row():
            return
        pid = self.model.participant_id(waiting.row())
        if pid:
            self._open_when_loaded = None
            self.open_file(pid)

    def _rows_replaced(self) -> None:
        self._open_when_loaded = None  # another list now: the row pressed is no longer there
        self._visible_rows_changed()

    def open_selected(self) -> None:
        """Open the file of the current row."""
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)

    def open_file(self, participant_id: str) -> ParticipantFileWindow:
        """Show the participant's file; a second request focuses the window already open."""
        window = self.windows.get(participant_id)
        if window is None:
            window = ParticipantFileWindow(self._ctx, participant_id, self.window())
            window.closed.connect(self._forget_window)
            self.windows[participant_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _forget_window(self, participant_id: str) -> None:
        self.windows.pop(participant_id, None)

    def new_participant(self) -> NewParticipantDialog | None:
        """Ctrl+N: register a participant (not for viewers)."""
        if not can_write(self._ctx.session.role):
            return None
        dialog = NewParticipantDialog(self._ctx, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_existing.connect(self.open_file)
        dialog.open()
        return dialog

    def has_unsaved_changes(self) -> bool:
        """True when any open participant file holds unsaved edits (the shell asks before quitting)."""
        return any(w.is_dirty() for w in self.windows.values())

    def open_windows(self) -> list[ParticipantFileWindow]:
        """Participant file windows currently open."""
        return list(self.windows.values())

    # -- remembered layout ------------------------------------------------------------------------

    def save_state(self, settings: Settings) -> None:
        """Column widths and sort order (no personal data)."""
        settings.set_area_state(AREA_ID, bytes(self.table.horizontalHeader().saveState().data()))

    def restore_state(self, settings: Settings) -> None:
        """Restore column widths and sort order; the sort is applied in SQL."""
        blob = settings.area_state(AREA_ID)
        header = self.table.horizontalHeader()
        if not blob or not header.restoreState(QByteArray(blob)):
            return
        column = header.sortIndicatorSection()
        if column not in COLUMN_FOR_SORT.values():
            header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

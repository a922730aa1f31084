"""The participants area: debounced search, status/sector filters, the lazy table, and the open file windows.

Nothing here reads the vault on the GUI thread: the count, the pages and the sector list come from the worker.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.messages import count_text
from dmi_desktop.domain.models import Participant, ParticipantRow
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
    ParticipantTableModel,
)
from dmi_desktop.ui.participants import list_menus
from dmi_desktop.ui.participants.empty_result import EmptyResult
from dmi_desktop.ui.participants.file_window import ParticipantFileWindow
from dmi_desktop.ui.participants.follow_up_note import FollowUpNote
from dmi_desktop.ui.participants.list_columns import ListColumns, user_key
from dmi_desktop.ui.participants.list_query_controls import QueryControls
from dmi_desktop.ui.participants.new_participant_dialog import NewParticipantDialog
from dmi_desktop.ui.participants.status_dialog import StatusChangeDialog, start_status_change
from dmi_desktop.ui.participants.views_menu import ViewsButton
from dmi_desktop.ui.widgets.row_table import configure_row_table

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext
    from dmi_desktop.ui.settings import Settings

log = logging.getLogger(__name__)

AREA_ID = "participants"
SEARCH_DEBOUNCE_MS = 250
# Above SEARCH_COUNT_CAP matches a search's count is shown as "more than 10 000 results": nobody reads further
# than that, and the exact figure would only suggest a search worth refining. The service stops counting there.


class ParticipantsWidget(QueryControls, QWidget):
    """Search, filter and browse participants; opens one file window per participant."""

    notice = Signal(str)  # a remark for the status bar (e.g. the filter hides a participant just created)

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
        # The filters may narrow to a few letters each: the Views button must not make the window wider.
        self.status_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_filter.setMinimumContentsLength(10)
        self.sector_filter = QComboBox(self)
        self.sector_filter.setMinimumContentsLength(14)
        self.sector_filter.addItem(self.tr("All sectors"), "")  # the sectors in use follow from the worker
        self.count_label = QLabel(self)
        self.count_label.setObjectName("participantCount")
        # As wide as its longest text from the start: the count arrives later and must not shift the layout.
        widest = self.tr("more than {count} results").format(count=count_text(SEARCH_COUNT_CAP))
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(widest) + 4)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.model = ParticipantTableModel(ctx, self)
        self.table = self._make_table()
        self.columns = ListColumns(self.table, ctx.settings, AREA_ID, user_key(ctx.session.folder, ctx.session.user))
        self.views = ViewsButton(ctx, self.current_query, self.apply_view, self)
        self.empty = EmptyResult(self.table.viewport())
        self.empty.clear_button.clicked.connect(self.clear_filters)
        self.row_menu: QMenu | None = None  # the context menu open now (tests read it)
        self.status_dialog: StatusChangeDialog | None = None
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.sector_filter, 1)
        filters.addWidget(self.views)
        filters.addWidget(self.count_label)
        self.follow_up_note = FollowUpNote(self)
        self.follow_up_note.cleared.connect(self.clear_follow_up)
        # Tab goes along the filters into the list, as they read from left to right.
        for first, second in (
            (self.search, self.status_filter),
            (self.status_filter, self.sector_filter),
            (self.sector_filter, self.views),
            (self.views, self.table),
        ):
            QWidget.setTabOrder(first, second)
        self.search.installEventFilter(self)
        self.notice.connect(self._show_notice)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.follow_up_note)
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
        self.model.modelReset.connect(self._update_empty)
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
        configure_row_table(table, row_padding=10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu_requested)
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
            text = self.tr("more than {count} results").format(count=count_text(SEARCH_COUNT_CAP))
        elif n == 1:
            text = self.tr("1 participant")
        else:
            text = self.tr("{count} participants").format(count=count_text(n))
        self.count_label.setText(text)

    def _show_notice(self, text: str) -> None:
        bar = getattr(self.window(), "statusBar", None)  # the main window's; a bare widget (tests) has none
        if callable(bar):
            bar().showMessage(text, 10_000)

    def _update_empty(self) -> None:
        if self.model.rowCount() == 0:
            self.empty.show_for(self.model.shown_query)
        else:
            self.empty.hide()

    # -- keyboard and context menus -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys of the search box and the table, context menus of the rows; a resized table reads what comes
        into sight."""
        kind = event.type()
        if watched is self.table.viewport() and kind == QEvent.Type.Resize:
            self._visible_rows_changed()
            if self.empty.isVisible():
                self.empty.setGeometry(self.table.viewport().rect())
        elif watched is self.search and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._search_key(event)
        elif watched is self.table and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
            shift_f10 = event.key() == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
            if shift_f10 or event.key() == Qt.Key.Key_Menu:  # not every platform turns these into a menu event
                self._current_row_menu()
                return True
        elif kind == QEvent.Type.ContextMenu and watched in (self.table, self.table.viewport()):
            assert isinstance(event, QContextMenuEvent)
            if event.reason() == QContextMenuEvent.Reason.Keyboard or watched is self.table:
                self._current_row_menu()
            else:
                self.show_row_menu(self.table.indexAt(event.pos()), self.table.viewport().mapTo(self, event.pos()))
            return True
        return super().eventFilter(watched, event)

    def _current_row_menu(self) -> None:
        # From the keyboard: the menu of the current row, shown at that row.
        index = self.table.currentIndex()
        self.show_row_menu(index, self.table.viewport().mapTo(self, self.table.visualRect(index).center()))

    def _search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            self.run_query()  # at once: nothing left to wait for
            return True
        if key == Qt.Key.Key_Down and self.model.rowCount() > 0:
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            self.table.selectRow(0)
            self.table.setCurrentIndex(self.model.index(0, self.table.horizontalHeader().logicalIndex(0)))
            return True
        return False

    def show_row_menu(self, index: QModelIndex, at: QPoint) -> QMenu | None:
        """The context menu of the row at ``index`` (which becomes the current row), at ``at`` in this widget."""
        if not index.isValid():
            return None
        self.table.setCurrentIndex(index)
        menu = list_menus.row_menu(self, self.model.row_at(index.row()))
        self.row_menu = menu
        list_menus.popup(menu, self, at)
        return menu

    def _header_menu_requested(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = list_menus.header_menu(self, header.logicalIndexAt(pos))
        self.row_menu = menu
        list_menus.popup(menu, header, pos)

    def change_status_of(self, row: ParticipantRow) -> StatusChangeDialog | None:
        """The status dialog for a row of the list (the same one the file window opens)."""
        if not can_write(self._ctx.session.role):
            return None
        dialog = start_status_change(self._ctx, self.window(), row.id, row.status, row.full_name)
        self.status_dialog = dialog
        return dialog

    # -- opening files ---------------------------------------------------------------------------

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
        dialog.created.connect(self._created)
        dialog.open_existing.connect(self.open_file)
        dialog.open()
        return dialog

    def _created(self, participant: Participant) -> None:
        """A new file opens at once; if the list's filters hide it, the status bar says so."""
        self.open_file(participant.id)
        ctx, query = self._ctx, self.model.query

        def job(_task: object) -> bool:
            return not ctx.session.is_open or ctx.session.participants.includes(query, participant.id)

        def done(shown: bool) -> None:
            if not shown and shiboken6.isValid(self):
                self.notice.emit(
                    self.tr("Case {case_no} was created, but the current filters hide it from the list.").format(
                        case_no=participant.case_no
                    )
                )

        ctx.worker.submit(job, done, lambda _exc: None)  # the file is open either way

    def has_unsaved_changes(self) -> bool:
        """True when any open participant file holds unsaved edits (the shell asks before quitting)."""
        return any(w.is_dirty() for w in self.windows.values())

    def open_windows(self) -> list[ParticipantFileWindow]:
        """Participant file windows currently open."""
        return list(self.windows.values())

    # -- remembered layout ------------------------------------------------------------------------

    def save_state(self, settings: Settings) -> None:
        """Columns shown, their order and widths, and the sort order, for this user (no personal data)."""
        self.columns.settings = settings
        self.columns.save()

    def restore_state(self, settings: Settings) -> None:
        """Restore this user's columns and sort order; the sort is applied in SQL."""
        self.columns.settings = settings
        if self.columns.restore():
            header = self.table.horizontalHeader()
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

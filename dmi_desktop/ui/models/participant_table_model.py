"""Lazy table model of the participants list: the count and 200-row pages are read on the worker thread."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QGuiApplication, QPalette

from dmi_desktop.domain.models import ParticipantRow
from dmi_desktop.domain.status import label
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.models.formatting import display_rut, format_date
from dmi_desktop.ui.models.page_requests import PageRequests
from dmi_desktop.ui.participants.labels import field_label

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex

COL_CASE_NO, COL_NAME, COL_ALIAS, COL_RUT, COL_SECTOR, COL_STATUS, COL_LAST_CHECKIN = range(7)
COLUMN_COUNT = 7
# The registry field each column shows (its header is the field's label); the name column joins three.
COLUMN_FIELDS = {
    COL_CASE_NO: "case_no",
    COL_ALIAS: "alias",
    COL_RUT: "rut",
    COL_SECTOR: "sector",
    COL_STATUS: "status",
    COL_LAST_CHECKIN: "last_checkin",
}
# Column -> ParticipantQuery sort key; sorting always happens in SQL (DESIGN §8: never sort 100 000 rows in Python).
SORT_KEYS = {
    COL_CASE_NO: "case_no",
    COL_NAME: "name",
    COL_ALIAS: "alias",
    COL_RUT: "rut",
    COL_SECTOR: "sector",
    COL_STATUS: "status",
    COL_LAST_CHECKIN: "last_checkin",
}
COLUMN_FOR_SORT = {key: col for col, key in SORT_KEYS.items()}

ParticipantIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2

PAGE_SIZE = 200
MAX_CACHED_PAGES = 40  # 8 000 rows in memory at most, whatever the size of the vault
PRELOADED_PAGES = 3  # pages in sight read together with a new count, so a re-sort does not flash placeholders
PLACEHOLDER = "…"  # shown, greyed, in a row whose page is still being read

# data() runs for every role of every visible cell on each frame: plain ints and constants keep it cheap.
_DISPLAY, _FOREGROUND = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ForegroundRole)
_ROLES = frozenset(int(r) for r in (_DISPLAY, Qt.ItemDataRole.ToolTipRole, ParticipantIdRole, StatusRole))
_ANSWERED = _ROLES | {_FOREGROUND}
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

QueryResult = tuple[int, dict[int, list[ParticipantRow]]]  # count, pages read with it


class ParticipantTableModel(QAbstractTableModel):
    """The participants list; rows come from ``ctx.session.participants`` one page at a time, on the worker.

    Every request carries a generation: a new query (search, filter, sort) or a refresh bumps it, and
    whatever arrives for an older one is dropped. Rows whose page has not arrived show a greyed
    placeholder; when it arrives, ``dataChanged`` repaints that range.
    """

    load_failed = Signal(object)  # the exception of a count or page read (the area shows it; models never do)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._query = ParticipantQuery()  # the latest query asked for
        self._shown = self._query  # the query whose count and pages are held
        self._generation = 0  # of the latest request
        self._shown_generation = 0  # of the data held; differs from _generation while a query is on its way
        self._failed_generation = -1  # a page read failed: no retry loop until the next query
        self._count = 0
        self._pages: OrderedDict[int, list[ParticipantRow]] = OrderedDict()
        self._requests = PageRequests()
        self._fetching = False  # one page read in flight at most; the next decides its pages when it runs
        self._visible_pages: range = range(0, 1)
        self._greyed = QBrush(QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        ctx.hub.changed.connect(self.on_changed)
        ctx.hub.locked.connect(self._forget)
        ctx.hub.unlocked.connect(self.refresh)

    # -- the query ------------------------------------------------------------------------

    @property
    def query(self) -> ParticipantQuery:
        """Filters and order asked for last (shown once its count arrives)."""
        return self._query

    @property
    def shown_query(self) -> ParticipantQuery:
        """Filters and order of the rows held now."""
        return self._shown

    def loading(self) -> bool:
        """True while a count or a page is on its way."""
        return self._shown_generation != self._generation or self._fetching

    def set_query(self, query: ParticipantQuery) -> None:
        """Show another filter/order: counted on the worker; the rows held stay until the count arrives."""
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Re-count on the worker, with the pages in sight; an older request still queued is skipped."""
        ctx = self._ctx
        if not ctx.session.is_open:
            return
        self._generation += 1
        generation, query = self._generation, self._query
        pages = sorted({0, *self._visible_pages})[:PRELOADED_PAGES]

        def job(_task: object) -> QueryResult | None:
            if generation != self._generation or not ctx.session.is_open:
                return None  # superseded before it ran (the user typed on), or locked meanwhile
            service = ctx.session.participants
            count = service.count(query, capped=True)  # "more than 10 000": the list shows the first 10 001
            read = {p: service.rows(query, p * PAGE_SIZE, PAGE_SIZE) for p in pages if p * PAGE_SIZE < count}
            return count, read

        ctx.worker.submit(
            job, lambda result: self._show(generation, query, result), lambda exc: self._failed(generation, exc)
        )

    def _show(self, generation: int, query: ParticipantQuery, result: QueryResult | None) -> None:
        if result is None or generation != self._generation:
            return  # a newer request is on its way (or the vault locked)
        count, pages = result
        self.beginResetModel()
        self._shown, self._shown_generation, self._count = query, generation, count
        self._pages = OrderedDict(pages)
        self._requests.reset(generation)
        self.endResetModel()

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            log.info("participant list read failed: %s", type(exc).__name__)
            self.load_failed.emit(exc)

    def _forget(self) -> None:
        # Locked: drop cached personal data from memory and ignore reads still on their way; the count stays
        # so the view keeps its shape, and unlocking counts again.
        self._generation += 1
        self._shown_generation = self._generation
        self._requests.reset(self._generation)
        self._pages.clear()

    def set_visible_rows(self, first: int, last: int) -> None:
        """The rows in sight (the view says so on every scroll): pages wanted elsewhere are no longer read."""
        self._visible_pages = range(max(0, first) // PAGE_SIZE, max(0, last) // PAGE_SIZE + 1)
        # The pages on either side are read ahead: scrolling on reaches rows already here, painted once
        # instead of as placeholders first (a second paint per page boundary, measured in the stalls).
        around = range(max(0, self._visible_pages.start - 1), self._visible_pages.stop + 1)
        self._requests.keep_only(around)
        for page_no in (around[0], around[-1]):
            if page_no not in self._pages and page_no * PAGE_SIZE < self._count:
                self._want(page_no)

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Number of matching participants (flat list: children have none)."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Seven named columns."""
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        """Cell text, participant id and status for the custom roles; a greyed placeholder until the page arrives."""
        if role not in _ANSWERED:
            return None
        number = index.row()  # -1 for an invalid index
        if not 0 <= number < self._count:
            return None
        if role == _FOREGROUND:
            return None if self._cached(number) is not None else self._greyed
        row = self.row_at(number)
        if row is None:
            return PLACEHOLDER if role == _DISPLAY else None
        if role == ParticipantIdRole:
            return row.id
        if role == StatusRole:
            return row.status.value
        return self._cell(row, index.column())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles (rows are unnumbered: the case number identifies them)."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == COL_NAME:
            return self.tr("Name")  # the full name, not a field of its own
        name = COLUMN_FIELDS.get(section)
        return field_label(name) if name else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Selectable, read-only rows (editing happens in the participant file)."""
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column in SQL, on the worker (a new query; the model resets when its rows arrive)."""
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))

    # -- rows ---------------------------------------------------------------------------------

    def row_at(self, row: int) -> ParticipantRow | None:
        """The list row at ``row`` if its page is here; otherwise None, and the page is asked of the worker."""
        found = self._cached(row)
        if found is None and 0 <= row < self._count:
            self._want(row // PAGE_SIZE)
        return found

    def participant_id(self, row: int) -> str:
        """Id of the participant shown at ``row`` ("" while its page is on its way)."""
        found = self.row_at(row)
        return found.id if found else ""

    def row_of(self, participant_id: str) -> int:
        """Row of a participant among the cached pages, or -1."""
        for page_no, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == participant_id:
                    return page_no * PAGE_SIZE + offset
        return -1

    def cached_pages(self) -> list[int]:
        """Page numbers held in memory (least recently used first)."""
        return list(self._pages)

    def _cached(self, row: int) -> ParticipantRow | None:
        page_no, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(page_no)
        if page is None:
            return None
        self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def _want(self, page_no: int) -> None:
        if self._shown_generation == self._failed_generation or not self._ctx.session.is_open:
            return
        self._requests.want(page_no)
        if not self._fetching and self._shown_generation == self._generation:
            self._fetch_wanted()

    def _fetch_wanted(self) -> None:
        # The pages are decided when the read starts, not now: a drag over the scrollbar queues one read that
        # fetches only what is in sight by then (set_visible_rows drops the rest).
        ctx, requests = self._ctx, self._requests
        generation, query = self._shown_generation, self._shown
        self._fetching = True

        def job(_task: object) -> tuple[int, dict[int, list[ParticipantRow]]]:
            pages = requests.take(generation)
            if not pages or not ctx.session.is_open:
                return generation, {}
            service = ctx.session.participants
            return generation, {p: service.rows(query, p * PAGE_SIZE, PAGE_SIZE) for p in pages}

        ctx.worker.submit(job, self._pages_arrived, lambda exc: self._pages_failed(generation, exc))

    def _pages_arrived(self, result: tuple[int, dict[int, list[ParticipantRow]]]) -> None:
        self._fetching = False
        generation, pages = result
        if generation == self._shown_generation:
            for page_no, rows in pages.items():
                self._store(page_no, rows)
                if rows:
                    first = page_no * PAGE_SIZE
                    last = min(first + len(rows), self._count) - 1
                    self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))
        if self._requests.pending() and self._shown_generation == self._generation:
            self._fetch_wanted()

    def _pages_failed(self, generation: int, exc: Exception) -> None:
        self._fetching = False
        if generation == self._shown_generation:
            self._failed_generation = generation  # placeholders stay; a refresh or a new query tries again
            log.info("participant page read failed: %s", type(exc).__name__)
            self.load_failed.emit(exc)

    def _store(self, page_no: int, rows: list[ParticipantRow]) -> None:
        self._pages[page_no] = rows
        self._pages.move_to_end(page_no)
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)

    def _cell(self, row: ParticipantRow, column: int) -> str | None:
        if column == COL_CASE_NO:
            return row.case_no
        if column == COL_NAME:
            return row.full_name
        if column == COL_ALIAS:
            return row.alias
        if column == COL_RUT:
            return display_rut(row.rut)
        if column == COL_SECTOR:
            return row.sector
        if column == COL_STATUS:
            return label(row.status)
        if column == COL_LAST_CHECKIN:
            return format_date(row.last_checkin)
        return None

    # -- reacting to writes ---------------------------------------------------------------------

    def on_changed(self, changes: Changes) -> None:
        """Refresh only what a committed write touched; creations and bulk imports re-count."""
        if changes.entity == "participant":
            if changes.kind in (ChangeKind.UPDATED, ChangeKind.STATUS):
                self._refresh_rows(set(changes.ids))
            else:
                self.refresh()
        elif changes.entity == "checkins" and changes.participant_id:
            self._refresh_rows({changes.participant_id})  # the last check-in column follows its check-ins

    def _refresh_rows(self, ids: set[str]) -> None:
        ctx = self._ctx
        if not ctx.session.is_open or self._shown_generation != self._generation:
            return  # a query on its way will show the edit anyway
        generation, query, count = self._generation, self._shown, self._count
        pages = [n for n, page in self._pages.items() if ids & {r.id for r in page}]

        def job(_task: object) -> dict[int, list[ParticipantRow]] | None:
            if not ctx.session.is_open:
                return {}  # locked meanwhile: unlocking counts again
            service = ctx.session.participants
            if service.count(query, capped=True) != count:
                return None  # the edit moved someone in or out of the filter
            return {n: service.rows(query, n * PAGE_SIZE, PAGE_SIZE) for n in pages}

        def done(read: dict[int, list[ParticipantRow]] | None) -> None:
            if generation != self._generation:
                return
            if read is None:
                self.refresh()
                return
            for page_no, new in read.items():
                old = self._pages.get(page_no)
                if old is None:
                    continue  # evicted meanwhile: it is read again when seen
                if [r.id for r in new] != [r.id for r in old]:
                    self.refresh()  # the order changed (e.g. a renamed participant under name sort)
                    return
                self._pages[page_no] = new
                first = page_no * PAGE_SIZE
                self.dataChanged.emit(
                    self.index(first, 0),
                    self.index(first + len(new) - 1, COLUMN_COUNT - 1),
                    [Qt.ItemDataRole.DisplayRole, StatusRole],
                )

        ctx.worker.submit(job, done, lambda exc: self._failed(generation, exc))

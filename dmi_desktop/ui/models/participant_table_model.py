"""Lazy table model of the participants list: knows the count, fetches 200-row pages from SQL on demand."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from dmi_desktop.domain.models import ParticipantRow
from dmi_desktop.domain.status import label
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.models.formatting import display_rut, format_date
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


class ParticipantTableModel(QAbstractTableModel):
    """The participants list; rows come from ``ctx.session.participants`` one page at a time."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._query = ParticipantQuery()
        self._count = 0
        self._pages: OrderedDict[int, list[ParticipantRow]] = OrderedDict()
        ctx.hub.changed.connect(self.on_changed)
        ctx.hub.locked.connect(self._forget)
        ctx.hub.unlocked.connect(self.refresh)

    # -- the query ------------------------------------------------------------------------

    @property
    def query(self) -> ParticipantQuery:
        """Filters and order currently shown."""
        return self._query

    def set_query(self, query: ParticipantQuery) -> None:
        """Show another filter/order: re-count and start again from an empty cache."""
        self._query = query
        self.refresh()

    def apply_result(self, query: ParticipantQuery, count: int, first_page: list[ParticipantRow]) -> None:
        """Show a query whose count and first page were already read (off the GUI thread by the area)."""
        self.beginResetModel()
        self._query = query
        self._count = count
        self._pages.clear()
        if first_page:
            self._pages[0] = list(first_page)
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the count; pages load again as the view asks for them."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._read_count()
        self.endResetModel()

    def _forget(self) -> None:
        # Locked: drop cached personal data from memory; the count stays so the view keeps its shape.
        self._pages.clear()

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Number of matching participants (flat list: children have none)."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Seven named columns."""
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, participant id and status for the custom roles."""
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ParticipantIdRole, StatusRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
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
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column in SQL (a new query, model reset)."""
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))

    # -- rows ---------------------------------------------------------------------------------

    def row_at(self, row: int) -> ParticipantRow | None:
        """The list row at ``row``, loading its page if needed (None while the vault is locked)."""
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch_page(page_no)
            if page is None:
                return None
        else:
            self._pages.move_to_end(page_no)
        offset = row - page_no * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def participant_id(self, row: int) -> str:
        """Id of the participant shown at ``row`` ("" when unknown)."""
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

    def _fetch_page(self, page_no: int) -> list[ParticipantRow] | None:
        session = self._ctx.session
        if not session.is_open:
            return None
        page = session.participants.rows(self._query, page_no * PAGE_SIZE, PAGE_SIZE)
        self._pages[page_no] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def _read_count(self) -> int:
        session = self._ctx.session
        return session.participants.count(self._query) if session.is_open else 0

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
        if not self._ctx.session.is_open:
            return
        if self._read_count() != self._count:  # the edit moved someone in or out of the filter
            self.refresh()
            return
        for page_no in [n for n, page in self._pages.items() if ids & {r.id for r in page}]:
            old = self._pages[page_no]
            new = self._ctx.session.participants.rows(self._query, page_no * PAGE_SIZE, PAGE_SIZE)
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

"""Which columns the participants list shows, in which order and width: chosen per user, kept in QSettings.

Column choices are not personal data; the user is named in the settings key only through a hash.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from dmi_desktop.ui.models.participant_table_model import COL_NAME, COLUMN_FOR_SORT
from dmi_desktop.ui.settings import Settings


def user_key(folder: Path | str, user: str) -> str:
    """A stable, non-reversible key for one user of one vault."""
    return hashlib.sha256(f"{folder}\0{user}".encode()).hexdigest()[:16]


class ListColumns(QObject):
    """Show, hide, move and reset the table's columns; every change is saved at once under ``key``."""

    def __init__(self, table: QTableView, settings: Settings, area_id: str, key: str) -> None:
        super().__init__(table)
        self.table = table
        self.settings = settings
        self.area_id = area_id
        self.key = key
        self.header: QHeaderView = table.horizontalHeader()
        self.header.setSectionsMovable(True)  # drag a header to reorder; the header menu does it by keyboard
        self._default = self.header.saveState()
        self._restoring = False
        self.header.sectionMoved.connect(lambda *_a: self.changed())

    @property
    def state_name(self) -> str:
        """The settings entry of this user's columns."""
        return f"{self.area_id}.{self.key}"

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column (the name column always shows: a list without names identifies nobody)."""
        if column == COL_NAME and not shown:
            return
        self.header.setSectionHidden(column, not shown)
        self.changed()

    def neighbour(self, column: int, step: int) -> int:
        """Visual index of the next shown column left (-1) or right (+1) of ``column``; -1 when none."""
        visual = self.header.visualIndex(column) + step
        while 0 <= visual < self.header.count():
            if not self.header.isSectionHidden(self.header.logicalIndex(visual)):
                return visual
            visual += step
        return -1

    def move(self, column: int, step: int) -> bool:
        """Move a column past its next shown neighbour; False when it is already at that end."""
        target = self.neighbour(column, step)
        if target < 0:
            return False
        self.header.moveSection(self.header.visualIndex(column), target)
        return True

    def reset(self) -> None:
        """Every column shown, in the original order and widths; the list's order stays as it is."""
        column, order = self.header.sortIndicatorSection(), self.header.sortIndicatorOrder()
        self.table.setSortingEnabled(False)  # restoring the default sort indicator must not re-sort
        self._restoring = True
        self.header.restoreState(self._default)
        self._restoring = False
        self.header.setSortIndicator(column, order)
        self.table.setSortingEnabled(True)  # the model already has this order: no new query
        self.changed()

    def changed(self) -> None:
        """Remember the layout now (it survives a crash or a lock)."""
        if not self._restoring:
            self.save()

    def save(self) -> None:
        """Store the header's state for this user."""
        self.settings.set_area_state(self.state_name, bytes(self.header.saveState().data()))

    def restore(self) -> bool:
        """Apply this user's saved layout; False when there is none (or it does not fit this version)."""
        blob = self.settings.area_state(self.state_name)
        self._restoring = True
        try:
            restored = bool(blob) and self.header.restoreState(QByteArray(blob))
        finally:
            self._restoring = False
        if restored:
            self.header.setSectionHidden(COL_NAME, False)
            if self.header.sortIndicatorSection() not in COLUMN_FOR_SORT.values():
                self.header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        return restored

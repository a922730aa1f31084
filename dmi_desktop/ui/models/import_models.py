"""Table models of the import preview: the first rows as they will be stored, and every row error."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from dmi_desktop.ui.models.formatting import display_rut, format_date

AnyIndex = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 100  # a preview, not the import: enough to recognise the data


class ImportRowsModel(QAbstractTableModel):
    """Valid rows of the file (cleaned): their line, what the import does with them, one column per mapped field."""

    COL_LINE, COL_ACTION = range(2)
    FIRST_FIELD = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fields: list[str] = []
        self._labels: dict[str, str] = {}
        self._rows: list[dict[str, Any]] = []
        self._lines: list[int] = []
        self._actions: list[str] = []

    def set_preview(
        self, fields: list[str], labels: dict[str, str], rows: list[dict], lines: list[int], actions: list[str]
    ) -> None:
        """Show the first rows of a preview (``actions``: new, update or unchanged for each row)."""
        self.beginResetModel()
        self._fields = list(fields)
        self._labels = dict(labels)
        self._rows = list(rows[:PREVIEW_ROWS])
        self._lines = list(lines[:PREVIEW_ROWS])
        self._actions = list(actions[:PREVIEW_ROWS])
        self.endResetModel()

    def action_words(self) -> dict[str, str]:
        """What the import does with a row, in words."""
        return {"new": self.tr("New"), "update": self.tr("Update"), "unchanged": self.tr("Unchanged")}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Rows shown (at most PREVIEW_ROWS)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Line, action, then one column per mapped field."""
        return 0 if parent.isValid() else len(self._fields) + self.FIRST_FIELD

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Values as the participant list will show them."""
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid() or index.row() >= len(self._rows):
            return None
        if index.column() == self.COL_LINE:
            return str(self._lines[index.row()]) if index.row() < len(self._lines) else ""
        if index.column() == self.COL_ACTION:
            action = self._actions[index.row()] if index.row() < len(self._actions) else ""
            return self.action_words().get(action, action)
        name = self._fields[index.column() - self.FIRST_FIELD]
        value = self._rows[index.row()].get(name)
        if isinstance(value, date):
            return format_date(value)
        if name == "rut" and value:
            return display_rut(str(value))
        return "" if value is None else str(getattr(value, "value", value))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """ "Line", "Action", then the field labels."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == self.COL_LINE:
            return self.tr("Line")
        if section == self.COL_ACTION:
            return self.tr("Action")
        index = section - self.FIRST_FIELD
        name = self._fields[index] if 0 <= index < len(self._fields) else ""
        return self._labels.get(name, name)


class RowErrorsModel(QAbstractTableModel):
    """Every problem found: line (as the spreadsheet numbers it), the file's column, and why."""

    COL_LINE, COL_COLUMN, COL_REASON = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._errors: list[Any] = []

    def set_errors(self, errors: list[Any]) -> None:
        """Show the preview's RowError list."""
        self.beginResetModel()
        self._errors = list(errors)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Number of errors."""
        return 0 if parent.isValid() else len(self._errors)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Line, column, reason."""
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text (the reason also as tooltip)."""
        if not index.isValid() or index.row() >= len(self._errors):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        error = self._errors[index.row()]
        reason = str(error.reason)
        values = (str(error.line), str(error.column), reason[:1].upper() + reason[1:])
        return values[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Line, column, problem."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = [self.tr("Line"), self.tr("Column"), self.tr("Problem")]
        return titles[section] if 0 <= section < len(titles) else None

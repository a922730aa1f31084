"""Table model of a participant's history (status changes and audited edits): when, who, what, before → after."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from dmi_desktop.domain.fields import Field, Kind, all_fields, find_field
from dmi_desktop.domain.models import HistoryEvent
from dmi_desktop.domain.status import LABELS, Status, label
from dmi_desktop.ui.models.formatting import display_rut, format_date, format_iso_timestamp, yes_no
from dmi_desktop.ui.participants.labels import action_words, choice_labels, field_labels

AnyIndex = QModelIndex | QPersistentModelIndex
COL_WHEN, COL_USER, COL_ACTION, COL_CHANGES = range(4)
# Identifiers that mean nothing to a reader of the history.
HIDDEN_FIELDS = frozenset({"participant_id", "id", "created_hlc", "updated_hlc", "origin", "deleted"})
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def describe_value(entity: str, name: str, value: Any) -> str:
    """A stored audit value as a reader expects to see it (by the field's kind in the registry)."""
    spec = find_field(entity, name)
    if value is None or value == "":
        return "—"
    if spec is not None and spec.kind is Kind.BOOL:
        return yes_no(bool(value))
    if spec is not None and spec.kind is Kind.RUT:
        return display_rut(str(value))  # 21.097.352-4, as everywhere a RUT is shown
    if spec is not None and spec.kind is Kind.STATUS and value in {s.value for s in LABELS}:
        return label(Status(value))
    if spec is not None and spec.choices is not None:
        return choice_labels(spec.choices).get(str(value), str(value))
    if name == "photo":
        return describe_photo(str(value))
    if spec is not None and spec.kind is Kind.DATES and isinstance(value, str) and value.startswith("["):
        return ", ".join(describe_value(entity, "", v) for v in json.loads(value)) or "—"
    if isinstance(value, str) and _ISO_DAY.match(value):
        return format_date(date.fromisoformat(value))
    return " / ".join(line.strip() for line in str(value).splitlines() if line.strip())  # one line per cell


def _is_bool(entity: str, name: str) -> bool:
    spec: Field | None = find_field(entity, name)
    return spec is not None and spec.kind is Kind.BOOL


def describe_photo(value: str) -> str:
    """ "set"/"removed" of a photo change."""
    from PySide6.QtCore import QCoreApplication

    if value == "removed":
        return QCoreApplication.translate("HistoryTableModel", "removed")
    return QCoreApplication.translate("HistoryTableModel", "new photo")


def field_order(entity: str) -> list[str]:
    """Fields in registry order, then a status change's reason and the photo (the audit stores them by name)."""
    try:
        names = [f.name for f in all_fields(entity)]
    except KeyError:
        names = []
    return [*names, "reason", "photo"]


def describe_changes(entry: HistoryEvent) -> str:
    """``Field: before → after`` for each field the entry touched; just the fields' names when the audit kept
    no values (a creation: the values are the file itself) or they were erased."""
    from PySide6.QtCore import QCoreApplication

    before, after = entry.before or {}, entry.after or {}
    order = {name: i for i, name in enumerate(field_order(entry.entity))}
    if entry.batch_size or entry.batch_file:
        text = ""
        if entry.batch_size > 1:
            text = QCoreApplication.translate("HistoryTableModel", "batch of {n} files").format(n=entry.batch_size)
        if entry.batch_file:
            source = QCoreApplication.translate("HistoryTableModel", "from {file}").format(file=entry.batch_file)
            text = f"{source} · {text}" if text else source
        return text
    if entry.before is None and entry.after is None:
        if entry.erased:
            return QCoreApplication.translate("HistoryTableModel", "(details erased)")
        shown = sorted((n for n in entry.fields if n not in HIDDEN_FIELDS), key=lambda n: (order.get(n, len(order)), n))
        labels = field_labels(entry.entity)
        return ", ".join(labels.get(n, n) for n in shown)
    names = sorted({*before, *after}, key=lambda n: (order.get(n, len(order)), n))
    parts = []
    labels = field_labels(entry.entity)
    for name in names:
        if name in HIDDEN_FIELDS:
            continue
        caption = labels.get(name, name)
        new = describe_value(entry.entity, name, after.get(name))
        if entry.before is None:
            if after.get(name) in (None, "", 0, "[]") and not _is_bool(entry.entity, name):
                continue
            parts.append(f"{caption}: {new}")
        elif entry.after is None:
            parts.append(f"{caption}: {describe_value(entry.entity, name, before.get(name))}")
        elif name in before:
            parts.append(f"{caption}: {describe_value(entry.entity, name, before.get(name))} → {new}")
        else:
            parts.append(f"{caption}: {new}")  # e.g. the reason of a status change
    return " · ".join(parts)  # values may hold "; " themselves


class HistoryTableModel(QAbstractTableModel):
    """History events of one participant, newest first (read-only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEvent] = []
        self._changes: list[str] = []

    def set_entries(self, entries: list[HistoryEvent]) -> None:
        """Replace the entries shown."""
        self.beginResetModel()
        self._entries = list(entries)
        self._changes = [describe_changes(e) for e in self._entries]
        self.endResetModel()

    def entry(self, row: int) -> HistoryEvent:
        """The history event at ``row``."""
        return self._entries[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Number of entries."""
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """When, user, action, changes."""
        return 0 if parent.isValid() else 4

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text; the full change text also as tooltip."""
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if column == COL_WHEN:
            return format_iso_timestamp(entry.at)
        if column == COL_USER:
            return entry.user
        if column == COL_ACTION:
            return action_words(entry.action)
        if column == COL_CHANGES:
            return self._changes[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = [self.tr("When"), self.tr("User"), self.tr("Action"), self.tr("Changes")]
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Read-only rows."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

"""Small table models for the lists inside a participant file (influentials, reviews, referrals…)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from dmi_desktop.domain.models import CheckIn, CheckInMethod, EligibilityReview, Influential, Note, Referral, Violation
from dmi_desktop.ui.models.formatting import format_date, format_hlc, yes_no
from dmi_desktop.ui.participants.labels import (
    decision_labels,
    field_label,
    open_choice_text,
    referral_kind_labels,
    referral_status_labels,
)

AnyIndex = QModelIndex | QPersistentModelIndex
RecordIdRole = Qt.ItemDataRole.UserRole + 1


class RecordTableModel(QAbstractTableModel):
    """A few records of one kind held in memory (a file has tens, not thousands); subclasses name columns."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def headers(self) -> list[str]:
        """Translated column titles."""
        raise NotImplementedError

    def cell(self, record: Any, column: int) -> str:
        """Text of one cell."""
        raise NotImplementedError

    def set_rows(self, rows: list[Any]) -> None:
        """Replace the records shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> Any:
        """The record at ``row``."""
        return self._rows[row]

    def records(self) -> list[Any]:
        """Every record shown, in order."""
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Number of records."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of named columns."""
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text (also as tooltip, for long notes) and the record id."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == RecordIdRole:
            return record.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(record, index.column())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Read-only rows; edits go through the record dialog."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class InfluentialTableModel(RecordTableModel):
    """Family, partners and mentors to visit."""

    COL_NAME, COL_RELATIONSHIP, COL_PHONE, COL_VISITED = range(4)

    def headers(self) -> list[str]:
        """Name, relationship, phone, visited on."""
        return [
            field_label("name", "influentials"),
            field_label("relationship", "influentials"),
            field_label("phone", "influentials"),
            field_label("visited_on", "influentials"),
        ]

    def cell(self, record: Influential, column: int) -> str:
        """Text of one cell."""
        values = (record.name, record.relationship, record.phone, format_date(record.visited_on))
        return values[column]


class ReviewTableModel(RecordTableModel):
    """Eligibility reviews, newest last."""

    COL_DATE, COL_DECISION, COL_SUGGESTED, COL_REVIEWER = range(4)

    def headers(self) -> list[str]:
        """Date, decision, suggested decision, reviewer."""
        return [
            field_label("review_date", "eligibility_reviews"),
            field_label("decision", "eligibility_reviews"),
            QCoreApplication.translate("RecordTableModel", "Suggested by the criteria"),
            field_label("reviewer", "eligibility_reviews"),
        ]

    def cell(self, record: EligibilityReview, column: int) -> str:
        """Text of one cell."""
        words = decision_labels()
        values = (
            format_date(record.review_date),
            words[record.decision.value],
            words[record.suggested_decision().value],
            record.reviewer,
        )
        return values[column]


class ReferralTableModel(RecordTableModel):
    """Referrals to employment, psychological support, education, treatment."""

    COL_KIND, COL_PROVIDER, COL_STATUS, COL_REFERRED, COL_FIRST = range(5)

    def headers(self) -> list[str]:
        """Service, provider, status, referred on, first appointment."""
        return [
            field_label("kind", "referrals"),
            field_label("provider", "referrals"),
            field_label("status", "referrals"),
            field_label("referred_on", "referrals"),
            field_label("first_appointment", "referrals"),
        ]

    def cell(self, record: Referral, column: int) -> str:
        """Text of one cell."""
        values = (
            referral_kind_labels()[record.kind.value],
            record.provider,
            referral_status_labels()[record.status.value],
            format_date(record.referred_on),
            format_date(record.first_appointment),
        )
        return values[column]


class CheckInTableModel(RecordTableModel):
    """Monitoring contacts, newest first."""

    COL_DAY, COL_METHOD, COL_BY, COL_NOTES = range(4)

    def headers(self) -> list[str]:
        """Date, method, recorded by, notes."""
        return [
            field_label("day", "checkins"),
            field_label("method", "checkins"),
            field_label("recorded_by", "checkins"),
            field_label("notes", "checkins"),
        ]

    def cell(self, record: CheckIn, column: int) -> str:
        """Text of one cell."""
        values = (
            format_date(record.day),
            open_choice_text(CheckInMethod, record.method),
            record.recorded_by,
            record.notes,
        )
        return values[column]


class ViolationTableModel(RecordTableModel):
    """New offences, newest first."""

    COL_DAY, COL_DESCRIPTION, COL_ACTIVATED = range(3)

    def headers(self) -> list[str]:
        """Date, description, whether the banked case was activated."""
        return [
            field_label("day", "violations"),
            field_label("description", "violations"),
            field_label("case_activated", "violations"),
        ]

    def cell(self, record: Violation, column: int) -> str:
        """Text of one cell."""
        values = (format_date(record.day), record.description, yes_no(record.case_activated))
        return values[column]


class NoteTableModel(RecordTableModel):
    """Free-text notes, newest first."""

    COL_WRITTEN, COL_AUTHOR, COL_BODY = range(3)

    def headers(self) -> list[str]:
        """Written on, author, note."""
        return [
            QCoreApplication.translate("RecordTableModel", "Written on"),
            field_label("author", "notes"),
            field_label("body", "notes"),
        ]

    def cell(self, record: Note, column: int) -> str:
        """Text of one cell (the note's first line in the list)."""
        first_line = record.body.strip().splitlines()[0] if record.body.strip() else ""
        values = (format_hlc(record.created_hlc), record.author, first_line)
        return values[column]

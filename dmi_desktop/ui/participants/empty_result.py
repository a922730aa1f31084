"""What an empty participants list says: which filters left nothing, or that the vault has nobody yet."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from dmi_desktop.domain.status import label
from dmi_desktop.services.participants import ParticipantQuery

_ORDER_FIELDS = frozenset({"sort", "descending"})  # they order the list; they never hide anyone


def is_filtered(query: ParticipantQuery) -> bool:
    """True when any field other than the order differs from a blank query (something may hide rows)."""
    blank = ParticipantQuery()
    return any(getattr(query, f.name) != getattr(blank, f.name) for f in fields(query) if f.name not in _ORDER_FIELDS)


def empty_text(query: ParticipantQuery) -> str:
    """Why the list is empty, naming each filter that is on."""
    if not is_filtered(query):
        return QCoreApplication.translate(
            "EmptyResult", "There are no participants in this vault yet. Add one (Ctrl+N) or import a list."
        )
    search = query.search.strip()
    text = (
        QCoreApplication.translate("EmptyResult", "No participant matches “{search}”").format(search=search)
        if search
        else QCoreApplication.translate("EmptyResult", "No participant")
    )
    parts = []
    if query.status:
        parts.append(
            QCoreApplication.translate("EmptyResult", "with status {status}").format(
                status=" / ".join(label(s) for s in query.status)
            )
        )
    if query.sector:
        parts.append(QCoreApplication.translate("EmptyResult", "in sector {sector}").format(sector=query.sector))
    named = {"search", "status", "sector"}
    blank = ParticipantQuery()
    if any(
        getattr(query, f.name) != getattr(blank, f.name) for f in fields(query) if f.name not in named | _ORDER_FIELDS
    ):
        parts.append(QCoreApplication.translate("EmptyResult", "with the view's other conditions"))
    return " ".join([text, *parts]) + "."


class EmptyResult(QWidget):
    """Laid over the table's empty area: the reason, and a button that clears every filter."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("participantEmptyResult")
        self.message = QLabel(self)
        self.message.setObjectName("emptyResultMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_button = QPushButton(QCoreApplication.translate("EmptyResult", "Clear filters"), self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.hide()

    def show_for(self, query: ParticipantQuery) -> None:
        """Explain an empty result of ``query``; the button only when there is something to clear."""
        self.message.setText(empty_text(query))
        self.clear_button.setVisible(is_filtered(query))
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

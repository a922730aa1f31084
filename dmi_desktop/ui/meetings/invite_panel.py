"""Inviting to a meeting: a search over the participants the meeting's kind may invite, and partner contacts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from dmi_desktop.domain.meetings import INVITABLE, Contact, MeetingKind, text
from dmi_desktop.domain.models import ParticipantRow
from dmi_desktop.domain.status import Status, label
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.errors import show_error

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext

SEARCH_DEBOUNCE_MS = 250
RESULTS = 30


class InvitePanel(QGroupBox):
    """Search box and results (only files in a state the meeting takes), influentials option, contacts."""

    invite_requested = Signal(list, bool, list)  # participant ids, with influentials, contact ids

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Invite"))
        self._ctx = ctx
        self._kind = MeetingKind.CALL_IN
        self._generation = 0
        self.search = QLineEdit(self)
        self.search.setObjectName("inviteSearch")
        self.search.setPlaceholderText(self.tr("Search participants by name, alias or RUT…"))
        self.search.setClearButtonEnabled(True)
        self.states = QLabel(self)
        self.states.setWordWrap(True)
        self.states.setObjectName("inviteStates")
        self.results = QListWidget(self)
        self.results.setObjectName("inviteResults")
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setMinimumHeight(160)
        self.influentials = QCheckBox(self.tr("With their influentials"), self)
        self.influentials.setToolTip(self.tr("Also invite their influentials (family, mentors)"))
        self.invite_button = QPushButton(self.tr("Invite selected"), self)
        self.contacts = QComboBox(self)
        self.contacts.setObjectName("inviteContacts")
        self.contact_button = QPushButton(self.tr("Invite contact"), self)
        grid = QGridLayout(self)
        grid.addWidget(self.search, 0, 0, 1, 2)
        grid.addWidget(self.states, 1, 0, 1, 2)
        grid.addWidget(self.results, 2, 0, 1, 2)
        grid.setRowStretch(2, 1)
        grid.addWidget(self.influentials, 3, 0)
        grid.addWidget(self.invite_button, 3, 1)
        grid.addWidget(self.contacts, 4, 0)
        grid.addWidget(self.contact_button, 4, 1)
        grid.setColumnStretch(0, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.run_search)
        self.results.itemDoubleClicked.connect(lambda _item: self._invite_selected())
        self.invite_button.clicked.connect(self._invite_selected)
        self.contact_button.clicked.connect(self._invite_contact)

    def set_kind(self, kind: MeetingKind) -> None:
        """Say which states this kind of meeting takes, and search among them."""
        self._kind = kind
        names = ", ".join(label(s) for s in Status if s in INVITABLE[kind])
        self.states.setText(self.tr("A {kind} takes files that are: {states}.").format(kind=text(kind), states=names))

    def set_contacts(self, contacts: list[Contact]) -> None:
        """Fill the contacts list (grouped by organisation)."""
        self.contacts.clear()
        for contact in sorted(contacts, key=lambda c: (text(c.organisation), c.name)):
            role = f", {contact.role}" if contact.role else ""
            self.contacts.addItem(f"{text(contact.organisation)} — {contact.name}{role}", contact.id)
        self.contact_button.setEnabled(self.isEnabled() and self.contacts.count() > 0)

    def run_search(self) -> None:
        """Search on the worker; an older result arriving late is dropped."""
        self._debounce.stop()
        query = ParticipantQuery(search=self.search.text().strip(), status=tuple(INVITABLE[self._kind]))
        ctx = self._ctx
        self._generation += 1
        generation = self._generation

        def job(_task: object) -> list[ParticipantRow] | None:
            if generation != self._generation or not ctx.session.is_open:
                return None
            return ctx.session.participants.rows(query, 0, RESULTS)

        def done(rows: list[ParticipantRow] | None) -> None:
            if rows is not None and generation == self._generation:
                self._show(rows)

        ctx.worker.submit(job, done, lambda exc: show_error(self, exc))

    def _show(self, rows: list[ParticipantRow]) -> None:
        self.results.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.case_no}  {row.full_name}  ({label(row.status)})")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)

    def _invite_selected(self) -> None:
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.results.selectedItems()]
        if ids and self.isEnabled():
            self.invite_requested.emit(ids, self.influentials.isChecked(), [])

    def _invite_contact(self) -> None:
        contact = self.contacts.currentData()
        if contact and self.isEnabled():
            self.invite_requested.emit([], False, [contact])

"""Adding a user: name, role and an initial passphrase (with strength feedback); returns a NewUser."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.messages import language
from dmi_desktop.domain.roles import ROLE_LABELS, Role
from dmi_desktop.ui.widgets.passphrase_edit import PassphraseEdit
from dmi_desktop.ui.widgets.strength_meter import StrengthMeter


@dataclass(frozen=True)
class NewUser:
    """What the dialog collected."""

    name: str
    role: Role
    passphrase: str


class AddUserDialog(QDialog):
    """Collects a new user's details; ``new_user()`` after accept."""

    def __init__(self, existing: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_user_dialog")
        self.setWindowTitle(self.tr("Add user"))
        self.setMinimumWidth(460)
        self._existing = {name.casefold() for name in existing}
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setMaxLength(60)
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in (Role.STAFF, Role.VIEWER, Role.COORDINATOR):
            self.role.addItem(ROLE_LABELS[role][language()], role)
        self.passphrase = PassphraseEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.repeat = PassphraseEdit(self)
        self.repeat.setObjectName("repeat")
        self.meter = StrengthMeter(self)
        self.explain = QLabel(
            self.tr(
                "Staff edit participant files; viewers only read; coordinators also see banked cases and "
                "manage users. Give the initial passphrase to the person in private."
            ),
            self,
        )
        self.explain.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("R&ole:"), self.role)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow("", self.meter)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(self.tr("&Add user"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("ok")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for field in (self.name, self.passphrase, self.repeat):
            field.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        name = self.name.text().strip()
        strength = self.meter.update_for(self.passphrase.text(), [name] if name else None)
        problem = ""
        if name.casefold() in self._existing:
            problem = self.tr("A user with this name already exists.")
        elif self.passphrase.text() and not strength.acceptable:
            problem = self.tr("This passphrase is too weak; make it longer to continue.")
        elif self.repeat.text() and self.repeat.text() != self.passphrase.text():
            problem = self.tr("The two passphrases do not match.")
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        self.ok.setEnabled(
            bool(name) and not problem and strength.acceptable and self.passphrase.text() == self.repeat.text()
        )

    def new_user(self) -> NewUser:
        """The collected details."""
        return NewUser(self.name.text().strip(), Role(self.role.currentData()), self.passphrase.text())

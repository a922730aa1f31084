"""Wizard page 3: this computer's device code (inside every case number) and where the vault is kept."""

from __future__ import annotations

import secrets
from pathlib import Path

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.services.vault_info import vault_present
from dmi_desktop.ui.wizard.base import TranslatedPage

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no look-alikes (0/O, 1/I)


def suggest_device_code() -> str:
    """A random 3-character code, easy to read aloud."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(3))


def valid_code(code: str) -> bool:
    """2–6 upper-case letters or digits."""
    return 2 <= len(code) <= 6 and code.isascii() and code.isalnum() and code == code.upper()


class DevicePage(TranslatedPage):
    """Device code (suggested at random, editable) and vault folder (default shown, changeable)."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLineEdit(suggest_device_code(), self)
        self.code.setObjectName("device_code")
        self.code.setMaxLength(6)
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z0-9]{0,6}"), self))
        self.code.textEdited.connect(self._upper)
        self.code.textChanged.connect(self._update_example)
        self.code.setMaximumWidth(120)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.example = QLabel(self)
        self.example.setObjectName("case_example")
        self.folder = QLineEdit(str(folder), self)
        self.folder.setObjectName("vault_folder")
        self.folder.textChanged.connect(self.completeChanged)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._choose_folder)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.code_label = QLabel(self)
        self.code_label.setBuddy(self.code)
        self.folder_label = QLabel(self)
        self.folder_label.setBuddy(self.folder)
        form = QFormLayout()
        form.addRow(self.code_label, self.code)
        form.addRow("", self.example)
        form.addRow(self.folder_label, folder_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.setTitle(self.tr("This computer"))
        self.setSubTitle(self.tr("A short code that identifies this laptop, and the folder of the vault."))
        self.explain.setText(
            self.tr(
                "Every case number created on this computer starts with its device code, so records made on "
                "different laptops never clash. Use 2 to 6 letters or digits; the suggestion is fine."
            )
        )
        self.code_label.setText(self.tr("&Device code:"))
        self.folder_label.setText(self.tr("&Vault folder:"))
        self.browse.setText(self.tr("&Browse…"))
        self._update_example()

    def _upper(self, text: str) -> None:
        if text != text.upper():
            position = self.code.cursorPosition()
            self.code.setText(text.upper())
            self.code.setCursorPosition(position)

    def _update_example(self) -> None:
        code = self.code.text() or "…"
        self.example.setText(self.tr("Case numbers will look like {example}").format(example=f"{code}-2026-00001"))
        self.completeChanged.emit()

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the vault"), self.folder.text())
        if chosen:
            self.folder.setText(str(Path(chosen) / "vault") if vault_present(Path(chosen)) else chosen)

    def isComplete(self) -> bool:
        """Next is enabled with a valid code and a folder."""
        return valid_code(self.code.text()) and bool(self.folder.text().strip())

    def validatePage(self) -> bool:
        """Refuse a folder that already holds a vault."""
        folder = Path(self.folder.text().strip()).expanduser()
        if vault_present(folder):
            self.message.setText(
                self.tr("There is already a vault in {folder}. Choose another folder.").format(folder=str(folder))
            )
            self.message.show()
            return False
        self.message.hide()
        return True

    @property
    def vault_folder(self) -> Path:
        """The chosen folder for the new vault."""
        return Path(self.folder.text().strip()).expanduser()

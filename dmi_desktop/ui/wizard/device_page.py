"""Wizard page 3: this computer's device code (inside every case number) and where the vault is kept."""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.services.vault_info import vault_present
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.wizard.base import TranslatedPage

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no look-alikes (0/O, 1/I)


def suggest_device_code() -> str:
    """A random 3-character code, easy to read aloud."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(3))


# Small words of Spanish names that initials leave out ("Municipalidad de Las Condes" -> MLC).
_LINKING_WORDS = frozenset({"de", "del", "y", "e", "en", "a", "al", "para", "por"})


def code_from_organisation(name: str) -> str:
    """The organisation's initials as a device code (2 to 6 characters; a digit added when one letter is all
    there is); "" when the name gives nothing usable (the random suggestion stays)."""
    folded = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = [w for w in re.split(r"[^A-Za-z0-9]+", plain) if w and w.lower() not in _LINKING_WORDS]
    initials = "".join(w[0] for w in words).upper()[:6]
    if len(initials) == 1:
        initials += "1"
    return initials if valid_code(initials) else ""


def valid_code(code: str) -> bool:
    """2–6 upper-case letters or digits."""
    return 2 <= len(code) <= 6 and code.isascii() and code.isalnum() and code == code.upper()


class DevicePage(TranslatedPage):
    """Device code (suggested at random, editable) and vault folder (default shown, changeable)."""

    def __init__(
        self, folder: Path, parent: QWidget | None = None, *, organisation: Callable[[], str] = lambda: ""
    ) -> None:
        super().__init__(parent)
        self._organisation = organisation  # the name typed on the previous page, read when this page opens
        self._code_edited = False  # the user's own code is never replaced by a suggestion
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
        self.folder.textChanged.connect(lambda _text: self._update_missing())
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._choose_folder)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        self.missing = self.missing_label()
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
        layout.addWidget(self.missing)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.setTitle(self.tr("This computer"))
        self.setSubTitle(self.tr("A short code that identifies this laptop, and the folder of the vault."))
        self.explain.setText(
            self.tr(
                "Every case number created on this computer starts with its device code, so records made on "
                "different laptops never clash. Use 2 to 6 letters or digits; the suggestion comes from the "
                "organisation's initials: add a digit (MLC2) if another laptop of the programme already uses it."
            )
        )
        self.code_label.setText(self.tr("&Device code:"))
        self.folder_label.setText(self.tr("&Vault folder:"))
        self.browse.setText(self.tr("&Browse…"))
        self._update_example()

    def initializePage(self) -> None:
        """Suggest the organisation's initials as the code, unless the user typed one."""
        suggestion = code_from_organisation(self._organisation())
        if suggestion and not self._code_edited:
            self.code.setText(suggestion)

    def _upper(self, text: str) -> None:
        self._code_edited = True
        if text != text.upper():
            position = self.code.cursorPosition()
            self.code.setText(text.upper())
            self.code.setCursorPosition(position)

    def _update_example(self) -> None:
        code = self.code.text() or "…"
        self.example.setText(self.tr("Case numbers will look like {example}").format(example=f"{code}-2026-00001"))
        self._update_missing()

    def _update_missing(self) -> None:
        if not valid_code(self.code.text()):
            missing = self.tr("To continue, the device code needs 2 to 6 letters or digits.")
        elif not self.folder.text().strip():
            missing = self.tr("To continue, choose the folder for the vault.")
        else:
            missing = ""
        self.show_missing(self.missing, missing)
        self.completeChanged.emit()

    def _choose_folder(self) -> None:
        chosen = file_dialogs.folder_name(self, self.tr("Folder for the vault"), self.folder.text())
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

"""A passphrase field: hidden by default, with a show/hide toggle and an error state."""

from __future__ import annotations

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QLineEdit, QWidget

from dmi_desktop.ui.actions import load_icon

ERROR_STYLE = "QLineEdit { border: 2px solid #c62828; border-radius: 3px; background: #fff5f5; }"


class PassphraseEdit(QLineEdit):
    """QLineEdit in Password mode; the trailing eye button reveals what was typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setClearButtonEnabled(False)
        self._toggle = QAction(self)
        self._toggle.setCheckable(True)
        self._toggle.setObjectName("show_passphrase")
        self._toggle.toggled.connect(self._set_revealed)
        self.addAction(self._toggle, QLineEdit.ActionPosition.TrailingPosition)
        self._set_revealed(False)
        self.textEdited.connect(lambda _text: self.set_error(False))

    @property
    def toggle_action(self) -> QAction:
        """The show/hide action (tests click it)."""
        return self._toggle

    def _set_revealed(self, revealed: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password)
        icon = load_icon("eye-off" if revealed else "eye")
        self._toggle.setIcon(icon if not icon.isNull() else QIcon())
        text = self.tr("Hide passphrase") if revealed else self.tr("Show passphrase")
        self._toggle.setText(text)
        self._toggle.setToolTip(text)

    def set_error(self, error: bool) -> None:
        """Mark the field red (wrong passphrase) or back to normal."""
        self.setProperty("error", error)
        self.setStyleSheet(ERROR_STYLE if error else "")

    @property
    def has_error(self) -> bool:
        """Whether the field is marked as wrong."""
        return bool(self.property("error"))

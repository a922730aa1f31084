"""Asking for a reason (cancel, postpone): the button stays disabled until one is typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    """A prompt, a reason box and an OK button that needs the reason."""

    def __init__(self, title: str, prompt: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MeetingReasonDialog")
        self.setWindowTitle(title)
        intro = QLabel(prompt, self)
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("Reason (required)"))
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.resize(440, 220)

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.text()))

    def text(self) -> str:
        """The reason typed, trimmed."""
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        """Never close without a reason, whatever triggered the accept."""
        if self.text():
            super().accept()

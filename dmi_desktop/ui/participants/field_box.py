"""A form field with its inline message underneath: red border and reason when invalid, a note otherwise."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from dmi_desktop.ui.models.formatting import format_date

INVALID_STYLE = "border: 1px solid #c62828; border-radius: 3px; padding: 2px;"
ERROR_LABEL_STYLE = "color: #c62828;"
NOTE_LABEL_STYLE = "color: #8a5a00; font-weight: bold;"


class FieldBox(QWidget):
    """Wraps an editor so validation messages appear right under it, where the user is looking."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.message)
        self._error = ""

    @property
    def error(self) -> str:
        """The reason shown, "" when the field is fine."""
        return self._error

    def set_error(self, reason: str) -> None:
        """Mark invalid with ``reason`` under the field, or clear with ""."""
        self._error = reason
        self.editor.setStyleSheet(INVALID_STYLE if reason else "")
        self.editor.setProperty("invalid", bool(reason))
        if reason:
            self.message.setStyleSheet(ERROR_LABEL_STYLE)
            self.message.setText(reason[:1].upper() + reason[1:])
            self.message.show()
        else:
            self.message.clear()
            self.message.hide()

    def set_note(self, text: str) -> None:
        """A non-blocking remark (e.g. "Menor de edad") when the field has no error."""
        if self._error:
            return
        if text:
            self.message.setStyleSheet(NOTE_LABEL_STYLE)
            self.message.setText(text)
            self.message.show()
        else:
            self.message.clear()
            self.message.hide()


class DateLineEdit(QLineEdit):
    """A date typed as DD-MM-AAAA (or AAAA-MM-DD); empty means "no date" (the domain parses and checks it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("DD-MM-YYYY"))
        self.setClearButtonEnabled(True)
        self.setMaxLength(10)

    def set_date(self, day: date | None) -> None:
        """Show a date in the Chilean order."""
        self.setText(format_date(day))

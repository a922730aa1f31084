"""A form field with its inline message underneath: red border and reason when invalid, a note otherwise."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from dmi_desktop.ui.models.formatting import format_date

INVALID_STYLE = "border: 1px solid #c62828; border-radius: 3px; padding: 2px;"
ERROR_LABEL_STYLE = "color: #c62828;"
NOTE_LABEL_STYLE = "color: #8a5a00; font-weight: bold;"


class MessageLine(QLabel):
    """One line under a field, its height reserved even while empty: a message appearing never moves the form.

    A message wider than the field is shortened with "…"; the whole sentence is its tooltip and ``full_text``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setWordWrap(False)
        self.setFixedHeight(self.fontMetrics().height() + 2)
        # Ignored width: a long message must not widen the column (and shift every field beside it).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)

    @property
    def full_text(self) -> str:
        """The whole message, however much of it fits."""
        return self._full

    def set_message(self, text: str) -> None:
        """Show ``text`` on the one line (shortened when it does not fit)."""
        self._full = text
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Shorten the message again for the new width."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 20))
        self.setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class FieldBox(QWidget):
    """Wraps an editor so validation messages appear right under it, where the user is looking."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.message = MessageLine(self)
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
            self.message.set_message(reason[:1].upper() + reason[1:])
            self.message.show()
        else:
            self.message.set_message("")
            self.message.hide()

    def set_note(self, text: str) -> None:
        """A non-blocking remark (e.g. "Menor de edad") when the field has no error."""
        if self._error:
            return
        if text:
            self.message.setStyleSheet(NOTE_LABEL_STYLE)
            self.message.set_message(text)
            self.message.show()
        else:
            self.message.set_message("")
            self.message.hide()


class DateLineEdit(QLineEdit):
    """A date typed as DD-MM-AAAA (or AAAA-MM-DD); empty means "no date" (the domain parses and checks it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("DD-MM-YYYY"))
        self.setClearButtonEnabled(True)
        self.setMaxLength(10)
        # Wide enough for a date, the placeholder and the clear button in any language: never cut or squeezed.
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in ("00-00-0000", self.placeholderText(), "AAAA-MM-DD"))
        self.setMinimumWidth(widest + metrics.height() + 24)

    def set_date(self, day: date | None) -> None:
        """Show a date in the Chilean order."""
        self.setText(format_date(day))

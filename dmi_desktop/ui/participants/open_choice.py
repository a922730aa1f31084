"""An editor for a fixed list with "Otro": pick an entry, or choose "Otro" and type what it was."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

OTHER = "other"


class OpenChoiceEdit(QWidget):
    """A combo of ``choices`` (code -> label, "other" last) and, for "other", a line for the text.

    The value is the code of the entry, or the typed text when "other" is chosen (the domain keeps any text
    that is not a code as typed, so values written before the list existed read back under "Otro").
    """

    changed = Signal()
    finished = Signal()

    def __init__(self, choices: dict[str, str], placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.addItem("", "")  # nothing recorded
        for code, text in choices.items():
            self.combo.addItem(text, code)
        self.other = QLineEdit(self)
        self.other.setPlaceholderText(placeholder or self.tr("Say which"))
        self.other.setMaxLength(200)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.other, 1)
        self.combo.currentIndexChanged.connect(self._picked)
        self.other.textEdited.connect(lambda _t: self.changed.emit())
        self.other.editingFinished.connect(self.finished.emit)
        self._picked()

    def value(self) -> str:
        """The chosen code, or the text typed for "other" ("other" itself when nothing was typed)."""
        code = self.combo.currentData() or ""
        if code == OTHER:
            return self.other.text().strip() or OTHER
        return code

    def set_value(self, value: str) -> None:
        """Select ``value``'s entry; any text that is no code selects "other" and shows the text."""
        found = self.combo.findData(value or "")
        self.combo.blockSignals(True)
        if found >= 0:
            self.combo.setCurrentIndex(found)
            self.other.clear()
        else:
            self.combo.setCurrentIndex(max(0, self.combo.findData(OTHER)))
            self.other.setText(value)
        self.combo.blockSignals(False)
        self._show_other()

    def set_read_only(self, read_only: bool) -> None:
        """Viewers see the value without changing it."""
        self.combo.setEnabled(not read_only)
        self.other.setReadOnly(read_only)

    def _picked(self) -> None:
        self._show_other()
        if self.combo.currentData() == OTHER:
            self.other.setFocus()
        self.changed.emit()

    def _show_other(self) -> None:
        self.other.setVisible(self.combo.currentData() == OTHER)

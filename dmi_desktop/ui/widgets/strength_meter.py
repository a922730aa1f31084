"""Live passphrase strength feedback: a colored bar, a label and a hint (services.passphrase_policy)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from dmi_desktop.services.passphrase_policy import Strength, assess

COLORS = ["#c62828", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32"]


class StrengthMeter(QWidget):
    """Shows how strong a passphrase is while it is typed; ``acceptable`` says whether it may be used."""

    changed = Signal(bool)  # acceptable

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, 4)
        self._bar.setTextVisible(False)
        self._bar.setFixedHeight(8)
        self._label = QLabel(self)
        self._label.setObjectName("strength_label")
        self._hint = QLabel(self)
        self._hint.setObjectName("strength_hint")
        self._hint.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._bar, 1)
        row.addWidget(self._label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self._hint)
        self._strength: Strength | None = None
        self.update_for("")

    def update_for(self, passphrase: str, user_inputs: list[str] | None = None) -> Strength:
        """Assess ``passphrase`` and redraw; returns the assessment."""
        strength = assess(passphrase, user_inputs)
        self._strength = strength
        filled = strength.score + 1 if passphrase else 0
        self._bar.setValue(min(filled, 4))
        color = COLORS[strength.score]
        self._bar.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        if passphrase:
            self._label.setText(self.tr("Strength: {label}").format(label=strength.label))
        else:
            self._label.setText("")
        self._label.setStyleSheet(f"color: {color}; font-weight: bold;" if passphrase else "")
        hint = strength.hint[:1].upper() + strength.hint[1:]
        self._hint.setText(hint if passphrase else "")
        self._hint.setVisible(bool(passphrase and strength.hint))
        self.changed.emit(strength.acceptable)
        return strength

    @property
    def acceptable(self) -> bool:
        """True when the last assessed passphrase may be used."""
        return bool(self._strength and self._strength.acceptable)

    @property
    def label_text(self) -> str:
        """The visible strength label (tests)."""
        return self._label.text()

"""Base for wizard pages: they re-label themselves when the language is switched on the first page."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWizardPage


class TranslatedPage(QWizardPage):
    """A wizard page whose texts are set in ``retranslate`` (called at start and on every language change)."""

    def changeEvent(self, event: QEvent) -> None:
        """Re-label on LanguageChange."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text (override)."""

    def missing_label(self) -> QLabel:
        """The line under a page's form that says what is still missing while Next is disabled."""
        label = QLabel(self)
        label.setObjectName("missing")
        label.setWordWrap(True)
        label.setStyleSheet("color: #8a5a00;")
        label.hide()
        return label

    @staticmethod
    def show_missing(label: QLabel, text: str) -> None:
        """Say what is missing ("" hides the line)."""
        label.setText(text)
        label.setVisible(bool(text))

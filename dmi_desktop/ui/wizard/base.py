"""Base for wizard pages: they re-label themselves when the language is switched on the first page."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWizardPage


class TranslatedPage(QWizardPage):
    """A wizard page whose texts are set in ``retranslate`` (called at start and on every language change)."""

    def changeEvent(self, event: QEvent) -> None:
        """Re-label on LanguageChange."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text (override)."""

"""Wizard page 2: organisation and letterhead basics (printed on every letter)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.services.organisation import clean_letterhead
from dmi_desktop.ui.errors import error_text
from dmi_desktop.ui.organisation_form import OrganisationForm
from dmi_desktop.ui.wizard.base import TranslatedPage


class OrganisationPage(TranslatedPage):
    """Organisation name (required), programme name, address and logo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = OrganisationForm(self)
        self.form.changed.connect(self._changed)
        self.missing = self.missing_label()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.missing)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.setTitle(self.tr("Organisation and letterhead"))
        self.setSubTitle(self.tr("These details head the letters and sheets you print. You can change them later."))
        self._changed()

    def _changed(self) -> None:
        missing = "" if self.form.is_complete() else self.tr("To continue, type the organisation's name.")
        self.show_missing(self.missing, missing)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Next is enabled once the organisation has a name."""
        return self.form.is_complete()

    def validatePage(self) -> bool:
        """Check lengths before moving on."""
        try:
            clean_letterhead(**self.form.values())
        except ValidationError as exc:
            self.message.setText(error_text(exc))
            self.message.show()
            return False
        self.message.hide()
        return True

"""Wizard page 1: the language of the application (switching re-labels the wizard at once)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWidget

from dmi_desktop.ui.translation import LANGUAGE_NAMES
from dmi_desktop.ui.wizard.base import TranslatedPage


class LanguagePage(TranslatedPage):
    """Español (Chile) or English; each name is shown in its own language."""

    def __init__(self, current: str, set_language: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._set_language = set_language
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        self.buttons: dict[str, QRadioButton] = {}
        for code, name in LANGUAGE_NAMES.items():
            button = QRadioButton(name, self)
            button.setObjectName(f"language_{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.buttons.get(current, self.buttons["es"]).setChecked(True)
        for code, button in self.buttons.items():
            button.toggled.connect(lambda checked, code=code: checked and self._set_language(code))
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.setTitle(self.tr("Welcome to DMI Desktop"))
        self.setSubTitle(self.tr("This assistant prepares the encrypted vault where the programme's data is kept."))
        self.intro.setText(self.tr("Choose the language of the application. You can change it later in Settings."))

    @property
    def language(self) -> str:
        """The chosen language code."""
        return next(code for code, button in self.buttons.items() if button.isChecked())

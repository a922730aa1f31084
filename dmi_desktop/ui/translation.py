"""Installing the UI language: our compiled catalog plus Qt's own Spanish one, and the domain's messages."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from dmi_desktop.domain import messages
from dmi_desktop.ui.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"es": "Español (Chile)", "en": "English"}
# The language of the installed catalogs: Qt shows its English sources until a Spanish catalog is applied, so
# texts that come from the field registry follow this, not the domain's message language.
_ui_language = "en"


def ui_language() -> str:
    """The language the UI currently shows ("es" or "en")."""
    return _ui_language


class Translations:
    """Keeps the installed translators so the language can be switched while running (first-run wizard)."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> None:
        """Switch every layer to ``language`` ("es" or "en"); widgets get a LanguageChange event."""
        language = "en" if language == "en" else "es"
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        if language == "es":
            # Qt's own strings (standard buttons, file dialogs) first, then ours.
            for name in ("qtbase_es.qm", "dmi_es.qm"):
                self._load(name)
            QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Chile))
        else:
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        messages.set_language(language)
        self.language = language
        global _ui_language
        _ui_language = language

    def _load(self, name: str) -> None:
        path = resource_path("translations", name)
        translator = QTranslator(self._app)
        if path.exists() and translator.load(str(path)):
            self._app.installTranslator(translator)
            self._installed.append(translator)
        else:
            log.info("translation catalog %s not available", name)

"""Settings: language and auto-lock delay (stored in QSettings, never personal data)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from dmi_desktop.ui.settings import AUTOLOCK_RANGE, Settings
from dmi_desktop.ui.translation import LANGUAGE_NAMES


@dataclass(frozen=True)
class SettingsChoice:
    """What the user chose."""

    language: str
    autolock_minutes: int


class SettingsDialog(QDialog):
    """Edits the settings; ``choice()`` after accept (the caller stores and applies them)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(420)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.autolock = QSpinBox(self)
        self.autolock.setObjectName("autolock_minutes")
        self.autolock.setRange(*AUTOLOCK_RANGE)
        self.autolock.setSuffix(self.tr(" min"))
        self.autolock.setValue(settings.autolock_minutes)
        note = QLabel(self.tr("A new language applies the next time DMI Desktop starts."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b76;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", note)
        form.addRow(self.tr("&Lock after idle:"), self.autolock)
        form.addRow(buttons)

    def choice(self) -> SettingsChoice:
        """The values chosen."""
        return SettingsChoice(str(self.language.currentData()), self.autolock.value())

"""Settings: language and auto-lock delay (QSettings, never personal data); the vault's follow-up intervals."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from dmi_desktop.services.follow_up import MAX_DAYS, FollowUpSettings
from dmi_desktop.ui.settings import AUTOLOCK_RANGE, Settings
from dmi_desktop.ui.translation import LANGUAGE_NAMES


@dataclass(frozen=True)
class SettingsChoice:
    """What the user chose."""

    language: str
    autolock_minutes: int
    follow_up: FollowUpSettings | None = None  # None: not shown (no vault open)


class SettingsDialog(QDialog):
    """Edits the settings; ``choice()`` after accept (the caller stores and applies them)."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        follow_up: FollowUpSettings | None = None,
        can_edit_follow_up: bool = False,
    ) -> None:
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
        self.checkin_days = self._days_box("checkin_days", follow_up.checkin_days if follow_up else 0)
        self.referral_days = self._days_box("referral_days", follow_up.referral_days if follow_up else 0)
        self._follow_up = follow_up
        if follow_up is not None:
            form.addRow(self._follow_up_box(can_edit_follow_up))
        form.addRow(buttons)

    def _days_box(self, name: str, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(1, MAX_DAYS)
        box.setSuffix(self.tr(" days"))
        box.setValue(max(1, value))
        return box

    def _follow_up_box(self, editable: bool) -> QGroupBox:
        group = QGroupBox(self.tr("Follow-up (this vault, for every user)"), self)
        inner = QFormLayout(group)
        inner.addRow(self.tr("Check-in &overdue after:"), self.checkin_days)
        inner.addRow(self.tr("&Referral waiting after:"), self.referral_days)
        if not editable:
            for box in (self.checkin_days, self.referral_days):
                box.setEnabled(False)
            note = QLabel(self.tr("Only coordinators change these intervals."), group)
            note.setStyleSheet("color: #5f6b76;")
            inner.addRow("", note)
        return group

    def choice(self) -> SettingsChoice:
        """The values chosen."""
        follow_up = None
        if self._follow_up is not None:
            follow_up = FollowUpSettings(self.checkin_days.value(), self.referral_days.value())
        return SettingsChoice(str(self.language.currentData()), self.autolock.value(), follow_up)

"""The first-run wizard: language, organisation, this computer, first user, vault creation and recovery key."""

from dmi_desktop.ui.wizard.wizard import FirstRunWizard

__all__ = ["FirstRunWizard"]

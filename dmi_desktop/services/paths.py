"""Where vaults live by default (the platform's data folder, overridable with DMI_HOME)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from dmi_desktop.storage.installation import RECORD_NAME, InstallationRecord

APP_DIR_NAME = "DMI Desktop"
DEMO_PASSPHRASE = "demo segunda oportunidad"  # noqa: S105 - public on purpose: shown on the demo unlock screen
DEMO_USER = "demo"


def data_home() -> Path:
    """Root folder for vaults: ``$DMI_HOME`` or the platform's per-user data folder."""
    override = os.environ.get("DMI_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_vault() -> Path:
    """The vault opened when none is named."""
    return data_home() / "vault"


def demo_vault() -> Path:
    """The demo vault (created with realistic fake data on first use)."""
    return data_home() / "demo-vault"


def installation_record() -> InstallationRecord:
    """This installation's record of vault identities (outside every vault, in the data folder)."""
    return InstallationRecord(data_home() / RECORD_NAME)

"""Typed application settings over QSettings, with defaults and a version; never personal data (STYLE 11)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "DMI Desktop"
APPLICATION = "DMI Desktop"
VERSION = 1
LANGUAGES = ("es", "en")
DEFAULT_AUTOLOCK_MINUTES = 5
AUTOLOCK_RANGE = (1, 120)


def settings_file() -> Path | None:
    """An explicit settings file when the environment names a config root (tests, portable use), else None."""
    explicit = os.environ.get("DMI_SETTINGS_FILE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    # QSettings caches its XDG path at first use; resolving it ourselves keeps per-test folders apart.
    return Path(xdg) / ORGANISATION / f"{APPLICATION}.ini" if xdg else None


class Settings:
    """Read/write the few things the app remembers between runs."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or settings_file()
        if path is not None:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)
        self._upgrade()

    def _upgrade(self) -> None:
        # Version 1 is the first layout; later versions migrate keys here.
        if self._int("version", 0) != VERSION:
            self._qs.setValue("version", VERSION)

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self._qs.value(key, default))
        except (TypeError, ValueError):
            return default

    def _bytes(self, key: str) -> bytes:
        value = self._qs.value(key)
        if isinstance(value, QByteArray):
            return bytes(value.data())
        return value if isinstance(value, bytes) else b""

    def _set_bytes(self, key: str, data: bytes) -> None:
        self._qs.setValue(key, QByteArray(data))

    # -- typed values ------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """UI language code: "es" (default) or "en"."""
        value = str(self._qs.value("language", "es"))
        return value if value in LANGUAGES else "es"

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("language", value if value in LANGUAGES else "es")

    @property
    def autolock_minutes(self) -> int:
        """Idle minutes before the vault locks itself (1–120, default 5)."""
        minutes = self._int("autolock_minutes", DEFAULT_AUTOLOCK_MINUTES)
        low, high = AUTOLOCK_RANGE
        return minutes if low <= minutes <= high else DEFAULT_AUTOLOCK_MINUTES

    @autolock_minutes.setter
    def autolock_minutes(self, value: int) -> None:
        low, high = AUTOLOCK_RANGE
        self._qs.setValue("autolock_minutes", max(low, min(high, int(value))))

    @property
    def last_vault(self) -> str:
        """Folder of the vault opened last ("" if none)."""
        return str(self._qs.value("last_vault", "") or "")

    @last_vault.setter
    def last_vault(self, value: str) -> None:
        self._qs.setValue("last_vault", str(value))

    def geometry(self, name: str) -> bytes:
        """Saved geometry/state blob of a window, splitter or dialog (b"" if none)."""
        return self._bytes(f"geometry/{name}")

    def set_geometry(self, name: str, data: bytes) -> None:
        """Remember a geometry/state blob."""
        self._set_bytes(f"geometry/{name}", data)

    def area_state(self, area_id: str) -> bytes:
        """An area's own state blob (column widths, splitters…)."""
        return self._bytes(f"areas/{area_id}")

    def set_area_state(self, area_id: str, data: bytes) -> None:
        """Store an area's own state blob."""
        self._set_bytes(f"areas/{area_id}", data)

    def sync(self) -> None:
        """Write to disk now."""
        self._qs.sync()

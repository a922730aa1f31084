"""How values look in lists and forms: Chilean dates (DD-MM-AAAA), RUT with dots, booleans."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from dmi_desktop.domain.hlc import Timestamp
from dmi_desktop.domain.rut import format_rut


def format_date(day: date | None) -> str:
    """``31-12-2024`` as Chileans write dates; empty for no date."""
    return day.strftime("%d-%m-%Y") if day else ""


def format_dates(days: list[date]) -> str:
    """Several dates separated by commas."""
    return ", ".join(format_date(d) for d in days)


def format_iso_timestamp(text: str) -> str:
    """An ISO timestamp from the audit (UTC) as local ``01-05-2024 13:45``."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d-%m-%Y %H:%M")


def format_hlc(text: str) -> str:
    """When a record was written, from its hybrid-clock stamp, as local ``01-05-2024 13:45``."""
    try:
        stamp = Timestamp.decode(text)
    except ValueError:
        return ""
    return datetime.fromtimestamp(stamp.wall_ms / 1000).strftime("%d-%m-%Y %H:%M")


def display_rut(stored: str) -> str:
    """RUT with dots, tolerating anything odd stored by older versions."""
    try:
        return format_rut(stored)
    except Exception:  # a malformed legacy value is shown as it is rather than hidden
        return stored


def yes_no(value: bool) -> str:
    """Sí / No in the UI language."""
    if value:
        return QCoreApplication.translate("Formatting", "Yes")
    return QCoreApplication.translate("Formatting", "No")

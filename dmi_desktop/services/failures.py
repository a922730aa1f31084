"""Storage failures met outside a transaction (a damaged page read, a full disk) as one-line user errors."""

from __future__ import annotations

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.storage.errors import DamagedDatabase
from dmi_desktop.storage.guard import user_error

__all__ = ["DamagedDatabase", "as_user_error"]  # DamagedDatabase.problems: what ``check`` found, page by page


def as_user_error(exc: BaseException) -> DmiError | None:
    """ "la bóveda está dañada: restaure un respaldo", "disco lleno"… for ``exc``; None when it is none of those.

    The CLI and the UI ask this before calling an error unexpected: a read that meets a page failing its HMAC
    raises the driver's own error, which they may not import.
    """
    return user_error(exc)

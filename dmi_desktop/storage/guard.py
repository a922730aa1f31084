"""Turn SQLite failures that mean "the file is damaged" or "the disk failed" into one-line DmiErrors."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.driver import DatabaseError
from dmi_desktop.storage.errors import DamagedDatabase, VaultError

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

# Primary SQLite result codes (the low byte of extended codes).
_IOERR, _CORRUPT, _FULL, _NOTADB = 10, 11, 13, 26


def user_error(exc: DatabaseError) -> VaultError | None:
    """The user-presentable error for a damaged file or a failing disk; None for programming errors."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_CORRUPT, _NOTADB) or (code == 0 and type(exc) is DatabaseError):
        return DamagedDatabase(
            tr(
                "la base de datos de la bóveda está dañada; verifíquela (dmi check) y restaure una copia de seguridad",
                "the vault's database is damaged; check it (dmi check) and restore a backup",
            )
        )
    if code == _FULL:
        return VaultError(
            tr("el disco está lleno: no se guardó el cambio", "the disk is full: the change was not saved")
        )
    if code == _IOERR:
        return VaultError(
            tr(
                "error de lectura o escritura del disco: no se guardó el cambio",
                "disk read or write error: the change was not saved",
            )
        )
    return None


def translate(func: F) -> F:
    """Decorator: re-raise damage and disk errors from ``func`` as VaultError subclasses."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DatabaseError as exc:
            problem = user_error(exc)
            if problem is None:
                raise
            raise problem from None

    return wrapper  # type: ignore[return-value]


def translate_methods(cls: type[T]) -> type[T]:
    """Class decorator: apply :func:`translate` to every public method."""
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and inspect.isfunction(member):
            setattr(cls, name, translate(member))
    return cls

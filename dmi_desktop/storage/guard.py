"""Turn SQLite failures that mean "the file is damaged" or "the disk failed" into one-line DmiErrors."""

from __future__ import annotations

import errno
import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from dmi_desktop.domain.messages import message, tr
from dmi_desktop.storage.driver import DatabaseError
from dmi_desktop.storage.errors import DamagedDatabase, DiskFull, VaultError

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

# Primary SQLite result codes (the low byte of extended codes).
_IOERR, _CORRUPT, _FULL, _NOTADB = 10, 11, 13, 26
# "No space left on device" and "disk quota exceeded": both mean the disk is full for this user.
_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})


def is_disk_full(exc: BaseException) -> bool:
    """True for SQLITE_FULL and for an OS error saying there is no room left."""
    if isinstance(exc, DatabaseError):
        return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF == _FULL
    return isinstance(exc, OSError) and exc.errno in _NO_SPACE


def user_error(exc: BaseException) -> VaultError | None:
    """The user-presentable error for a damaged file or a failing or full disk; None for programming errors.

    A page that fails its HMAC reads as SQLITE_NOTADB ("file is not a database"), a broken b-tree as
    SQLITE_CORRUPT ("database disk image is malformed"): both say the vault is damaged. A full disk is never
    reported as damage.
    """
    if is_disk_full(exc):
        return DiskFull(message("disk_full_nothing_saved"))
    if not isinstance(exc, DatabaseError):
        return None
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_CORRUPT, _NOTADB) or (code == 0 and type(exc) is DatabaseError):
        return DamagedDatabase(message("vault_damaged"))
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
        except (DatabaseError, OSError) as exc:
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

"""Showing errors to users: the one-line message of a DmiError, safe generic text for anything else."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.services.failures import as_user_error
from dmi_desktop.services.output_paths import OutputRefused, check_output_path

log = logging.getLogger(__name__)


def error_text(exc_or_text: BaseException | str) -> str:
    """The sentence to show for an error: never a traceback, never an exception's internals."""
    if isinstance(exc_or_text, str):
        text = exc_or_text
    elif isinstance(exc_or_text, DmiError):
        text = str(exc_or_text).splitlines()[0] if str(exc_or_text) else ""
    elif (problem := as_user_error(exc_or_text)) is not None:  # a damaged page, a full disk
        text = str(problem)
    else:
        text = QCoreApplication.translate(
            "Errors", "An unexpected error occurred; the operation did not finish. Details are in the log."
        )
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def log_unexpected(exc: BaseException) -> None:
    """Log where an unexpected exception came from: its type and frame, never its message (it may hold data)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    log.error("unexpected %s at %s", type(exc).__name__, where)


def show_error(parent: QWidget | None, exc_or_text: BaseException | str) -> None:
    """Tell the user what went wrong in one line (tests patch ``QMessageBox.warning``)."""
    from dmi_desktop.ui.worker import Cancelled

    if isinstance(exc_or_text, Cancelled):
        return  # the user asked for it; nothing to report
    if (
        isinstance(exc_or_text, BaseException)
        and not isinstance(exc_or_text, DmiError)
        and as_user_error(exc_or_text) is None  # damage and full disks are told, not logged as bugs
    ):
        log_unexpected(exc_or_text)
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "DMI Desktop"), error_text(exc_or_text))


def output_allowed(parent: QWidget | None, target: Path, vault_folder: Path | None) -> bool:
    """False, after saying why in a dialog, when a save dialog's choice is one of the vault's own files."""
    try:
        check_output_path(target, vault_folder)
    except OutputRefused as exc:
        show_error(parent, exc)
        return False
    return True

"""After a re-key: say what it could not reach, and offer to delete the backups made under the old key."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dmi_desktop.services.users import Rekeyed
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.errors import show_error


def report_rekey(parent: QWidget | None, ctx: AppContext, rekeyed: Rekeyed) -> None:
    """Tell the user about unreachable users or a lost recovery key; offer to delete old backups (default No)."""
    problems = rekeyed.problems()
    if problems:
        QMessageBox.warning(
            parent, QCoreApplication.translate("RekeyReport", "Vault re-encrypted"), "\n\n".join(problems)
        )
    if not rekeyed.old_backups:
        return
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("RekeyReport", "Old backups"),
        QCoreApplication.translate(
            "RekeyReport",
            "The vault is now encrypted under a new key. {count} backups in the vault's folder were made under"
            " the previous key and still open with the previous passphrases. Delete them?\n\nBackups you saved"
            " elsewhere are not affected: delete them yourself if they must not open any more.",
        ).format(count=len(rekeyed.old_backups)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        session, files = ctx.session, list(rekeyed.old_backups)
        ctx.worker.submit(
            lambda _task: session.users.delete_old_backups(files), lambda _n: None, lambda exc: show_error(parent, exc)
        )

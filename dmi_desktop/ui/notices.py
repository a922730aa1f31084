"""Things the vault had to tell the user at unlock (a new device identity, a clock set back), shown once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def show_notices(parent: QWidget | None, notices: list[str]) -> QMessageBox | None:
    """An information box with every notice, opened without blocking (None when there is nothing to say)."""
    if not notices:
        return None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("Notices", "Notice"))
    box.setText("\n\n".join(notices))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("unlockNotices")
    box.open()
    return box

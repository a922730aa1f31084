"""Asking what to do with unsaved edits before a form closes (edits are never dropped silently)."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class UnsavedChoice(Enum):
    """What the user chose for pending edits."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, what: str) -> UnsavedChoice:
    """Guardar / Descartar / Cancelar for ``what`` (e.g. a participant's name); Esc means Cancel."""
    buttons = QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Unsaved", "Unsaved changes"),
        QCoreApplication.translate(
            "Unsaved", "{what} has changes that were not saved. Save them before closing?"
        ).format(what=what),
        buttons,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL

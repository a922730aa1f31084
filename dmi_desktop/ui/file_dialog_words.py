"""Qt file-dialog strings our catalog translates: those qtbase_es.qm (Qt 6.4) misses or words the Spain way.

Never called for its result: lupdate reads these translate() calls into dmi_es.ts under Qt's own contexts,
and dmi_es.qm, installed after qtbase_es.qm, is searched first. ``WORDS`` also lets the translation test check
that every one of them has its Spanish.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def file_dialog_words() -> list[tuple[str, str, str]]:
    """(context, English source, text shown now) for each string we translate in Qt's file dialogs."""
    shown = [
        ("QFileDialog", "&Look in:", QCoreApplication.translate("QFileDialog", "&Look in:")),
        ("QFileDialog", "Files of &type:", QCoreApplication.translate("QFileDialog", "Files of &type:")),
        ("QFileDialog", "File &name:", QCoreApplication.translate("QFileDialog", "File &name:")),
        ("QFileDialog", "All Files (*)", QCoreApplication.translate("QFileDialog", "All Files (*)")),
        ("QFileDialog", "Show &hidden files", QCoreApplication.translate("QFileDialog", "Show &hidden files")),
        (
            "QFileDialog",
            "Go to the parent directory",
            QCoreApplication.translate("QFileDialog", "Go to the parent directory"),
        ),
        ("QFileDialog", "Parent Directory", QCoreApplication.translate("QFileDialog", "Parent Directory")),
        (
            "QFileDialog",
            "Change to list view mode",
            QCoreApplication.translate("QFileDialog", "Change to list view mode"),
        ),
        ("QFileDialog", "&Rename", QCoreApplication.translate("QFileDialog", "&Rename")),
        ("QFileDialog", "&Delete", QCoreApplication.translate("QFileDialog", "&Delete")),
        (
            "QFileDialog",
            "%1 already exists.\nDo you want to replace it?",
            QCoreApplication.translate("QFileDialog", "%1 already exists.\nDo you want to replace it?"),
        ),
        (
            "QFileDialog",
            "%1\nFile not found.\nPlease verify the correct file name was given.",
            QCoreApplication.translate(
                "QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."
            ),
        ),
        ("QAbstractFileIconProvider", "Folder", QCoreApplication.translate("QAbstractFileIconProvider", "Folder")),
        ("QAbstractFileIconProvider", "Drive", QCoreApplication.translate("QAbstractFileIconProvider", "Drive")),
        ("QAbstractFileIconProvider", "File", QCoreApplication.translate("QAbstractFileIconProvider", "File")),
    ]
    return shown

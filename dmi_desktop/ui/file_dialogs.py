"""File dialogs of the app: they start in the user's documents folder and show dates as DD-MM-AAAA HH:MM.

Qt's own strings in them are translated by qtbase_es.qm and, for what that catalog misses or words the Spain
way ("fichero"), by ours (file_dialog_words.py). Callers go through this module (``file_dialogs.save_file_name``)
so tests can stand in for the dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QTreeView, QWidget

SIZE_COLUMN, TYPE_COLUMN, DATE_COLUMN = 1, 2, 3  # QFileSystemModel: name, size, type, date modified
DATE_FORMAT = "dd-MM-yyyy HH:mm"


def documents_folder() -> Path:
    """The user's documents folder ("Documentos"), else the home folder when the system names none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


class ChileanDates(QIdentityProxyModel):
    """The dialog's file list with "Última modificación" as 05-12-2026 13:45 and sizes as 2,00 KiB.

    QFileSystemModel formats dates with the *system* locale, which on a machine set to C or English reads
    "5 12 2026"; the app's locale (es_CL by default) is what the user chose.
    """

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Dates and sizes in the app's locale; everything else as the file system model has it."""
        source = self.sourceModel()
        if role != Qt.ItemDataRole.DisplayRole or not isinstance(source, QFileSystemModel):
            return super().data(index, role)
        if index.column() == DATE_COLUMN:
            moment = source.lastModified(self.mapToSource(index))
            return QLocale().toString(moment, DATE_FORMAT) if moment.isValid() else ""
        if index.column() == SIZE_COLUMN and not source.isDir(self.mapToSource(index)):
            return QLocale().formattedDataSize(source.size(self.mapToSource(index)))  # "2,00 KiB", not "2.00"
        return super().data(index, role)


def file_dialog(parent: QWidget | None, caption: str, folder: Path, filters: str, *, save: bool) -> QFileDialog:
    """A file dialog in ``folder`` showing Chilean dates (used by the two functions below and by tests)."""
    dialog = QFileDialog(parent, caption, str(folder), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dialog.setProxyModel(ChileanDates(dialog))
    view = dialog.findChild(QTreeView, "treeView")  # the detail view (absent from a native dialog)
    if view is not None:  # room for "documento CSV" and "05-12-2026 13:45" without "…"
        view.header().resizeSection(TYPE_COLUMN, 150)
        view.header().resizeSection(DATE_COLUMN, 140)
    return dialog


def save_file_name(parent: QWidget | None, caption: str, suggested: str, filters: str) -> tuple[str, str]:
    """Ask where to save (starting in the documents folder with ``suggested`` as the name): (path, filter)."""
    dialog = file_dialog(parent, caption, documents_folder(), filters, save=True)
    dialog.selectFile(suggested)
    return _run(dialog)


def open_file_name(parent: QWidget | None, caption: str, filters: str) -> tuple[str, str]:
    """Ask for a file to open, starting in the documents folder: (path, filter), ("", "") when cancelled."""
    return _run(file_dialog(parent, caption, documents_folder(), filters, save=False))


def folder_name(parent: QWidget | None, caption: str, start: str = "") -> str:
    """Ask for a folder (starting at ``start`` when it exists, else the documents folder); "" when cancelled."""
    folder = Path(start) if start and Path(start).is_dir() else documents_folder()
    dialog = file_dialog(parent, caption, folder, "", save=False)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run(dialog)[0]


def _run(dialog: QFileDialog) -> tuple[str, str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", ""
        return dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()

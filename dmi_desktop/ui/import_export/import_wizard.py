"""The import wizard: choose a file, match its columns, preview with row errors, import on the worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from dmi_desktop.domain.errors import PermissionDenied
from dmi_desktop.domain.roles import can_write
from dmi_desktop.services.importer import ImportResult
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.import_export.file_page import FilePage
from dmi_desktop.ui.import_export.mapping_page import MappingPage
from dmi_desktop.ui.import_export.preview_page import PreviewPage

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class ImportWizard(QWizard):
    """Three steps; the pages share the file path, headers and mapping through the wizard."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path()
        self.headers: list[str] = []
        self.mapping: dict[str, str] = {}
        self.result: ImportResult | None = None
        self.setObjectName("ImportWizard")
        self.setWindowTitle(self.tr("Import participants"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.resize(820, 600)

    def finished_import(self, result: ImportResult) -> None:
        """Report the outcome and close."""
        self.result = result
        if result.created == 1:
            imported = self.tr("1 participant imported")
        else:
            imported = self.tr("{created} participants imported").format(created=result.created)
        if result.updated == 1:
            imported = self.tr("{imported}, 1 updated").format(imported=imported)
        elif result.updated:
            imported = self.tr("{imported}, {updated} updated").format(imported=imported, updated=result.updated)
        if result.unchanged:
            imported = self.tr("{imported}, {unchanged} unchanged").format(
                imported=imported, unchanged=result.unchanged
            )
        if result.skipped == 1:
            text = self.tr("{imported}; 1 row with problems was skipped.").format(imported=imported)
        elif result.skipped:
            text = self.tr("{imported}; {skipped} rows with problems were skipped.").format(
                imported=imported, skipped=result.skipped
            )
        else:
            text = f"{imported}."
        QMessageBox.information(self, self.windowTitle(), text)
        self.accept()


def start_import(ctx: AppContext, parent: QWidget) -> ImportWizard | None:
    """Open the import wizard over ``parent``; viewers only read (the service checks it too)."""
    if not can_write(ctx.session.role):
        text = QCoreApplication.translate("ImportWizard", "Your role is read-only: you cannot import participants.")
        show_error(parent, PermissionDenied(text))
        return None
    wizard = ImportWizard(ctx, parent.window())
    wizard.open()
    return wizard

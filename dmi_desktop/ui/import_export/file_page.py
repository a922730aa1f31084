"""Import step 1: choose the CSV or Excel file; its headers are read on the worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWizardPage

from dmi_desktop.services.importer import read_headers
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.errors import error_text
from dmi_desktop.ui.participants.field_box import ERROR_LABEL_STYLE
from dmi_desktop.ui.progress import run_with_progress

if TYPE_CHECKING:
    from dmi_desktop.ui.import_export.import_wizard import ImportWizard


class FilePage(QWizardPage):
    """A path field with Browse…; Next reads the headers (off the GUI thread) before moving on."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._ready_for = ""  # the path whose headers were read successfully
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr(
                "A CSV (as Excel saves it) or an Excel .xlsx file with one participant per row and a header row,"
                " or a JSON export of DMI Desktop. People exported by this app are updated, not duplicated."
            )
        )
        self.path = QLineEdit(self)
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText(self.tr("Path of the file to import"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self.browse)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_LABEL_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.path.textChanged.connect(self._path_changed)

    def browse(self) -> None:
        """Pick the file with the system dialog."""
        chosen, _filter = file_dialogs.open_file_name(
            self,
            self.tr("Import participants"),
            self.tr("Spreadsheets and exports (*.csv *.xlsx *.json);;All files (*)"),
        )
        if chosen:
            self.path.setText(chosen)

    def _path_changed(self) -> None:
        self.error.clear()
        self._ready_for = ""
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """A path must be given."""
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        """Read the headers on the worker; move to the next page when they arrive."""
        path = self.path.text().strip()
        if self._ready_for == path:
            return True
        if not Path(path).is_file():
            self.error.setText(self.tr("No file at that path."))
            return False
        wizard = self._wizard

        def done(headers: list[str]) -> None:
            wizard.path = Path(path)
            wizard.headers = headers
            self._ready_for = path
            wizard.next()

        def failed(exc: Exception) -> None:
            self.error.setText(error_text(exc))

        run_with_progress(
            self,
            wizard.ctx.worker,
            lambda _t: read_headers(Path(path)),
            self.tr("Reading the file…"),
            done,
            failed,
            cancellable=False,
        )
        return False

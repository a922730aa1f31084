"""Import step 3: preview the rows and every row error; importing happens from here, on the worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from dmi_desktop.domain.messages import count_text
from dmi_desktop.services.importer import RUT_DV, ImportPreview, ImportResult, apply_import, preview_import
from dmi_desktop.ui.errors import error_text, show_error
from dmi_desktop.ui.import_export.mapping_page import import_field_labels
from dmi_desktop.ui.models.import_models import ImportRowsModel, RowErrorsModel
from dmi_desktop.ui.participants.field_box import ERROR_LABEL_STYLE
from dmi_desktop.ui.progress import run_with_progress
from dmi_desktop.ui.worker import TaskContext

if TYPE_CHECKING:
    from dmi_desktop.ui.import_export.import_wizard import ImportWizard


def _table(parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class PreviewPage(QWizardPage):
    """Shows what would be imported; Import stays disabled while errors exist unless "skip" is ticked."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self._busy = False
        self.setTitle(self.tr("Check and import"))
        self.setSubTitle(self.tr("Nothing has been imported yet. Check the rows and the problems found."))
        self.setFinalPage(True)
        self.setButtonText(wizard.WizardButton.FinishButton, self.tr("Import"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.rows_model = ImportRowsModel(self)
        self.errors_model = RowErrorsModel(self)
        self.rows_view = _table(self)
        self.rows_view.setModel(self.rows_model)
        # At most PREVIEW_ROWS rows: measuring them is cheap, and headers like "Apellido paterno" stay readable.
        self.rows_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.errors_view = _table(self)
        self.errors_view.setModel(self.errors_model)
        self.errors_view.setObjectName("importErrors")
        self.errors_view.horizontalHeader().resizeSection(RowErrorsModel.COL_LINE, 60)
        self.errors_view.horizontalHeader().resizeSection(RowErrorsModel.COL_COLUMN, 160)
        self.errors_title = QLabel(self)
        self.errors_title.setStyleSheet(ERROR_LABEL_STYLE)
        errors_box = QWidget(self)
        errors_layout = QVBoxLayout(errors_box)
        errors_layout.setContentsMargins(0, 0, 0, 0)
        errors_layout.addWidget(self.errors_title)
        errors_layout.addWidget(self.errors_view)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self.rows_view)
        self.split.addWidget(errors_box)
        self.skip = QCheckBox(self)
        self.skip.setObjectName("skipInvalid")
        self.skip.toggled.connect(lambda _on: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.skip)

    def initializePage(self) -> None:
        """Read and check every row on the worker (nothing is written)."""
        self.preview = None
        self.result = None
        self.skip.setChecked(False)
        self.skip.hide()
        self.errors_title.hide()
        self.errors_view.parentWidget().hide()
        self.rows_model.set_preview([], {}, [], [], [])
        self.errors_model.set_errors([])
        self.summary.setText(self.tr("Reading and checking every row…"))
        wizard = self._wizard
        ctx, path, mapping = wizard.ctx, wizard.path, dict(wizard.mapping)
        self._busy = True
        run_with_progress(
            self,
            ctx.worker,
            lambda _t: preview_import(ctx.session, path, mapping),
            self.tr("Checking the file…"),
            self._show_preview,
            self._preview_failed,
            cancellable=False,
        )
        self.completeChanged.emit()

    def _show_preview(self, preview: ImportPreview) -> None:
        self._busy = False
        self.preview = preview
        labels = import_field_labels()
        fields = [f for f in preview.mapping.values() if f != RUT_DV]
        self.rows_model.set_preview(fields, labels, preview.rows, preview.lines, preview.actions)
        self.errors_model.set_errors(preview.errors)
        bad = preview.bad
        self.summary.setText(
            self.tr(
                "{total} rows read: {new} new, {update} to update, {unchanged} unchanged, {bad} with problems."
            ).format(
                total=count_text(preview.total),
                new=count_text(preview.new),
                update=count_text(preview.to_update),
                unchanged=count_text(preview.unchanged),
                bad=count_text(bad),
            )
        )
        if preview.errors:
            self.errors_title.setText(
                self.tr("Problems found ({count}). Fix them in the file and start again, or skip those rows.").format(
                    count=count_text(preview.error_count)
                )
            )
            if preview.error_count > len(preview.errors):  # a big file: the first ones are listed
                self.errors_title.setText(
                    self.errors_title.text()
                    + " "
                    + self.tr("The first {shown} are listed.").format(shown=len(preview.errors))
                )
            self.errors_title.show()
            self.errors_view.parentWidget().show()
            self.skip.setText(
                self.tr("Skip the rows with problems ({bad}) and import the others ({valid})").format(
                    bad=bad, valid=preview.valid
                )
            )
            self.skip.setVisible(preview.valid > 0)
        self.completeChanged.emit()

    def _preview_failed(self, exc: Exception) -> None:
        self._busy = False
        self.summary.setText(error_text(exc))
        self.summary.setStyleSheet(ERROR_LABEL_STYLE)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Import is possible with a preview, something to create or update, and no errors (or errors skipped)."""
        p = self.preview
        if self._busy or p is None or p.new + p.to_update == 0:
            return False
        return not p.errors or self.skip.isChecked()

    def validatePage(self) -> bool:
        """Finish = import: run on the worker with progress and cancel; close the wizard once it is done."""
        if self.result is not None:
            return True
        if not self.isComplete() or self.preview is None:
            return False
        ctx, preview, skip = self._wizard.ctx, self.preview, self.skip.isChecked()

        def job(task: TaskContext) -> ImportResult:
            return apply_import(
                ctx.session, preview, skip_invalid=skip, progress=task.report, cancelled=lambda: task.cancelled
            )

        def done(result: ImportResult) -> None:
            self._busy = False
            self.result = result
            self._wizard.finished_import(result)

        def failed(exc: Exception) -> None:
            self._busy = False
            self.completeChanged.emit()
            show_error(self, exc)

        self._busy = True
        self.completeChanged.emit()
        run_with_progress(self, ctx.worker, job, self.tr("Importing participants…"), done, failed)
        return False

"""Export of the participants list as currently filtered (CSV, XLSX or JSON), on the worker with progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from dmi_desktop.domain.messages import count_text
from dmi_desktop.services.export_warning import export_warning_wanted, stop_export_warning
from dmi_desktop.services.exporter import EXPORT_FORMATS, export_participants
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.errors import output_allowed, show_error
from dmi_desktop.ui.import_export.export_warning import ExportWarningDialog
from dmi_desktop.ui.progress import run_with_progress
from dmi_desktop.ui.worker import TaskContext, TaskHandle

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


def file_filters() -> dict[str, str]:
    """Save-dialog filter -> format."""
    return {
        QCoreApplication.translate("Export", "CSV for Excel (*.csv)"): "csv",
        QCoreApplication.translate("Export", "Excel workbook (*.xlsx)"): "xlsx",
        QCoreApplication.translate("Export", "JSON (*.json)"): "json",
    }


def format_for(path: Path, chosen_filter: str) -> tuple[Path, str]:
    """The format from the file's extension, else from the chosen filter (adding the extension)."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in EXPORT_FORMATS:
        return path, suffix
    fmt = file_filters().get(chosen_filter, "csv")
    return path.with_name(f"{path.name}.{fmt}"), fmt


def export_current_list(ctx: AppContext, parent: QWidget, query: ParticipantQuery) -> None:
    """Ask where to save (starting in the user's documents), warn that the file is not encrypted, then export."""
    filters = file_filters()
    path, chosen = file_dialogs.save_file_name(
        parent,
        QCoreApplication.translate("Export", "Export participants"),
        QCoreApplication.translate("Export", "participants.csv"),
        ";;".join(filters),
    )
    if not path:
        return
    out, fmt = format_for(Path(path), chosen)
    if not output_allowed(parent, out, ctx.session.folder):
        return
    confirm_then_export(ctx, parent, query, out, fmt)


def confirm_then_export(ctx: AppContext, parent: QWidget, query: ParticipantQuery, out: Path, fmt: str) -> None:
    """Say the file will not be encrypted (unless this user said not to ask again), then export."""
    session = ctx.session

    def asked(wanted: bool) -> None:
        silence = False
        if wanted:
            dialog = ExportWarningDialog(out.name, parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            silence = dialog.dont_ask.isChecked()
        run_export(ctx, parent, query, out, fmt, silence_warning=silence)

    ctx.worker.submit(lambda _task: export_warning_wanted(session), asked, lambda exc: show_error(parent, exc))


def run_export(
    ctx: AppContext, parent: QWidget, query: ParticipantQuery, out: Path, fmt: str, *, silence_warning: bool = False
) -> TaskHandle:
    """Write the file on the worker (progress dialog with Cancel if it takes a while); tell the user the result.

    ``silence_warning``: the user ticked "no volver a preguntar" (remembered on the worker, with the export).
    """

    def job(task: TaskContext) -> int:
        if silence_warning:
            stop_export_warning(ctx.session)
        return export_participants(
            ctx.session, out, fmt, query=query, progress=task.report, cancelled=lambda: task.cancelled
        )

    def done(count: int) -> None:
        if count == 1:
            text = QCoreApplication.translate("Export", "1 participant exported to {file}.").format(file=out.name)
        else:
            text = QCoreApplication.translate("Export", "{count} participants exported to {file}.").format(
                count=count_text(count), file=out.name
            )
        QMessageBox.information(parent, QCoreApplication.translate("Export", "Export participants"), text)

    title = QCoreApplication.translate("Export", "Exporting participants…")
    return run_with_progress(parent, ctx.worker, job, title, done, lambda exc: show_error(parent, exc))

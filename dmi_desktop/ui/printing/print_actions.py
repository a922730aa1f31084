"""The two prints of the participant area: the file ("Print file…", Ctrl+P in its window) and the list as
filtered ("Print list…"). Purpose first, then the PDF is made on the worker, then the preview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QWidget

from dmi_desktop.services import printing
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.printing.preview_dialog import PdfPreviewDialog
from dmi_desktop.ui.printing.purpose_dialog import PrintPurposeDialog, PrintRequest
from dmi_desktop.ui.progress import run_with_progress
from dmi_desktop.ui.worker import TaskContext

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


def ask_purpose(ctx: AppContext, parent: QWidget, what: str) -> PrintRequest | None:
    """The purpose dialog; None when the user cancels."""
    dialog = PrintPurposeDialog(what, printing.default_paper(ctx.session), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.request()


def print_participant_file(ctx: AppContext, parent: QWidget, participant_id: str) -> None:
    """Ask the purpose, render the file on the worker, show the preview."""
    request = ask_purpose(ctx, parent, QCoreApplication.translate("Printing", "this participant's file"))
    if request is None:
        return

    def job(_task: TaskContext) -> printing.PrintedFile:
        return printing.participant_file(ctx.session, participant_id, request.purpose, paper=request.paper)

    def done(printed: printing.PrintedFile) -> None:
        title = QCoreApplication.translate("Printing", "Participant file {case_no}").format(case_no=printed.case_no)
        show_preview(ctx, parent, printed.data, title, f"ficha-{printed.case_no}.pdf", "participant.print", request)

    title = QCoreApplication.translate("Printing", "Preparing the file for printing…")
    run_with_progress(parent, ctx.worker, job, title, done, lambda exc: show_error(parent, exc), cancellable=False)


def print_current_list(ctx: AppContext, parent: QWidget, query: ParticipantQuery) -> None:
    """Ask the purpose, render the list as filtered on the worker (progress, cancel), show the preview."""
    request = ask_purpose(ctx, parent, QCoreApplication.translate("Printing", "the participants list as filtered"))
    if request is None:
        return

    def job(task: TaskContext) -> bytes:
        return printing.participant_list(
            ctx.session,
            request.purpose,
            query,
            paper=request.paper,
            progress=task.report,
            cancelled=lambda: task.cancelled,
        )

    def done(data: bytes) -> None:
        title = QCoreApplication.translate("Printing", "Participants list")
        show_preview(ctx, parent, data, title, "listado-participantes.pdf", "participant.print_list", request)

    title = QCoreApplication.translate("Printing", "Preparing the list for printing…")
    run_with_progress(parent, ctx.worker, job, title, done, lambda exc: show_error(parent, exc))


def show_preview(
    ctx: AppContext, parent: QWidget, data: bytes, title: str, name: str, kind: str, request: PrintRequest
) -> PdfPreviewDialog:
    """The preview window (non-modal); saving and printing from it are recorded with the same purpose."""
    session = ctx.session

    def run(fn: Any, done: Any) -> None:
        ctx.worker.submit(lambda _task: fn(), done, lambda exc: show_error(dialog, exc))

    dialog = PdfPreviewDialog(
        data,
        title,
        name,
        save=lambda target: printing.save_pdf(session, data, target, kind, request.purpose),
        printed=lambda printer: printing.record_output(session, kind, request.purpose, printer),
        run=run,
        vault_folder=session.folder,
        parent=parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

"""The Vault menu's audit actions: verify the log (everyone) and review an audit incident (coordinators)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from dmi_desktop.domain.messages import count_text
from dmi_desktop.domain.roles import can_manage_users
from dmi_desktop.services.session import Session, VerifyResult
from dmi_desktop.ui.actions import ActionSpec
from dmi_desktop.ui.audit_incident_dialog import AcknowledgeIncidentDialog, incident_line
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.progress import run_with_progress
from dmi_desktop.ui.worker import Cancelled, TaskContext, TaskHandle


def incident_reminder(session: Session) -> list[str]:
    """What the unlock notice adds while an incident is open: who may lift the refusal, and where."""
    if not session.audit_incident_open:
        return []
    if can_manage_users(session.role):
        return [
            QCoreApplication.translate(
                "AuditIncident",
                "Changes are refused until a coordinator reviews the audit incident: Vault › Review audit incident…",
            )
        ]
    return [
        QCoreApplication.translate(
            "AuditIncident", "Changes are refused until a coordinator reviews the audit incident."
        )
    ]


def verify_text(result: VerifyResult) -> str:
    """The outcome of a verification in words, incidents included."""
    if result.ok:
        text = QCoreApplication.translate("AuditIncident", "The audit log is intact: {n} entries from {d} device(s).")
        lines = [text.format(n=result.entries, d=result.devices)]
    else:
        text = QCoreApplication.translate("AuditIncident", "The audit log is BROKEN at entry {n}: {reason}")
        lines = [text.format(n=result.first_bad, reason=result.reason)]
    if result.incidents:
        lines += ["", QCoreApplication.translate("AuditIncident", "Incidents:")]
        lines += [incident_line(i.seq, i.at, i.description, i.acknowledged_by, i.note) for i in result.incidents]
    if result.open_incident:
        lines += [
            "",
            QCoreApplication.translate("AuditIncident", "Changes are refused until a coordinator reviews it."),
        ]
    return "\n".join(lines)


class AuditCommands(QObject):
    """Handlers of the audit actions; dialogs open over ``window()``."""

    def __init__(self, ctx: AppContext, window: Callable[[], QWidget | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = window

    def specs(self) -> list[ActionSpec]:
        """Verify for everyone; review for coordinators."""
        specs = [
            ActionSpec(
                "vault.audit_verify",
                QCoreApplication.translate("AuditIncident", "&Verify audit log…"),
                self.verify,
                menu="vault",
            )
        ]
        if can_manage_users(self.ctx.session.role):
            specs.append(
                ActionSpec(
                    "vault.audit_acknowledge",
                    QCoreApplication.translate("AuditIncident", "Review audit &incident…"),
                    self.acknowledge,
                    menu="vault",
                )
            )
        return specs

    def verify(self) -> TaskHandle:
        """Walk the chains on the worker, a chunk at a time, behind a progress dialog with Cancel; then the outcome."""
        session = self.ctx.session
        checked = QCoreApplication.translate("AuditIncident", "Checked {done} of {total} entries…")

        def walk(task: TaskContext) -> VerifyResult:
            def progress(done: int, total: int) -> None:
                task.check_cancelled()  # Cancel stops the walk between two chunks
                text = checked.format(done=count_text(done), total=count_text(total))
                task.report(done, total, text)

            return session.verify_audit(progress)

        return run_with_progress(
            self.window(),
            self.ctx.worker,
            walk,
            QCoreApplication.translate("AuditIncident", "Verifying the audit log…"),
            on_done=self._show_verified,
            on_error=self._verify_failed,
        )

    def _verify_failed(self, exc: Exception) -> None:
        if not isinstance(exc, Cancelled):
            show_error(self.window(), exc)
            return
        bar = getattr(self.window(), "statusBar", None)
        if callable(bar):
            text = QCoreApplication.translate("AuditIncident", "Audit log verification cancelled.")
            bar().showMessage(text, 8000)

    def _show_verified(self, result: VerifyResult) -> None:
        title = QCoreApplication.translate("AuditIncident", "Audit log")
        if result.ok and not result.open_incident:
            QMessageBox.information(self.window(), title, verify_text(result))
        else:
            QMessageBox.warning(self.window(), title, verify_text(result))

    def acknowledge(self) -> None:
        """Find the open incidents on the worker, then ask the coordinator to acknowledge them."""
        session = self.ctx.session
        self.ctx.worker.submit(
            lambda _task: session.verify_audit(),
            self._ask,
            lambda exc: show_error(self.window(), exc),
        )

    def _ask(self, result: VerifyResult) -> AcknowledgeIncidentDialog | None:
        title = QCoreApplication.translate("AuditIncident", "Audit log")
        if not result.open_incident:
            text = QCoreApplication.translate("AuditIncident", "There is no open audit incident.")
            QMessageBox.information(self.window(), title, text)
            return None
        lines = [incident_line(i.seq, i.at, i.description) for i in result.incidents if i.is_open]
        dialog = AcknowledgeIncidentDialog(self.ctx.worker, self.ctx.session, lines, self.window())
        self.dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            bar = getattr(self.window(), "statusBar", None)
            if callable(bar):
                text = QCoreApplication.translate(
                    "AuditIncident", "Audit incident acknowledged; changes are saved again."
                )
                bar().showMessage(text, 8000)
        return dialog

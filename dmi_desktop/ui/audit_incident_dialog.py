"""A coordinator acknowledges the open audit incidents (with a note); writes are accepted again afterwards."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from dmi_desktop.services.session import Session
from dmi_desktop.ui.errors import error_text
from dmi_desktop.ui.worker import Worker

NOTE_LIMIT = 500  # the service refuses longer notes


def incident_line(seq: int, at: str, description: str, acknowledged_by: str = "", note: str = "") -> str:
    """One incident in words: where, when, what was expected vs found, and its state."""
    where = QCoreApplication.translate("AuditIncident", "Entry {seq} ({at}): {description}").format(
        seq=seq, at=at[:16].replace("T", " "), description=description
    )
    if not acknowledged_by:
        return where + " — " + QCoreApplication.translate("AuditIncident", "open")
    state = QCoreApplication.translate("AuditIncident", "acknowledged by {user}").format(user=acknowledged_by)
    return where + " — " + state + (f" ({note})" if note else "")


class AcknowledgeIncidentDialog(QDialog):
    """Shows the open incidents and records the coordinator's acknowledgement on the worker."""

    def __init__(
        self, worker: Worker, session: Session, incidents: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("acknowledge_incident_dialog")
        self.setWindowTitle(self.tr("Review audit incident"))
        self.setMinimumWidth(520)
        self._worker = worker
        self._session = session
        self.closed = 0
        explain = QLabel(
            self.tr(
                "The audit log was altered outside the app: entries were cut off its end, or it was rewound. "
                "Until a coordinator acknowledges it, no change is saved. Check what happened (who had the "
                "laptop, which backups exist) before acknowledging; your name and note are recorded."
            ),
            self,
        )
        explain.setWordWrap(True)
        self.incidents = QLabel("\n".join(incidents), self)
        self.incidents.setObjectName("incidents")
        self.incidents.setWordWrap(True)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(self.tr("What was checked (optional)"))
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(self.tr("&Acknowledge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("ok")
        self.buttons.accepted.connect(self._acknowledge)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.incidents)
        layout.addWidget(QLabel(self.tr("&Note:"), self, buddy=self.note))
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _acknowledge(self) -> None:
        """Record it on the worker; close on success, say why otherwise."""
        note, session = self.note.text(), self._session
        self.ok.setEnabled(False)
        self._worker.submit(lambda _task: session.acknowledge_audit_incident(note), self._done, self._failed)

    def _done(self, closed: int) -> None:
        self.closed = closed
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
        self.message.show()
        self.ok.setEnabled(True)

"""Dialog for a status change: only the legal next states are offered, and a reason is required."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.roles import can_handle_banked_case
from dmi_desktop.domain.status import Status, allowed_next, allowed_next_for, label
from dmi_desktop.ui.errors import show_error

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


@dataclass(frozen=True)
class StatusChange:
    """What the user asked for."""

    target: Status
    reason: str


class StatusChangeDialog(QDialog):
    """Combo of the legal next states + reason; OK stays disabled until a state is chosen and a reason typed.

    Nothing is preselected: a status change is a decision, and Enter must not apply the first state offered.

    Without ``banked`` (staff) the banked-case states are not offered, nor any move out of them.
    """

    def __init__(self, current: Status, name: str, parent: QWidget | None = None, *, banked: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change status"))
        self.setObjectName("StatusChangeDialog")
        self.current = current
        intro = QLabel(
            self.tr("{name} is now “{status}”. The change and its reason are recorded in the history.").format(
                name=name, status=label(current)
            ),
            self,
        )
        intro.setWordWrap(True)
        self.target = QComboBox(self)
        offered = allowed_next_for(current, banked=banked)
        for status in offered:
            self.target.addItem(label(status), status.value)
        self.target.setPlaceholderText(self.tr("Choose the new status…"))
        self.target.setCurrentIndex(-1)
        self.banked_note = QLabel(self.tr("Only coordinators can move a file into or out of the banked case."), self)
        self.banked_note.setWordWrap(True)
        self.banked_note.setVisible(offered != allowed_next(current))
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("Why is the status changing? (required)"))
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("New status"), self.target)
        form.addRow(self.tr("Reason *"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change status"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.banked_note)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self.target.currentIndexChanged.connect(lambda _i: self._update())
        self._update()
        self.resize(460, 260)

    def offered(self) -> list[Status]:
        """States the combo offers (for tests and screen readers)."""
        return [Status(self.target.itemData(i)) for i in range(self.target.count())]

    def _update(self) -> None:
        chosen = self.target.currentIndex() >= 0
        self.ok_button.setEnabled(chosen and bool(self.reason.toPlainText().strip()))

    def accept(self) -> None:
        """Refuse to close without a reason, whatever triggered the accept."""
        if not self.ok_button.isEnabled():
            return
        super().accept()

    def change(self) -> StatusChange:
        """The chosen state and reason (after exec() returned Accepted)."""
        return StatusChange(Status(self.target.currentData()), self.reason.toPlainText().strip())


def start_status_change(
    ctx: AppContext, parent: QWidget, participant_id: str, current: Status, name: str
) -> StatusChangeDialog:
    """Open the dialog (window-modal, not blocking) and apply the choice on the worker; the service audits it."""
    dialog = StatusChangeDialog(current, name, parent, banked=can_handle_banked_case(ctx.session.role))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def apply() -> None:
        change = dialog.change()
        ctx.worker.submit(
            lambda _task: ctx.session.participants.set_status(participant_id, change.target, change.reason),
            None,
            lambda exc: show_error(parent, exc),
        )

    dialog.accepted.connect(apply)
    dialog.open()
    return dialog

"""Dialog for a status change: only the legal next states are offered, and a reason is required."""

from __future__ import annotations

from dataclasses import dataclass

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

from dmi_desktop.domain.status import Status, allowed_next, allowed_next_for, label


@dataclass(frozen=True)
class StatusChange:
    """What the user asked for."""

    target: Status
    reason: str


class StatusChangeDialog(QDialog):
    """Combo of the legal next states + reason; OK stays disabled until a reason is typed.

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
        self._update()
        self.resize(460, 260)

    def offered(self) -> list[Status]:
        """States the combo offers (for tests and screen readers)."""
        return [Status(self.target.itemData(i)) for i in range(self.target.count())]

    def _update(self) -> None:
        self.ok_button.setEnabled(self.target.count() > 0 and bool(self.reason.toPlainText().strip()))

    def accept(self) -> None:
        """Refuse to close without a reason, whatever triggered the accept."""
        if not self.ok_button.isEnabled():
            return
        super().accept()

    def change(self) -> StatusChange:
        """The chosen state and reason (after exec() returned Accepted)."""
        return StatusChange(Status(self.target.currentData()), self.reason.toPlainText().strip())

"""Identity tab: the photo beside the identity form and a short summary of the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from dmi_desktop.ui.participants.file_summary import FileSummary
from dmi_desktop.ui.participants.identity_form import IdentityForm
from dmi_desktop.ui.participants.photo_box import PhotoBox

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class IdentityTab(QWidget):
    """Photo (saved at once) and identity fields (saved with the window's Save)."""

    def __init__(self, ctx: AppContext, participant_id: str, can_write: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo = PhotoBox(ctx, participant_id, can_write, self)
        self.form = IdentityForm(self)
        self.form.set_read_only(not can_write)
        self.summary = FileSummary(self)
        right = QVBoxLayout()
        right.addWidget(self.form)
        right.addWidget(self.summary)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.photo)
        layout.addSpacing(8)
        layout.addLayout(right, 1)

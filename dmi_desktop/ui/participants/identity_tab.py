"""Identity tab: the photo beside the identity form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QWidget

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
        layout = QHBoxLayout(self)
        layout.addWidget(self.photo)
        layout.addSpacing(8)
        layout.addWidget(self.form, 1)

"""Dialog to register a new participant; the write runs on the worker, problems show under their fields."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from dmi_desktop.domain.errors import DuplicateRut, ValidationError
from dmi_desktop.domain.models import Participant
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.participants.identity_form import IdentityForm
from dmi_desktop.ui.participants.unsaved import UnsavedChoice, ask_unsaved

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class NewParticipantDialog(QDialog):
    """Identity form + Save/Cancel; ``created`` carries the new Participant once it is stored."""

    created = Signal(object)
    open_existing = Signal(str)  # the id of the participant who already has the RUT typed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._saving = False
        self.participant: Participant | None = None
        self.setWindowTitle(self.tr("New participant"))
        self.setObjectName("NewParticipantDialog")
        self.intro = intro = QLabel(
            self.tr("The file starts in the status “identified”. Fields marked * are required."), self
        )
        intro.setWordWrap(True)
        self.form = IdentityForm(self, new=True)
        if ctx.session.is_open:  # the sectors in use are offered once the worker has read them
            ctx.worker.submit(
                lambda _task: ctx.session.participants.sectors() if ctx.session.is_open else None,
                self._offer_sectors,
                lambda _exc: None,  # without the list the sector is simply typed
            )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        # Shown when the RUT belongs to a case already: the person is most likely in the vault.
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("openExisting")
        self.open_button.hide()
        self.open_button.clicked.connect(self._open_existing)
        self._existing = ""
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addStretch(1)  # a taller window grows below the form, never as bands between its parts
        layout.addWidget(self.buttons)
        self.form.edited.connect(self._update_buttons)
        self._update_buttons()
        # As tall as the form needs at this width (its message lines are reserved, so it never has to grow).
        width = max(760, self.sizeHint().width())
        self.resize(width, layout.totalHeightForWidth(width))

    def _offer_sectors(self, sectors: list[str] | None) -> None:
        if sectors is not None and shiboken6.isValid(self):
            self.form.set_sectors(sectors)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(not self._saving and not self.form.validation_errors())
        if not self.form.boxes["rut"].error:  # another RUT typed: the offer no longer applies
            self.open_button.hide()

    def save(self) -> None:
        """Check everything, then create the participant on the worker."""
        if self._saving or not self.form.show_all_errors():
            return
        values = self.form.raw_values()
        self._saving = True
        self._update_buttons()
        ctx = self._ctx
        ctx.worker.submit(lambda _task: ctx.session.participants.create(values), self._saved, self._failed)

    def _saved(self, participant: Participant) -> None:
        self._saving = False
        self.participant = participant
        self.form.load(None)  # clean, so closing does not ask
        self.created.emit(participant)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._saving = False
        if isinstance(exc, DuplicateRut):
            self._existing = exc.participant_id
            self.open_button.setText(self.tr("Open case {case_no}").format(case_no=exc.case_no))
            self.open_button.show()
        if isinstance(exc, ValidationError) and set(exc.errors) & set(self.form.boxes):
            self.form.show_errors(exc.errors)  # e.g. a RUT already used by another participant
        else:
            show_error(self, exc)
        self._update_buttons()

    def _open_existing(self) -> None:
        """Drop what was typed (it describes a person already on file) and open that file."""
        existing = self._existing
        self.form.load(None)
        self.accept()
        self.open_existing.emit(existing)

    def reject(self) -> None:
        """Cancel/Esc: ask before throwing typed data away."""
        if self._saving:
            return
        if self.form.is_dirty():
            choice = ask_unsaved(self, self.tr("The new participant"))
            if choice is UnsavedChoice.CANCEL:
                return
            if choice is UnsavedChoice.SAVE:
                self.save()
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button behaves like Cancel."""
        event.ignore()
        self.reject()

"""The participant file: a non-modal window per participant with header, tabs, Save, and unsaved-edit guard.

The file is read on the worker: the window opens at once in a brief loading state, filled when the data arrives.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from dmi_desktop.domain.errors import NotFound, ValidationError
from dmi_desktop.domain.models import HistoryEvent, ParticipantFile
from dmi_desktop.domain.roles import can_handle_banked_case, can_see_restricted, can_write
from dmi_desktop.services.changes import Changes
from dmi_desktop.ui.actions import WindowShortcut, bind_shortcut, declare_shortcut
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.participants.banked_case_tab import BankedCaseTab
from dmi_desktop.ui.participants.checkins_tab import CheckInsTab
from dmi_desktop.ui.participants.eligibility_tab import EligibilityTab
from dmi_desktop.ui.participants.file_header import FileHeader
from dmi_desktop.ui.participants.history_tab import HistoryTab
from dmi_desktop.ui.participants.identity_tab import IdentityTab
from dmi_desktop.ui.participants.influentials_tab import InfluentialsTab
from dmi_desktop.ui.participants.notes_tab import NotesTab
from dmi_desktop.ui.participants.referrals_tab import ReferralsTab
from dmi_desktop.ui.participants.status_dialog import StatusChangeDialog
from dmi_desktop.ui.participants.unsaved import UnsavedChoice, ask_unsaved
from dmi_desktop.ui.participants.violations_tab import ViolationsTab

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext

log = logging.getLogger(__name__)
SAVE_SHORTCUT = declare_shortcut(
    WindowShortcut(
        "participant_file.save",
        lambda: QCoreApplication.translate("ParticipantFileWindow", "Save the participant file"),
        QKeySequence.StandardKey.Save,
    )
)
PRINT_SHORTCUT = declare_shortcut(
    WindowShortcut(
        "participant_file.print",
        lambda: QCoreApplication.translate("ParticipantFileWindow", "Print the participant file"),
        QKeySequence.StandardKey.Print,
    )
)


@dataclass(frozen=True)
class LoadedFile:
    """Everything the window shows, read together on the worker."""

    file: ParticipantFile
    sectors: list[str]
    photo: bytes | None
    history: list[HistoryEvent]


class ParticipantFileWindow(QDialog):
    """Everything about one participant; writes go through the worker, the hub keeps it current."""

    closed = Signal(str)  # participant id, once the window really closed

    def __init__(self, ctx: AppContext, participant_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._ctx = ctx
        self.participant_id = participant_id
        self._saving = False
        self._load_generation = 0  # a read queued before a newer one is skipped, its result dropped
        self._force_pending = False  # a forced reload (after a save) stays forced when a newer read supersedes it
        self._after_load: list[Any] = []  # what waits for the next file read to be shown (closing after a save)
        self._closed = False
        self.file: ParticipantFile | None = None
        role = ctx.session.role
        self.can_write = can_write(role)
        self.setObjectName("ParticipantFileWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.header = FileHeader(self)
        self.header.change_status.clicked.connect(self.change_status)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.identity = IdentityTab(ctx, participant_id, self.can_write, self)
        self.eligibility = EligibilityTab(ctx, participant_id, self.can_write, self)
        # Staff and viewers must not even learn that a banked case exists: the tab is not created at all.
        self.banked = BankedCaseTab(ctx, participant_id, self.can_write, self) if can_see_restricted(role) else None
        self.influentials = InfluentialsTab(ctx, participant_id, self.can_write, self)
        self.referrals = ReferralsTab(ctx, participant_id, self.can_write, self)
        self.checkins = CheckInsTab(ctx, participant_id, self.can_write, self)
        self.violations = ViolationsTab(ctx, participant_id, self.can_write, self)
        self.notes = NotesTab(ctx, participant_id, self.can_write, self)
        self.history = HistoryTab(self)
        self._add_tabs()
        self.dirty_label = QLabel(self)
        self.dirty_label.setStyleSheet("color: #8a5a00;")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.print_button = QPushButton(self.tr("Print file…"), self)
        self.print_button.setObjectName("printFile")
        self.print_button.setToolTip(self.tr("Preview and print this file as a PDF (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_file)
        for button in (self.save_button, self.close_button, self.print_button):
            button.setAutoDefault(False)  # Enter in a field must not save or close by surprise
        self.save_button.setVisible(self.can_write)
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        if not self.can_write:
            bottom.addWidget(QLabel(self.tr("Read only: your role can consult files but not change them."), self))
        bottom.addWidget(self.dirty_label, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        bind_shortcut(SAVE_SHORTCUT.shortcut_id, self, lambda: self.save())
        bind_shortcut(PRINT_SHORTCUT.shortcut_id, self, self.print_file)
        self.identity.form.edited.connect(self._update_dirty)
        if self.banked is not None:
            self.banked.form.edited.connect(self._update_dirty)
        ctx.hub.changed.connect(self._on_changed)
        self.resize(1100, 680)  # every tab title visible in Spanish, the longer language
        self._show_loading()
        self.reload(force=True)

    def _show_loading(self) -> None:
        self.setWindowTitle(self.tr("Loading the file…"))
        self.header.name.setText(self.tr("Loading the file…"))
        self.header.change_status.setEnabled(False)
        self.header.minor.hide()
        self.tabs.setEnabled(False)

    def loading(self) -> bool:
        """True until the file's data has arrived from the worker (the tabs are disabled meanwhile)."""
        return self.file is None

    def _add_tabs(self) -> None:
        self.tabs.addTab(self.identity, self.tr("Identity"))
        self.tabs.addTab(self.eligibility, self.tr("Eligibility review"))
        if self.banked is not None:
            self.tabs.addTab(self.banked, self.tr("Banked case"))
        self.tabs.addTab(self.influentials, self.tr("Influentials"))
        self.tabs.addTab(self.referrals, self.tr("Services / referrals"))
        self.tabs.addTab(self.checkins, self.tr("Check-ins"))
        self.tabs.addTab(self.violations, self.tr("Violations"))
        self.tabs.addTab(self.notes, self.tr("Notes"))
        self.tabs.addTab(self.history, self.tr("History"))

    def tab_titles(self) -> list[str]:
        """Titles of the tabs shown (what the user sees)."""
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    # -- loading -----------------------------------------------------------------------------------

    def reload(self, *, force: bool = False, then: Any = None) -> None:
        """Re-read the file on the worker; forms with unsaved edits keep them unless ``force``.

        ``then()`` runs once the file read has been shown.
        """
        ctx, pid = self._ctx, self.participant_id
        if not ctx.session.is_open:
            return
        self._load_generation += 1
        self._force_pending = self._force_pending or force
        if then is not None:
            self._after_load.append(then)
        generation = self._load_generation

        def job(_task: object) -> LoadedFile | None:
            if generation != self._load_generation or not ctx.session.is_open:
                return None  # a newer read is queued, or the vault locked meanwhile (unlocking does not need it)
            service = ctx.session.participants
            file = service.file(pid)
            p = file.participant
            photo = service.photo(p.id) if p.has_photo else None
            return LoadedFile(file, service.sectors(), photo, service.history(p.id))

        ctx.worker.submit(
            job, lambda loaded: self._show_file(generation, loaded), lambda exc: self._load_failed(generation, exc)
        )

    def _load_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._load_generation or self._closed:
            return
        self._after_load.clear()
        if isinstance(exc, NotFound):
            log.info("participant file no longer exists; closing its window")
            self.close()
        else:
            show_error(self, exc)

    def _show_file(self, generation: int, loaded: LoadedFile | None) -> None:
        if loaded is None or generation != self._load_generation or self._closed:
            return
        force, self._force_pending = self._force_pending, False
        file = loaded.file
        self.file = file
        p = file.participant
        self.tabs.setEnabled(True)
        self.setWindowTitle(self.tr("{name} — case {case_no}").format(name=p.full_name, case_no=p.case_no))
        self.header.show_participant(p, self.can_write)
        form = self.identity.form
        if force or not form.is_dirty():
            form.set_sectors(loaded.sectors)
            form.load(p)
            self.identity.photo.show_photo(loaded.photo)
        self.identity.summary.show_file(file)
        if self.banked is not None and (force or not self.banked.is_dirty()):
            self.banked.load(file.banked_case)
        self.eligibility.set_records(file.reviews)
        self.influentials.set_records(file.influentials)
        self.referrals.set_records(file.referrals)
        self.checkins.set_records(file.checkins)
        self.violations.set_records(file.violations)
        self.notes.set_records(file.notes)
        self.history.set_entries(loaded.history)
        self._update_dirty()
        waiting, self._after_load = self._after_load, []
        for then in waiting:
            then()

    def _on_changed(self, changes: Changes) -> None:
        if changes.participant_id == self.participant_id or (
            changes.entity == "participant" and self.participant_id in changes.ids
        ):
            self.reload()

    # -- editing -----------------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        """True while identity or banked-case edits are unsaved."""
        banked_dirty = self.banked is not None and self.banked.is_dirty()
        return self.identity.form.is_dirty() or banked_dirty

    def has_unsaved_changes(self) -> bool:
        """The shell's name for :meth:`is_dirty` (it asks every top-level window before quitting)."""
        return self.is_dirty()

    def _update_dirty(self) -> None:
        dirty = self.is_dirty()
        self.dirty_label.setText(self.tr("Unsaved changes") if dirty else "")
        # An untouched banked-case form is not an error: there is simply no banked case yet.
        banked_errors = (
            self.banked is not None and self.banked.is_dirty() and bool(self.banked.form.validation_errors())
        )
        errors = bool(self.identity.form.validation_errors()) or banked_errors
        self.save_button.setEnabled(self.can_write and dirty and not errors and not self._saving)

    def save(self, then: Any = None) -> bool:
        """Validate and store the edits on the worker; ``then()`` runs after a successful save."""
        if not self.can_write or self._saving:
            return False
        if not self.is_dirty():
            if then is not None:
                then()
            return True
        if not self.identity.form.show_all_errors():
            self.tabs.setCurrentWidget(self.identity)
            return False
        if self.banked is not None and self.banked.is_dirty() and not self.banked.form.show_all_errors():
            self.tabs.setCurrentWidget(self.banked)
            return False
        ctx, pid = self._ctx, self.participant_id
        changes = self.identity.form.changed_values()
        banked_job = self.banked.save_job() if self.banked is not None else None

        def job(_task: object) -> None:
            if changes:
                ctx.session.participants.update(pid, changes)
            if banked_job is not None:
                banked_job()

        def done(_result: object) -> None:
            self._saving = False
            self.reload(force=True, then=then)  # ``then`` sees the saved file, its forms clean

        self._saving = True
        self._update_dirty()
        ctx.worker.submit(job, done, self._save_failed)
        return True

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        if isinstance(exc, ValidationError) and set(exc.errors) & set(self.identity.form.boxes):
            self.identity.form.show_errors(exc.errors)
            self.tabs.setCurrentWidget(self.identity)
        elif isinstance(exc, ValidationError) and self.banked is not None:
            self.banked.form.show_errors(exc.errors)
            self.tabs.setCurrentWidget(self.banked)
        else:
            show_error(self, exc)
        self._update_dirty()

    def change_status(self) -> None:
        """Ask for a legal next state and a reason, then apply it on the worker (audited by the service)."""
        if self.file is None or not self.can_write:
            return
        p = self.file.participant
        banked = can_handle_banked_case(self._ctx.session.role)
        dialog = StatusChangeDialog(p.status, p.full_name, self, banked=banked)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        change = dialog.change()
        ctx, pid = self._ctx, self.participant_id
        ctx.worker.submit(
            lambda _task: ctx.session.participants.set_status(pid, change.target, change.reason),
            None,
            lambda exc: show_error(self, exc),
        )

    def print_file(self) -> None:
        """Ask the purpose, then preview the file as a PDF (the saved data: unsaved edits are not printed)."""
        if self.file is None:
            return
        from dmi_desktop.ui.printing.print_actions import print_participant_file

        print_participant_file(self._ctx, self, self.participant_id)

    # -- closing -----------------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc closes like the Close button (and asks about unsaved edits)."""
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Unsaved edits are never lost silently: Save / Discard / Cancel."""
        if self._saving:
            event.ignore()
            return
        if self.is_dirty():
            name = self.file.participant.full_name if self.file else self.tr("This file")
            choice = ask_unsaved(self, name)
            if choice is UnsavedChoice.CANCEL:
                event.ignore()
                return
            if choice is UnsavedChoice.SAVE:
                event.ignore()
                self.save(then=self._close_clean)
                return
        self._disconnect()
        self._closed = True
        event.accept()
        self.closed.emit(self.participant_id)

    def _close_clean(self) -> None:
        if not self.is_dirty():
            self.close()

    def _disconnect(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self._ctx.hub.changed.disconnect(self._on_changed)

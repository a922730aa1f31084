"""Wizard page 5: create the vault on the worker, then show the recovery key once (PDF / print / confirm)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.services.recovery_sheet import key_lines, write_recovery_sheet
from dmi_desktop.services.session import Session
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.errors import error_text, output_allowed
from dmi_desktop.ui.wizard.base import TranslatedPage
from dmi_desktop.ui.wizard.print_sheet import print_recovery_key
from dmi_desktop.ui.worker import TaskContext, Worker

log = logging.getLogger(__name__)


@dataclass
class Created:
    """What the creation task returns: the open session, the key to show once, a letterhead problem if any."""

    session: Session
    recovery_key: str
    letterhead_problem: str = ""


class RecoveryPage(TranslatedPage):
    """Runs the creation, then shows the key with "Save as PDF…", "Print…" and a mandatory confirmation."""

    def __init__(
        self,
        worker: Worker,
        make_task: Callable[[], Callable[[TaskContext], Created]],
        sheet_details: Callable[[], dict[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._make_task = make_task
        self._sheet_details = sheet_details
        self.created: Created | None = None
        self._running = False
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(8)
        self.retry = QPushButton(self)
        self.retry.setObjectName("retry")
        self.retry.clicked.connect(self.start_creation)
        self.retry.hide()
        self.key_label = QLabel(self)
        self.key_label.setObjectName("recovery_key")
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(20)
        mono.setBold(True)
        self.key_label.setFont(mono)
        self.key_label.setStyleSheet(
            "QLabel { background: #fffdf5; border: 2px solid #f2b233; border-radius: 6px; padding: 14px; }"
        )
        self.save_pdf = QPushButton(self)
        self.save_pdf.setObjectName("save_pdf")
        self.save_pdf.clicked.connect(self.save_as_pdf)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_key)
        self.saved = QLabel(self)
        self.saved.setObjectName("saved")
        self.saved.setWordWrap(True)
        self.saved.setStyleSheet("color: #2e7d32;")
        self.confirm = QCheckBox(self)
        self.confirm.setObjectName("confirm_saved")
        self.confirm.toggled.connect(self.completeChanged)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_pdf)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.key_label)
        layout.addLayout(buttons)
        layout.addWidget(self.saved)
        layout.addStretch(1)
        layout.addWidget(self.confirm)
        self._show_key_widgets(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self._update_status()
        self.retry.setText(self.tr("&Try again"))
        self.save_pdf.setText(self.tr("&Save as PDF…"))
        self.print_button.setText(self.tr("&Print…"))
        self.confirm.setText(self.tr("I have saved the recovery key in a safe place"))

    def _update_status(self) -> None:
        if self.created is None:
            self.setTitle(self.tr("Creating the vault"))
            self.setSubTitle(self.tr("Encrypting the new vault with your passphrase."))
        else:
            self.setTitle(self.tr("Recovery key"))
            self.setSubTitle(self.tr("The only way back into the vault if every passphrase is forgotten."))
        if self._running:
            self.status.setText(
                self.tr("Creating the encrypted vault… Tuning the encryption to this computer takes a few seconds.")
            )
        elif self.created is not None:
            self.status.setText(
                self.tr(
                    "The vault is ready. Write down, print or save this key now and keep it away from the laptop: "
                    "it is shown only once and opens the vault without a passphrase."
                )
            )

    def _show_key_widgets(self, visible: bool) -> None:
        for widget in (self.key_label, self.save_pdf, self.print_button, self.saved, self.confirm):
            widget.setVisible(visible)

    def initializePage(self) -> None:
        """Start creating the vault the first time the page is shown."""
        if self.created is None and not self._running:
            self.start_creation()

    def start_creation(self) -> None:
        """Run the creation task on the worker."""
        self._running = True
        self.retry.hide()
        self.busy.show()
        self._update_status()
        self.completeChanged.emit()
        self._worker.submit(self._make_task(), self._done, self._failed)

    def _done(self, created: Created) -> None:
        self._running = False
        self.created = created
        self.busy.hide()
        self.key_label.setText("\n".join(key_lines(created.recovery_key)))
        self._show_key_widgets(True)
        self.saved.setText(created.letterhead_problem)
        self._update_status()
        wizard = self.wizard()
        if wizard is not None:
            wizard.setOption(wizard.WizardOption.NoCancelButton, True)
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self._running = False
        self.busy.hide()
        self.status.setText(self.tr("The vault could not be created: {reason}").format(reason=error_text(exc)))
        self.retry.show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Finish only after the vault exists and the user confirmed the key is saved."""
        return self.created is not None and self.confirm.isChecked()

    def save_as_pdf(self) -> None:
        """Ask where to save the sheet, then write it on the worker."""
        if self.created is None:
            return
        suggested = "clave-recuperacion-dmi.pdf"
        path, _filter = file_dialogs.save_file_name(self, self.tr("Save recovery key"), suggested, "PDF (*.pdf)")
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        folder = self.created.session.folder
        if not output_allowed(self, target, folder):
            return
        key, details = self.created.recovery_key, self._sheet_details()
        self.save_pdf.setEnabled(False)
        self._worker.submit(
            lambda _ctx: write_recovery_sheet(target, key, vault_folder=folder, **details),
            self._pdf_saved,
            self._pdf_failed,
        )

    def _pdf_saved(self, path: Path) -> None:
        self.save_pdf.setEnabled(True)
        self.saved_path = path
        self.saved.setStyleSheet("color: #2e7d32;")
        self.saved.setText(self.tr("Saved to {path}. Keep the file away from this laptop.").format(path=str(path)))
        log.info("recovery sheet saved")

    def _pdf_failed(self, exc: Exception) -> None:
        self.save_pdf.setEnabled(True)
        self.saved.setStyleSheet("color: #c62828;")
        self.saved.setText(self.tr("The PDF could not be saved: {reason}").format(reason=error_text(exc)))

    def print_key(self) -> None:
        """Print the key on paper."""
        if self.created is None:
            return
        details = self._sheet_details()
        # The sheet itself is Spanish, like the PDF, whatever the UI language.
        rows = [("Organización", details.get("organisation", "")), ("Bóveda", details.get("vault_location", ""))]
        if print_recovery_key(self, self.created.recovery_key, rows):
            self.saved.setStyleSheet("color: #2e7d32;")
            self.saved.setText(self.tr("Sent to the printer."))

    def forget_key(self) -> None:
        """Drop the key from the screen and memory once the wizard is done."""
        if self.created is not None:
            self.created.recovery_key = ""
        self.key_label.clear()

"""The first-run wizard: pages in order, the creation task, and refusing to close before the key is saved."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from dmi_desktop.services.organisation import OrganisationService
from dmi_desktop.services.session import Session
from dmi_desktop.ui.actions import load_icon
from dmi_desktop.ui.errors import error_text
from dmi_desktop.ui.wizard.device_page import DevicePage
from dmi_desktop.ui.wizard.language_page import LanguagePage
from dmi_desktop.ui.wizard.organisation_page import OrganisationPage
from dmi_desktop.ui.wizard.recovery_page import Created, RecoveryPage
from dmi_desktop.ui.wizard.user_page import UserPage
from dmi_desktop.ui.worker import TaskContext, Worker

log = logging.getLogger(__name__)


class FirstRunWizard(QWizard):
    """Creates the first vault; ``session`` is the open session once the wizard is accepted.

    ``create_options`` go to Session.create as they are (tests pass the fast KDF: ``kdf=TEST_KDF``).
    """

    def __init__(
        self,
        worker: Worker,
        folder: Path,
        *,
        language: str = "es",
        set_language: Callable[[str], None] = lambda _code: None,
        create_options: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_wizard")
        self._worker = worker
        self._create_options = dict(create_options or {})
        self.session: Session | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setWindowIcon(load_icon("app"))
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, load_icon("app").pixmap(48, 48))
        self.setMinimumSize(680, 560)
        self.language_page = LanguagePage(language, set_language, self)
        self.organisation_page = OrganisationPage(self)
        self.device_page = DevicePage(
            folder, self, organisation=lambda: self.organisation_page.form.organisation.text()
        )
        self.user_page = UserPage(lambda: [self.organisation_page.form.organisation.text()], self)
        self.recovery_page = RecoveryPage(worker, self._creation_task, self._sheet_details, self)
        for page in (
            self.language_page,
            self.organisation_page,
            self.device_page,
            self.user_page,
            self.recovery_page,
        ):
            self.addPage(page)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        """Re-label the wizard's own buttons when the language is switched."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("DMI Desktop — first start"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create vault"))

    # -- creation -------------------------------------------------------------------------------

    def _creation_task(self) -> Callable[[TaskContext], Created]:
        """Snapshot the answers on the GUI thread; the returned function runs on the worker."""
        folder = self.device_page.vault_folder
        user = self.user_page.name.text().strip()
        passphrase = self.user_page.passphrase.text()
        letterhead = self.organisation_page.form.values()
        logo = self.organisation_page.form.logo or None
        code = self.device_page.code.text()
        options = dict(self._create_options)

        def create(_ctx: TaskContext) -> Created:
            session, recovery = Session.create(
                folder,
                user=user,
                passphrase=passphrase,
                organisation=letterhead["organisation"].strip(),
                device_code=code,
                **options,
            )
            problem = ""
            try:
                OrganisationService(session).update(**letterhead, logo=logo)
            except Exception as exc:  # the vault exists: never lose the recovery key over a letterhead detail
                problem = error_text(exc)
            return Created(session, recovery, problem)

        return create

    def _sheet_details(self) -> dict[str, str]:
        values = self.organisation_page.form.values()
        return {
            "organisation": values["organisation"].strip(),
            "programme": values["programme"].strip(),
            "vault_location": str(self.device_page.vault_folder),
            "user": self.user_page.name.text().strip(),
        }

    # -- closing --------------------------------------------------------------------------------

    def accept(self) -> None:
        """Finish: hand over the open session and forget the recovery key."""
        created = self.recovery_page.created
        if created is None:
            return
        self.session = created.session
        self.recovery_page.forget_key()
        self.user_page.passphrase.clear()
        self.user_page.repeat.clear()
        super().accept()

    def reject(self) -> None:
        """Cancel before the vault exists; afterwards the key must be confirmed first (Finish)."""
        if self.recovery_page.created is not None:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("The vault has been created. Save the recovery key, tick the box and press Finish."),
            )
            return
        if self._worker.busy:
            return  # the vault is being created right now
        super().reject()

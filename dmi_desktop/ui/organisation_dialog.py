"""Editing the organisation and letterhead (coordinators), saved on the worker and audited by the service."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from dmi_desktop.services.organisation import OrganisationService
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.errors import error_text
from dmi_desktop.ui.organisation_form import OrganisationForm


class OrganisationDialog(QDialog):
    """Organisation name, programme, address and logo."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organisation_dialog")
        self._ctx = ctx
        self.setWindowTitle(self.tr("Organisation and letterhead"))
        self.setMinimumWidth(560)
        self.form = OrganisationForm(self)
        self.form.set_letterhead(OrganisationService(ctx.session).get())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form.changed.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.form.is_complete())

    def save(self) -> None:
        """Store the letterhead on the worker; stay open with the message if it is refused."""
        values = self.form.values()
        logo = self.form.logo or None
        remove = self.form.logo_removed and not self.form.logo
        session = self._ctx.session
        self.buttons.setEnabled(False)

        def task(_ctx):
            return OrganisationService(session).update(**values, logo=logo, remove_logo=remove)

        self._ctx.worker.submit(task, lambda _result: self.accept(), self._failed)

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))
        self.message.show()

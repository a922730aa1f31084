"""Changing a passphrase: the current one again (checked against the key slot), the new one twice, on the worker."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.ui.errors import error_text
from dmi_desktop.ui.widgets.passphrase_edit import PassphraseEdit
from dmi_desktop.ui.widgets.shake import shake
from dmi_desktop.ui.widgets.strength_meter import StrengthMeter
from dmi_desktop.ui.worker import Worker


class ChangePassphraseDialog(QDialog):
    """New passphrase for ``user``; ``verify`` (current passphrase check) is omitted after a recovery unlock."""

    def __init__(
        self,
        worker: Worker,
        *,
        user: str,
        change: Callable[[str], object],
        verify: Callable[[str], bool] | None = None,
        mandatory: bool = False,
        change_compromised: Callable[[str], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("change_passphrase_dialog")
        self._worker = worker
        self._user = user
        self._change = change
        self._change_compromised = change_compromised
        self.outcome: object = None  # what the change returned (a re-key's report when compromised)
        self._verify = verify
        self._busy = False
        self.setMinimumWidth(480)
        if mandatory:
            self.setWindowTitle(self.tr("Choose a new passphrase"))
        else:
            self.setWindowTitle(self.tr("Change passphrase"))
        layout = QVBoxLayout(self)
        intro = QLabel(self)
        intro.setWordWrap(True)
        if mandatory:
            intro.setText(
                self.tr(
                    "You opened the vault with the recovery key. Choose a new passphrase for {user} now; "
                    "the old one stops working."
                ).format(user=user)
            )
        else:
            intro.setText(self.tr("New passphrase for {user}.").format(user=user))
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.current = PassphraseEdit(self)
        self.current.setObjectName("current")
        if verify is not None:
            form.addRow(self.tr("C&urrent passphrase:"), self.current)
        else:
            self.current.hide()
        self.new = PassphraseEdit(self)
        self.new.setObjectName("new")
        self.repeat = PassphraseEdit(self)
        self.repeat.setObjectName("repeat")
        self.meter = StrengthMeter(self)
        form.addRow(self.tr("&New passphrase:"), self.new)
        form.addRow("", self.meter)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        layout.addLayout(form)
        self.compromised = QCheckBox(self.tr("Someone else may know my current passphrase"), self)
        self.compromised.setObjectName("compromised")
        # The consequence on its own wrapped line: a checkbox's text does not wrap and was cut off.
        self.compromised_note = QLabel(
            self.tr(
                "The vault is then re-encrypted under a new key, after a safety backup: a copy of the key file "
                "with the old passphrase opens nothing written from now on. It takes longer."
            ),
            self,
        )
        self.compromised_note.setWordWrap(True)
        self.compromised_note.setEnabled(False)  # greyed: an explanation, not an instruction
        self.compromised_note.setContentsMargins(24, 0, 0, 0)
        for widget in (self.compromised, self.compromised_note):
            widget.setVisible(change_compromised is not None)
            layout.addWidget(widget)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        layout.addWidget(self.message)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(6)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(self.tr("&Change passphrase"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("ok")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        strength = self.meter.update_for(self.new.text(), [self._user])
        problem = ""
        if self.new.text() and not strength.acceptable:
            problem = self.tr("This passphrase is too weak; make it longer to continue.")
        elif self.repeat.text() and self.repeat.text() != self.new.text():
            problem = self.tr("The two passphrases do not match.")
        self._show(problem)
        ready = strength.acceptable and self.new.text() == self.repeat.text()
        if self._verify is not None:
            ready = ready and bool(self.current.text())
        self.ok.setEnabled(ready and not self._busy)

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.current, self.new, self.repeat):
            widget.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self._update()

    def submit(self) -> None:
        """Check the current passphrase and store the new one, both on the worker."""
        if self._busy or not self.ok.isEnabled():
            return
        current, new = self.current.text(), self.new.text()
        verify, change = self._verify, self._change
        if self._change_compromised is not None and self.compromised.isChecked():
            change = self._change_compromised

        def task(_ctx) -> bool:
            if verify is not None and not verify(current):
                return False
            self.outcome = change(new)
            return True

        self._set_busy(True)
        self._worker.submit(task, self._done, self._failed)

    def _done(self, changed: bool) -> None:
        self._set_busy(False)
        if not changed:
            self.current.set_error(True)
            self.current.selectAll()
            self.current.setFocus()
            self._show(self.tr("The current passphrase is wrong."))
            shake(self)
            return
        for field in (self.current, self.new, self.repeat):
            field.clear()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._show(error_text(exc))

    def reject(self) -> None:
        """Not while the change is being written."""
        if not self._busy:
            super().reject()

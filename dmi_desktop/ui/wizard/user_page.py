"""Wizard page 4: the first user (a coordinator) and a passphrase with live strength feedback."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizard

from dmi_desktop.ui.widgets.passphrase_edit import PassphraseEdit
from dmi_desktop.ui.widgets.strength_meter import StrengthMeter
from dmi_desktop.ui.wizard.base import TranslatedPage


class UserPage(TranslatedPage):
    """Name, passphrase and repeat; weak or mismatched passphrases keep "Create vault" disabled."""

    def __init__(self, context_words: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context_words = context_words  # organisation name etc.: a passphrase made of them is weak
        self.setCommitPage(True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setObjectName("user_name")
        self.name.setMaxLength(60)
        self.passphrase = PassphraseEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.repeat = PassphraseEdit(self)
        self.repeat.setObjectName("repeat")
        self.meter = StrengthMeter(self)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, field in zip(self.labels, (self.name, self.passphrase, self.repeat), strict=True):
            label.setBuddy(field)
        form.addRow(self.labels[0], self.name)
        form.addRow(self.labels[1], self.passphrase)
        form.addRow("", self.meter)
        form.addRow(self.labels[2], self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        for field in (self.name, self.passphrase, self.repeat):
            field.textChanged.connect(self._update)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.setTitle(self.tr("First user"))
        self.setSubTitle(self.tr("You will be the vault's coordinator and can add colleagues later."))
        self.intro.setText(
            self.tr(
                "Choose a passphrase: several unusual words are easier to remember and harder to guess than a "
                "short password. Nobody can recover it for you; only the recovery key shown next can."
            )
        )
        self.labels[0].setText(self.tr("Your &name:"))
        self.labels[1].setText(self.tr("&Passphrase:"))
        self.labels[2].setText(self.tr("&Repeat:"))
        self.name.setPlaceholderText(self.tr("e.g. Ana Rojas"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create vault"))
        self._update()

    def _update(self) -> None:
        words = [self.name.text(), *self._context_words()]
        strength = self.meter.update_for(self.passphrase.text(), [w for w in words if w])
        problem = ""
        if not self.name.text().strip():
            problem = self.tr("Type your name.")
        elif not self.passphrase.text():
            problem = self.tr("To continue, choose a passphrase.")
        elif not strength.acceptable:
            problem = self.tr("This passphrase is too weak; make it longer to continue.")
        elif not self.repeat.text():
            problem = self.tr("To continue, type the passphrase again under Repeat.")
        elif self.repeat.text() != self.passphrase.text():
            problem = self.tr("The two passphrases do not match.")
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """A name, an acceptable passphrase, typed twice the same."""
        return bool(self.name.text().strip()) and self.meter.acceptable and self.passphrase.text() == self.repeat.text()

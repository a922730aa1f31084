"""Before anything is printed: why (recorded in the audit) and on which paper."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.services.printing import PURPOSE_LIMIT


@dataclass(frozen=True)
class PrintRequest:
    """What the user asked for: the purpose (for the audit) and the paper size."""

    purpose: str
    paper: str


class PrintPurposeDialog(QDialog):
    """Asks the purpose of a print; Preview stays disabled until there is one."""

    def __init__(self, what: str, paper: str = "carta", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PrintPurposeDialog")
        self.setWindowTitle(self.tr("Print"))
        intro = QLabel(
            self.tr(
                "You are about to print {what}. Printed personal data leaves the encrypted vault: say why it is"
                " needed. The purpose is recorded in the audit log with your name."
            ).format(what=what),
            self,
        )
        intro.setWordWrap(True)
        self.purpose = QLineEdit(self)
        self.purpose.setObjectName("printPurpose")
        self.purpose.setMaxLength(PURPOSE_LIMIT)
        self.purpose.setPlaceholderText(self.tr("e.g. case review with the prosecutor's office"))
        self.paper = QComboBox(self)
        self.paper.setObjectName("printPaper")
        for code, text in (("carta", self.tr("Letter (Carta)")), ("a4", "A4"), ("oficio", self.tr("Oficio"))):
            self.paper.addItem(text, code)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        form = QFormLayout()
        form.addRow(self.tr("Purpose:"), self.purpose)
        form.addRow(self.tr("Paper:"), self.paper)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.preview_button = self.buttons.addButton(self.tr("Preview…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.purpose.textChanged.connect(lambda text: self.preview_button.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def accept(self) -> None:
        """Only with a purpose (Enter in an empty box does nothing)."""
        if self.purpose.text().strip():
            super().accept()

    def request(self) -> PrintRequest:
        """The purpose and paper chosen."""
        return PrintRequest(self.purpose.text().strip(), str(self.paper.currentData()))

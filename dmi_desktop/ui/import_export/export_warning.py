"""The dialog shown before an unencrypted export: what the file is, and the checkbox "no volver a preguntar"."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QStyle, QVBoxLayout, QWidget


class ExportWarningDialog(QDialog):
    """Says the file will be readable by anyone who gets it; accepted means "export anyway"."""

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportWarningDialog")
        self.setWindowTitle(self.tr("Unencrypted file"))
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        self.text = QLabel(
            self.tr(
                "<p><b>{file} will not be encrypted.</b></p><p>Anyone who gets a copy of it (a USB stick, an e-mail, "
                "a shared folder) can read the names, RUTs and statuses it holds.</p><p>To send data to a partner "
                "institution, use the encrypted partner export when it comes with synchronisation. Until then, keep "
                "this file only as long as you need it and delete it afterwards.</p>"
            ).format(file=_escape(file_name)),
            self,
        )
        self.text.setWordWrap(True)
        self.dont_ask = QCheckBox(self.tr("Don't ask again"), self)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export anyway"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.dont_ask)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)


def _escape(text: str) -> str:
    """A file name shown inside rich text as typed (a name may hold "<" or "&")."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

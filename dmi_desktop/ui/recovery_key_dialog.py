"""A new recovery key, shown once: large, selectable, with Copy and Print, and a reminder of what it is for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from dmi_desktop.services.recovery_sheet import key_lines
from dmi_desktop.ui.wizard.print_sheet import print_recovery_key


class RecoveryKeyDialog(QDialog):
    """Shows ``key`` once; closing it is the last chance to copy or print it."""

    def __init__(self, key: str, organisation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_key_dialog")
        self.setWindowTitle(self.tr("New recovery key"))
        self._key = key
        self._organisation = organisation
        intro = QLabel(
            self.tr(
                "This is the vault's new recovery key. It is shown only now: print it or copy it to paper and"
                " keep it locked away. The previous recovery key no longer opens the vault."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.key_label = QLabel("\n".join(key_lines(key)), self)
        self.key_label.setObjectName("recovery_key")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(mono.pointSize() + 6)
        mono.setBold(True)
        self.key_label.setFont(mono)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("QLabel { border: 1px solid palette(mid); border-radius: 6px; padding: 12px; }")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(self.tr("&Copy"), self)
        copy.setObjectName("copy")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._key))
        printing = QPushButton(self.tr("&Print…"), self)
        printing.setObjectName("print")
        printing.clicked.connect(self.print_key)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(printing, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def print_key(self) -> None:
        """Print the key on one page, like the first-run sheet."""
        print_recovery_key(self, self._key, [(self.tr("Organisation"), self._organisation)])

"""The unlock screen: pick a user, type the passphrase (or the recovery key); the KDF runs on the worker."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.services.session import Session
from dmi_desktop.services.vault_info import is_wrong_passphrase, vault_users
from dmi_desktop.ui.actions import load_icon
from dmi_desktop.ui.errors import error_text
from dmi_desktop.ui.widgets.passphrase_edit import PassphraseEdit
from dmi_desktop.ui.widgets.shake import shake
from dmi_desktop.ui.worker import Worker

log = logging.getLogger(__name__)

Attempt = Callable[[str, str], Session]  # (user, passphrase or recovery key) -> open session; runs on the worker


class UnlockDialog(QDialog):
    """Asks for the passphrase of a vault; ``session`` holds the open session once accepted."""

    def __init__(
        self,
        worker: Worker,
        folder: Path,
        *,
        fixed_user: str | None = None,
        demo_passphrase: str | None = None,
        attempt: Attempt | None = None,
        recover: Attempt | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlock_dialog")
        self._worker = worker
        self._folder = Path(folder)
        self._attempt = attempt or (lambda user, secret: Session.unlock(self._folder, secret, user or None))
        default_recover = None if fixed_user else self._default_recover
        self._recover = recover if recover is not None else default_recover
        self._recovery_mode = False
        self._busy = False
        self.session: Session | None = None
        self.used_recovery = False
        self.setWindowTitle(
            self.tr("Unlock vault — DMI Desktop") if not fixed_user else self.tr("Locked — DMI Desktop")
        )
        self.setWindowIcon(load_icon("app"))
        self.setMinimumWidth(540)
        self._build(fixed_user, demo_passphrase)
        self._load_users(fixed_user)

    def _default_recover(self, user: str, key: str) -> Session:
        return Session.unlock_with_recovery(self._folder, key, user or None)

    # -- layout -------------------------------------------------------------------------------

    def _build(self, fixed_user: str | None, demo_passphrase: str | None) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        header = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(load_icon("lock" if fixed_user else "app").pixmap(48, 48))
        header.addWidget(icon)
        title = QLabel(self.tr("The vault is locked") if fixed_user else self.tr("Unlock the vault"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title, 1)
        layout.addLayout(header)
        if fixed_user:
            explain = QLabel(self.tr("Your work is hidden and kept as it was. Type your passphrase to continue."), self)
            explain.setWordWrap(True)
            layout.addWidget(explain)
        self.path_label = QLabel(self)
        self.path_label.setObjectName("vault_path")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setWordWrap(True)
        self.path_label.setText(self.tr("Vault: {path}").format(path=str(self._folder)))
        self.path_label.setStyleSheet("color: #5f6b76;")
        layout.addWidget(self.path_label)
        if demo_passphrase:
            layout.addWidget(self._demo_box(demo_passphrase))
        form = QFormLayout()
        self._form = form
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.user_combo = QComboBox(self)
        self.user_combo.setObjectName("user")
        self.user_name = QLabel(self)  # shown instead of the picker when there is only one possible user
        self.user_name.setObjectName("user_name")
        self.user_name.setStyleSheet("font-weight: bold;")
        users_row = QHBoxLayout()
        users_row.addWidget(self.user_combo, 1)
        users_row.addWidget(self.user_name, 1)
        form.addRow(self.tr("User:"), users_row)
        self.passphrase = PassphraseEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setPlaceholderText(self.tr("Your passphrase"))
        self._passphrase_label = QLabel(self.tr("&Passphrase:"), self)
        self._passphrase_label.setBuddy(self.passphrase)
        form.addRow(self._passphrase_label, self.passphrase)
        self.recovery_key = QLineEdit(self)
        self.recovery_key.setObjectName("recovery_key")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.recovery_key.setFont(mono)
        self.recovery_key.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-…")
        self._recovery_label = QLabel(self.tr("&Recovery key:"), self)
        self._recovery_label.setBuddy(self.recovery_key)
        form.addRow(self._recovery_label, self.recovery_key)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.hide()
        layout.addWidget(self.message)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: the key derivation has no progress to report
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(6)
        self.busy.setVisible(False)
        layout.addWidget(self.busy)
        self.recovery_link = QPushButton(self)
        self.recovery_link.setObjectName("recovery_link")
        self.recovery_link.setFlat(True)
        self.recovery_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.recovery_link.setStyleSheet("text-align: left; color: palette(link); text-decoration: underline;")
        self.recovery_link.clicked.connect(lambda: self.set_recovery_mode(not self._recovery_mode))
        self.recovery_link.setVisible(self._recover is not None)
        layout.addWidget(self.recovery_link, 0, Qt.AlignmentFlag.AlignLeft)
        self.buttons = QDialogButtonBox(self)
        self.unlock_button = self.buttons.addButton(self.tr("&Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.quit_button = self.buttons.addButton(self.tr("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.set_recovery_mode(False)

    def _demo_box(self, demo_passphrase: str) -> QFrame:
        box = QFrame(self)
        box.setObjectName("demo_box")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setStyleSheet("#demo_box { background: #fff8e1; border: 1px solid #f2b233; border-radius: 4px; }")
        row = QHBoxLayout(box)
        shown = f'<b style="white-space: nowrap">{html.escape(demo_passphrase)}</b>'
        text = QLabel(self.tr("Demo vault (fictitious data) — passphrase: {passphrase}").format(passphrase=shown), box)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setObjectName("demo_hint")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(text, 1)
        fill = QPushButton(self.tr("&Fill in"), box)
        fill.setObjectName("fill_demo")
        fill.setAutoDefault(False)
        fill.clicked.connect(lambda: (self.passphrase.setText(demo_passphrase), self.passphrase.setFocus()))
        row.addWidget(fill)
        return box

    def _load_users(self, fixed_user: str | None) -> None:
        if fixed_user:
            self.user_combo.addItem(fixed_user)
            self._single_user()
            return
        try:
            users = vault_users(self._folder)
        except Exception as exc:  # a damaged key file: say so, nothing can be unlocked
            self.show_message(error_text(exc))
            self.unlock_button.setEnabled(False)
            self.recovery_link.setEnabled(False)
            return
        self.user_combo.addItems(users)
        if len(users) <= 1:
            self._single_user()
        else:
            self.user_name.hide()

    def _single_user(self) -> None:
        self.user_name.setText(self.user_combo.currentText())
        self.user_combo.hide()

    # -- behaviour -------------------------------------------------------------------------

    def set_recovery_mode(self, recovery: bool) -> None:
        """Switch between the passphrase and the recovery key."""
        self._recovery_mode = recovery
        self._form.setRowVisible(self.passphrase, not recovery)
        self._form.setRowVisible(self.recovery_key, recovery)
        self.recovery_link.setText(
            self.tr("Back to the passphrase") if recovery else self.tr("Forgot your passphrase? Use the recovery key")
        )
        self.message.hide()
        (self.recovery_key if recovery else self.passphrase).setFocus()

    @property
    def recovery_mode(self) -> bool:
        """True when the recovery key field is shown."""
        return self._recovery_mode

    def show_message(self, text: str) -> None:
        """Show an error line under the fields."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.user_combo, self.passphrase, self.recovery_key, self.unlock_button, self.quit_button):
            widget.setEnabled(not busy)
        self.recovery_link.setEnabled(not busy)

    def try_unlock(self) -> None:
        """Start unlocking on the worker (the dialog stays responsive meanwhile)."""
        if self._busy:
            return
        user = self.user_combo.currentText()
        secret = self.recovery_key.text() if self._recovery_mode else self.passphrase.text()
        if not secret.strip():
            field = self.recovery_key if self._recovery_mode else self.passphrase
            self.show_message(
                self.tr("Type the recovery key.") if self._recovery_mode else self.tr("Type your passphrase.")
            )
            field.setFocus()
            return
        self.show_message("")
        self._set_busy(True)
        attempt = self._recover if self._recovery_mode else self._attempt
        recovery = self._recovery_mode
        assert attempt is not None
        self._worker.submit(lambda _ctx: attempt(user, secret), lambda s: self._unlocked(s, recovery), self._failed)

    def _unlocked(self, session: Session, recovery: bool) -> None:
        self._set_busy(False)
        self.session = session
        self.used_recovery = recovery
        log.info("vault unlocked%s", " with the recovery key" if recovery else "")
        self.passphrase.clear()
        self.recovery_key.clear()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if is_wrong_passphrase(exc):
            field = self.recovery_key if self._recovery_mode else self.passphrase
            self.show_message(self.tr("Wrong recovery key.") if self._recovery_mode else self.tr("Wrong passphrase."))
            if isinstance(field, PassphraseEdit):
                field.set_error(True)
            field.selectAll()
            field.setFocus()
            shake(self)
        else:
            self.show_message(error_text(exc))

    def reject(self) -> None:
        """Closing is refused while an unlock is running (its session would be left open)."""
        if not self._busy:
            super().reject()

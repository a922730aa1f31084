"""Managing users (coordinators): list with roles, add, remove, set someone's passphrase."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.messages import language
from dmi_desktop.domain.roles import ROLE_LABELS
from dmi_desktop.ui.add_user_dialog import AddUserDialog
from dmi_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.recovery_key_dialog import RecoveryKeyDialog
from dmi_desktop.ui.rekey_report import report_rekey


class UsersDialog(QDialog):
    """Who can open this vault, and with which role; every change runs on the worker and is audited."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("users_dialog")
        self._ctx = ctx
        self.setWindowTitle(self.tr("Users"))
        self.resize(520, 360)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("users_table")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setShowGrid(False)
        self.table.setStyleSheet("QTableWidget::item { padding: 0 8px; }")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.add_button.setObjectName("add")
        self.add_button.clicked.connect(self.add_user)
        self.passphrase_button = QPushButton(self.tr("Set &passphrase…"), self)
        self.passphrase_button.setObjectName("set_passphrase")
        self.passphrase_button.clicked.connect(self.set_passphrase)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setObjectName("remove")
        self.remove_button.clicked.connect(self.remove_user)
        self.recovery_button = QPushButton(self.tr("New r&ecovery key…"), self)
        self.recovery_button.setObjectName("new_recovery_key")
        self.recovery_button.clicked.connect(self.regenerate_recovery)
        side = QHBoxLayout()
        for button in (self.add_button, self.passphrase_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.recovery_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(side)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        """Reload the list (a short read on the GUI thread)."""
        users = self._ctx.session.users.list()
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            name = QTableWidgetItem(user.name)
            if user.name == self._ctx.session.user:
                name.setText(self.tr("{name} (you)").format(name=user.name))
            name.setData(Qt.ItemDataRole.UserRole, user.name)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(ROLE_LABELS[user.role][language()]))
        self._update_buttons()

    def selected_user(self) -> str | None:
        """Name of the selected user, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def _update_buttons(self) -> None:
        selected = self.selected_user()
        self.passphrase_button.setEnabled(selected is not None)
        self.remove_button.setEnabled(selected is not None and selected != self._ctx.session.user)

    def _run(self, fn: Callable[[], object], then: Callable[[object], None] | None = None) -> None:
        def finished(result: object) -> None:
            self.refresh()
            if then is not None:
                then(result)

        self._ctx.worker.submit(lambda _task: fn(), finished, lambda exc: show_error(self, exc))

    def add_user(self) -> None:
        """Ask for the new user's details and add them."""
        existing = {u.name for u in self._ctx.session.users.list()}
        dialog = AddUserDialog(existing, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new = dialog.new_user()
        session = self._ctx.session
        self._run(lambda: session.users.add(new.name, new.role, new.passphrase))

    def remove_user(self) -> None:
        """Remove the selected user after confirmation."""
        name = self.selected_user()
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove user"),
            self.tr(
                "Remove {name}? Their passphrase will no longer open the vault. The vault is then re-encrypted"
                " under a new key (after a safety backup), so a copy of the old key file opens nothing written"
                " afterwards."
            ).format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            session = self._ctx.session
            self._run(lambda: session.users.remove(name), lambda rekeyed: report_rekey(self, self._ctx, rekeyed))

    def regenerate_recovery(self) -> None:
        """Replace the recovery key (after confirmation), show the new one once, re-key the vault."""
        answer = QMessageBox.question(
            self,
            self.tr("New recovery key"),
            self.tr(
                "Replace the recovery key? The current one will stop opening the vault, which is re-encrypted"
                " under a new key. The new recovery key is shown once."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        session = self._ctx.session

        def shown(result: object) -> None:
            recovery, rekeyed = result  # type: ignore[misc]
            RecoveryKeyDialog(recovery, session.organisation, self).exec()
            report_rekey(self, self._ctx, rekeyed)

        self._run(session.users.regenerate_recovery, shown)

    def set_passphrase(self) -> None:
        """Give the selected user a new passphrase (e.g. after they forgot theirs)."""
        name = self.selected_user()
        if name is None:
            return
        session = self._ctx.session
        dialog = ChangePassphraseDialog(
            self._ctx.worker,
            user=name,
            change=lambda new: session.users.change_passphrase(new, user=name),
            parent=self,
        )
        dialog.exec()

"""The shell's dialogs driven like a user would: passphrase change, users, backup, settings, letterhead."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from dmi_desktop.domain.roles import Role
from dmi_desktop.services.organisation import OrganisationService
from dmi_desktop.services.session import Session
from dmi_desktop.services.vault_info import passphrase_opens
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.add_user_dialog import AddUserDialog
from dmi_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
from dmi_desktop.ui.organisation_dialog import OrganisationDialog
from dmi_desktop.ui.settings_dialog import SettingsDialog
from dmi_desktop.ui.users_dialog import UsersDialog
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE, VIEWER

pytest_plugins = ["tests.ui.shell_fixtures"]

NEW = "mandarina helicóptero bufanda quieta 88"


def _change_dialog(shell, user: str) -> ChangePassphraseDialog:
    session = shell.ctx.session
    return ChangePassphraseDialog(
        shell.worker,
        user=user,
        verify=lambda current: passphrase_opens(session.folder, user, current),
        change=lambda new: session.users.change_passphrase(new),
    )


def test_change_passphrase_checks_the_current_one(qtbot, unlocked, vault_dir):
    shell = unlocked(STAFF)
    dialog = _change_dialog(shell, STAFF)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText("no es la actual")
    dialog.new.setText(NEW)
    dialog.repeat.setText(NEW)
    dialog.ok.click()
    assert shell.worker.wait_idle(10_000)
    assert dialog.result() == 0 and dialog.current.has_error
    assert dialog.message.isVisible()
    assert passphrase_opens(vault_dir, STAFF, STAFF_PASSPHRASE)  # nothing changed
    dialog.current.setText(STAFF_PASSPHRASE)
    dialog.ok.click()
    assert shell.worker.wait_idle(10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert passphrase_opens(vault_dir, STAFF, NEW)
    assert not passphrase_opens(vault_dir, STAFF, STAFF_PASSPHRASE)


def test_weak_new_passphrase_cannot_be_submitted(qtbot, unlocked):
    shell = unlocked(STAFF)
    dialog = _change_dialog(shell, STAFF)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText(STAFF_PASSPHRASE)
    dialog.new.setText("clave123")
    dialog.repeat.setText("clave123")
    assert not dialog.ok.isEnabled()
    assert dialog.message.isVisible()


def test_coordinator_adds_and_removes_a_user(qtbot, unlocked, vault_dir, msgboxes, monkeypatch):
    shell = unlocked(COORDINATOR)
    users = UsersDialog(shell.ctx)
    qtbot.addWidget(users)
    users.show()
    assert users.table.rowCount() == 3

    def fill_and_accept(dialog: AddUserDialog) -> int:
        dialog.name.setText("nuevo")
        dialog.role.setCurrentIndex(dialog.role.findData(Role.VIEWER))
        dialog.passphrase.setText(NEW)
        dialog.repeat.setText(NEW)
        assert dialog.ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AddUserDialog, "exec", fill_and_accept)
    users.add_user()
    assert shell.worker.wait_idle(10_000)
    names = [users.table.item(r, 0).text() for r in range(users.table.rowCount())]
    assert "nuevo" in names
    assert {u.name: u.role for u in shell.ctx.session.users.list()}["nuevo"] is Role.VIEWER

    row = names.index("nuevo")
    users.table.selectRow(row)
    assert users.remove_button.isEnabled()
    msgboxes["answers"].append(QMessageBox.StandardButton.Yes)
    users.remove_user()
    assert shell.worker.wait_idle(10_000)
    assert "nuevo" not in {u.name for u in shell.ctx.session.users.list()}
    audited = shell.ctx.session.vault.db.execute(
        "SELECT action FROM audit_entries WHERE entity_id = 'nuevo'"
    ).fetchall()
    assert [row[0] for row in audited] == ["user.add", "user.remove"]


def test_coordinator_cannot_remove_themselves(qtbot, unlocked):
    shell = unlocked(COORDINATOR)
    users = UsersDialog(shell.ctx)
    qtbot.addWidget(users)
    users.show()
    own = next(r for r in range(users.table.rowCount()) if COORDINATOR in users.table.item(r, 0).text())
    users.table.selectRow(own)
    assert not users.remove_button.isEnabled()


def test_add_user_dialog_refuses_duplicates_and_weak_passphrases(qtbot):
    dialog = AddUserDialog({VIEWER})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText(VIEWER.upper())
    dialog.passphrase.setText(NEW)
    dialog.repeat.setText(NEW)
    assert not dialog.ok.isEnabled()
    dialog.name.setText("otra persona")
    assert dialog.ok.isEnabled()
    dialog.passphrase.setText("corta")
    dialog.repeat.setText("corta")
    assert not dialog.ok.isEnabled()


def test_backup_is_written_on_the_worker(qtbot, unlocked, tmp_path, monkeypatch):
    shell = unlocked(VIEWER)  # viewers may take backups: it reveals nothing new
    target = tmp_path / "respaldo"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), ""))
    shell.ctx.actions.action("vault.backup").trigger()
    assert shell.worker.wait_idle(10_000)
    written = tmp_path / "respaldo.dmibackup"
    assert written.exists() and written.stat().st_size > 0
    assert str(written) in shell.window.statusBar().currentMessage()


def test_settings_change_the_autolock_delay(qtbot, unlocked, monkeypatch):
    shell = unlocked(COORDINATOR)

    def choose(dialog: SettingsDialog) -> int:
        dialog.autolock.setValue(12)
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose)
    languages = []
    shell.hub.language_changed.connect(languages.append)
    shell.ctx.actions.action("shell.settings").trigger()
    assert shell.settings.autolock_minutes == 12
    assert shell.lock.idle.timeout_ms == 12 * 60_000
    assert shell.settings.language == "en"
    assert languages == ["en"]


def test_letterhead_dialog_saves_through_the_service(qtbot, unlocked):
    shell = unlocked(COORDINATOR)
    dialog = OrganisationDialog(shell.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.organisation.text() == "Municipalidad de Las Condes"
    dialog.form.programme.setText("Segunda Oportunidad Oriente")
    dialog.save()
    assert shell.worker.wait_idle(10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert OrganisationService(shell.ctx.session).get().programme == "Segunda Oportunidad Oriente"


@pytest.mark.parametrize("user", [STAFF])
def test_staff_cannot_save_a_letterhead_and_sees_why(qtbot, unlocked, user):
    shell = unlocked(user)
    dialog = OrganisationDialog(shell.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()
    assert shell.worker.wait_idle(10_000)
    assert dialog.result() == 0
    assert "coordinador" in dialog.message.text()


def test_new_passphrase_works_at_next_unlock(qtbot, unlocked, vault_dir):
    shell = unlocked(COORDINATOR)
    dialog = _change_dialog(shell, COORDINATOR)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText(NEW)
    dialog.repeat.setText(NEW)
    dialog.ok.click()
    assert shell.worker.wait_idle(10_000)
    shell.shutdown()
    Session.unlock(vault_dir, NEW, COORDINATOR).close()


def test_removing_a_user_rekeys_and_offers_to_delete_old_backups(qtbot, unlocked, vault_dir, msgboxes):
    from dmi_desktop.storage.keyslots import KeyFile

    shell = unlocked(COORDINATOR)
    old_keys = KeyFile.load(vault_dir / "vault.keys")
    users = UsersDialog(shell.ctx)
    qtbot.addWidget(users)
    users.show()
    row = next(r for r in range(users.table.rowCount()) if VIEWER in users.table.item(r, 0).text())
    users.table.selectRow(row)
    msgboxes["answers"].extend([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Yes])
    users.remove_user()
    assert shell.worker.wait_idle(20_000)
    assert shell.worker.wait_idle(10_000)  # the deletion the second answer asked for
    assert len(msgboxes["question"]) == 2  # remove?, then delete the backups made under the old key?
    assert not list((vault_dir / "backups").glob("*.dmibackup"))
    new_keys = KeyFile.load(vault_dir / "vault.keys")
    assert new_keys.db_salt and new_keys.db_salt != old_keys.db_salt  # the database was re-encrypted
    assert VIEWER not in {u.name for u in shell.ctx.session.users.list()}


def test_a_new_recovery_key_is_shown_once_and_the_old_one_retired(qtbot, unlocked, vault_dir, msgboxes, monkeypatch):
    from dmi_desktop.storage.keyslots import KeyFile
    from dmi_desktop.ui.recovery_key_dialog import RecoveryKeyDialog

    shell = unlocked(COORDINATOR)
    shown: list[str] = []
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda self: shown.append(self._key) or 0)
    users = UsersDialog(shell.ctx)
    qtbot.addWidget(users)
    msgboxes["answers"].append(QMessageBox.StandardButton.Yes)
    users.regenerate_recovery()
    assert shell.worker.wait_idle(20_000)
    assert len(shown) == 1
    KeyFile.load(vault_dir / "vault.keys").unlock_recovery(shown[0])  # the shown key opens the vault


def test_a_compromised_passphrase_change_from_the_dialog_rekeys(qtbot, unlocked, vault_dir):
    from dmi_desktop.storage.keyslots import KeyFile

    shell = unlocked(STAFF)
    session = shell.ctx.session
    before = KeyFile.load(vault_dir / "vault.keys").db_salt
    dialog = ChangePassphraseDialog(
        shell.worker,
        user=STAFF,
        verify=lambda current: passphrase_opens(session.folder, STAFF, current),
        change=lambda new: session.users.change_passphrase(new),
        change_compromised=lambda new: session.users.change_passphrase(new, compromised=True),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.compromised.isVisible()
    dialog.current.setText(STAFF_PASSPHRASE)
    dialog.new.setText(NEW)
    dialog.repeat.setText(NEW)
    dialog.compromised.setChecked(True)
    dialog.ok.click()
    assert shell.worker.wait_idle(20_000)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.outcome is not None
    assert KeyFile.load(vault_dir / "vault.keys").db_salt != before
    assert passphrase_opens(vault_dir, STAFF, NEW)

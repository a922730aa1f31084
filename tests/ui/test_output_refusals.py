"""Save dialogs never write over the vault's own files: the user is told why in a dialog and nothing is written."""

from __future__ import annotations

from pathlib import Path

from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.import_export.export_action import export_current_list
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from dmi_desktop.ui.wizard import FirstRunWizard
from dmi_desktop.ui.worker import Worker
from tests.conftest import COORDINATOR

pytest_plugins = ["tests.ui.shell_fixtures"]

STRONG = "caballo batería grapa correcta 42"


def _choose(monkeypatch, path: Path, chosen_filter: str = "") -> None:
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(path), chosen_filter))


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_backup_saved_through_a_link_to_the_database_is_refused_in_a_dialog(
    qtbot, unlocked, vault_dir, tmp_path, monkeypatch, msgboxes
):
    shell = unlocked(COORDINATOR)
    link = tmp_path / "respaldo.dmibackup"
    link.symlink_to(vault_dir / "vault.db")
    before = (vault_dir / "vault.db").stat().st_size
    _choose(monkeypatch, link)
    shell.ctx.actions.action("vault.backup").trigger()
    assert shell.worker.wait_idle(10_000)
    assert len(msgboxes["warning"]) == 1 and "vault.db" in msgboxes["warning"][0]
    assert link.is_symlink() and (vault_dir / "vault.db").stat().st_size == before
    assert shell.ctx.session.vault.integrity_problems() == []


def test_an_export_into_the_vault_s_backups_folder_is_refused_in_a_dialog(
    qtbot, unlocked, vault_dir, monkeypatch, msgboxes
):
    shell = unlocked(COORDINATOR)
    area = ParticipantsWidget(shell.ctx)
    qtbot.addWidget(area)
    _choose(monkeypatch, vault_dir / "backups" / "lista.csv")
    assert export_current_list(shell.ctx, area, area.model.query) is None
    assert len(msgboxes["warning"]) == 1 and "backups/" in msgboxes["warning"][0]
    assert list((vault_dir / "backups").iterdir()) == []


def test_the_recovery_sheet_is_not_saved_over_the_key_file(qtbot, tmp_path, monkeypatch, msgboxes):
    worker = Worker()
    folder = tmp_path / "vault"
    wizard = FirstRunWizard(worker, folder, create_options={"kdf": TEST_KDF})
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.organisation_page.form.organisation.setText("Municipalidad de Las Condes")
    wizard.next()
    wizard.device_page.code.setText("LC2")
    wizard.next()
    wizard.user_page.name.setText("Ana")
    wizard.user_page.passphrase.setText(STRONG)
    wizard.user_page.repeat.setText(STRONG)
    wizard.next()
    page = wizard.recovery_page
    qtbot.waitUntil(lambda: page.created is not None, timeout=15_000)
    try:
        before = _bytes(folder)
        link = tmp_path / "clave.pdf"
        link.symlink_to(folder / "vault.keys")
        _choose(monkeypatch, link, "PDF (*.pdf)")
        page.save_pdf.click()
        assert worker.wait_idle(10_000)
        assert len(msgboxes["warning"]) == 1 and "vault.keys" in msgboxes["warning"][0]
        assert _bytes(folder)["vault.keys"] == before["vault.keys"]
        assert page.save_pdf.isEnabled()
    finally:
        page.created.session.close()
        worker.shutdown()

"""Start-up details: a vault open elsewhere is said before the passphrase is asked; the wizard's device code
suggestion and the line saying why Next is disabled; F1 lists every shortcut from the registry."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from dmi_desktop.services.session import Session
from dmi_desktop.ui.unlock_dialog import UnlockDialog
from tests.conftest import COORDINATOR, PASSPHRASES

pytest_plugins = ["tests.ui.shell_fixtures"]


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_a_vault_open_elsewhere_is_said_before_the_passphrase_prompt(make_shell, vault_dir, qtbot):
    other = Session.unlock(vault_dir, PASSPHRASES[COORDINATOR], COORDINATOR)  # "another window" holds the lock
    try:
        shell = make_shell()
        shell.start(vault_dir)
        box = shell.dialog
        assert isinstance(box, QMessageBox) and box.objectName() == "vault_in_use" and box.isVisible()
        assert "ya está abierta en otra ventana" in box.text()
        assert not _visible(UnlockDialog)  # no passphrase asked for a vault that cannot be opened here
    finally:
        other.close()
    box.button(QMessageBox.StandardButton.Retry).click()  # closed elsewhere: now the passphrase is asked
    qtbot.waitUntil(lambda: len(_visible(UnlockDialog)) == 1)
    _visible(UnlockDialog)[0].reject()


def test_device_code_from_the_organisations_initials():
    from dmi_desktop.ui.wizard.device_page import code_from_organisation, valid_code

    assert code_from_organisation("Municipalidad de Las Condes") == "MLC"
    assert code_from_organisation("Ilustre Municipalidad de Ñuñoa") == "IMN"
    assert code_from_organisation("Corporación") == "C1"  # one letter: a digit makes it a valid code
    assert code_from_organisation("  ") == ""
    long = code_from_organisation("Uno Dos Tres Cuatro Cinco Seis Siete")
    assert long == "UDTCCS" and valid_code(long)


def test_the_wizard_suggests_the_initials_and_says_why_next_is_disabled(make_shell, qtbot):
    from PySide6.QtWidgets import QWizard

    shell = make_shell()
    shell.start()  # no vault yet: the wizard
    wizard = shell.dialog
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    next_button.click()
    organisation = wizard.organisation_page
    assert not next_button.isEnabled()
    assert organisation.missing.isVisible() and "nombre de la organización" in organisation.missing.text()
    organisation.form.organisation.setText("Municipalidad de Las Condes")
    assert next_button.isEnabled() and not organisation.missing.isVisible()
    next_button.click()
    device = wizard.device_page
    assert device.code.text() == "MLC"
    assert not device.missing.isVisible()
    device.code.clear()
    assert not next_button.isEnabled()
    assert device.missing.isVisible() and "2 a 6 letras o dígitos" in device.missing.text()
    qtbot.keyClicks(device.code, "lc3")  # typed: upper-cased, and never replaced by a later suggestion
    assert device.code.text() == "LC3" and next_button.isEnabled()
    wizard.back()
    next_button.click()
    assert device.code.text() == "LC3"
    device.folder.clear()
    assert device.missing.isVisible() and "carpeta" in device.missing.text()
    wizard.reject()


def test_f1_lists_every_shortcut_ctrl_s_and_an_action_registered_here(unlocked, monkeypatch):
    from PySide6.QtGui import QKeySequence

    from dmi_desktop.ui.actions import ActionSpec
    from dmi_desktop.ui.help_dialog import HelpDialog
    from tests.conftest import COORDINATOR as USER

    shell = unlocked(USER)
    shell.ctx.actions.register(ActionSpec("test.extra", "Acción de prueba", lambda: None, shortcut="Ctrl+Shift+T"))
    shown: list[dict[str, str]] = []

    def capture(dialog: HelpDialog) -> int:
        table = dialog.shortcuts
        shown.append({table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())})
        return 0

    monkeypatch.setattr(HelpDialog, "exec", capture)
    shell.ctx.actions.action("help.contents").trigger()
    (rows,) = shown
    native = QKeySequence.SequenceFormat.NativeText
    save = QKeySequence(QKeySequence.StandardKey.Save).toString(native)
    assert rows[save] == "Guardar la ficha del participante"
    assert rows[QKeySequence("Ctrl+Shift+T").toString(native)] == "Acción de prueba"
    for action_id in ("participants.new", "participants.search", "vault.lock", "help.contents", "home.refresh"):
        keys = shell.ctx.actions.action(action_id).shortcut().toString(native)
        assert keys in rows, action_id

"""The first-run wizard end to end: pages, refusing weak passphrases, creating the vault, the recovery key."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWizard

from dmi_desktop.services import paths
from dmi_desktop.services.organisation import OrganisationService
from dmi_desktop.services.vault_info import vault_present
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.wizard import FirstRunWizard
from dmi_desktop.ui.worker import Worker

pytest_plugins = ["tests.ui.shell_fixtures"]

STRONG = "caballo batería grapa correcta 42"
KEY_PATTERN = re.compile(r"^([A-Z2-9]{5}  ){3}[A-Z2-9]{5}\n([A-Z2-9]{5}  ){3}[A-Z2-9]{5}$")


def _logo(tmp_path: Path) -> Path:
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#1d4a7e"))
    path = tmp_path / "logo.png"
    assert image.save(str(path))
    return path


def _button(wizard: QWizard, which: QWizard.WizardButton):
    return wizard.button(which)


def _fill_until_user_page(wizard: FirstRunWizard, tmp_path: Path) -> None:
    next_button = _button(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.language_page
    next_button.click()
    assert wizard.currentPage() is wizard.organisation_page
    assert not next_button.isEnabled()  # the organisation name is required
    form = wizard.organisation_page.form
    assert form.programme.text() == "Segunda Oportunidad"
    form.organisation.setText("Municipalidad de Las Condes")
    form.address.setPlainText("Av. Apoquindo 3400, Las Condes")
    assert form.load_logo(_logo(tmp_path))
    assert form.preview.pixmap() is not None and not form.preview.pixmap().isNull()
    assert next_button.isEnabled()
    next_button.click()
    assert wizard.currentPage() is wizard.device_page
    wizard.device_page.code.setText("LC2")
    next_button.click()
    assert wizard.currentPage() is wizard.user_page


def test_wizard_end_to_end(qtbot, make_shell, tmp_path, monkeypatch):
    shell = make_shell()
    shell.start()  # no vault yet: the wizard
    wizard = shell.dialog
    assert isinstance(wizard, FirstRunWizard) and wizard.isVisible()
    _fill_until_user_page(wizard, tmp_path)
    assert wizard.device_page.vault_folder == paths.default_vault()  # the default location was offered
    page = wizard.user_page
    create = _button(wizard, QWizard.WizardButton.CommitButton)
    page.name.setText("Ana Rojas")
    page.passphrase.setText("hola1234")
    page.repeat.setText("hola1234")
    assert not create.isEnabled()  # weak: refused, with the reason on screen
    assert page.message.isVisible()
    assert page.meter.label_text
    page.passphrase.setText(STRONG)
    page.repeat.setText(STRONG + "x")
    assert not create.isEnabled()  # mismatch
    page.repeat.setText(STRONG)
    assert create.isEnabled()
    assert not page.message.isVisible()
    create.click()

    recovery = wizard.recovery_page
    assert wizard.currentPage() is recovery
    qtbot.waitUntil(lambda: recovery.created is not None, timeout=15_000)
    assert vault_present(paths.default_vault())
    shown = recovery.key_label.text()
    assert KEY_PATTERN.match(shown), shown
    finish = _button(wizard, QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # not before confirming the key is saved

    pdf = tmp_path / "clave"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(pdf), "PDF (*.pdf)"))
    recovery.save_pdf.click()
    assert shell.worker.wait_idle(10_000)
    saved = tmp_path / "clave.pdf"
    text = pypdf.PdfReader(str(saved)).pages[0].extract_text()
    assert "".join(shown.split()) in "".join(text.split())
    assert "Municipalidad de Las Condes" in text
    assert str(saved) in recovery.saved.text()

    recovery.confirm.setChecked(True)
    assert finish.isEnabled()
    finish.click()
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=5_000)
    session = shell.ctx.session
    assert session.user == "Ana Rojas"
    assert session.device_code == "LC2"
    letterhead = OrganisationService(session).get()
    assert letterhead.organisation == "Municipalidad de Las Condes"
    assert letterhead.address == "Av. Apoquindo 3400, Las Condes"
    assert letterhead.logo_type == "png"
    assert shell.settings.last_vault == str(paths.default_vault())
    assert recovery.key_label.text() == ""  # the key is not kept on screen afterwards


def test_wizard_cannot_be_closed_once_the_vault_exists(qtbot, tmp_path, msgboxes):
    worker = Worker()
    wizard = FirstRunWizard(worker, tmp_path / "vault", create_options={"kdf": TEST_KDF})
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_until_user_page(wizard, tmp_path)
    wizard.user_page.name.setText("Ana")
    wizard.user_page.passphrase.setText(STRONG)
    wizard.user_page.repeat.setText(STRONG)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.recovery_page.created is not None, timeout=15_000)
    wizard.reject()
    assert wizard.isVisible()
    assert msgboxes["information"]  # told to save the key and finish
    assert wizard.button(QWizard.WizardButton.CancelButton).isHidden()
    wizard.recovery_page.created.session.close()
    worker.shutdown()


def test_device_page_refuses_a_folder_with_a_vault(qtbot, vault_dir, tmp_path):
    wizard = FirstRunWizard(Worker(), vault_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.organisation_page.form.organisation.setText("Muni")
    wizard.next()
    assert wizard.currentPage() is wizard.device_page
    wizard.next()
    assert wizard.currentPage() is wizard.device_page  # stayed: a vault is already there
    assert wizard.device_page.message.isVisible()
    wizard.device_page.code.setText("X")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # codes have 2 to 6 characters


def test_choosing_the_vault_folder_uses_the_apps_folder_dialog(qtbot, tmp_path, monkeypatch):
    # The app's dialog (Chilean dates, Spanish words, a folder-only view), starting where the field points.
    shown = []

    def run(dialog):
        shown.append((dialog.fileMode(), Path(dialog.directory().absolutePath()), type(dialog.proxyModel())))
        return str(tmp_path / "elegida"), ""

    monkeypatch.setattr(file_dialogs, "_run", run)
    wizard = FirstRunWizard(Worker(), tmp_path / "nueva")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.organisation_page.form.organisation.setText("Muni")
    wizard.next()
    wizard.device_page.folder.setText(str(tmp_path))
    wizard.device_page.browse.click()
    assert shown == [(file_dialogs.QFileDialog.FileMode.Directory, tmp_path, file_dialogs.ChileanDates)]
    assert wizard.device_page.folder.text() == str(tmp_path / "elegida")


def test_logo_that_is_not_an_image_is_refused(qtbot, tmp_path):
    wizard = FirstRunWizard(Worker(), tmp_path / "vault")
    qtbot.addWidget(wizard)
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"GIF89a not really")
    form = wizard.organisation_page.form
    assert not form.load_logo(fake)
    assert form.logo == b""
    assert not form.logo_error.isHidden()


class _MarkingTranslator(QTranslator):
    """Pretends to be a catalog: every wizard text comes back wrapped in « », so re-labelling is visible."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context in {"LanguagePage", "UserPage", "FirstRunWizard"} else ""

    def isEmpty(self):  # Qt sends no LanguageChange for an empty catalog
        return False


def test_switching_language_relabels_the_wizard(qtbot, tmp_path):
    app = QApplication.instance()
    translator = _MarkingTranslator()
    installed = []

    def set_language(code: str) -> None:
        if code == "en":
            app.installTranslator(translator)
            installed.append(code)
        else:
            app.removeTranslator(translator)

    wizard = FirstRunWizard(Worker(), tmp_path / "vault", language="es", set_language=set_language)
    qtbot.addWidget(wizard)
    before = wizard.language_page.title()
    wizard.language_page.buttons["en"].setChecked(True)
    assert installed == ["en"]
    qtbot.waitUntil(lambda: wizard.language_page.title() == f"«{before}»")  # LanguageChange events are posted
    assert wizard.user_page.title().startswith("«")
    assert wizard.buttonText(QWizard.WizardButton.NextButton).startswith("«")
    wizard.language_page.buttons["es"].setChecked(True)
    qtbot.waitUntil(lambda: wizard.language_page.title() == before)


def test_printed_sheet_carries_the_key(qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from dmi_desktop.ui.wizard.print_sheet import paint_sheet

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a "printer" whose paper we can read back
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    key = "AHTDA-B35LZ-V7JCE-WCR2A-WPZCD-CR89P-KBL6D-CQSYG"
    paint_sheet(printer, key, [("Organización", "Municipalidad de Las Condes")])
    text = " ".join(pypdf.PdfReader(str(tmp_path / "printed.pdf")).pages[0].extract_text().split())
    assert key.replace("-", "") in text.replace(" ", "")
    assert "Municipalidad de Las Condes" in text
    assert "Guarde esta hoja" in text

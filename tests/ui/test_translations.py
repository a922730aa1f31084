"""The Spanish translation: a complete, current catalog that keeps placeholders, and no English on screen."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from dmi_desktop.domain import messages
from dmi_desktop.domain.fields import entities
from dmi_desktop.services.demo import populate_demo
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.ui.settings import Settings
from dmi_desktop.ui.startup import Shell
from dmi_desktop.ui.translation import Translations
from tests.conftest import COORDINATOR, PASSPHRASE, PASSPHRASES, VIEWER

pytest_plugins = ["tests.ui.shell_fixtures"]

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "dmi_es.ts"
SCRIPT = ROOT / "scripts" / "translations.py"
STRONG = "caballo batería grapa correcta 42"
CSV = (
    "Nombres;Apellido paterno;RUT;Fecha de nacimiento;Sector\n"
    "Ana;Reyes;12.345.678-5;01-02-1990;Centro\n"
    "Rosa;Mella;11.111.111-2;;Centro\n"  # wrong check digit: listed as a row error
)


# -- the catalog ------------------------------------------------------------------------------------


@cache
def catalog() -> list[tuple[str, str, str]]:
    """(context, English source, Spanish translation or "" if unfinished) of every message in dmi_es.ts."""
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") != "unfinished"
            text = (translation.text or "") if finished and translation is not None else ""
            found.append((name, message.findtext("source") or "", text))
    return found


def script() -> ModuleType:
    """scripts/translations.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("dmi_translations_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated():
    assert len(catalog()) > 300  # the UI's strings really were extracted
    unfinished = [(ctx, src) for ctx, src, spanish in catalog() if not spanish.strip()]
    assert unfinished == []


def test_translations_keep_the_placeholders_of_their_source():
    placeholders = script().placeholders
    assert placeholders("{name} — case {case_no}") == {"{name}", "{case_no}"}
    assert placeholders("%n files, %1 and %L2") == {"%n", "%1", "%L2"}
    differing = [(src, spanish) for _ctx, src, spanish in catalog() if placeholders(src) != placeholders(spanish)]
    assert differing == []


def test_committed_catalog_matches_a_fresh_extraction():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_reports_strings_missing_from_or_stale_in_the_catalog():
    stale = script().stale
    fresh = {("Shell", "&Quit"): "&Salir", ("Shell", "New string"): ""}
    committed = {("Shell", "&Quit"): "&Salir", ("Shell", "Gone"): "Ido"}
    problems = stale(fresh, committed)
    assert any("not in dmi_es.ts" in p and "New string" in p for p in problems)
    assert any("obsolete" in p and "Gone" in p for p in problems)
    assert stale(committed, committed) == []


def test_compiled_catalogs_translate_what_the_ts_says(qapp):
    ours = QTranslator()
    assert ours.load(str(TRANSLATIONS / "dmi_es.qm"))
    assert ours.translate("UnlockDialog", "&Unlock") == "&Desbloquear"
    assert ours.translate("ParticipantFileWindow", "Banked case") == "Caso en reserva"
    assert ours.translate("ParticipantFileWindow", "Check-ins") == "Controles"
    wrong = [(ctx, src) for ctx, src, spanish in catalog() if ours.translate(ctx, src) != spanish]
    assert wrong == []
    qt = QTranslator()
    assert qt.load(str(TRANSLATIONS / "qtbase_es.qm"))
    assert qt.translate("QPlatformTheme", "Cancel") == "Cancelar"


# -- what the Spanish UI shows ---------------------------------------------------------------------


def _bare(text: str) -> str:
    """Without mnemonics ("&Quit" -> "Quit"), HTML tags and surrounding space."""
    if "<" in text and ">" in text:
        text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


@cache
def english_sources() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """English sources whose Spanish differs: exact texts, and patterns for those with placeholders."""
    placeholders = script().PLACEHOLDER
    exact, patterns = set(), []
    for _ctx, src, spanish in catalog():
        if _bare(src) == _bare(spanish):
            continue  # "RUT", "Alias", "DMI Desktop": the same in both languages
        exact.add(_bare(src))
        parts = placeholders.split(_bare(src))
        if len(parts) > 1 and sum(c.isalpha() for c in "".join(parts)) >= 6:
            patterns.append(re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$", re.DOTALL))
    # Field and record names come from the field registry, not from Qt's catalog: their English counts too.
    for entity in entities():
        for label in (
            entity.label,
            entity.plural,
            *(f.label for f in entity.fields),
            *(f.header for f in entity.fields),
        ):
            if label is not None and _bare(label.en) != _bare(label.es):
                exact.add(_bare(label.en))
    return frozenset(exact), tuple(patterns)


def untranslated(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(where, text) pairs that show an English source string (filled in or not) instead of its Spanish."""
    exact, patterns = english_sources()
    return sorted(
        {(where, text) for where, text in texts if _bare(text) in exact or any(p.match(_bare(text)) for p in patterns)}
    )


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # list models hide columnCount
        columns = 1
    texts = []
    for column in range(columns):
        texts.append(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
        texts.append(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
    for row in range(min(model.rowCount(QModelIndex()), 50)):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                texts.append(model.data(model.index(row, column), role))
    return [t for t in texts if isinstance(t, str)]


def _one_widget(w: QWidget) -> list[str]:
    texts = [w.toolTip(), w.statusTip(), w.whatsThis()]
    if w.isWindow():
        texts.append(w.windowTitle())
    for action in w.actions():
        texts += [action.text(), action.toolTip(), action.statusTip()]
    if isinstance(w, QLabel | QAbstractButton):
        texts.append(w.text())
    if isinstance(w, QGroupBox):
        texts.append(w.title())
    if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
        texts.append(w.placeholderText())
    if isinstance(w, QLineEdit) and w.isReadOnly():
        texts.append(w.text())
    if isinstance(w, QComboBox):
        texts += [w.itemText(i) for i in range(w.count())]
    if isinstance(w, QSpinBox):
        texts += [w.prefix(), w.suffix(), w.specialValueText()]
    if isinstance(w, QTabBar):
        texts += [w.tabText(i) for i in range(w.count())] + [w.tabToolTip(i) for i in range(w.count())]
    if isinstance(w, QMenu):
        texts.append(w.title())
    if isinstance(w, QWizardPage):
        texts += [w.title(), w.subTitle()]
    if isinstance(w, QWizard):
        texts += [w.buttonText(b) for b in QWizard.WizardButton if b.value <= QWizard.WizardButton.CustomButton3.value]
    if isinstance(w, QAbstractItemView) and w.model() is not None:
        texts += _model_texts(w)
    return texts


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text a window can show: labels, buttons, titles, tabs, headers, cells, placeholders, actions, tips."""
    QApplication.processEvents()
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__}#{widget.objectName()}"
        found += [(where, t) for t in _one_widget(widget) if t and _bare(t)]
    return found


def assert_spanish(texts: list[tuple[str, str]], *expected: str) -> None:
    """No English source string on screen, and the Spanish texts we expect really were collected."""
    assert untranslated(texts) == []
    shown = {_bare(t) for _where, t in texts}
    missing = [e for e in expected if _bare(e) not in shown]
    assert missing == [], "the walk did not see these texts"


# -- the real application in Spanish on a vault with data --------------------------------------------


@pytest.fixture
def filled_vault(vault_dir: Path) -> Path:
    """The test vault with a few demo participants and every kind of record."""
    session = Session.unlock(vault_dir, PASSPHRASE, COORDINATOR)
    try:
        populate_demo(session, participants=12, seed=7)
    finally:
        session.close()
    return vault_dir


@pytest.fixture
def spanish_app(qapp: QApplication, msgboxes: dict[str, list[Any]]) -> Iterator[Callable[[], Shell]]:
    """Factory: a Shell with the translators installed exactly as run_gui does (default settings: Spanish)."""
    shells: list[Shell] = []
    installed: list[Translations] = []

    def _make() -> Shell:
        settings = Settings()
        assert settings.language == "es"  # the default
        translations = Translations(qapp)
        translations.apply(settings.language)
        installed.append(translations)
        shell = Shell(settings, translations, create_options={"kdf": TEST_KDF})
        shells.append(shell)
        return shell

    yield _make
    for shell in shells:
        shell.shutdown()
        for widget in QApplication.topLevelWidgets():
            widget.deleteLater()
    for translations in installed:
        translations.apply("en")  # remove the catalogs: later tests of this process expect none
    messages.set_language("es")
    QApplication.processEvents()


@pytest.fixture
def open_app(qtbot: Any, spanish_app: Callable[[], Shell], filled_vault: Path) -> Callable[..., Shell]:
    """Factory: the Spanish application unlocked by ``user`` with its main window showing the participants."""

    def _open(user: str = COORDINATOR) -> Shell:
        shell = spanish_app()
        dialog = shell.show_unlock(filled_vault)
        dialog.user_combo.setCurrentText(user)
        dialog.passphrase.setText(PASSPHRASES[user])
        dialog.unlock_button.click()
        qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=10_000)
        area = shell.window.area_widgets["participants"]
        qtbot.waitUntil(lambda: area.model.rowCount() > 0, timeout=5_000)
        return shell

    return _open


def _fullest_file(shell: Shell) -> str:
    """The id of the participant whose file has the most kinds of records (banked case, referrals…)."""
    service = shell.ctx.session.participants
    area = shell.window.area_widgets["participants"]

    def kinds(pid: str) -> int:
        f = service.file(pid)
        return sum(map(bool, (f.banked_case, f.reviews, f.influentials, f.referrals, f.checkins, f.violations)))

    return max((row.id for row in service.list(area.model.query)), key=kinds)


def test_standard_buttons_read_spanish(spanish_app):
    spanish_app()
    box = QMessageBox()
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Cancel
    )
    shown = {b.text().replace("&", "") for b in box.buttons()}
    assert {"Sí", "No", "Guardar", "Cancelar"} <= shown
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
    assert {b.text().replace("&", "") for b in buttons.buttons()} == {"Aceptar", "Cerrar"}


def test_unlock_and_lock_screens_are_spanish(qtbot, spanish_app, filled_vault, msgboxes):
    shell = spanish_app()
    dialog = shell.show_unlock(filled_vault, demo_passphrase="demo segunda oportunidad")
    texts = visible_texts(dialog)
    dialog.set_recovery_mode(True)
    texts += visible_texts(dialog)
    dialog.set_recovery_mode(False)
    dialog.passphrase.setText("no es esta")
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    texts += visible_texts(dialog)
    assert_spanish(texts, "&Desbloquear", "&Salir", "Desbloquear la bóveda", "Frase de acceso incorrecta.")
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=10_000)
    settings_dialog = _settings_dialog(shell)
    settings_dialog.open()  # window-modal: the lock covers it instead of hiding it
    shell.lock.lock()
    qtbot.waitUntil(lambda: shell.lock.dialog is not None and shell.lock.dialog.isVisible(), timeout=5_000)
    texts = visible_texts(shell.lock.dialog) + visible_texts(settings_dialog)
    assert_spanish(texts, "La bóveda está bloqueada", "Bloqueada")
    assert untranslated([("box", t) for t in msgboxes["warning"] + msgboxes["information"]]) == []


def _settings_dialog(shell: Shell) -> QWidget:
    from dmi_desktop.ui.settings_dialog import SettingsDialog

    return SettingsDialog(shell.settings, shell.window)


def test_main_window_and_participants_list_are_spanish(qtbot, open_app):
    shell = open_app()
    area = shell.window.area_widgets["participants"]
    texts = visible_texts(shell.window)
    area.search.setText("zzzz sin resultados")
    qtbot.waitUntil(lambda: area.model.rowCount() == 0, timeout=5_000)
    texts += visible_texts(shell.window)
    expected = ("Participantes", "&Nuevo participante…", "&Bloquear", "N° de caso", "Todos los estados")
    assert_spanish(texts, *expected, "0 participantes")


def test_list_menus_views_and_empty_result_are_spanish(qtbot, open_app):
    from PySide6.QtCore import QPoint

    from dmi_desktop.ui.participants import list_menus

    shell = open_app()
    shell.window.show_area("participants")  # Inicio opens first
    area = shell.window.area_widgets["participants"]
    qtbot.waitUntil(lambda: area.model.participant_id(0) != "", timeout=5_000)
    row_menu = area.show_row_menu(area.model.index(0, 1), QPoint(5, 5))
    texts = visible_texts(row_menu)
    row_menu.close()
    header_menu = list_menus.header_menu(area, 4)
    texts += visible_texts(header_menu)
    header_menu.deleteLater()
    area.views.rebuild()
    texts += visible_texts(area.views.views_menu) + visible_texts(area.views)
    for action in area.views.views_menu.actions():
        if action.menu() is not None:
            texts += visible_texts(action.menu())
    area.search.setText("zzzz sin resultados")
    qtbot.waitUntil(lambda: area.model.rowCount() == 0 and area.empty.isVisible(), timeout=5_000)
    texts += visible_texts(area.empty)
    expected = ("Abrir ficha", "Copiar RUT", "Restablecer columnas", "Vistas", "Guardar vista…", "Limpiar filtros")
    assert_spanish(texts, *expected, "Mis vistas", "Ningún participante coincide con «zzzz sin resultados».")


def test_participant_file_and_its_dialogs_are_spanish(qtbot, open_app, msgboxes):
    from dmi_desktop.ui.participants.status_dialog import StatusChangeDialog

    shell = open_app()
    area = shell.window.area_widgets["participants"]
    window = area.open_file(_fullest_file(shell))
    qtbot.waitUntil(lambda: not window.loading(), timeout=5000)  # the file is read on the worker
    texts = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        texts += visible_texts(window)
    p = window.file.participant
    texts += visible_texts(StatusChangeDialog(p.status, p.full_name, window))
    for tab in (window.eligibility, window.influentials, window.referrals, window.checkins, window.violations):
        texts += visible_texts(tab.make_dialog(None, False))
        if tab.model.rowCount():
            texts += visible_texts(tab.make_dialog(tab.model.record(0), False))
    texts += visible_texts(window.notes.make_dialog(None, False))
    new = area.new_participant()
    new.save_button.click()  # empty: the inline messages appear
    texts += visible_texts(new)
    expected = ("Identidad", "Caso en reserva", "Controles", "Incumplimientos", "Historial", "Cambiar estado")
    assert_spanish(texts, *expected, "Nuevo participante", "Guardar", "Cancelar")
    assert untranslated([("box", t) for t in msgboxes["warning"] + msgboxes["question"]]) == []


def test_a_viewers_read_only_file_is_spanish(qtbot, open_app):
    shell = open_app(VIEWER)
    window = shell.window.area_widgets["participants"].open_file(_fullest_file(shell))
    qtbot.waitUntil(lambda: not window.loading(), timeout=5000)
    assert_spanish(visible_texts(window) + visible_texts(shell.window), "Ver…", "Cerrar")


def test_import_wizard_is_spanish(qtbot, open_app, tmp_path, msgboxes):
    from dmi_desktop.ui.import_export.import_wizard import start_import

    shell = open_app()
    source = tmp_path / "listado.csv"
    source.write_text(CSV, encoding="utf-8")
    wizard = start_import(shell.ctx, shell.window.area_widgets["participants"])
    texts = visible_texts(wizard)
    wizard.file_page.path.setText(str(source))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=5_000)
    texts += visible_texts(wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=5_000)
    texts += visible_texts(wizard)
    wizard.preview_page.skip.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: bool(msgboxes["information"]), timeout=5_000)
    texts += [("result", t) for t in msgboxes["information"]]
    assert_spanish(texts, "Importar participantes", "Asociar las columnas", "Revisar e importar", "Importar")
    assert msgboxes["information"] == ["1 participante importado; se omitió 1 fila con problemas."]


def test_shell_dialogs_are_spanish(open_app):
    from dmi_desktop.ui.add_user_dialog import AddUserDialog
    from dmi_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
    from dmi_desktop.ui.help_dialog import HelpDialog
    from dmi_desktop.ui.organisation_dialog import OrganisationDialog
    from dmi_desktop.ui.users_dialog import UsersDialog

    shell = open_app()
    ctx, window = shell.ctx, shell.window
    change = ChangePassphraseDialog(shell.worker, user=COORDINATOR, change=lambda _new: None, verify=lambda _c: True)
    change.new.setText("hola1234")  # weak: the strength feedback shows
    change.repeat.setText("hola12345")
    add = AddUserDialog({COORDINATOR}, window)
    add.name.setText(COORDINATOR)  # taken: the inline message shows
    dialogs = [
        _settings_dialog(shell),
        UsersDialog(ctx, window),
        add,
        change,
        ChangePassphraseDialog(shell.worker, user=COORDINATOR, change=lambda _new: None, mandatory=True),
        OrganisationDialog(ctx, window),
        HelpDialog(ctx.actions, window),
    ]
    texts = [pair for dialog in dialogs for pair in visible_texts(dialog)]
    assert_spanish(texts, "Configuración", "Usuarios", "Agregar usuario", "Cambiar frase de acceso", "Aceptar")


def test_first_run_wizard_is_spanish(qtbot, spanish_app, tmp_path):
    shell = spanish_app()
    wizard = shell.show_wizard(tmp_path / "nueva")
    texts = visible_texts(wizard)
    wizard.next()
    wizard.organisation_page.form.organisation.setText("Municipalidad de Las Condes")
    texts += visible_texts(wizard)
    wizard.next()
    texts += visible_texts(wizard)
    wizard.next()
    page = wizard.user_page
    page.name.setText("Ana Rojas")
    page.passphrase.setText("hola1234")  # weak: the reason shows
    texts += visible_texts(wizard)
    page.passphrase.setText(STRONG)
    page.repeat.setText(STRONG)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.recovery_page.created is not None, timeout=15_000)
    texts += visible_texts(wizard)
    assert_spanish(texts, "DMI Desktop — primer inicio", "&Crear bóveda", "Primer usuario", "Clave de recuperación")
    wizard.recovery_page.confirm.setChecked(True)
    wizard.accept()


def test_home_area_and_its_dialogs_are_spanish(qtbot, open_app, spanish_app, vault_dir, msgboxes):
    from dmi_desktop.services.follow_up import FollowUpSettings
    from dmi_desktop.services.meetings import MeetingDetail
    from dmi_desktop.ui.meeting_summary_dialog import MeetingSummaryDialog
    from dmi_desktop.ui.settings_dialog import SettingsDialog

    shell = open_app()
    window = shell.window
    home = window.area_widgets["home"]
    window.show_area("home")
    assert shell.worker.wait_idle(10_000) and home.snapshot is not None
    texts = visible_texts(window)
    home.line_buttons["home.follow_up"][2].click()  # recent changes: the list says what it shows
    assert shell.worker.wait_idle(10_000)
    texts += visible_texts(window)
    session = shell.ctx.session
    meeting = session.meetings.add({"kind": "call-in", "title": "Citación", "starts_at": "2030-03-11 10:00"}).meeting
    summary = MeetingSummaryDialog(MeetingDetail(meeting, None, []), window)
    settings = SettingsDialog(shell.settings, window, follow_up=FollowUpSettings(), can_edit_follow_up=False)
    texts += visible_texts(summary) + visible_texts(settings)
    expected = ("Inicio", "Participantes por estado", "Seguimiento", "Casos en reserva", "Quitar este filtro")
    assert_spanish(
        texts,
        *expected,
        "Próximas reuniones de notificación (invitados)",
        "Solo los coordinadores cambian estos plazos.",
    )


def test_first_steps_and_vault_in_use_are_spanish(qtbot, spanish_app, vault_dir):
    shell = spanish_app()
    dialog = shell.show_unlock(vault_dir)
    dialog.user_combo.setCurrentText(COORDINATOR)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=10_000)
    home = shell.window.area_widgets["home"]
    assert shell.worker.wait_idle(10_000)
    texts = visible_texts(shell.window)
    other = spanish_app()
    box = other.show_unlock(vault_dir)  # the vault is open in the first window
    texts += visible_texts(box)
    assert home.pages.currentWidget() is home.first_steps
    assert_spanish(texts, "Importar una lista…", "Abrir la demostración", "&Reintentar")


# -- Qt's file dialogs and the export warning (issue 9 items 6 and 7) ------------------------------------------

# Spain's words that Qt's catalog uses and a Chilean reader trips over.
SPAIN_WORDS = re.compile(r"\bficheros?\b", re.IGNORECASE)


def test_file_dialogs_are_chilean_spanish_with_chilean_dates(qtbot, spanish_app, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QTreeView

    from dmi_desktop.ui.file_dialogs import file_dialog

    spanish_app()
    folder = tmp_path / "Documentos"  # (the test's tmp_path holds the app's own settings too)
    folder.mkdir()
    (folder / "listado.csv").write_text("a;b\n", encoding="utf-8")
    (folder / "respaldos").mkdir()
    texts = []
    for save in (True, False):
        dialog = file_dialog(None, "Exportar participantes", folder, "CSV para Excel (*.csv);;Todos (*)", save=save)
        qtbot.addWidget(dialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        view = dialog.findChild(QTreeView, "treeView")
        qtbot.waitUntil(lambda v=view: v.model().rowCount(v.rootIndex()) == 2, timeout=5_000)
        texts += visible_texts(dialog)
        root = view.rootIndex()
        dates = [view.model().index(r, 3, root).data() for r in range(2)]
        types = {view.model().index(r, 2, root).data() for r in range(2)}
        texts += [("type", t) for t in types]
        dialog.close()
        assert all(re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", d) for d in dates), dates  # not "5 12 2026"
        assert "Carpeta" in types
    assert_spanish(texts, "Buscar en:", "Nombre de archivo:", "Tipo de archivo:", "Última modificación", "Guardar")
    assert [t for _w, t in texts if SPAIN_WORDS.search(t)] == []


def test_file_dialogs_start_in_the_documents_folder(qapp, monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths

    from dmi_desktop.ui import file_dialogs

    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _where: str(tmp_path)))
    seen: list[str] = []
    monkeypatch.setattr(
        file_dialogs, "_run", lambda dialog: (seen.append(dialog.directory().absolutePath()), ("", ""))[1]
    )
    file_dialogs.save_file_name(None, "x", "participantes.csv", "CSV (*.csv)")
    file_dialogs.open_file_name(None, "x", "CSV (*.csv)")
    assert seen == [str(tmp_path), str(tmp_path)]


def test_export_warning_is_spanish(qtbot, spanish_app):
    from dmi_desktop.ui.import_export.export_warning import ExportWarningDialog

    spanish_app()
    dialog = ExportWarningDialog("listado.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    assert_spanish(
        visible_texts(dialog), "Archivo sin cifrar", "No volver a preguntar", "Exportar de todos modos", "Cancelar"
    )
    assert "exportación cifrada para instituciones" in dialog.text.text()

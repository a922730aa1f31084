"""The import wizard: file, guessed column mapping, preview with row errors, nothing applied until allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QWizard

from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.import_export.import_wizard import ImportWizard

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")

CSV = (
    "Nombre;Apellido Paterno;Apellido materno;RUT;Fecha de nacimiento;Comentario\n"
    "Ana;Reyes;Soto;12.345.678-5;01-02-1990;x\n"
    "Luis;Tapia;;9.876.543-3;;y\n"
    "Rosa;Mella;;11.111.111-2;;z\n"  # line 4: wrong check digit
)


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "listado.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    return path


def _wizard(ctx, qtbot) -> ImportWizard:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _to_preview(wizard: ImportWizard, path: Path, qtbot) -> None:
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=3000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=3000)


def _count(ctx) -> int:
    return ctx.session.participants.count(ParticipantQuery())


def test_a_bad_row_is_listed_and_nothing_is_imported_until_skipping_is_ticked(make_ctx, csv_file, qtbot, boxes):
    ctx = make_ctx()
    wizard = _wizard(ctx, qtbot)
    wizard.file_page.path.setText(str(csv_file))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=3000)
    combos = wizard.mapping_page.combos
    assert combos["Nombre"].currentData() == "nombres"
    assert combos["Apellido Paterno"].currentData() == "apellido_paterno"
    assert combos["RUT"].currentData() == "rut"
    assert combos["Comentario"].currentData() == ""  # not a participant field: not imported
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=3000)
    page = wizard.preview_page
    errors = page.errors_model
    assert errors.rowCount() == 1
    assert errors.index(0, 0).data() == "4"
    assert errors.index(0, 1).data() == "RUT"
    assert "dígito verificador" in errors.index(0, 2).data()
    assert page.rows_model.rowCount() == 2
    assert page.summary.text() == "3 rows read: 2 new, 0 to update, 0 unchanged, 1 with problems."
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    assert not page.validatePage()
    ctx.worker.wait_idle()
    assert _count(ctx) == 0
    assert page.skip.isVisible()
    page.skip.setChecked(True)
    assert finish.isEnabled()
    finish.click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(wizard) or wizard.result is not None, timeout=3000)
    assert _count(ctx) == 2
    assert boxes["information"] == ["2 participants imported; 1 row with problems was skipped."]


def test_a_clean_file_imports_without_the_skip_option(make_ctx, tmp_path, qtbot, boxes):
    ctx = make_ctx()
    path = tmp_path / "ok.csv"
    path.write_text("Nombres,Apellido paterno,Alias\nAna,Reyes,La Flaca\nLuis,Tapia,\n", encoding="utf-8")
    wizard = _wizard(ctx, qtbot)
    _to_preview(wizard, path, qtbot)
    assert not wizard.preview_page.skip.isVisible()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    finish.click()
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=3000)
    assert _count(ctx) == 2
    assert boxes["information"] == ["2 participants imported."]


def test_mapping_needs_the_name_columns_and_no_field_twice(make_ctx, csv_file, qtbot):
    ctx = make_ctx()
    wizard = _wizard(ctx, qtbot)
    wizard.file_page.path.setText(str(csv_file))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=3000)
    page = wizard.mapping_page
    nombre = page.combos["Nombre"]
    nombre.setCurrentIndex(nombre.findData(""))
    assert not page.isComplete()
    assert "First names" in page.problem.text()
    nombre.setCurrentIndex(nombre.findData("nombres"))
    comment = page.combos["Comentario"]
    comment.setCurrentIndex(comment.findData("nombres"))
    assert not page.isComplete()
    assert "same field" in page.problem.text()
    comment.setCurrentIndex(0)
    assert page.isComplete() and page.problem.text() == ""


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_first_page(make_ctx, tmp_path, qtbot):
    ctx = make_ctx()
    path = tmp_path / "foto.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    wizard = _wizard(ctx, qtbot)
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.file_page.error.text()), timeout=3000)
    assert "PNG" in wizard.file_page.error.text()
    assert wizard.currentPage() is wizard.file_page


def test_reimporting_the_own_export_previews_updates_and_applies_them(make_ctx, tmp_path, qtbot, boxes):
    from dmi_desktop.services.exporter import export_participants

    ctx = make_ctx()
    svc = ctx.session.participants
    ana = svc.create({"nombres": "Ana", "apellido_paterno": "Reyes"})
    svc.create({"nombres": "Luis", "apellido_paterno": "Tapia"})
    path = tmp_path / "listado.csv"
    export_participants(ctx.session, path, "csv")
    text = path.read_text(encoding="utf-8-sig").replace(";Reyes;", ";Reyes Soto;")
    path.write_text(text, encoding="utf-8-sig")
    wizard = _wizard(ctx, qtbot)
    _to_preview(wizard, path, qtbot)
    assert wizard.mapping["ID"] == "id"
    page = wizard.preview_page
    assert page.summary.text() == "2 rows read: 0 new, 1 to update, 1 unchanged, 0 with problems."
    model = page.rows_model
    shown = {model.index(r, model.COL_ACTION).data() for r in range(model.rowCount())}
    assert shown == {"Update", "Unchanged"}
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.click()
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=3000)
    assert _count(ctx) == 2
    assert svc.get(ana.id).apellido_paterno == "Reyes Soto"
    assert boxes["information"] == ["0 participants imported, 1 updated, 1 unchanged."]


def test_an_unchanged_file_offers_nothing_to_import(make_ctx, tmp_path, qtbot):
    from dmi_desktop.services.exporter import export_participants

    ctx = make_ctx()
    ctx.session.participants.create({"nombres": "Ana", "apellido_paterno": "Reyes"})
    path = tmp_path / "listado.xlsx"
    export_participants(ctx.session, path, "xlsx")
    wizard = _wizard(ctx, qtbot)
    _to_preview(wizard, path, qtbot)
    assert wizard.preview_page.summary.text() == "1 rows read: 0 new, 0 to update, 1 unchanged, 0 with problems."
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

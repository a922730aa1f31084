"""Exporting the list as currently filtered, from the area, on the worker."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.import_export.export_action import export_current_list, file_filters, format_for, run_export
from dmi_desktop.ui.import_export.export_warning import ExportWarningDialog
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from tests.conftest import VIEWER
from tests.ui.list_helpers import settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


def _filtered_area(ctx, qtbot) -> ParticipantsWidget:
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    settle(ctx)  # the sector list is read on the worker
    area.sector_filter.setCurrentIndex(area.sector_filter.findData("El Golf"))
    ctx.worker.wait_idle()
    assert area.model.rowCount() == 2
    return area


def test_export_writes_a_csv_of_the_filtered_list(make_ctx, sample_rows, qtbot, tmp_path, boxes):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(10))
    area = _filtered_area(ctx, qtbot)
    out = tmp_path / "golf.csv"
    run_export(ctx, area, area.model.query, out, "csv")
    ctx.worker.wait_idle()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    header, body = rows[0], rows[1:]
    names = {(r[header.index("Nombres")], r[header.index("Apellido paterno")]) for r in body}
    assert names == {("Juan", "Muñoz"), ("Pedro", "Josefino")}
    assert boxes["information"] == ["2 participants exported to golf.csv."]


def test_the_save_dialog_picks_the_format_from_the_file_type(make_ctx, sample_rows, qtbot, tmp_path, monkeypatch):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _filtered_area(ctx, qtbot)
    json_filter = next(f for f, fmt in file_filters().items() if fmt == "json")
    target = tmp_path / "lista"  # no extension typed: the chosen file type decides
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), json_filter))
    monkeypatch.setattr(ExportWarningDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    export_current_list(ctx, area, area.model.query)
    ctx.worker.wait_idle()
    ctx.worker.wait_idle()  # the warning is asked once the user's choice is read, then the export runs
    data = json.loads((tmp_path / "lista.json").read_text(encoding="utf-8"))
    assert len(data if isinstance(data, list) else data["participants"]) == 2


def test_format_comes_from_the_extension_first():
    xlsx_filter = next(f for f, fmt in file_filters().items() if fmt == "xlsx")
    assert format_for(Path("a.csv"), xlsx_filter) == (Path("a.csv"), "csv")
    assert format_for(Path("a"), xlsx_filter) == (Path("a.xlsx"), "xlsx")


def test_a_viewer_may_export(make_ctx, sample_rows, qtbot, tmp_path):
    coordinator = make_ctx()
    coordinator.session.participants.create_many(sample_rows())
    ctx = make_ctx(VIEWER)
    area = _filtered_area(ctx, qtbot)
    out = tmp_path / "lista.xlsx"
    run_export(ctx, area, area.model.query, out, "xlsx")
    ctx.worker.wait_idle()
    assert out.stat().st_size > 0


def test_cancelling_cancels_and_leaves_no_file(make_ctx, sample_rows, qtbot, tmp_path, boxes):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(400))
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    out = tmp_path / "todo.csv"
    handle = run_export(ctx, area, area.model.query, out, "csv")
    handle.cancel()
    ctx.worker.wait_idle()
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == []


def _export_with_warning(ctx, area, tmp_path, monkeypatch, answer, *, tick=False):
    """Run the export as the user would; the warning dialog answers ``answer`` (with "no volver a preguntar"
    ticked when ``tick``); returns the warnings shown (their file names) and the target."""
    target = tmp_path / "golf.xlsx"
    shown: list[str] = []

    def exec_(dialog):
        shown.append(dialog.text.text())
        dialog.dont_ask.setChecked(tick)
        return answer

    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(ExportWarningDialog, "exec", exec_)
    export_current_list(ctx, area, area.model.query)
    for _ in range(3):
        ctx.worker.wait_idle()
    return shown, target


def test_an_unencrypted_export_is_announced_and_cancelling_writes_nothing(
    make_ctx, sample_rows, qtbot, tmp_path, monkeypatch
):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _filtered_area(ctx, qtbot)
    shown, target = _export_with_warning(ctx, area, tmp_path, monkeypatch, QDialog.DialogCode.Rejected)
    assert len(shown) == 1 and "golf.xlsx" in shown[0] and "encrypted partner export" in shown[0]
    assert not target.exists()


def test_dont_ask_again_is_remembered_for_this_user_only(make_ctx, sample_rows, qtbot, tmp_path, monkeypatch):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _filtered_area(ctx, qtbot)
    shown, target = _export_with_warning(ctx, area, tmp_path, monkeypatch, QDialog.DialogCode.Accepted, tick=True)
    assert len(shown) == 1 and target.exists()
    target.unlink()
    shown, target = _export_with_warning(ctx, area, tmp_path, monkeypatch, QDialog.DialogCode.Accepted)
    assert shown == [] and target.exists()  # not asked again, and the file was still written
    viewer = make_ctx(VIEWER)
    viewer_area = _filtered_area(viewer, qtbot)
    shown, _target = _export_with_warning(viewer, viewer_area, tmp_path, monkeypatch, QDialog.DialogCode.Rejected)
    assert len(shown) == 1  # another user of the same vault is still warned

"""An XLSX export never leaves its rows in the system temp folder, on success or on cancel."""

from __future__ import annotations

import tempfile

import openpyxl
import pytest

from dmi_desktop.services import exporter
from dmi_desktop.services.exporter import ExportCancelled, export_participants
from dmi_desktop.services.xlsx_scratch import SCRATCH_PREFIX


@pytest.fixture
def session(open_session, monkeypatch, tmp_path):
    """A vault of a few people, with the system temp folder pointed at a folder the test watches."""
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    monkeypatch.setattr(exporter, "_PROGRESS_EVERY", 1)
    s = open_session()
    s.participants.create_many(
        [{"nombres": "Ana", "apellido_paterno": f"Pérez{i:02d}", "sector": "Colón Oriente"} for i in range(5)]
    )
    return s


def test_the_rows_spill_beside_the_export_not_into_the_system_temp_folder(session, tmp_path):
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    seen: list[tuple[list[str], list[str]]] = []

    def progress(done: int, total: int) -> None:
        scratch = [p.name for p in out_dir.iterdir() if p.name.startswith(SCRATCH_PREFIX)]
        seen.append(([p.name for p in (tmp_path / "system-tmp").iterdir()], scratch))

    assert export_participants(session, out_dir / "l.xlsx", "xlsx", progress=progress) == 5
    assert seen, "the export reported no progress"
    assert all(system == [] for system, _ in seen)  # nothing of the rows in the shared temp folder
    assert seen[-1][1], "openpyxl wrote its scratch file somewhere else"
    assert sorted(p.name for p in out_dir.iterdir()) == ["l.xlsx"]  # and it is gone afterwards
    rows = list(openpyxl.load_workbook(out_dir / "l.xlsx", read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 6


def test_a_cancelled_export_leaves_no_scratch_file(session, tmp_path):
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    calls = iter(range(100))

    with pytest.raises(ExportCancelled):
        export_participants(session, out_dir / "l.xlsx", "xlsx", cancelled=lambda: next(calls) >= 3)
    assert list(out_dir.iterdir()) == []
    assert list((tmp_path / "system-tmp").iterdir()) == []

"""Imports bigger than one chunk: streamed twice (preview, apply), same result, bad rows anywhere, capped lists.

The files here span several chunks of CHUNK_ROWS rows, so what must hold across chunk boundaries (a RUT or
an ID repeated far apart, counts, all or nothing) is exercised.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.rut import rut_check_digit
from dmi_desktop.services.exporter import export_participants
from dmi_desktop.services.import_rows import CHUNK_ROWS
from dmi_desktop.services.importer import (
    MAX_LISTED_ERRORS,
    SAMPLE_ROWS,
    ImportRefused,
    apply_import,
    preview_import,
)
from dmi_desktop.services.participants import ParticipantQuery

HEADER = "Nombres;Apellido paterno;RUT;Sector"
ROWS = 2 * CHUNK_ROWS + 500  # three chunks


def rut(n: int) -> str:
    body = str(10_000_000 + n)
    return f"{body}-{rut_check_digit(body)}"


def person(n: int) -> str:
    return f"Persona{n};Apellido{n};{rut(n)};Colón Oriente"


def write(path: Path, lines: list[str]) -> Path:
    path.write_bytes(("\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8"))
    return path


def count(session) -> int:
    return session.participants.count(ParticipantQuery())


def test_a_file_of_several_chunks_imports_every_row_and_the_preview_keeps_only_the_first(session, tmp_path):
    source = write(tmp_path / "grande.csv", [person(n) for n in range(ROWS)])
    preview = preview_import(session, source)
    assert (preview.total, preview.new, preview.bad, preview.errors) == (ROWS, ROWS, 0, [])
    # The preview shows the first rows; it does not hold the file.
    assert len(preview.rows) == SAMPLE_ROWS and preview.lines[:2] == [2, 3]
    result = apply_import(session, preview)
    assert (result.created, result.skipped) == (ROWS, 0)
    assert count(session) == ROWS
    last = session.participants.list(ParticipantQuery(search=rut(ROWS - 1)))
    assert [p.nombres for p in last] == [f"Persona{ROWS - 1}"]


def test_an_export_of_several_chunks_round_trips_unchanged(session, open_session, tmp_path):
    write_source = write(tmp_path / "grande.csv", [person(n) for n in range(ROWS)])
    apply_import(session, preview_import(session, write_source))
    before = {p.id: (p.nombres, p.rut, p.status) for p in session.participants.list()}
    exported = tmp_path / "export.csv"
    export_participants(session, exported, "csv", ParticipantQuery())
    preview = preview_import(session, exported)
    assert (preview.unchanged, preview.new, preview.to_update, preview.bad) == (ROWS, 0, 0, 0)
    result = apply_import(session, preview)
    assert (result.created, result.updated, result.unchanged) == (0, 0, ROWS)
    assert {p.id: (p.nombres, p.rut, p.status) for p in session.participants.list()} == before


def test_bad_rows_deep_in_the_file_are_listed_and_nothing_is_applied_unless_skipped(session, tmp_path):
    lines = [person(n) for n in range(ROWS)]
    lines[1500] = "Persona1500;;12.345.678-9;Colón Oriente"  # no surname, wrong check digit
    lines[2300] = f"Persona2300;Apellido2300;{rut(7)};Colón Oriente"  # the RUT of line 9, two chunks earlier
    source = write(tmp_path / "con-errores.csv", lines)
    audit_before = session.verify_audit().entries
    preview = preview_import(session, source)
    assert preview.bad == 2 and preview.bad_lines == [1502, 2302]
    assert {(e.line, e.column) for e in preview.errors} == {(1502, "Apellido paterno"), (1502, "RUT"), (2302, "RUT")}
    assert "ver línea 9" in next(e for e in preview.errors if e.line == 2302).reason
    with pytest.raises(ImportRefused, match="2 filas con errores"):
        apply_import(session, preview)
    assert count(session) == 0 and session.verify_audit().entries == audit_before
    result = apply_import(session, preview, skip_invalid=True)
    assert (result.created, result.skipped) == (ROWS - 2, 2)
    assert count(session) == ROWS - 2


def test_a_preview_lists_the_first_errors_and_counts_the_rest(session, tmp_path):
    lines = [f"Persona{n};;;Colón Oriente" for n in range(MAX_LISTED_ERRORS + 300)]  # every surname missing
    preview = preview_import(session, write(tmp_path / "vacia.csv", lines))
    assert len(preview.errors) == MAX_LISTED_ERRORS
    assert (preview.error_count, preview.bad, preview.valid) == (MAX_LISTED_ERRORS + 300, MAX_LISTED_ERRORS + 300, 0)
    with pytest.raises(ImportRefused, match=f"{MAX_LISTED_ERRORS + 300} filas con errores"):
        apply_import(session, preview)


def test_a_file_changed_after_its_preview_is_refused_and_nothing_is_written(session, tmp_path):
    source = write(tmp_path / "listado.csv", [person(n) for n in range(10)])
    preview = preview_import(session, source)
    write(source, [person(n) for n in range(10, 20)])  # replaced while the user read the preview
    with pytest.raises(DmiError, match=r"listado\.csv cambió después de la vista previa"):
        apply_import(session, preview)
    assert count(session) == 0

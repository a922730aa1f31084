"""Text hygiene through the services: control characters refused on input, old ones exported safely, CSV guards."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.status import Status
from dmi_desktop.services.exporter import export_columns, export_participants
from dmi_desktop.services.importer import apply_import, preview_import
from dmi_desktop.services.organisation import OrganisationService
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.session import Session
from dmi_desktop.services.spreadsheet_cells import guard_csv, is_formula_like, unguard
from dmi_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSPHRASE

TRICKY = ["-1234-5678", "+1-1", "=1+2", "@SUM(A1)", "'=ya guardado", "'-12", "-12", "+3.5", "+56 9 8765 4321"]


def _store_raw(session, participant_id: str, **values: str) -> None:
    """Write values the way an older version could have stored them (no validation)."""
    with session.vault.atomic() as db:
        for column, value in values.items():
            db.execute(f"UPDATE participants SET {column} = ? WHERE id = ?", (value, participant_id))


def _csv_rows(path) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    return [dict(zip(export_columns(), r, strict=True)) for r in rows[1:]]


def test_a_status_reason_with_an_escape_sequence_is_refused_and_nothing_moves(session):
    p = session.participants.create({"nombres": "Ana", "apellido_paterno": "Rojas"})
    with pytest.raises(ValidationError, match="caracteres de control"):
        session.participants.set_status(p.id, Status.UNDER_REVIEW, "revisión\x1b[2J")
    assert session.participants.get(p.id).status is Status.IDENTIFIED
    assert session.participants.status_history(p.id) == []


def test_the_letterhead_and_a_new_vault_s_user_refuse_control_characters(session, tmp_path):
    with pytest.raises(ValidationError, match="caracteres de control"):
        OrganisationService(session).update(organisation="Municipalidad\x00de Las Condes")
    assert OrganisationService(session).get().organisation == "Municipalidad de Las Condes"
    kept = OrganisationService(session).update(organisation="Municipalidad", address="Av. Apoquindo 3400\r\nPiso 2")
    assert kept.address == "Av. Apoquindo 3400\nPiso 2"  # the address is several lines on the letterhead
    with pytest.raises(ValidationError, match="user"):
        Session.create(tmp_path / "nueva", user="ana\x1b[31m", passphrase=PASSPHRASE, kdf=TEST_KDF)
    assert not (tmp_path / "nueva").exists()


def test_an_imported_name_with_a_control_character_is_a_row_error(session, tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes("Nombres;Apellido paterno\r\nAna;Rojas\r\nJo\x1b[31mse;Pérez\r\n".encode())
    preview = preview_import(session, source)
    assert [(e.line, e.column) for e in preview.errors] == [(3, "Nombres")]
    assert "U+001B" in preview.errors[0].reason
    assert session.participants.count(ParticipantQuery()) == 0


def test_values_an_older_version_stored_with_control_characters_still_export(session, tmp_path):
    p = session.participants.create({"nombres": "Ana", "apellido_paterno": "Rojas"})
    _store_raw(session, p.id, nombres="Ana\x1b[31m", alias="bip\x07\x00")
    export_participants(session, tmp_path / "lista.xlsx", "xlsx")  # today: IllegalCharacterError, no file
    row = next(openpyxl.load_workbook(tmp_path / "lista.xlsx").active.iter_rows(min_row=2, values_only=True))
    record = dict(zip(export_columns(), row, strict=True))
    assert record["nombres"] == "Ana\ufffd[31m" and record["alias"] == "bip\ufffd\ufffd"
    export_participants(session, tmp_path / "lista.csv", "csv")
    assert _csv_rows(tmp_path / "lista.csv")[0]["nombres"] == "Ana\ufffd[31m"


def test_csv_cells_excel_would_evaluate_are_guarded_and_plain_numbers_are_not(session, tmp_path):
    for i, alias in enumerate(TRICKY):
        session.participants.create({"nombres": f"P{i}", "apellido_paterno": "Prueba", "alias": alias})
    target = tmp_path / "lista.csv"
    export_participants(session, target, "csv")
    written = {r["nombres"]: r["alias"] for r in _csv_rows(target)}
    assert written["P0"] == "'-1234-5678" and written["P1"] == "'+1-1"  # today both pass through raw
    assert written["P2"] == "'=1+2" and written["P3"] == "'@SUM(A1)"
    assert written["P4"] == "''=ya guardado" and written["P5"] == "''-12"  # one more apostrophe: exact round trip
    assert written["P6"] == "-12" and written["P7"] == "+3.5"
    assert written["P8"] == "'+56 9 8765 4321"  # Excel reads "+56 9 ..." as a formula too


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_guarded_values_round_trip_exactly(session, tmp_path, fmt):
    for i, alias in enumerate(TRICKY):
        session.participants.create({"nombres": f"P{i}", "apellido_paterno": "Prueba", "alias": alias})
    target = tmp_path / f"lista.{fmt}"
    export_participants(session, target, fmt)
    other, _ = Session.create(tmp_path / "otra", user="ana", passphrase=PASSPHRASE, device_code="OT", kdf=TEST_KDF)
    try:
        preview = preview_import(other, target)
        assert preview.errors == []
        apply_import(other, preview)
        copied = {p.nombres: p.alias for p in other.participants.list()}
    finally:
        other.close()
    assert copied == {f"P{i}": alias for i, alias in enumerate(TRICKY)}


@pytest.mark.parametrize(
    ("text", "guarded"),
    [("\t=1+1", "'\t=1+1"), ("\r=1", "'\r=1"), ("-", "'-"), ("-0,5", "-0,5"), ("12", "12"), ("Ana", "Ana")],
)
def test_tab_and_carriage_return_starts_are_guarded_and_unguarding_inverts(text, guarded):
    assert guard_csv(text) == guarded
    assert unguard(guard_csv(text)) == text
    assert is_formula_like(text) == (guarded != text)

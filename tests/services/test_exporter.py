"""Participant export: CSV for Excel, XLSX, JSON; filters, atomic writes, cancel, audit, round trip."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import openpyxl
import pytest

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.status import Status
from dmi_desktop.services.exporter import ExportCancelled, export_columns, export_fields, export_participants
from dmi_desktop.services.importer import apply_import, preview_import
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSPHRASE, STAFF, VIEWER

IDENTITY = (
    "nombres",
    "apellido_paterno",
    "apellido_materno",
    "alias",
    "rut",
    "birth_date",
    "sex",
    "phone",
    "address",
    "sector",
    "status",
)


def populate(session) -> dict[str, str]:
    """Three people with accents, one in monitoring with a check-in; returns ids by nombres."""
    svc = session.participants
    jose = svc.create(
        {
            "nombres": "José Ñandú",
            "apellido_paterno": "Muñoz",
            "apellido_materno": "Peña",
            "alias": "El Chico",
            "rut": "12345678-5",
            "birth_date": "1998-03-15",
            "sex": "M",
            "phone": "+56 9 8765 4321",
            "address": "Fuenteovejuna 1234, depto. 12",
            "sector": "Colón Oriente",
        }
    )
    for target in ("under_review", "eligible", "summoned", "attended", "enrolled", "monitoring"):
        svc.set_status(jose.id, target)
    svc.add_record("checkins", jose.id, {"day": date(2026, 1, 20), "method": "presencial"})
    ines = svc.create(
        {"nombres": "María Inés", "apellido_paterno": "González", "rut": "9.876.543-3", "sector": "El Golf"}
    )
    tricky = svc.create({"nombres": "Ana", "apellido_paterno": "Rojas", "alias": '=HYPERLINK("http://x")'})
    return {"jose": jose.id, "ines": ines.id, "tricky": tricky.id}


def read_csv(path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows the accents
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_is_semicolon_utf8_bom_with_spanish_headers(session, tmp_path):
    populate(session)
    target = tmp_path / "listado.csv"
    assert export_participants(session, target, "csv") == 3
    rows = read_csv(target)
    assert rows[0][:3] == ["N° de caso", "Nombres", "Apellido paterno"] and len(rows[0]) == len(export_columns())
    assert rows[0][-2:] == ["ID", "Versión de esquema DMI"]
    jose = next(r for r in rows if r[1] == "José Ñandú")
    record = dict(zip(export_columns(), jose, strict=True))
    assert record["rut"] == "12.345.678-5" and record["birth_date"] == "1998-03-15"
    assert record["status"] == "en seguimiento" and "status_label" not in record  # words, never "monitoring"
    assert "monitoring" not in target.read_text(encoding="utf-8-sig")
    assert record["last_checkin"] == "2026-01-20" and record["case_no"].startswith("LC1-")
    assert record["id"] == session.participants.get(record["case_no"]).id
    assert record["schema_version"] == str(session.schema_version)
    tricky = next(r for r in rows if r[1] == "Ana")
    assert tricky[4] == '\'=HYPERLINK("http://x")'  # never a live formula in Excel


def test_xlsx_has_a_bold_header_real_dates_and_no_formulas(session, tmp_path):
    populate(session)
    target = tmp_path / "listado.xlsx"
    export_participants(session, target, "xlsx")
    sheet = openpyxl.load_workbook(target).active
    assert sheet.cell(1, 2).value == "Nombres" and sheet.cell(1, 2).font.b
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    jose = dict(zip(export_columns(), rows["José Ñandú"], strict=True))
    assert jose["birth_date"].date() == date(1998, 3, 15) and jose["last_checkin"].date() == date(2026, 1, 20)
    assert jose["address"] == "Fuenteovejuna 1234, depto. 12"
    tricky = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "Ana")
    assert tricky[4].value == '=HYPERLINK("http://x")' and tricky[4].data_type == "s"


def test_json_is_the_schema_version_and_a_list_of_snake_case_objects_with_raw_accents(session, tmp_path):
    ids = populate(session)
    target = tmp_path / "listado.json"
    export_participants(session, target, "json")
    assert "José Ñandú".encode() in target.read_bytes()  # ensure_ascii=False
    document = json.loads(target.read_text(encoding="utf-8"))
    assert list(document) == ["schema_version", "participants"]
    assert document["schema_version"] == session.schema_version
    items = document["participants"]
    assert all(list(item) == [f.name for f in export_fields()] for item in items)
    assert {i["id"] for i in items} == set(ids.values())
    jose = next(i for i in items if i["nombres"] == "José Ñandú")
    assert jose["birth_date"] == "1998-03-15" and jose["last_checkin"] == "2026-01-20"
    assert next(i for i in items if i["nombres"] == "Ana")["birth_date"] is None


def test_export_respects_the_list_filters(session, tmp_path):
    populate(session)
    target = tmp_path / "filtro.json"
    assert export_participants(session, target, "json", ParticipantQuery(status=(Status.MONITORING,))) == 1
    assert [i["nombres"] for i in _items(target)] == ["José Ñandú"]
    assert export_participants(session, target, "json", ParticipantQuery(sector="El Golf")) == 1
    assert [i["nombres"] for i in _items(target)] == ["María Inés"]
    assert export_participants(session, target, "json", ParticipantQuery(search="nandu")) == 1
    assert export_participants(session, target, "json", ParticipantQuery(search="nadie")) == 0
    assert _items(target) == []


def test_exported_csv_and_xlsx_reimport_into_a_fresh_vault(session, tmp_path):
    populate(session)
    original = {p.nombres: p for p in session.participants.list()}
    for fmt in ("csv", "xlsx"):
        export_participants(session, tmp_path / f"ida.{fmt}", fmt)
        other, _ = Session.create(
            tmp_path / f"otra-{fmt}", user="ana", passphrase=PASSPHRASE, device_code="OT", kdf=TEST_KDF
        )
        try:
            preview = preview_import(other, tmp_path / f"ida.{fmt}")
            assert preview.errors == []
            assert apply_import(other, preview).created == 3
            copied = {p.nombres: p for p in other.participants.list()}
        finally:
            other.close()
        assert copied.keys() == original.keys()
        for name, person in original.items():
            assert [getattr(copied[name], f) for f in IDENTITY] == [getattr(person, f) for f in IDENTITY], fmt


def test_cancel_leaves_no_file_and_keeps_an_existing_one(session, tmp_path):
    for i in range(450):
        session.participants.create({"nombres": f"Persona{i}", "apellido_paterno": "Prueba"})
    target = tmp_path / "listado.csv"
    target.write_bytes(b"anterior")
    before = session.verify_audit().entries
    seen = []
    with pytest.raises(ExportCancelled):
        export_participants(
            session, target, "csv", progress=lambda d, t: seen.append((d, t)), cancelled=lambda: len(seen) >= 1
        )
    assert seen == [(200, 450)]
    assert target.read_bytes() == b"anterior"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["listado.csv", "vault"]
    assert session.verify_audit().entries == before  # nothing exported, nothing recorded


def test_export_is_audited_with_format_count_and_file_name_only(session, tmp_path):
    populate(session)
    export_participants(session, tmp_path / "para-fiscalia.xlsx", "xlsx", ParticipantQuery(sector="El Golf"))
    last = _last_audit(session)
    assert last.action == "participant.export" and last.user == session.user
    assert last.after["format"] == "xlsx" and last.after["count"] == 1
    assert last.after["file"] == "para-fiscalia.xlsx" and str(tmp_path) not in json.dumps(last.after)
    assert session.verify_audit().ok


@pytest.mark.parametrize("user", [STAFF, VIEWER])
def test_staff_and_viewers_may_export_and_it_is_recorded(open_session, tmp_path, user):
    populate(open_session())
    reader = open_session(user)
    assert export_participants(reader, tmp_path / "lectura.json", "json") == 3
    last = _last_audit(reader)
    assert (last.action, last.user) == ("participant.export", user)


def test_unknown_format_and_missing_folder_are_clear_errors(session, tmp_path):
    with pytest.raises(DmiError, match="formato"):
        export_participants(session, tmp_path / "x.pdf", "pdf")
    with pytest.raises(DmiError, match="no existe"):
        export_participants(session, tmp_path / "no" / "x.csv", "csv")
    assert not (tmp_path / "x.pdf").exists()


def _items(path) -> list[dict]:
    """The participants of a JSON export."""
    return json.loads(path.read_text(encoding="utf-8"))["participants"]


def _last_audit(session):
    """The newest audit entry (tests may read the vault directly)."""
    row = session.vault.db.execute("SELECT entity_id FROM audit_entries ORDER BY hlc DESC LIMIT 1").fetchone()
    return session.vault.audit.for_entity(row[0])[0]

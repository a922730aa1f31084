"""Exports and ``participant list --json`` read page by page and write as they go: the very bytes of before."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import openpyxl
import pytest

from dmi_desktop.cli.main import main as cli_main
from dmi_desktop.domain.rut import format_rut, rut_check_digit
from dmi_desktop.domain.status import label
from dmi_desktop.services import exporter
from dmi_desktop.services.exporter import export_fields, export_headers, export_participants
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.spreadsheet_cells import guard_csv, visible
from tests.conftest import PASSPHRASE

PEOPLE = 230
ODD = ('=HIPERVINCULO("x")', "-12", "+56 9", "@sum", "'=ya", 'comillas "dobles"; y punto y coma', "Ñuñoa\nlínea")


@pytest.fixture
def session(open_session, monkeypatch):
    """A vault of a few hundred people (odd aliases included), read in pages of 7 so every page edge is crossed."""
    monkeypatch.setattr(exporter, "PAGE_ROWS", 7)
    s = open_session()
    rows = []
    for i in range(PEOPLE):
        body = str(10_000_000 + i * 7919)
        rows.append(
            {
                "nombres": ("José", "María Inés", "Ana")[i % 3],
                "apellido_paterno": f"Pérez{i:04d}",
                "alias": ODD[i % len(ODD)] if i % 4 == 0 else "",
                "rut": format_rut(f"{body}{rut_check_digit(body)}") if i % 5 else "",
                "sector": ("Colón Oriente", "Villa La Ermita")[i % 2],
                "birth_date": "1990-03-04" if i % 6 == 0 else None,
            }
        )
    ids = [p.id for p in s.participants.create_many(rows)]
    s.participants.add_records(
        "checkins", [(pid, {"day": date(2026, 1, 1 + i % 28).isoformat()}) for i, pid in enumerate(ids) if i % 3 == 0]
    )
    return s


def _old_records(session, query):
    """What the exporter built before streaming: every row in one list (participants, then the list's check-ins)."""
    people = session.participants.list(query)
    last = {r.id: r.last_checkin for r in session.participants.rows(query, 0, max(len(people), 1))}
    records = []
    for p in people:
        rec = {}
        for f in export_fields():
            if f.name == "status":  # in words since issue 9 (the label column went)
                rec[f.name] = label(p.status)
            elif f.name == "last_checkin":
                rec[f.name] = last.get(p.id)
            else:
                value = getattr(p, f.name, None)
                rec[f.name] = format_rut(value or "") if f.kind.name == "RUT" else getattr(value, "value", value)
        records.append(rec)
    return records


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    return value.isoformat() if isinstance(value, date) else str(value)


def _old_csv(records, version) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(export_headers())
    for rec in records:
        writer.writerow([*(guard_csv(visible(_text(v))) for v in rec.values()), str(version)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _old_json(records, version) -> bytes:
    items = [{k: v.isoformat() if isinstance(v, date) else v for k, v in rec.items()} for rec in records]
    document = {"schema_version": version, "participants": items}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


QUERIES = [ParticipantQuery(), ParticipantQuery(sector="Villa La Ermita", sort="rut", descending=True)]


@pytest.mark.parametrize("query", QUERIES)
def test_csv_and_json_exports_are_the_bytes_the_whole_list_gave(session, tmp_path, query):
    expected = _old_records(session, query)
    assert len(expected) > 100
    version = session.schema_version
    assert export_participants(session, tmp_path / "l.csv", "csv", query) == len(expected)
    assert (tmp_path / "l.csv").read_bytes() == _old_csv(expected, version)
    assert export_participants(session, tmp_path / "l.json", "json", query) == len(expected)
    assert (tmp_path / "l.json").read_bytes() == _old_json(expected, version)


def test_an_xlsx_export_holds_every_row_in_order(session, tmp_path):
    expected = _old_records(session, ParticipantQuery())
    export_participants(session, tmp_path / "l.xlsx", "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(expected) + 1
    assert [r[-2] for r in rows[1:]] == [rec["id"] for rec in expected]


def test_an_empty_export_is_still_a_valid_document(session, tmp_path):
    nobody = ParticipantQuery(sector="Sector que no existe")
    assert export_participants(session, tmp_path / "v.json", "json", nobody) == 0
    assert (tmp_path / "v.json").read_bytes() == _old_json([], session.schema_version)
    assert json.loads((tmp_path / "v.json").read_text("utf-8")) == {
        "schema_version": session.schema_version,
        "participants": [],
    }


def _old_list_json(session) -> str:
    """``participant list --json`` before: every row and every participant loaded, then one json.dumps."""
    query = ParticipantQuery()
    rows = session.participants.rows(query, 0, session.participants.count(query))
    people = {p.id: p for p in session.participants.list(query)}
    keys = ("id", "case_no", "nombres", "apellido_paterno", "apellido_materno", "alias", "rut", "sector", "status")
    result = []
    for row in rows:
        values = {k: getattr(people[row.id], k) for k in keys}
        values["status"] = values["status"].value
        values["last_checkin"] = row.last_checkin.isoformat() if row.last_checkin else None
        result.append(values)
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("limit", [None, "40"])
def test_list_json_prints_the_text_it_printed_before(session, vault_dir, capsys, monkeypatch, limit):
    expected = _old_list_json(session)
    if limit:
        expected = json.dumps(json.loads(expected)[:40], ensure_ascii=False, indent=2) + "\n"
    session.close()
    monkeypatch.setenv("DMI_PASSPHRASE", PASSPHRASE)
    argv = ["--vault", str(vault_dir), "participant", "list", "--json", *(["--limit", limit] if limit else [])]
    assert cli_main(argv) == 0
    printed = capsys.readouterr().out
    assert printed == expected
    assert len(json.loads(printed)) == (40 if limit else PEOPLE)


def _plans(session, query) -> list[str]:
    """The query plan of the statement ``stream`` runs for ``query``."""
    statements: list[str] = []
    reader = session.vault.read_db().conn
    reader.set_trace_callback(statements.append)
    try:
        next(iter(session.participants.stream(query)), None)
    finally:
        reader.set_trace_callback(None)
    (sql,) = [s for s in statements if "p.last_checkin FROM participants" in s]
    return [row[-1] for row in reader.execute(f"EXPLAIN QUERY PLAN {sql}")]


@pytest.mark.parametrize("sort", ["name", "case_no", "rut", "status", "sector", "alias", "last_checkin"])
def test_no_filtered_export_is_sorted_whole_in_memory(session, sort):
    from dmi_desktop.domain.status import Status

    for query in (
        ParticipantQuery(sort=sort),
        ParticipantQuery(sort=sort, descending=True, status=(Status.IDENTIFIED,), sector="Colón Oriente"),
        ParticipantQuery(sort=sort, search="jose"),
    ):
        assert not [p for p in _plans(session, query) if "TEMP B-TREE" in p], query

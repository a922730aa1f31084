"""Staff and the banked case: no move into or out of "eligible (case banked)" or "case activated", no setting
``case_activated``, no importing such statuses; coordinators keep doing all of it. Nothing changes on refusal."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from dmi_desktop.domain.errors import PermissionDenied
from dmi_desktop.domain.messages import set_language
from dmi_desktop.domain.status import Status
from dmi_desktop.services.exporter import export_participants
from dmi_desktop.services.importer import ImportRefused, apply_import, preview_import
from dmi_desktop.services.participants import ParticipantQuery
from tests.conftest import COORDINATOR, STAFF

TODAY = date(2025, 6, 1)
TO_MONITORING = (Status.UNDER_REVIEW, Status.ELIGIBLE, Status.SUMMONED, Status.ATTENDED, Status.ENROLLED)


def _at(session, status_path: tuple[Status, ...], name: str = "Rosa") -> str:
    """A participant moved by the coordinator along ``status_path``; returns the id."""
    svc = session.participants
    pid = svc.create({"nombres": name, "apellido_paterno": "Tapia"}).id
    for status in status_path:
        svc.set_status(pid, status, "paso")
    return pid


def _state(session, pid: str) -> tuple[Status, int, int]:
    """Status, number of status changes and audit size: what a refusal must leave as it was."""
    audit = session.vault.db.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
    return session.participants.get(pid).status, len(session.participants.status_history(pid)), audit


@pytest.fixture
def files(open_session):
    """Files written by the coordinator: one under review, one eligible, one in violation; ids by state."""
    coordinator = open_session(COORDINATOR)
    return {
        Status.UNDER_REVIEW: _at(coordinator, (Status.UNDER_REVIEW,), "Ana"),
        Status.ELIGIBLE: _at(coordinator, (Status.UNDER_REVIEW, Status.ELIGIBLE), "Berta"),
        Status.VIOLATION: _at(coordinator, (*TO_MONITORING, Status.MONITORING, Status.VIOLATION), "Carla"),
    }


@pytest.mark.parametrize(
    ("start", "target", "named"),
    [
        (Status.UNDER_REVIEW, Status.ELIGIBLE, "elegible (caso en reserva)"),  # into the banked case
        (Status.ELIGIBLE, Status.SUMMONED, "elegible (caso en reserva)"),  # out of it
        (Status.ELIGIBLE, Status.DROPPED, "elegible (caso en reserva)"),
        (Status.VIOLATION, Status.CASE_ACTIVATED, "caso activado"),  # activating it
    ],
)
def test_staff_cannot_move_a_file_into_or_out_of_the_banked_case(open_session, files, start, target, named):
    staff = open_session(STAFF)
    pid = files[start]
    before = _state(staff, pid)
    with pytest.raises(PermissionDenied, match="solo coordinadores.*" + re.escape(f"«{named}»")):
        staff.participants.set_status(pid, target, "por equipo")
    assert _state(staff, pid) == before


def test_staff_are_offered_no_banked_states_and_the_coordinator_all(open_session, files):
    staff = open_session(STAFF)
    assert staff.participants.allowed_statuses(files[Status.UNDER_REVIEW]) == [Status.NOT_ELIGIBLE, Status.DROPPED]
    assert staff.participants.allowed_statuses(files[Status.ELIGIBLE]) == []
    assert staff.participants.allowed_statuses(files[Status.VIOLATION]) == []
    coordinator = open_session(COORDINATOR)
    assert Status.ELIGIBLE in coordinator.participants.allowed_statuses(files[Status.UNDER_REVIEW])
    assert coordinator.participants.allowed_statuses(files[Status.VIOLATION]) == [Status.CASE_ACTIVATED]
    # Coordinators still bank, un-bank and activate.
    coordinator.participants.set_status(files[Status.UNDER_REVIEW], Status.ELIGIBLE, "revisión con Fiscalía")
    coordinator.participants.set_status(files[Status.ELIGIBLE], Status.SUMMONED, "citación entregada")
    coordinator.participants.set_status(files[Status.VIOLATION], Status.CASE_ACTIVATED, "nueva venta")
    assert coordinator.participants.get(files[Status.VIOLATION]).status is Status.CASE_ACTIVATED


@pytest.mark.parametrize("status", [Status.ELIGIBLE, Status.CASE_ACTIVATED])
def test_staff_cannot_create_a_file_already_in_a_banked_state(open_session, status):
    staff = open_session(STAFF)
    with pytest.raises(PermissionDenied, match="solo coordinadores"):
        staff.participants.create({"nombres": "Eva", "apellido_paterno": "Lira", "status": status.value})
    with pytest.raises(PermissionDenied, match="solo coordinadores"):
        staff.participants.create_many([{"nombres": "Eva", "apellido_paterno": "Lira", "status": status.value}])
    assert staff.participants.count(ParticipantQuery()) == 0
    staff.participants.create({"nombres": "Eva", "apellido_paterno": "Lira", "status": "monitoring"})


def test_staff_cannot_bulk_update_a_status_into_the_banked_case(open_session, files):
    staff = open_session(STAFF)
    pid = files[Status.UNDER_REVIEW]
    before = _state(staff, pid)
    with pytest.raises(PermissionDenied):
        staff.participants.update_many({pid: {"status": "eligible", "sector": "Colón Oriente"}}, reason="x")
    assert _state(staff, pid) == before
    assert staff.participants.get(pid).sector == ""


def test_staff_cannot_set_or_clear_case_activated(open_session, files):
    coordinator = open_session(COORDINATOR)
    pid = files[Status.VIOLATION]
    activated = coordinator.participants.add_record(
        "violations", pid, {"day": "2025-05-01", "description": "venta", "case_activated": True}, today=TODAY
    )
    staff = open_session(STAFF)
    svc = staff.participants
    violation = {"day": "2025-05-02", "description": "otra venta", "case_activated": True}
    with pytest.raises(PermissionDenied, match="caso en reserva activado"):
        svc.add_record("violations", pid, violation, today=TODAY)
    with pytest.raises(PermissionDenied, match="caso en reserva activado"):
        svc.add_records("violations", [(pid, violation)], today=TODAY)
    with pytest.raises(PermissionDenied, match="caso en reserva activado"):
        svc.update_record("violations", activated.id, {"case_activated": False}, today=TODAY)
    plain = svc.add_record("violations", pid, {**violation, "case_activated": False}, today=TODAY)
    with pytest.raises(PermissionDenied, match="caso en reserva activado"):
        svc.update_record("violations", plain.id, {"case_activated": True}, today=TODAY)
    # The rest of a violation stays staff's work, the box included when left as it is.
    svc.update_record("violations", activated.id, {"description": "venta en Colón", "case_activated": True})
    records = {v.id: v for v in svc.file(pid).violations}
    assert [records[activated.id].case_activated, records[plain.id].case_activated] == [True, False]
    assert len(records) == 2


def test_the_refusal_speaks_english_too(open_session, files):
    staff = open_session(STAFF)
    set_language("en")
    try:
        with pytest.raises(PermissionDenied, match="only coordinators can move a participant into or out of “eligible"):
            staff.participants.set_status(files[Status.UNDER_REVIEW], Status.ELIGIBLE, "x")
    finally:
        set_language("es")


# -- import -------------------------------------------------------------------------------------------


def _csv(path: Path, *rows: str) -> Path:
    path.write_text("\n".join(["Nombres;Apellido paterno;Estado", *rows]) + "\n", encoding="utf-8")
    return path


def test_staff_cannot_import_banked_statuses_for_new_people(open_session, tmp_path):
    source = _csv(
        tmp_path / "estados.csv",
        "Raúl;Mena;en seguimiento",
        "Iván;Parra;elegible (caso en reserva)",
        "Eva;Lira;case_activated",
    )
    staff = open_session(STAFF)
    preview = preview_import(staff, source)
    assert [(e.line, e.column) for e in preview.errors] == [(3, "Estado"), (4, "Estado")]
    assert [e.reason for e in preview.errors] == [
        "solo coordinadores pueden mover a un participante hacia o desde «elegible (caso en reserva)»",
        "solo coordinadores pueden mover a un participante hacia o desde «caso activado»",
    ]
    apply_import(staff, preview, skip_invalid=True)
    assert [(p.nombres, p.status) for p in staff.participants.list()] == [("Raúl", Status.MONITORING)]
    coordinator = open_session(COORDINATOR)
    assert preview_import(coordinator, source).errors == []


def test_staff_cannot_move_statuses_into_or_out_of_the_banked_case_by_importing_an_export(
    open_session, files, tmp_path
):
    coordinator = open_session(COORDINATOR)
    export = tmp_path / "listado.csv"
    export_participants(coordinator, export, "csv", ParticipantQuery())
    with export.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    code = rows[0].index("Estado")
    moves = {"Ana": "eligible", "Berta": "summoned", "Carla": "case_activated"}  # into, out of, activating
    for row in rows[1:]:
        row[code] = moves[row[1]]
    with export.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    staff = open_session(STAFF)
    before = {pid: _state(staff, pid) for pid in files.values()}
    preview = preview_import(staff, export)
    assert [(e.line, e.column) for e in preview.errors] == [
        (2, "Estado"),
        (3, "Estado"),
        (4, "Estado"),
    ]
    assert all(e.reason.startswith("solo coordinadores pueden mover") for e in preview.errors)
    with pytest.raises(ImportRefused):
        apply_import(staff, preview)
    assert {pid: _state(staff, pid) for pid in files.values()} == before
    coordinator = open_session(COORDINATOR)
    assert apply_import(coordinator, preview_import(coordinator, export)).updated == 3

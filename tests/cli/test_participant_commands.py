"""participant add/list/show/edit/set-status end to end, with roles and validation."""

from __future__ import annotations

from datetime import date

from dmi_desktop.services.session import Session
from tests.cli.conftest import Cli
from tests.conftest import PASSPHRASE, STAFF_PASSPHRASE, VIEWER_PASSPHRASE

LIST_KEYS = {
    "id",
    "case_no",
    "nombres",
    "apellido_paterno",
    "apellido_materno",
    "alias",
    "rut",
    "sector",
    "status",
    "last_checkin",
}


def test_add_then_list_and_show(cli: Cli) -> None:
    created = cli.add_participant(
        "José Luis",
        "Pérez",
        "--apellido-materno",
        "Soto",
        "--alias",
        "El Flaco",
        "--rut",
        "12.345.678-5",
        "--birth-date",
        "1990-02-03",
        "--sector",
        "Colón Oriente",
        "--phone",
        "+56 9 1234 5678",
        "--sex",
        "M",
    )
    assert set(created) == {"id", "case_no"}
    assert created["case_no"].startswith("LC1-")

    listed = cli.ok("participant", "list", "--json").json()
    assert len(listed) == 1 and set(listed[0]) == LIST_KEYS
    row = listed[0]
    assert (row["id"], row["nombres"], row["apellido_materno"]) == (created["id"], "José Luis", "Soto")
    assert (row["rut"], row["status"], row["last_checkin"]) == ("12345678-5", "identified", None)

    table = cli.ok("participant", "list").stdout
    assert "José Luis Pérez Soto" in table and "12.345.678-5" in table and "identificado" in table

    by_case = cli.ok("participant", "show", created["case_no"], "--json").json()
    by_id = cli.ok("participant", "show", created["id"], "--json").json()
    assert by_case == by_id
    assert by_case["birth_date"] == "1990-02-03" and by_case["sex"] == "M"
    assert by_case["allowed_next"] == ["under_review", "dropped"]
    text = cli.ok("participant", "show", created["case_no"]).stdout
    assert "José Luis Pérez Soto «El Flaco»" in text and "Colón Oriente" in text


def test_text_add_prints_the_id_and_case_number(cli: Cli) -> None:
    out = cli.ok("participant", "add", "--nombres", "Ana", "--apellido-paterno", "Soto").stdout.split()
    listed = cli.ok("participant", "list", "--json").json()
    assert out == [listed[0]["id"], listed[0]["case_no"]]


def test_list_filters_and_limit(cli: Cli) -> None:
    ana = cli.add_participant("Ana", "Soto", "--sector", "Colón Oriente")
    cli.add_participant("José", "Pérez", "--sector", "Colón Oriente")
    cli.add_participant("María", "González", "--sector", "San Carlos de Apoquindo")
    cli.ok("participant", "set-status", ana["id"], "under_review")

    def names(*args: str) -> set[str]:
        return {p["nombres"] for p in cli.ok("participant", "list", "--json", *args).json()}

    assert names("--sector", "Colón Oriente") == {"Ana", "José"}
    assert names("--status", "under_review") == {"Ana"}
    assert names("--status", "en revisión", "--status", "identificado") == {"Ana", "José", "María"}
    assert names("--search", "jose") == {"José"}  # accent-insensitive
    assert len(names("--limit", "2")) == 2
    assert "(2 de 3)" in cli.ok("participant", "list", "--limit", "2").stdout
    cli("participant", "list", "--status", "jubilado").assert_refused("jubilado")


def test_edit_changes_fields_and_can_clear_one(cli: Cli) -> None:
    p = cli.add_participant("Ana", "Soto", "--alias", "La Negra")
    edited = cli.ok("participant", "edit", p["id"], "--alias", "", "--phone", "+56 2 2345 6789", "--json").json()
    assert (edited["alias"], edited["phone"]) == ("", "+56 2 2345 6789")
    shown = cli.ok("participant", "show", p["case_no"], "--json").json()
    assert (shown["alias"], shown["phone"]) == ("", "+56 2 2345 6789")


def test_edit_without_fields_is_a_usage_error(cli: Cli) -> None:
    p = cli.add_participant("Ana", "Soto")
    assert cli("participant", "edit", p["id"]).code == 2


def test_edit_refuses_an_invalid_value_and_changes_nothing(cli: Cli) -> None:
    p = cli.add_participant("Ana", "Soto")
    cli("participant", "edit", p["id"], "--birth-date", "31-31-1990").assert_refused("birth_date", "fecha no válida")
    cli("participant", "edit", p["id"], "--nombres", "").assert_refused("nombres", "obligatorio")
    assert cli.ok("participant", "show", p["id"], "--json").json()["nombres"] == "Ana"


def test_set_status_follows_the_life_cycle(cli: Cli) -> None:
    p = cli.add_participant("Ana", "Soto")
    moved = cli.ok("participant", "set-status", p["case_no"], "en revisión", "--reason", "con Fiscalía", "--json")
    assert moved.json()["previous_status"] == "identified" and moved.json()["status"] == "under_review"
    assert "en revisión → elegible" in cli.ok("participant", "set-status", p["id"], "eligible").stdout
    assert cli.ok("participant", "show", p["id"], "--json").json()["status"] == "eligible"


def test_illegal_status_change_names_both_states(cli: Cli) -> None:
    p = cli.add_participant("Ana", "Soto")
    cli("participant", "set-status", p["id"], "completed").assert_refused("identificado", "egresado")
    cli("--lang", "en", "participant", "set-status", p["id"], "attended").assert_refused("identified", "attended")
    assert cli.ok("participant", "show", p["id"], "--json").json()["status"] == "identified"


def test_unknown_status_word(cli: Cli) -> None:
    p = cli.add_participant("Ana", "Soto")
    cli("participant", "set-status", p["id"], "feliz").assert_refused("estado desconocido")


def test_invalid_rut_is_refused_with_a_clear_message(cli: Cli) -> None:
    result = cli("participant", "add", "--nombres", "Ana", "--apellido-paterno", "Soto", "--rut", "12.345.678-9")
    result.assert_refused("RUT no válido", "dígito verificador")
    assert cli.ok("participant", "list", "--json").json() == []


def test_duplicate_rut_is_refused(cli: Cli) -> None:
    cli.add_participant("Ana", "Soto", "--rut", "12.345.678-5")
    cli("participant", "add", "--nombres", "Eva", "--apellido-paterno", "Rojas", "--rut", "12345678-5").assert_refused(
        "12.345.678-5 ya existe: caso "
    )


def test_missing_required_option_is_a_usage_error(cli: Cli) -> None:
    assert cli("participant", "add", "--nombres", "Ana").code == 2


def test_unknown_participant(cli: Cli) -> None:
    cli("participant", "show", "LC1-2026-99999").assert_refused("LC1-2026-99999")


def test_viewer_reads_but_cannot_write(cli: Cli) -> None:
    p = cli.add_participant("Ana", "Soto")
    add = ("participant", "add", "--nombres", "Eva", "--apellido-paterno", "Rojas")
    cli(*add, passphrase=VIEWER_PASSPHRASE).assert_refused("solo permite consultar")
    cli("participant", "set-status", p["id"], "under_review", passphrase=VIEWER_PASSPHRASE).assert_refused(
        "solo permite consultar"
    )
    assert len(cli.ok("participant", "list", "--json", passphrase=VIEWER_PASSPHRASE).json()) == 1


def test_show_has_the_whole_file_and_the_banked_case_only_for_coordinators(cli: Cli) -> None:
    p = cli.add_participant("Ana", "Soto")
    session = Session.unlock(cli.vault, PASSPHRASE)
    try:
        records = session.participants
        records.add_record("influentials", p["id"], {"name": "Rosa Soto", "relationship": "madre"})
        records.add_record("checkins", p["id"], {"day": date(2026, 1, 5), "method": "visita"})
        records.add_record("notes", p["id"], {"body": "Pidió apoyo laboral"})
        records.add_record("banked_cases", p["id"], {"ruc": "2400123456-7", "investigating_unit": "MT-Cero"})
    finally:
        session.close()

    coordinator = cli.ok("participant", "show", p["id"], "--json").json()
    assert [i["name"] for i in coordinator["influentials"]] == ["Rosa Soto"]
    assert coordinator["checkins"][0]["day"] == "2026-01-05"
    assert coordinator["notes"][0]["body"] == "Pidió apoyo laboral"
    assert coordinator["banked_case"]["ruc"] == "2400123456-7"
    text = cli.ok("participant", "show", p["id"]).stdout
    assert "Rosa Soto" in text and "2400123456-7" in text and "Pidió apoyo laboral" in text

    staff = cli.ok("participant", "show", p["id"], "--json", passphrase=STAFF_PASSPHRASE).json()
    assert "banked_case" not in staff and staff["influentials"] == coordinator["influentials"]
    staff_text = cli.ok("participant", "show", p["id"], passphrase=STAFF_PASSPHRASE).stdout
    assert "2400123456-7" not in staff_text and "Rosa Soto" in staff_text

    listed = cli.ok("participant", "list", "--json").json()
    assert listed[0]["last_checkin"] == "2026-01-05"

"""venue, contact and meeting commands end to end: the CLI.md row, the call-in flow, clashes and --force, roles."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar

from dmi_desktop.cli.main import main
from tests.cli.conftest import Cli
from tests.conftest import VIEWER_PASSPHRASE

# Copied verbatim from the contract (../shared/CLI.md, meetings row): users' scripts call exactly these.
CONTRACT = r"""
| meetings | `venue add NAME [--address A] [--capacity N]` · `venue list` · `contact add NAME --organisation ORG [--role R] [--phone P] [--email E]` · `contact list` · `meeting add --kind call-in\|home-visit\|follow-up\|case-review --title T --starts "YYYY-MM-DD HH:MM" [--duration MINUTES] [--venue NAME] [--force]` · `meeting list [--from DATE] [--to DATE]` · `meeting show ID` · `meeting invite MEETING PARTICIPANT… [--with-influentials] [--contact NAME…]` · `meeting attend MEETING PARTICIPANT --outcome attended\|no-show\|excused\|in-custody` · `meeting reschedule MEETING --starts …` · `meeting cancel MEETING --reason TEXT` · `meeting ics MEETING --out FILE.ics` · `meeting sheet MEETING --out FILE.pdf` |
"""  # noqa: E501


def _documented() -> list[tuple[list[str], list[str]]]:
    commands = []
    for snippet in re.findall(r"`([a-z][^`]*)`", CONTRACT):
        words = [t for t in snippet.split() if re.fullmatch(r"[a-z][a-z-]*", t)][:2]
        commands.append((words, re.findall(r"--[a-z][a-z-]*", snippet)))
    return commands


def test_the_meetings_row_was_parsed() -> None:
    assert len(_documented()) == 13


@pytest.mark.parametrize(("words", "options"), _documented(), ids=lambda v: " ".join(v))
def test_every_meeting_command_of_the_contract_exists_with_its_options(capsys, words, options) -> None:
    assert main([*words, "--help"]) == 0
    own_help = capsys.readouterr().out
    for option in options:
        assert option in own_help, (words, option)
    for choice in ("call-in", "home-visit", "follow-up", "case-review"):
        if "--kind" in options:
            assert choice in own_help


def _eligible(cli: Cli, nombres: str) -> str:
    case_no = cli.add_participant(nombres, "Tapia")["case_no"]
    cli.ok("participant", "set-status", case_no, "under_review")
    cli.ok("participant", "set-status", case_no, "eligible")
    return case_no


def test_a_call_in_from_scheduling_to_attendance(cli: Cli, tmp_path) -> None:
    assert cli.ok("venue", "add", "Sede Colón", "--address", "Colón 123", "--capacity", "30", "--json").json()["id"]
    cli.ok("contact", "add", "Fiscal Soto", "--organisation", "fiscalia", "--email", "soto@fiscalia.cl")
    contacts = cli.ok("contact", "list", "--json").json()
    assert [(c["name"], c["organisation"], c["organisation_label"]) for c in contacts] == [
        ("Fiscal Soto", "fiscalia", "Fiscalía")
    ]
    rosa = _eligible(cli, "Rosa")
    add = ("meeting", "add", "--kind", "call-in", "--title", "Citación Colón Oriente", "--starts", "2027-03-10 10:00")
    created = cli.ok(*add, "--venue", "Sede Colón", "--json").json()
    ref = created["ref"]
    assert ref == "LC1-R2027-0001"
    invited = cli.ok("meeting", "invite", ref, rosa, "--contact", "Fiscal Soto", "--json").json()
    assert len(invited["added"]) == 2
    assert invited["status_changes"][0]["to"] == "summoned"
    shown = cli.ok("meeting", "show", created["id"], "--json").json()
    assert shown["venue"]["name"] == "Sede Colón" and shown["counts"]["invited"] == 2
    assert [(i["kind"], i["name"]) for i in shown["invitees"]] == [
        ("participant", "Rosa Tapia"),
        ("contact", "Fiscal Soto"),
    ]
    delivered = cli.ok(
        "meeting", "invitation", ref, rosa, "--status", "delivered", "--by", "Carabinero Muñoz", "--json"
    )
    assert (delivered.json()["invitation"], delivered.json()["delivered_by"]) == ("delivered", "Carabinero Muñoz")
    attended = cli.ok("meeting", "attend", ref, rosa, "--outcome", "attended", "--json").json()
    assert (attended["status"], attended["follow_up"]) == ("attended", "enrolment")
    assert "enrolled" in attended["allowed_next"]
    history = cli.ok("participant", "show", rosa, "--json").json()["status_history"]
    assert [(h["from_status"], h["to_status"]) for h in history[:2]] == [
        ("summoned", "attended"),
        ("eligible", "summoned"),
    ]
    text = cli.ok("meeting", "show", ref).stdout
    assert "asistió" in text and "1 asistieron" in text
    listed = cli.ok("meeting", "list", "--from", "2027-03-10", "--to", "2027-03-10", "--json").json()
    assert [(m["ref"], m["venue"], m["invitees"]) for m in listed] == [(ref, "Sede Colón", 2)]
    assert cli.ok("meeting", "list", "--from", "2027-03-11", "--json").json() == []
    ics = tmp_path / "citacion.ics"
    cli.ok("meeting", "ics", ref, "--out", str(ics))
    (event,) = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart").hour == 10 and event["dtstart"].params["TZID"] == "America/Santiago"
    sheet = tmp_path / "asistencia.pdf"
    cli.ok("meeting", "sheet", ref, "--out", str(sheet))
    assert sheet.read_bytes().startswith(b"%PDF")


def test_a_clash_is_refused_in_one_line_and_changes_nothing_until_force(cli: Cli) -> None:
    cli.ok("venue", "add", "Sede", "--capacity", "10")
    add = ("meeting", "add", "--kind", "follow-up", "--title", "Uno", "--venue", "Sede")
    cli.ok(*add, "--starts", "2027-03-10 10:00")
    line = cli(*add, "--starts", "2027-03-10 10:30").assert_refused("Sede ya está ocupado", "--force")
    assert "LC1-R2027-0001" in line
    cli(*add, "--starts", "2027-03-10 10:30", "--lang", "en").assert_refused("already booked", "--force")
    forced = cli.ok(*add, "--starts", "2027-03-10 10:30", "--force", "--force-reason", "sala grande libre")
    assert "aviso: Sede ya está ocupado" in forced.stderr
    assert len(cli.ok("meeting", "list", "--json").json()) == 2
    late = cli(*add, "--starts", "2027-03-11 19:00").assert_refused("fuera del horario de trabajo")
    assert "lun–vie 08:30–18:00" in late


def test_reschedule_and_cancel(cli: Cli) -> None:
    ref = cli.ok(
        "meeting", "add", "--kind", "call-in", "--title", "T", "--starts", "2027-03-10 10:00", "--json"
    ).json()["ref"]
    moved = cli.ok("meeting", "reschedule", ref, "--starts", "2027-03-17 11:00", "--json").json()
    assert moved["starts_at"] == "2027-03-17 11:00" and moved["letters_to_reissue"] == 0
    cli("meeting", "cancel", ref, "--reason", " ").assert_refused("motivo")
    cancelled = cli.ok("meeting", "cancel", ref, "--reason", "sede sin luz", "--json").json()
    assert (cancelled["status"], cancelled["status_reason"]) == ("cancelled", "sede sin luz")
    cli("meeting", "reschedule", ref, "--starts", "2027-03-24 10:00").assert_refused("cancelada")
    cli("meeting", "show", "LC1-R2027-0099").assert_refused("no existe la reunión LC1-R2027-0099")


def test_invitations_refuse_states_the_meeting_does_not_take(cli: Cli) -> None:
    new = cli.add_participant("Luis", "Soto")["case_no"]
    ref = cli.ok(
        "meeting", "add", "--kind", "call-in", "--title", "T", "--starts", "2027-03-10 10:00", "--json"
    ).json()["ref"]
    cli("meeting", "invite", ref, new).assert_refused("identificado", "reunión de notificación")
    assert cli.ok("meeting", "show", ref, "--json").json()["invitees"] == []
    cli("meeting", "attend", ref, new, "--outcome", "tarde").assert_refused("attended, no-show")


def test_viewers_list_but_cannot_schedule(cli: Cli) -> None:
    cli.ok("meeting", "add", "--kind", "call-in", "--title", "T", "--starts", "2027-03-10 10:00")
    add = ("meeting", "add", "--kind", "call-in", "--title", "Otra", "--starts", "2027-03-11 10:00")
    cli(*add, "--user", "consulta", passphrase=VIEWER_PASSPHRASE).assert_refused("solo permite consultar")
    cli("venue", "add", "X", "--user", "consulta", passphrase=VIEWER_PASSPHRASE).assert_refused("solo permite")
    listed = cli.ok("meeting", "list", "--json", "--user", "consulta", passphrase=VIEWER_PASSPHRASE).json()
    assert len(listed) == 1

"""Participant commands: add, list, show, edit, set-status, print."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dmi_desktop.cli.access import Context, vault_folder
from dmi_desktop.cli.io import CliError, UsageError, emit_json, emit_json_array, out, table, tr
from dmi_desktop.cli.parsing import MAX_LIST_LIMIT, at_most, group, leaf
from dmi_desktop.cli.render import participant_dict, participant_json, print_file
from dmi_desktop.domain.fields import Field, Kind, editable_fields
from dmi_desktop.domain.messages import count_text
from dmi_desktop.domain.models import Participant, ParticipantRow
from dmi_desktop.domain.rut import format_rut
from dmi_desktop.domain.status import Status, label, parse_status
from dmi_desktop.services.output_paths import check_output_path
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.pdf.page import PAPERS
from dmi_desktop.services.session import Session

# Fields of ``participant list --json``: a stable contract for scripts.
LIST_KEYS = (
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
)
# What a value looks like, by the field's kind (the option names and texts come from the field registry).
_METAVARS = {Kind.DATE: "YYYY-MM-DD", Kind.RUT: "RUT", Kind.PHONE: "PHONE"}


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``participant add|list|show|edit|set-status``."""
    part = group(commands, "participant", tr("participantes", "participants"))

    p = leaf(part, "add", tr("agregar un participante", "add a participant"), run_add)
    _field_options(p, new=True)

    p = leaf(part, "list", tr("listar participantes", "list participants"), run_list)
    _filter_options(p)
    p.add_argument(
        "--limit", type=at_most(MAX_LIST_LIMIT), metavar="N", help=tr("mostrar a lo más N", "show at most N")
    )

    p = leaf(part, "show", tr("la ficha completa", "the whole file"), run_show)
    p.add_argument("key", metavar="ID_OR_CASE_NO")

    p = leaf(part, "edit", tr("editar campos de un participante", "edit a participant's fields"), run_edit)
    p.add_argument("key", metavar="ID")
    _field_options(p, new=False)

    p = leaf(part, "set-status", tr("cambiar el estado", "change the status"), run_set_status)
    p.add_argument("key", metavar="ID")
    p.add_argument("status", metavar="STATUS", help=tr("código o nombre del estado", "status code or label"))
    p.add_argument("--reason", default="", metavar="TEXT")

    p = leaf(part, "print", tr("la ficha completa como PDF", "the whole file as a PDF"), run_print)
    p.add_argument("key", metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    add_print_options(p, required=False)  # missing: refused by the service in one line, exit 1


def add_print_options(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    """``--purpose`` (recorded in the audit) and ``--paper`` of the commands that print."""
    parser.add_argument(
        "--purpose",
        required=required,
        metavar="TEXT",
        help=tr("para qué se imprime (queda en la auditoría)", "why it is printed (recorded in the audit)"),
    )
    parser.add_argument("--paper", choices=PAPERS, default=None, help=tr("tamaño de papel", "paper size"))
    parser.add_argument(
        "--force", action="store_true", help=tr("reemplazar FILE si existe", "replace FILE if it exists")
    )


def option_name(field: Field) -> str:
    """The command-line option of a field: ``--apellido-paterno`` for ``apellido_paterno``."""
    return "--" + field.name.replace("_", "-")


def _field_options(parser: argparse.ArgumentParser, *, new: bool) -> None:
    """One option per editable participant field of the registry; required ones are required when adding."""
    for field in editable_fields("participants"):
        metavar = "|".join(field.choice_codes()) if field.choices is not None else _METAVARS.get(field.kind, "TEXT")
        parser.add_argument(
            option_name(field),
            dest=field.name,
            required=new and field.required,
            metavar=metavar,
            help=field.label_in() + (tr(" (obligatorio)", " (required)") if new and field.required else ""),
        )


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status", action="append", default=[], metavar="S", help=tr("estado (repetible)", "status (repeatable)")
    )
    parser.add_argument("--sector", default="", metavar="S")
    parser.add_argument("--search", default="", metavar="Q", help=tr("nombre, alias o RUT", "name, alias or RUT"))


def query_from(args: argparse.Namespace) -> ParticipantQuery:
    """The list filters given on the command line (shared with ``export participants``)."""
    statuses = tuple(_status(s) for s in args.status)
    return ParticipantQuery(search=args.search, status=statuses, sector=args.sector)


def _status(text: str) -> Status:
    try:
        return parse_status(text)
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    names = (f.name for f in editable_fields("participants"))
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


def run_add(ctx: Context) -> int:
    """Create a participant; prints the new id and case number."""
    p = ctx.open().participants.create(_fields(ctx.args))
    if ctx.json:
        emit_json({"id": p.id, "case_no": p.case_no})
    else:
        out(f"{p.id} {p.case_no}")
    return 0


def run_list(ctx: Context) -> int:
    """A readable table, or JSON objects with stable snake_case keys."""
    session = ctx.open()
    query = query_from(ctx.args)
    if ctx.json and ctx.args.limit is None:
        emit_json_array(_listed(session, query))  # every participant, a page at a time
        return 0
    total = session.participants.count(query)
    limit = ctx.args.limit or total
    rows = session.participants.rows(query, 0, limit) if total else []
    if ctx.json:
        emit_json(_list_json(session, rows))
        return 0
    headers = [tr("CASO", "CASE"), tr("NOMBRE", "NAME"), "ALIAS", "RUT", "SECTOR", tr("ESTADO", "STATUS")]
    headers.append(tr("ÚLTIMO CONTROL", "LAST CHECK-IN"))
    out(
        table(
            headers,
            [
                (r.case_no, r.full_name, r.alias, format_rut(r.rut), r.sector, label(r.status), r.last_checkin)
                for r in rows
            ],
        )
    )
    if len(rows) < total:
        shown, of = count_text(len(rows)), count_text(total)
        out(tr(f"({shown} de {of})", f"({shown} of {of})"))
    return 0


def _list_json(session: Session, rows: list[ParticipantRow]) -> list[dict]:
    """``--limit N`` (at most MAX_LIST_LIMIT rows): the page's participants read one by one."""
    service = session.participants
    result = []
    for row in rows:
        values = _list_values(service.get(row.id))
        values["last_checkin"] = row.last_checkin
        result.append(values)
    return result


def _listed(session: Session, query: ParticipantQuery) -> Iterator[dict[str, Any]]:
    """Every matching participant as ``list --json`` prints them, in list order, read a page at a time."""
    for page in session.participants.stream(query):
        for person, last_checkin in page:
            values = _list_values(person)
            values["last_checkin"] = last_checkin
            yield values


def _list_values(person: Participant) -> dict[str, Any]:
    return {k: getattr(person, k, None) for k in LIST_KEYS}


def run_show(ctx: Context) -> int:
    """The whole file; the banked case only for coordinators."""
    service = ctx.open().participants
    p = service.get(ctx.args.key)
    file = service.file(p.id)
    allowed = service.allowed_statuses(p.id)
    if ctx.json:
        emit_json(participant_json(file, allowed, restricted_visible=service.can_see_restricted))
    else:
        print_file(file, allowed, restricted_visible=service.can_see_restricted)
    return 0


def run_edit(ctx: Context) -> int:
    """Change any editable field (an empty value clears an optional one)."""
    changes = _fields(ctx.args)
    if not changes:
        options = ", ".join(option_name(f) for f in editable_fields("participants"))
        raise UsageError(tr(f"indique al menos un campo: {options}", f"give at least one field: {options}"))
    service = ctx.open().participants
    p = service.update(service.get(ctx.args.key).id, changes)
    if ctx.json:
        emit_json(participant_dict(p))
    else:
        out(tr(f"{p.case_no} actualizado", f"{p.case_no} updated"))
    return 0


def run_set_status(ctx: Context) -> int:
    """Move along the life cycle; an illegal move names both states."""
    target = _status(ctx.args.status)
    service = ctx.open().participants
    before = service.get(ctx.args.key)
    after = service.set_status(before.id, target, ctx.args.reason)
    if ctx.json:
        emit_json({"id": after.id, "case_no": after.case_no, "previous_status": before.status, "status": after.status})
    else:
        out(f"{after.case_no}: {label(before.status)} → {label(after.status)}")
    return 0


def run_print(ctx: Context) -> int:
    """The whole file as a PDF (the banked case only for coordinators), audited with its purpose."""
    from dmi_desktop.services.printing import clean_purpose, write_participant_file

    args = ctx.args
    purpose = clean_purpose(args.purpose)  # refused before the vault is opened
    target = refuse_existing(ctx, args.out)
    path = write_participant_file(ctx.open(), args.key, target, purpose, args.paper)
    if ctx.json:
        emit_json({"out": str(path)})
    else:
        out(tr(f"ficha escrita en {path}", f"file written to {path}"))
    return 0


def refuse_existing(ctx: Context, out_path: str) -> Path:
    """The output path; refused when it is a vault's file or exists without ``--force``."""
    target = Path(out_path).expanduser()
    check_output_path(target, vault_folder(ctx.args))
    if target.exists() and not ctx.args.force:
        raise CliError(tr(f"{target} ya existe (use --force para reemplazarlo)", f"{target} exists (use --force)"))
    return target

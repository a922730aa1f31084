"""Audit commands: ``audit verify`` (the chains and their incidents) and ``audit acknowledge`` (coordinators)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from dmi_desktop.cli.access import Context
from dmi_desktop.cli.io import CliError, emit_json, out, tr
from dmi_desktop.cli.parsing import leaf
from dmi_desktop.services.session import VerifyResult, incident_refusal

__all__ = ["incident_lines", "incident_refusal", "register"]


def register(audit: argparse._SubParsersAction) -> None:
    """Add ``audit verify`` and ``audit acknowledge [--note TEXT]`` to the ``audit`` group."""
    leaf(audit, "verify", tr("verificar la cadena de auditoría", "verify the audit chain"), run_audit_verify)
    p = leaf(
        audit,
        "acknowledge",
        tr(
            "registrar que un coordinador revisó los incidentes de auditoría abiertos",
            "record that a coordinator reviewed the open audit incidents",
        ),
        run_audit_acknowledge,
    )
    p.add_argument("--note", metavar="TEXT", default="", help=tr("nota de la revisión", "a note on the review"))


def run_audit_verify(ctx: Context) -> int:
    """Walk the hash chains, name the first broken entry, list the incidents; exit 1 on a break or an open one."""
    session = ctx.open()
    progress = _terminal_progress() if sys.stderr.isatty() else None
    try:
        result = session.verify_audit(progress)
    finally:
        if progress is not None:
            sys.stderr.write("\r\x1b[K")  # the progress line is erased, whatever follows
    if ctx.json:
        emit_json(
            {
                "ok": result.ok,
                "entries": result.entries,
                "devices": result.devices,
                "erased_payloads": result.erased_payloads,
                "first_bad": result.first_bad,
                "device": result.device,
                "reason": result.reason,
                "open_incident": result.open_incident,
                "incidents": [
                    {
                        "device": i.device_id,
                        "seq": i.seq,
                        "at": i.at,
                        "user": i.user,
                        "description": i.description,
                        "open": i.is_open,
                        "acknowledged_by": i.acknowledged_by or None,
                        "acknowledged_at": i.acknowledged_at or None,
                        "note": i.note,
                    }
                    for i in result.incidents
                ],
            }
        )
    else:
        if result.ok:
            n, d = result.entries, result.devices
            out(tr(f"auditoría correcta: {n} entradas de {d} equipo(s)", f"audit OK: {n} entries from {d} device(s)"))
        for line in incident_lines(result):
            out(line)
    if not result.ok:
        n = result.first_bad
        raise CliError(
            tr(f"auditoría ROTA en la entrada {n}: {result.reason}", f"audit BROKEN at entry {n}: {result.reason}")
        )
    if result.open_incident:
        raise CliError(incident_refusal())
    return 0


def _terminal_progress() -> Callable[[int, int], None]:
    """A percentage redrawn in place on stderr (for a terminal only: scripts and pipes get nothing)."""
    shown = [-1]

    def report(done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent == shown[0]:
            return
        shown[0] = percent
        label = tr("verificando la auditoría", "verifying the audit log")
        sys.stderr.write(f"\r{label}: {percent} %")
        sys.stderr.flush()

    return report


def incident_lines(result: VerifyResult, *, only_open: bool = False) -> list[str]:
    """One line per recorded incident: where, when, what was expected vs found, and who acknowledged it."""
    lines = []
    for i in result.incidents:
        if only_open and not i.is_open:
            continue
        where = tr(f"incidente en la entrada {i.seq} ({i.at[:19]})", f"incident at entry {i.seq} ({i.at[:19]})")
        if i.is_open:
            state = tr("ABIERTO: un coordinador debe revisarlo", "OPEN: a coordinator must review it")
        else:
            state = tr(
                f"reconocido por {i.acknowledged_by} ({i.acknowledged_at[:19]})",
                f"acknowledged by {i.acknowledged_by} ({i.acknowledged_at[:19]})",
            )
            state += f": {i.note}" if i.note else ""
        lines.append(f"{where}: {i.description}; {state}")
    return lines


def run_audit_acknowledge(ctx: Context) -> int:
    """A coordinator closes the open incidents (one entry: who, the note); writes are accepted again."""
    session = ctx.open()
    closed = session.acknowledge_audit_incident(ctx.args.note)
    if ctx.json:
        emit_json({"acknowledged": closed, "user": session.user})
    else:
        out(
            tr(
                f"incidentes de auditoría reconocidos: {closed}; se aceptan cambios otra vez",
                f"audit incidents acknowledged: {closed}; changes are accepted again",
            )
        )
    return 0

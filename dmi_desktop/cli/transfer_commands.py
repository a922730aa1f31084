"""Bulk commands: import participants (CSV/XLSX/JSON, all or nothing) and export participants (CSV/XLSX/JSON/PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path

from dmi_desktop.cli.access import Context, vault_folder
from dmi_desktop.cli.io import CliError, UsageError, emit_json, out, tr, warn
from dmi_desktop.cli.parsing import group, leaf
from dmi_desktop.cli.participant_commands import query_from
from dmi_desktop.domain.messages import count_text, message
from dmi_desktop.services.output_paths import check_output_path
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.pdf.page import PAPERS

EXPORT_FORMATS = ("csv", "xlsx", "json", "pdf")  # pdf: the printed list (services/printing.py)


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``import participants`` and ``export participants``."""
    imports = group(commands, "import", tr("importar datos", "import data"))
    help_text = tr("importar participantes de CSV, XLSX o JSON", "import participants from CSV, XLSX or JSON")
    p = leaf(imports, "participants", help_text, run_import)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=tr("solo revisar, sin cambiar nada", "check only"))
    p.add_argument(
        "--skip-invalid", action="store_true", help=tr("importar las filas válidas", "import the valid rows only")
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=tr("qué campo recibe una columna (repetible)", "which field a column fills (repeatable)"),
    )

    exports = group(commands, "export", tr("exportar datos", "export data"))
    p = leaf(exports, "participants", tr("exportar participantes", "export participants"), run_export)
    p.add_argument("--format", dest="fmt", required=True, choices=EXPORT_FORMATS)
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help=tr("reemplazar FILE si existe", "replace FILE if it exists"))
    p.add_argument("--status", action="append", default=[], metavar="S")
    p.add_argument("--sector", default="", metavar="S")
    p.add_argument("--search", default="", metavar="Q")
    p.add_argument(
        "--purpose", metavar="TEXT", help=tr("pdf: para qué se imprime (obligatorio)", "pdf: why (required)")
    )
    p.add_argument("--paper", choices=PAPERS, default=None, help=tr("pdf: tamaño de papel", "pdf: paper size"))


def _mapping(pairs: list[str]) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise UsageError(
                tr(f"--map espera COLUMNA=CAMPO, no {pair!r}", f"--map expects COLUMN=FIELD, not {pair!r}")
            )
        mapping[column.strip()] = field.strip()
    return mapping


def run_import(ctx: Context) -> int:
    """Check every row first; apply all (or the valid ones with --skip-invalid) in one transaction."""
    from dmi_desktop.services.importer import apply_import, preview_import

    args = ctx.args
    source = Path(args.file).expanduser()
    if not source.is_file():
        raise CliError(tr(f"no existe el archivo {source}", f"no such file: {source}"))
    mapping = _mapping(args.map)
    session = ctx.open()
    preview = preview_import(session, source, mapping)
    bad = preview.bad
    errors = [{"line": e.line, "column": e.column, "reason": e.reason} for e in preview.errors]
    if not ctx.json:
        for e in preview.errors:
            warn(tr(f"línea {e.line}, columna {e.column}: {e.reason}", f"line {e.line}, column {e.column}: {e.reason}"))
        more = preview.error_count - len(preview.errors)
        if more > 0:  # a preview lists the first errors of a big file and counts the rest
            warn(tr(f"… y {more} errores más", f"… and {more} more errors"))
    refused = bool(bad) and not args.skip_invalid
    created = updated = unchanged = skipped = 0
    if not refused and not args.dry_run:
        result = apply_import(session, preview, skip_invalid=args.skip_invalid)
        created, updated, unchanged, skipped = result.created, result.updated, result.unchanged, result.skipped
    elif not refused:  # what would happen
        created, updated, unchanged, skipped = preview.new, preview.to_update, preview.unchanged, bad
    if ctx.json:
        emit_json(
            {
                "dry_run": bool(args.dry_run),
                "total": preview.total,
                "schema_version": preview.schema_version,
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
                "skipped": skipped,
                "invalid_rows": bad,
                "errors": errors,
                "error_count": preview.error_count,
            }
        )
    if refused:
        n = bad
        if args.dry_run:
            raise CliError(
                tr(f"no se importaría nada: {n} filas no válidas", f"nothing would be imported: {n} invalid rows")
            )
        raise CliError(tr(f"no se importó nada: {n} filas no válidas", f"nothing imported: {n} invalid rows"))
    if not ctx.json:
        counts = tr(
            f"{created} nuevos, {updated} actualizados, {unchanged} sin cambios, {skipped} filas omitidas",
            f"{created} new, {updated} updated, {unchanged} unchanged, {skipped} rows skipped",
        )
        if args.dry_run:
            out(tr(f"prueba (nada cambió): {counts}", f"dry run (nothing changed): {counts}"))
        else:
            out(tr(f"participantes importados: {counts}", f"participants imported: {counts}"))
    return 0


def run_export(ctx: Context) -> int:
    """Write the (filtered) participants list as CSV, XLSX or JSON."""
    from dmi_desktop.services.exporter import export_participants

    args = ctx.args
    target = Path(args.out).expanduser()
    check_output_path(target, vault_folder(args))  # the vault's own files: refused even with --force
    if target.exists() and not args.force:
        raise CliError(tr(f"{target} ya existe (use --force para reemplazarlo)", f"{target} exists (use --force)"))
    query = query_from(args)
    if args.fmt == "pdf":
        return _export_pdf(ctx, target, query)
    count = export_participants(ctx.open(), target, args.fmt, query)
    warn(message("export_unencrypted", file=target.name))  # on stderr: --json output stays clean
    if ctx.json:
        emit_json({"out": str(target), "format": args.fmt, "count": count})
    else:
        shown = count_text(count)
        out(tr(f"{shown} participantes exportados a {target}", f"{shown} participants exported to {target}"))
    return 0


def _export_pdf(ctx: Context, target: Path, query: ParticipantQuery) -> int:
    """The filtered list as a landscape PDF, audited with its purpose (its own writer, not the exporter's)."""
    from dmi_desktop.services.printing import clean_purpose, write_participant_list

    purpose = clean_purpose(ctx.args.purpose)
    count = write_participant_list(ctx.open(), target, purpose, query, paper=ctx.args.paper)
    if ctx.json:
        emit_json({"out": str(target), "format": "pdf", "count": count})
    else:
        out(tr(f"{count} participantes impresos en {target}", f"{count} participants printed to {target}"))
    return 0

"""Import participants from CSV/XLSX: map columns, preview with every row error, apply all or nothing."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import DmiError, PermissionDenied, ValidationError
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.roles import can_write
from dmi_desktop.domain.validation import clean_participant_fields
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.services.tabular import cell_text, is_blank, read_table, tr

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# Participant field -> label shown in the column-mapping step.
IMPORT_FIELDS: dict[str, str] = {
    "nombres": "Nombres",
    "apellido_paterno": "Apellido paterno",
    "apellido_materno": "Apellido materno",
    "alias": "Alias",
    "rut": "RUT",
    "rut_dv": "DV del RUT (si viene en otra columna)",
    "birth_date": "Fecha de nacimiento",
    "sex": "Sexo",
    "phone": "Teléfono",
    "address": "Dirección",
    "sector": "Sector",
    "status": "Estado (si el programa ya está en curso)",
}
REQUIRED_COLUMNS = ("nombres", "apellido_paterno")

# Header spellings seen in municipal spreadsheets (compared without accents, case, punctuation).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "nombres": ("nombres", "nombre", "nombre s", "primer nombre", "names", "first name", "first names", "given names"),
    "apellido_paterno": (
        "apellido paterno",
        "ap paterno",
        "apellido p",
        "paterno",
        "primer apellido",
        "apellido 1",
        "apellido1",
        "apellido",
        "apellidos",
        "surname",
        "last name",
        "father s surname",
        "first surname",
    ),
    "apellido_materno": (
        "apellido materno",
        "ap materno",
        "apellido m",
        "materno",
        "segundo apellido",
        "apellido 2",
        "apellido2",
        "mother s surname",
        "second surname",
    ),
    "alias": ("alias", "apodo", "sobrenombre", "chapa", "nickname"),
    "rut": ("rut", "run", "r u t", "r u n", "rut run", "cedula", "cedula de identidad", "ci", "id number"),
    "rut_dv": ("dv", "digito verificador", "dv rut", "check digit"),
    "birth_date": (
        "fecha de nacimiento",
        "fecha nacimiento",
        "f nacimiento",
        "fec nac",
        "fecha nac",
        "nacimiento",
        "birth date",
        "date of birth",
        "dob",
    ),
    "sex": ("sexo", "genero", "sex", "gender"),
    "phone": ("telefono", "fono", "celular", "movil", "telefono movil", "telefono celular", "phone", "mobile"),
    "address": ("direccion", "domicilio", "direccion particular", "address"),
    "sector": ("sector", "barrio", "sector las condes", "area"),
    "status": ("estado", "estado codigo", "status", "status code", "status label"),
}
_SEX_WORDS = {"hombre": "M", "masculino": "M", "varon": "M", "mujer": "F", "femenino": "F", "otro": "X", "otra": "X"}
_SEX_WORDS.update({"no binario": "X", "no binaria": "X", "male": "M", "female": "F", "other": "X"})


class ImportRefused(DmiError):
    """Rows with errors and no permission to skip them: nothing was imported. ``errors`` lists them."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = list(errors)
        lines = len({e.line for e in self.errors})
        es = f"no se importó nada: {lines} {'fila' if lines == 1 else 'filas'} con errores"
        super().__init__(tr(es, f"nothing imported: {lines} {'row' if lines == 1 else 'rows'} with errors"))


class ImportCancelled(DmiError):
    """The user stopped the import; nothing was imported."""


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: the line as Excel numbers it (header = 1), the file's column name, why."""

    line: int
    column: str
    reason: str


@dataclass
class ImportPreview:
    """What an import would do: the valid rows (cleaned) with their lines, and every error."""

    headers: list[str]
    mapping: dict[str, str]
    rows: list[dict]
    errors: list[RowError]
    total: int
    lines: list[int] = field(default_factory=list)  # source line of each entry of ``rows``
    file_name: str = ""

    @property
    def bad_lines(self) -> list[int]:
        """Lines with at least one error, in order."""
        return sorted({e.line for e in self.errors})

    @property
    def valid(self) -> int:
        """How many rows would be imported."""
        return len(self.rows)


@dataclass(frozen=True)
class ImportResult:
    """How many participants were created, and how many rows were skipped because of errors."""

    created: int
    skipped: int


def normalise_header(text: str) -> str:
    """Compare headers the way people mean them: no accents, case, punctuation or extra spaces."""
    folded = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return " ".join(plain.split())


_LOOKUP = {syn: fld for fld, names in _SYNONYMS.items() for syn in names}
_LOOKUP.update({normalise_header(f): f for f in IMPORT_FIELDS})  # snake_case keys (JSON-style headers)
_LOOKUP.update({normalise_header(label): f for f, label in IMPORT_FIELDS.items()})


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Source header -> participant field for the headers we recognise; each field at most once."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        key = normalise_header(header)
        fld = _LOOKUP.get(key) or _LOOKUP.get(key.removesuffix(" codigo").strip())
        if fld and fld not in taken:
            mapping[header] = fld
            taken.add(fld)
    return mapping


def _require_import_right(session: Session) -> None:
    """Coordinators and staff import (creating participants is ordinary work); viewers only read."""
    if not can_write(session.role):
        raise PermissionDenied(
            tr(
                "su rol solo permite consultar: no puede importar participantes",
                "your role is read-only: cannot import",
            )
        )


def read_headers(path: Path) -> list[str]:
    """The file's column headers (for the mapping step); DmiError when the file cannot be read."""
    return read_table(Path(path)).headers


def preview_import(session: Session, path: Path, mapping: dict[str, str] | None = None) -> ImportPreview:
    """Read and check every row without writing anything; errors name the line and the file's column."""
    _require_import_right(session)
    path = Path(path)
    table = read_table(path)
    mapping = _checked_mapping(table.headers, guess_mapping(table.headers) if mapping is None else mapping, path)
    column_of = {fld: header for header, fld in mapping.items()}
    index_of = {header: table.headers.index(header) for header in mapping}
    today = date.today()
    preview = ImportPreview(list(table.headers), dict(mapping), [], [], 0, [], path.name)
    seen: dict[str, int] = {}
    for line, values in table.rows:
        if is_blank(values):
            continue
        preview.total += 1
        raw = {fld: _cell(values, index_of[header], fld) for header, fld in mapping.items()}
        fields, problems = _row_errors(raw, line, column_of, today)
        rut = fields.get("rut", "") if fields else ""
        if rut:
            if rut in seen:
                again = tr(
                    f"RUT repetido en el archivo (ver línea {seen[rut]})", f"RUT repeated (see line {seen[rut]})"
                )
                problems.append(RowError(line, column_of["rut"], again))
            else:
                seen[rut] = line
                if session.participants.repo.rut_owner(rut):
                    problems.append(RowError(line, column_of["rut"], message("rut_duplicate", rut=rut)))
        if problems:
            preview.errors.extend(problems)
        else:
            preview.rows.append(fields)
            preview.lines.append(line)
    return preview


def apply_import(
    session: Session,
    preview: ImportPreview,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Create the previewed participants in one transaction; nothing at all when any row is bad (unless skipping)."""
    _require_import_right(session)
    if preview.errors and not skip_invalid:
        raise ImportRefused(preview.errors)
    service = session.participants
    lines = preview.lines or list(range(2, len(preview.rows) + 2))
    rut_column = next((h for h, f in preview.mapping.items() if f == "rut"), "RUT")
    # The vault may have changed since the preview (or the preview is applied twice): check RUTs again.
    late: list[RowError] = []
    todo: list[tuple[int, dict]] = []
    for line, fields in zip(lines, preview.rows, strict=True):
        rut = fields.get("rut", "")
        if rut and service.repo.rut_owner(rut):
            late.append(RowError(line, rut_column, message("rut_duplicate", rut=rut)))
        else:
            todo.append((line, fields))
    if late and not skip_invalid:
        raise ImportRefused(late)
    skipped = len(preview.bad_lines) + len(late)
    today = date.today()
    created: list[str] = []
    batch = {"file": preview.file_name, "skipped": skipped, "rows": preview.total}
    # One audit entry for the whole file, naming every participant it created.
    with session.write("importar participantes"), session.batch("participant.import_file", "import", **batch):
        for done, (_line, fields) in enumerate(todo, start=1):
            if cancelled is not None and cancelled():
                raise ImportCancelled(
                    tr("importación cancelada: no se importó nada", "import cancelled: nothing imported")
                )
            # The same steps as ParticipantService.create_many, one row at a time so progress and cancel work.
            values = clean_participant_fields(fields, today=today)
            p = service.repo.add(values)
            session.audit("participant.import", "participant", p.id, fields=sorted(values))
            created.append(p.id)
            if progress is not None:
                progress(done, len(todo))
    if created:
        session.publish(Changes("participant", ChangeKind.BULK, tuple(created)))
    log.info("import: %d participants created, %d rows skipped", len(created), skipped)
    return ImportResult(len(created), skipped)


# -- helpers ------------------------------------------------------------------------------------


def _checked_mapping(headers: list[str], mapping: dict[str, str], path: Path) -> dict[str, str]:
    """Refuse mappings that cannot work: unknown columns or fields, a field twice, no name columns."""
    clean = {h: f for h, f in mapping.items() if f}  # "" / None = "do not import this column"
    for header, fld in clean.items():
        if header not in headers:
            raise DmiError(tr(f"la columna «{header}» no está en {path.name}", f"no column “{header}” in {path.name}"))
        if fld not in IMPORT_FIELDS:
            raise DmiError(tr(f"campo de destino desconocido: {fld!r}", f"unknown target field: {fld!r}"))
    fields = list(clean.values())
    for fld in set(fields):
        if fields.count(fld) > 1:
            name = IMPORT_FIELDS[fld]
            raise DmiError(tr(f"dos columnas van al mismo campo «{name}»", f"two columns map to the field “{name}”"))
    missing = [IMPORT_FIELDS[f] for f in REQUIRED_COLUMNS if f not in fields]
    if missing:
        names = ", ".join(missing)
        raise DmiError(
            tr(
                f"no se reconocen las columnas de nombre en {path.name} (faltan: {names});"
                " indique qué columna corresponde a cada campo",
                f"no name columns recognised in {path.name} (missing: {names}); map the columns by hand",
            )
        )
    if "rut_dv" in fields and "rut" not in fields:
        raise DmiError(
            tr(
                "la columna del dígito verificador necesita también una columna de RUT",
                "a check-digit column needs a RUT column",
            )
        )
    return clean


def _cell(values: list[Any], index: int, fld: str) -> Any:
    value = values[index] if index < len(values) else None
    if fld == "birth_date" and isinstance(value, datetime | date):
        return value.date() if isinstance(value, datetime) else value
    if (
        fld == "birth_date"
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and 3_000 < value < 80_000
    ):
        from openpyxl.utils.datetime import from_excel  # a date cell without a date format: Excel's day number

        return from_excel(value).date()
    text = cell_text(value)
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]  # our exports guard formula-like text with an apostrophe; take it back off
    return text


def _row_errors(
    raw: dict[str, Any], line: int, column_of: dict[str, str], today: date
) -> tuple[dict[str, Any] | None, list[RowError]]:
    """Clean one row; return its fields or the errors, each naming the file's column."""
    raw = dict(raw)
    problems: list[RowError] = []
    dv = str(raw.pop("rut_dv", "") or "").strip()
    if dv and raw.get("rut"):
        raw["rut"] = f"{str(raw['rut']).strip()}-{dv}"
    sex = str(raw.get("sex") or "").strip()
    if sex:
        raw["sex"] = _SEX_WORDS.get(normalise_header(sex), sex)
    try:
        return clean_participant_fields(raw, today=today), problems
    except ValidationError as exc:
        for fld, reason in exc.errors.items():
            problems.append(RowError(line, column_of.get(fld, IMPORT_FIELDS.get(fld, fld)), reason))
    return None, problems

"""Which column of a spreadsheet goes to which participant field: labels, header spellings, checks.

The targets are the registry's importable participant fields, plus the RUT's check digit when a file keeps
it in a column of its own.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.fields import Kind, Label, importable_fields, names, required_fields
from dmi_desktop.services.tabular import tr

TABLE = "participants"
# A mapping target that is not a field: the RUT's check digit in a column of its own (joined to the RUT).
RUT_DV = "rut_dv"
_RUT_DV_LABEL = Label("DV del RUT (si viene en otra columna)", "RUT check digit (if in its own column)")


def import_labels(lang: str | None = None) -> dict[str, str]:
    """Mapping target -> label in ``lang``: the registry's importable participant fields (and the RUT check digit)."""
    labels: dict[str, str] = {}
    for f in importable_fields(TABLE):
        labels[f.name] = f.label_in(lang)
        if f.kind is Kind.RUT:
            labels[RUT_DV] = _RUT_DV_LABEL.text(lang)
    return labels


def required_columns() -> tuple[str, ...]:
    """Fields a file must have a column for (the names)."""
    return names(required_fields(TABLE))


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
    "id": ("id", "identificador", "uuid"),
}
SEX_WORDS = {"hombre": "M", "masculino": "M", "varon": "M", "mujer": "F", "femenino": "F", "otro": "X", "otra": "X"}
SEX_WORDS.update({"no binario": "X", "no binaria": "X", "male": "M", "female": "F", "other": "X"})


def normalise_header(text: str) -> str:
    """Compare headers the way people mean them: no accents, case, punctuation or extra spaces."""
    folded = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return " ".join(plain.split())


def _lookup() -> dict[str, str]:
    """Normalised header -> target: the synonyms, then each target's name, labels and headers in both languages."""
    table = {syn: fld for fld, spellings in _SYNONYMS.items() for syn in spellings}
    for f in importable_fields(TABLE):
        for text in (f.name, f.label.es, f.label.en, f.header_in("es"), f.header_in("en")):
            table[normalise_header(text)] = f.name
    for text in (RUT_DV, _RUT_DV_LABEL.es, _RUT_DV_LABEL.en):
        table[normalise_header(text)] = RUT_DV
    return table


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Source header -> participant field for the headers we recognise; each field at most once."""
    lookup = _lookup()
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        key = normalise_header(header)
        fld = lookup.get(key) or lookup.get(key.removesuffix(" codigo").strip())
        if fld and fld not in taken:
            mapping[header] = fld
            taken.add(fld)
    return mapping


def checked_mapping(headers: list[str], mapping: dict[str, str], path: Path) -> dict[str, str]:
    """Refuse mappings that cannot work: unknown columns or fields, a field twice, no name columns."""
    labels = import_labels()
    clean = {h: f for h, f in mapping.items() if f}  # "" / None = "do not import this column"
    for header, fld in clean.items():
        if header not in headers:
            raise DmiError(tr(f"la columna «{header}» no está en {path.name}", f"no column “{header}” in {path.name}"))
        if fld not in labels:
            raise DmiError(tr(f"campo de destino desconocido: {fld!r}", f"unknown target field: {fld!r}"))
    fields = list(clean.values())
    for fld in set(fields):
        if fields.count(fld) > 1:
            name = labels[fld]
            raise DmiError(tr(f"dos columnas van al mismo campo «{name}»", f"two columns map to the field “{name}”"))
    missing = [labels[f] for f in required_columns() if f not in fields]
    if missing:
        names_ = ", ".join(missing)
        raise DmiError(
            tr(
                f"no se reconocen las columnas de nombre en {path.name} (faltan: {names_});"
                " indique qué columna corresponde a cada campo",
                f"no name columns recognised in {path.name} (missing: {names_}); map the columns by hand",
            )
        )
    if RUT_DV in fields and "rut" not in fields:
        raise DmiError(
            tr(
                "la columna del dígito verificador necesita también una columna de RUT",
                "a check-digit column needs a RUT column",
            )
        )
    return clean

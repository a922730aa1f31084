"""The recovery-key sheet: a one-page PDF the coordinator prints or keeps offline (the one time the key is written)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date
from pathlib import Path

from babel.dates import format_date
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from dmi_desktop.services.output_paths import check_output_path

TITLE = "Clave de recuperación"
INSTRUCTIONS = [
    "Esta clave abre la bóveda aunque se olvide la frase de acceso. Quien la tenga puede leer todos los datos.",
    "Guarde esta hoja en un lugar seguro y cerrado, separada del computador (por ejemplo, en la caja fuerte de la"
    " oficina). No la fotografíe, no la envíe por correo ni la guarde en el mismo equipo.",
    "Para usarla: en la pantalla de desbloqueo elija «¿Olvidó su frase? Usar clave de recuperación», escriba la"
    " clave (da igual mayúsculas, minúsculas, espacios o guiones) y defina de inmediato una frase de acceso nueva.",
    "Si cree que alguien vio esta clave, avise a la coordinación del programa.",
]


def key_lines(recovery_key: str, groups_per_line: int = 4) -> list[str]:
    """The key split into lines of dash-separated groups, as printed."""
    groups = [g for g in recovery_key.replace(" ", "-").split("-") if g]
    return ["  ".join(groups[i : i + groups_per_line]) for i in range(0, len(groups), groups_per_line)]


def write_recovery_sheet(
    path: Path,
    recovery_key: str,
    *,
    organisation: str = "",
    programme: str = "",
    vault_location: str = "",
    user: str = "",
    issued: date | None = None,
    vault_folder: Path | None = None,
) -> Path:
    """Write the sheet atomically and owner-only to ``path`` (a temp file beside it, then a rename).

    Returns the path written; OutputRefused when ``path`` is one of the files of ``vault_folder`` (or of any vault).
    """
    path = check_output_path(path, vault_folder)
    issued = issued or date.today()
    fd, tmp_name = tempfile.mkstemp(prefix=".recovery-", suffix=".pdf.tmp", dir=path.parent)
    os.close(fd)  # mkstemp made it owner-only; reportlab rewrites it in place, keeping that mode
    tmp = Path(tmp_name)
    try:
        _draw(tmp, recovery_key, organisation, programme, vault_location, user, issued)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return path


def _draw(
    target: Path, key: str, organisation: str, programme: str, vault_location: str, user: str, issued: date
) -> None:
    width, height = A4
    canvas = Canvas(str(target), pagesize=A4, invariant=1)
    # Metadata stays generic: the key must only be on the page itself.
    canvas.setTitle(f"{TITLE} — DMI Desktop")
    canvas.setAuthor("DMI Desktop")
    left = 22 * mm
    y = height - 28 * mm
    canvas.setFont("Helvetica-Bold", 22)
    canvas.drawString(left, y, TITLE)
    y -= 9 * mm
    canvas.setFont("Helvetica", 11)
    details = [
        ("Organización", organisation),
        ("Programa", programme),
        ("Bóveda", vault_location),
        ("Usuario que la generó", user),
        ("Fecha", format_date(issued, format="long", locale="es_CL")),
    ]
    for label, value in details:
        if not value:
            continue
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawString(left, y, f"{label}:")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(left + 48 * mm, y, _fit(canvas, value, width - left - 48 * mm - 20 * mm))
        y -= 6.5 * mm
    y -= 8 * mm
    box_top = y
    lines = key_lines(key)
    box_height = (12 * len(lines) + 8) * mm
    canvas.setLineWidth(1.2)
    canvas.roundRect(left - 4 * mm, box_top - box_height, width - 2 * left + 8 * mm, box_height, 4 * mm)
    y = box_top - 12 * mm
    canvas.setFont("Courier-Bold", 24)
    for line in lines:
        canvas.drawCentredString(width / 2, y, line)
        y -= 12 * mm
    y = box_top - box_height - 12 * mm
    canvas.setFont("Helvetica", 10.5)
    for paragraph in INSTRUCTIONS:
        for text in simpleSplit(paragraph, "Helvetica", 10.5, width - 2 * left):
            canvas.drawString(left, y, text)
            y -= 5.2 * mm
        y -= 2.5 * mm
    canvas.setFont("Helvetica-Oblique", 8.5)
    canvas.drawString(left, 15 * mm, "DMI Desktop — hoja de clave de recuperación. Documento confidencial.")
    canvas.showPage()
    canvas.save()


def _fit(canvas: Canvas, text: str, max_width: float) -> str:
    """Shorten long values (deep folder paths) from the left so they stay on the page."""
    if canvas.stringWidth(text) <= max_width:
        return text
    while text and canvas.stringWidth("…" + text) > max_width:
        text = text[1:]
    return "…" + text

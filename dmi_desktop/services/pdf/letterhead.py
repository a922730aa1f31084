"""The letterhead drawn on top of every page: organisation, programme, address, the document's title and date.

One letterhead, one place: the attendance sheet, the participant file, the list and (later) letters draw it here.
A logo from the organisation settings sits on the left when there is one; letters will add the signature below.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from dmi_desktop.services.organisation import Letterhead
from dmi_desktop.services.pdf.page import BOLD, FONT, HEADER_HEIGHT, MARGIN, long_date

log = logging.getLogger(__name__)
LOGO_BOX = 18  # mm: the square the logo is fitted into


@dataclass(frozen=True)
class PageSpec:
    """What the page template needs: the letterhead, the document's generic title, paper and orientation.

    ``title`` goes into the PDF metadata too, so it never holds a name or a case number.
    """

    letterhead: Letterhead
    title: str
    paper: str = "carta"
    wide: bool = False  # landscape
    issued: date = field(default_factory=date.today)


def draw_letterhead(canvas: Canvas, spec: PageSpec, width: float, height: float) -> None:
    """The band at the top of the page: logo, organisation and programme on the left, title and date right."""
    head = spec.letterhead
    top = height - MARGIN + 4 * mm
    left = MARGIN
    if head.logo and _draw_logo(canvas, head.logo, left, top - LOGO_BOX * mm, LOGO_BOX * mm):
        left += (LOGO_BOX + 4) * mm
    right = width - MARGIN
    canvas.saveState()
    canvas.setFont(BOLD, 11)
    canvas.drawString(left, top - 4 * mm, _fit(canvas, head.organisation, BOLD, 11, (right - left) * 0.55))
    canvas.setFont(FONT, 9)
    y = top - 8.5 * mm
    if head.programme:
        canvas.drawString(left, y, _fit(canvas, head.programme, FONT, 9, (right - left) * 0.55))
        y -= 4 * mm
    for line in simpleSplit(head.address.replace("\n", ", "), FONT, 8, (right - left) * 0.55)[:2]:
        canvas.setFont(FONT, 8)
        canvas.drawString(left, y, line)
        y -= 3.6 * mm
    canvas.setFont(BOLD, 10)
    canvas.drawRightString(right, top - 4 * mm, spec.title)
    canvas.setFont(FONT, 8.5)
    canvas.drawRightString(right, top - 8.5 * mm, long_date(spec.issued))
    canvas.setLineWidth(0.6)
    rule = height - MARGIN - HEADER_HEIGHT + 6 * mm
    canvas.line(MARGIN, rule, right, rule)
    canvas.restoreState()


def _draw_logo(canvas: Canvas, data: bytes, x: float, y: float, box: float) -> bool:
    """Fit the logo into a ``box``-sized square; False (and no logo) when the image cannot be read."""
    try:
        image = ImageReader(io.BytesIO(data))
        w, h = image.getSize()
    except Exception:  # a damaged logo must not stop a print; the settings check the type already
        log.warning("letterhead: the logo could not be read")
        return False
    scale = box / max(w, h)
    canvas.drawImage(image, x, y, w * scale, h * scale, mask="auto")
    return True


def _fit(canvas: Canvas, text: str, font: str, size: float, max_width: float) -> str:
    """Shorten text that would run into the title, with an ellipsis."""
    if canvas.stringWidth(text, font, size) <= max_width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > max_width:
        text = text[:-1]
    return text + "…"

"""Paper sizes, fonts, paragraph styles and the small text helpers of every printed document."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from babel.dates import format_date
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.messages import language, tr

# Built-in Helvetica covers Spanish through WinAnsi (á é í ó ú ñ ü ¿ ¡ «»): no font file to ship, and the
# text stays extractable. Letters will use the same three names.
FONT = "Helvetica"
BOLD = "Helvetica-Bold"
ITALIC = "Helvetica-Oblique"

# Carta (letter) is what Chilean offices load by default; Oficio is the Chilean 21.6 × 33 cm legal size.
PAPERS: dict[str, tuple[float, float]] = {
    "carta": LETTER,
    "a4": A4,
    "oficio": (216 * mm, 330 * mm),
}
DEFAULT_PAPER = "carta"
MARGIN = 18 * mm
HEADER_HEIGHT = 24 * mm  # the letterhead band; the body frame starts below it
FOOTER_HEIGHT = 14 * mm


def paper_size(name: str | None = None, *, wide: bool = False) -> tuple[float, float]:
    """Width and height in points of paper ``name`` (carta, a4, oficio), turned landscape when ``wide``."""
    key = (name or DEFAULT_PAPER).strip().lower()
    if key not in PAPERS:
        choices = ", ".join(PAPERS)
        raise DmiError(tr(f"tamaño de papel desconocido {name!r} (use: {choices})", f"unknown paper size {name!r}"))
    size = PAPERS[key]
    return landscape(size) if wide else size


def long_date(day: date, lang: str | None = None) -> str:
    """``5 de diciembre de 2026`` (or ``December 5, 2026`` in English), through Babel's CLDR data."""
    return format_date(day, format="long", locale="en" if (lang or language()) == "en" else "es_CL")


def short_date(day: date | None) -> str:
    """``31-12-2026`` as Chileans write dates; empty for no date."""
    return day.strftime("%d-%m-%Y") if day else ""


def markup(text: str) -> str:
    """Plain text made safe for a Paragraph (``<``, ``&``), line breaks kept."""
    return escape(text or "").replace("\n", "<br/>")


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of printed documents (a fresh set: Platypus may mutate them)."""
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=10.5),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        "label": ParagraphStyle("label", parent=body, fontName=BOLD, fontSize=8.5, leading=10.5),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=13, spaceAfter=6),
        "section": ParagraphStyle(
            "section", parent=body, fontName=BOLD, fontSize=11.5, leading=14, spaceBefore=10, spaceAfter=4
        ),
        "empty": ParagraphStyle("empty", parent=body, fontName=ITALIC, fontSize=9, textColor="#555555"),
    }

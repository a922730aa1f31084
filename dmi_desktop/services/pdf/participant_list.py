"""The participants list as a landscape PDF, drawn page by page as rows stream in from the vault.

No Platypus table of every row: a 100 000-person list would sit in memory as flowables. Rows have a fixed
height (long values are shortened with "…"), so each page takes the next rows off the stream and forgets them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.units import mm

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.messages import tr
from dmi_desktop.domain.models import Participant
from dmi_desktop.domain.rut import format_rut
from dmi_desktop.domain.status import label
from dmi_desktop.services.organisation import Letterhead
from dmi_desktop.services.pdf.letterhead import PageSpec
from dmi_desktop.services.pdf.page import BOLD, FONT, ITALIC, short_date
from dmi_desktop.services.pdf.template import PrintCanvas, body_frame, decorate_page, set_metadata

ROW_HEIGHT = 5.6 * mm
HEADER_ROW = 7 * mm
FONT_SIZE = 8.5
_PROGRESS_EVERY = 200
# Column shares of the body width, and how each is read off a participant and its last check-in.
_COLUMNS: tuple[tuple[tuple[str, str], float, Callable[[Participant, date | None], str]], ...] = (
    (("N° de caso", "Case no."), 0.12, lambda p, _: p.case_no),
    (("Nombre", "Name"), 0.25, lambda p, _: p.full_name),
    (("Alias", "Alias"), 0.10, lambda p, _: p.alias),
    (("RUT", "RUT"), 0.11, lambda p, _: format_rut(p.rut) if p.rut else ""),
    (("Sector", "Sector"), 0.15, lambda p, _: p.sector),
    (("Estado", "Status"), 0.16, lambda p, _: label(p.status)),
    (("Último control", "Last check-in"), 0.11, lambda _, last: short_date(last)),
)


class ListCancelled(DmiError):
    """The user stopped the list; nothing was written or recorded."""


def list_title() -> str:
    """The list's title (also the PDF's metadata title: generic, no filter text that could name someone)."""
    return tr("Listado de participantes", "Participants list")


def list_spec(letterhead: Letterhead, paper: str) -> PageSpec:
    """Landscape pages on the shared letterhead."""
    return PageSpec(letterhead, list_title(), paper, wide=True)


def headers() -> list[str]:
    """The column headers in the message language (repeated on every page)."""
    return [tr(es, en) for (es, en), _, _ in _COLUMNS]


def draw_list(
    fh: IO[bytes],
    spec: PageSpec,
    pages: Iterable[list[tuple[Participant, date | None]]],
    total: int,
    filters: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Draw every row of ``pages`` into ``fh`` as a PDF; the number of rows drawn."""
    canvas = PrintCanvas(fh, pagesize=_size(spec))
    set_metadata(canvas, spec.title)
    x, bottom, width, height = body_frame(spec)
    widths = [width * share for _, share, _ in _COLUMNS]
    rows = _rows(pages)
    done = 0
    first = True
    while first or rows.more():  # the first page always, even for an empty list; then while rows remain
        if cancelled is not None and cancelled():
            raise ListCancelled(tr("impresión cancelada: no se escribió nada", "print cancelled: nothing written"))
        top = _intro(canvas, x, bottom + height, total, filters) if first else bottom + height
        y = _header_row(canvas, x, top, widths)
        page_rows = 0
        while y - ROW_HEIGHT >= bottom and rows.more():
            done += 1
            page_rows += 1
            _row(canvas, x, y, widths, next(rows), shaded=page_rows % 2 == 0)
            y -= ROW_HEIGHT
            if progress is not None and done % _PROGRESS_EVERY == 0:
                progress(done, total)
        if first and page_rows == 0:
            canvas.setFont(ITALIC, FONT_SIZE + 1)
            canvas.drawString(
                x, y - ROW_HEIGHT, tr("Ningún participante cumple los filtros.", "No participant matches.")
            )
        decorate_page(canvas, spec)
        canvas.showPage()
        first = False
    canvas.save()
    if progress is not None:
        progress(done, total)
    return done


class _Peekable:
    """The row stream, with a look at whether another row is coming (no blank page at the end)."""

    def __init__(self, rows: Iterator[tuple[Participant, date | None]]) -> None:
        self.rows, self.head = rows, None

    def __iter__(self) -> _Peekable:
        return self

    def __next__(self) -> tuple[Participant, date | None]:
        if self.head is not None:
            head, self.head = self.head, None
            return head
        return next(self.rows)

    def more(self) -> bool:
        """Whether another row is coming."""
        if self.head is None:
            self.head = next(self.rows, None)
        return self.head is not None


def _rows(pages: Iterable[list[tuple[Participant, date | None]]]) -> _Peekable:
    return _Peekable(row for page in pages for row in page)


def _size(spec: PageSpec) -> tuple[float, float]:
    from dmi_desktop.services.pdf.page import paper_size

    return paper_size(spec.paper, wide=spec.wide)


def _intro(canvas: Any, x: float, top: float, total: int, filters: str) -> float:
    """Title and what the list holds, on the first page only."""
    canvas.setFont(BOLD, 14)
    canvas.drawString(x, top - 6 * mm, list_title())
    canvas.setFont(FONT, 9)
    count = f"{total:,}".replace(",", ".")  # thousands with a dot, as in Chile
    canvas.drawString(x, top - 11 * mm, tr(f"{count} participantes · {filters}", f"{count} participants · {filters}"))
    return top - 15 * mm


def _header_row(canvas: Any, x: float, top: float, widths: list[float]) -> float:
    canvas.saveState()
    canvas.setFillColor(colors.HexColor("#DDDDDD"))
    canvas.rect(x, top - HEADER_ROW, sum(widths), HEADER_ROW, stroke=0, fill=1)
    canvas.restoreState()
    canvas.setFont(BOLD, FONT_SIZE)
    cx = x
    for text, w in zip(headers(), widths, strict=True):
        canvas.drawString(cx + 1.5 * mm, top - HEADER_ROW + 2.3 * mm, _fit(canvas, text, BOLD, w - 3 * mm))
        cx += w
    return top - HEADER_ROW


def _row(
    canvas: Any, x: float, y: float, widths: list[float], row: tuple[Participant, date | None], shaded: bool
) -> None:
    person, last = row
    if shaded:
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#F2F2F2"))
        canvas.rect(x, y - ROW_HEIGHT, sum(widths), ROW_HEIGHT, stroke=0, fill=1)
        canvas.restoreState()
    canvas.setFont(FONT, FONT_SIZE)
    cx = x
    for (_, _, read), w in zip(_COLUMNS, widths, strict=True):
        canvas.drawString(cx + 1.5 * mm, y - ROW_HEIGHT + 1.8 * mm, _fit(canvas, read(person, last), FONT, w - 3 * mm))
        cx += w


def _fit(canvas: Any, text: str, font: str, max_width: float) -> str:
    """The text shortened with "…" to fit its column (rows keep one height so pages can be filled blind)."""
    if canvas.stringWidth(text, font, FONT_SIZE) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if canvas.stringWidth(text[:mid] + "…", font, FONT_SIZE) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"

"""The page template: letterhead on top, a "Confidencial" line and "Página N de M" at the foot, clean metadata.

"de M" is a PDF form drawn on every page and filled once the last page is known, so a document is written in
one pass (the list streams thousands of pages without keeping them to count them first).
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from dmi_desktop.domain.messages import tr
from dmi_desktop.services.pdf.letterhead import PageSpec, draw_letterhead
from dmi_desktop.services.pdf.page import FONT, FOOTER_HEIGHT, HEADER_HEIGHT, ITALIC, MARGIN, paper_size

PAGE_COUNT_FORM = "dmiPageCount"
PRODUCER = "DMI Desktop"


def confidential_line() -> str:
    """The footer line every printed page carries."""
    return tr(
        "Confidencial — datos personales protegidos (Ley 21.719). No copiar ni entregar a terceros.",
        "Confidential — protected personal data (Law 21.719). Do not copy or hand to third parties.",
    )


class PrintCanvas(Canvas):
    """A canvas that writes the page total into the "de M" form when the document is saved."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._used_count = False

    def draw_page_count(self, x: float, y: float, size: float) -> None:
        """Place the page total (known only at the end) at ``x``, ``y``."""
        self._used_count = True
        self.saveState()
        self.translate(x, y)
        self.scale(size / 10, size / 10)
        self.doForm(PAGE_COUNT_FORM)
        self.restoreState()

    def save(self) -> None:
        """Define the page-total form, then write the file."""
        pages = self.getPageNumber() - (0 if self._code else 1)  # _code: an unfinished last page
        if self._used_count:
            if self._code:
                self.showPage()
            self.beginForm(PAGE_COUNT_FORM)
            self.setFont(FONT, 10)
            self.drawString(0, 0, str(pages))
            self.endForm()
        super().save()


def new_canvas(target: io.BytesIO, spec: PageSpec) -> PrintCanvas:
    """A canvas for ``spec``'s paper with metadata that names no one."""
    canvas = PrintCanvas(target, pagesize=paper_size(spec.paper, wide=spec.wide))
    set_metadata(canvas, spec.title)
    return canvas


def set_metadata(canvas: Canvas, title: str) -> None:
    """Generic title, author and creator only: the metadata is read without opening the pages (file managers,
    indexers), so it must not carry a name, a RUT or a case number."""
    canvas.setTitle(title)
    canvas.setAuthor(PRODUCER)
    canvas.setCreator(PRODUCER)
    canvas.setSubject("")
    canvas.setKeywords("")


def decorate_page(canvas: PrintCanvas, spec: PageSpec) -> None:
    """Draw the letterhead and the footer of the current page."""
    width, height = canvas._pagesize
    draw_letterhead(canvas, spec, width, height)
    canvas.saveState()
    y = MARGIN - 6 * mm
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y + 4 * mm, width - MARGIN, y + 4 * mm)
    canvas.setFont(ITALIC, 7.5)
    canvas.drawString(MARGIN, y, confidential_line())
    canvas.setFont(FONT, 8.5)
    of_total = tr("de", "of")
    text = f"{tr('Página', 'Page')} {canvas.getPageNumber()} {of_total} "
    count_width = canvas.stringWidth("0000", FONT, 8.5)
    start = width - MARGIN - count_width - canvas.stringWidth(text, FONT, 8.5)
    canvas.drawString(start, y, text)
    canvas.draw_page_count(start + canvas.stringWidth(text, FONT, 8.5), y, 8.5)
    canvas.restoreState()


def body_frame(spec: PageSpec) -> tuple[float, float, float, float]:
    """x, y, width and height of the body between the letterhead and the footer."""
    width, height = paper_size(spec.paper, wide=spec.wide)
    top = height - MARGIN - HEADER_HEIGHT + 2 * mm
    bottom = MARGIN + FOOTER_HEIGHT - 6 * mm
    return MARGIN, bottom, width - 2 * MARGIN, top - bottom


class PrintedDocument(BaseDocTemplate):
    """A Platypus document on the shared page template (attendance sheet, participant file, letters)."""

    def __init__(self, target: io.BytesIO, spec: PageSpec) -> None:
        self.spec = spec
        super().__init__(
            target,
            pagesize=paper_size(spec.paper, wide=spec.wide),
            title=spec.title,
            author=PRODUCER,
            creator=PRODUCER,
            subject="",
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT,
            bottomMargin=MARGIN + FOOTER_HEIGHT,
        )
        x, y, w, h = body_frame(spec)
        frame = Frame(x, y, w, h, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        decorate_page(canvas, self.spec)  # type: ignore[arg-type]


def build_pdf(spec: PageSpec, story: list[Any]) -> bytes:
    """Lay out ``story`` on the shared template; the PDF's bytes (in memory: no personal data in a temp file)."""
    buffer = io.BytesIO()
    doc = PrintedDocument(buffer, spec)
    doc.build(story, canvasmaker=PrintCanvas)
    return buffer.getvalue()

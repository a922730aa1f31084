"""Preview of a printed document held in memory (QtPdf reads it from a QBuffer: no temporary file), with
"Print…" (the pages rendered onto a QPrinter) and "Save PDF…" (where the user chooses); both are audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.errors import output_allowed, show_error

# What leaves the preview is recorded by the caller: (destination) -> None, run on the worker.
Recorder = Callable[[str], None]
Saver = Callable[[Path], Path]


class PdfPreviewDialog(QDialog):
    """Shows PDF bytes page after page; prints or saves them."""

    def __init__(
        self,
        data: bytes,
        title: str,
        suggested_name: str,
        *,
        save: Saver,
        printed: Recorder,
        run: Callable[[Callable[[], object], Callable[[object], None]], None],
        vault_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PdfPreviewDialog")
        self.setWindowTitle(title)
        self._save, self._printed, self._run = save, printed, run
        self._suggested, self._vault_folder = suggested_name, vault_folder
        self._bytes = QByteArray(data)
        self.buffer = QBuffer(self)
        self.buffer.setData(self._bytes)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        count = self.document.pageCount()
        pages = self.tr("1 page") if count == 1 else self.tr("{count} pages").format(count=count)
        self.pages_label = QLabel(pages, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = self.buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton(self.tr("Save PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_pdf)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages_label)
        layout.addWidget(self.buttons)
        self.resize(900, 700)

    def page_count(self) -> int:
        """Pages of the previewed document."""
        return self.document.pageCount()

    def print_pages(self) -> None:
        """Ask for a printer, then paint each page onto it at the printer's resolution."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.paint_onto(printer)
        self._run(lambda: self._printed(printer.printerName() or "printer"), lambda _r: None)

    def paint_onto(self, printer: QPrinter) -> None:
        """Render every page (or the range chosen) to an image the size of the printable area and paint it."""
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, self.tr("The printer could not be started."))
            return
        try:
            first, last = printer.fromPage(), printer.toPage()
            pages = range(first - 1, last) if first > 0 else range(self.document.pageCount())
            for n, page in enumerate(pages):
                if n:
                    printer.newPage()
                target = painter.viewport()
                points = self.document.pagePointSize(page)
                scale = min(target.width() / points.width(), target.height() / points.height())
                # Rendered at 300 dpi at most: a 1200 dpi page image would take half a gigabyte.
                dpi = min(300.0, 72.0 * scale)
                image = self.document.render(
                    page, QSize(int(points.width() * dpi / 72), int(points.height() * dpi / 72))
                )
                painter.drawImage(QRect(0, 0, int(points.width() * scale), int(points.height() * scale)), image)
        finally:
            painter.end()

    def save_pdf(self) -> None:
        """Write the previewed bytes where the user chooses (never over the vault's files)."""
        path, _filter = file_dialogs.save_file_name(
            self, self.tr("Save PDF"), self._suggested, self.tr("PDF documents (*.pdf)")
        )
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        if not output_allowed(self, target, self._vault_folder):
            return
        self._run(
            lambda: self._save(target),
            lambda _r: self.pages_label.setText(self.tr("Saved to {file}").format(file=target.name)),
        )

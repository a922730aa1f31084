"""Printing the recovery key directly (the PDF is the other way to keep it)."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from dmi_desktop.services.recovery_sheet import INSTRUCTIONS, TITLE, key_lines


def print_recovery_key(parent: QWidget | None, key: str, details: list[tuple[str, str]]) -> bool:
    """Ask for a printer and print one page with the key; returns True when printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_sheet(printer, key, details)
    return True


def paint_sheet(printer: QPrinter, key: str, details: list[tuple[str, str]]) -> None:
    """Draw title, details, the key in large monospace and the instructions (Spanish, like the PDF)."""
    painter = QPainter(printer)
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        width = page.width()
        line = printer.resolution() / 4
        y = 0.0
        painter.setFont(QFont("Sans Serif", 18, QFont.Weight.Bold))
        painter.drawText(QRectF(0, y, width, line * 2), TITLE)
        y += line * 2
        painter.setFont(QFont("Sans Serif", 10))
        for label, value in details:
            if value:
                painter.drawText(QRectF(0, y, width, line), f"{label}: {value}")
                y += line
        y += line
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(20)
        mono.setBold(True)
        painter.setFont(mono)
        lines = key_lines(key)
        box = QRectF(0, y, width, line * (2 * len(lines) + 1))
        painter.drawRoundedRect(box, 20, 20)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), "\n".join(lines))
        y = box.bottom() + line
        painter.setFont(QFont("Sans Serif", 10))
        for paragraph in INSTRUCTIONS:
            rect = painter.boundingRect(QRectF(0, y, width, line * 6), int(Qt.TextFlag.TextWordWrap), paragraph)
            painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), paragraph)
            y = rect.bottom() + line / 2
    finally:
        painter.end()

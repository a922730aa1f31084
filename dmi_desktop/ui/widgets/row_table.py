"""The look every list table of the app shares: whole rows selected one at a time, read-only, fixed row heights."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def configure_row_table(table: QTableView, row_padding: int) -> None:
    """Single whole-row selection, no in-place editing, striped rows, no row numbers, fixed row heights."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    # Fixed row heights: Qt never measures every row (ResizeToContents costs a minute at 100 000 rows).
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + row_padding)
    rows.hide()

"""Helpers for tests of the participants list, whose counts, pages and sectors arrive from the worker."""

from __future__ import annotations

from typing import Any

from dmi_desktop.ui.context import AppContext


def settle(ctx: AppContext) -> None:
    """Let the worker finish every read and write queued so far and deliver it (counts, pages, sectors)."""
    assert ctx.worker.wait_idle(5000), "the worker did not finish in time"


def column(model: Any, ctx: AppContext, col: int) -> list[Any]:
    """Every row's text in column ``col``, once the pages the list asked the worker for have arrived."""
    settle(ctx)
    for row in range(model.rowCount()):
        model.index(row, col).data()  # a row whose page is not here asks the worker for it
    settle(ctx)
    return [model.index(row, col).data() for row in range(model.rowCount())]

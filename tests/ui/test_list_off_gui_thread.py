"""The participants list never reads the vault on the GUI thread: placeholders, coalesced pages, stale requests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from dmi_desktop.services.participants import ParticipantService
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.models.participant_table_model import (
    COL_NAME,
    COL_RUT,
    COL_SECTOR,
    PAGE_SIZE,
    PLACEHOLDER,
    ParticipantIdRole,
    ParticipantTableModel,
)
from dmi_desktop.ui.participants import participants_widget
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from tests.ui.list_helpers import column, settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")

Reads = list[tuple[str, bool, Any]]  # (method, on the GUI thread, its query or offset)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    """Every list read the UI asks of the service: which one, whether on the GUI thread, and its argument."""
    seen: Reads = []
    for name in ("count", "rows", "sectors"):
        original = getattr(ParticipantService, name)

        def spy(self: ParticipantService, *args: Any, _original: Any = original, _name: str = name, **kw: Any) -> Any:
            on_gui = threading.current_thread() is threading.main_thread()
            seen.append((_name, on_gui, args[1] if _name == "rows" and len(args) > 1 else (args[0] if args else None)))
            return _original(self, *args, **kw)

        monkeypatch.setattr(ParticipantService, name, spy)
    return seen


@contextmanager
def worker_busy(ctx: AppContext) -> Iterator[None]:
    """Keep the worker busy (as a long write would) until the block ends: reads queue up behind it."""
    gate = threading.Event()
    ctx.worker.submit(lambda _task: gate.wait(10))
    try:
        yield
    finally:
        gate.set()


def _area(ctx: AppContext, qtbot: Any, height: int = 400) -> ParticipantsWidget:
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    area.resize(1000, height)
    area.show()
    qtbot.waitExposed(area)
    settle(ctx)
    return area


def test_no_list_read_runs_on_the_gui_thread(make_ctx, sample_rows, qtbot, reads):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(995))
    area = _area(ctx, qtbot)
    area.table.scrollToBottom()
    area.table.viewport().repaint()  # the rows now in sight ask for their page
    settle(ctx)
    area.table.sortByColumn(COL_RUT, Qt.SortOrder.AscendingOrder)
    settle(ctx)
    qtbot.keyClicks(area.search, "jose")
    qtbot.waitUntil(lambda: area.model.shown_query.search == "jose", timeout=3000)
    area.sector_filter.setCurrentIndex(area.sector_filter.findData("El Golf"))
    settle(ctx)
    assert column(area.model, ctx, COL_NAME) == ["Pedro Josefino Araya"]
    assert {name for name, _gui, _arg in reads} == {"count", "rows", "sectors"}
    assert [r for r in reads if r[1]] == []  # not one count, page or sector list read on the GUI thread


def test_a_row_shows_a_greyed_placeholder_until_its_page_arrives(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(495))
    model = ParticipantTableModel(ctx)
    model.refresh()
    settle(ctx)
    far = model.index(450, COL_NAME)
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as arrived, worker_busy(ctx):
        assert far.data() == PLACEHOLDER
        assert far.data(ParticipantIdRole) is None
        assert isinstance(far.data(Qt.ItemDataRole.ForegroundRole), QBrush)  # greyed
        assert model.index(0, COL_NAME).data(Qt.ItemDataRole.ForegroundRole) is None  # loaded rows are not
    top, bottom = arrived.args[0], arrived.args[1]
    assert (top.row(), bottom.row()) == (2 * PAGE_SIZE, 499)  # the whole page repaints, nothing else
    assert far.data().startswith("Persona") and far.data(ParticipantIdRole)


def test_a_page_arriving_after_the_lock_is_not_kept(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(495))
    model = ParticipantTableModel(ctx)
    model.refresh()
    settle(ctx)
    with worker_busy(ctx):
        assert model.index(450, COL_NAME).data() == PLACEHOLDER
        ctx.hub.locked.emit()  # the page is already queued on the worker
    settle(ctx)
    assert model.cached_pages() == []  # no personal data held while locked


def test_dragging_the_scrollbar_reads_only_the_pages_where_it_stops(make_ctx, sample_rows, qtbot, reads):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(2995))  # 15 pages
    area = _area(ctx, qtbot, height=300)
    table, bar = area.table, area.table.verticalScrollBar()
    reads.clear()
    with worker_busy(ctx):
        for value in range(0, bar.maximum() + 1, 97):  # the thumb dragged down through the whole list
            bar.setValue(value)
            table.viewport().repaint()  # each position paints its rows: their pages are wanted
        bar.setValue(bar.maximum() // 2)
        table.viewport().repaint()
    settle(ctx)
    first, last = table.rowAt(0), table.rowAt(table.viewport().height() - 1)
    # The pages in sight, and one on either side read ahead; none of the places passed over.
    in_sight = set(range(first // PAGE_SIZE - 1, last // PAGE_SIZE + 2))
    assert {offset // PAGE_SIZE for name, _gui, offset in reads if name == "rows"} == in_sight
    assert PLACEHOLDER not in {area.model.index(r, COL_NAME).data() for r in range(first, last + 1)}


def test_a_newer_sort_drops_the_older_one_before_it_is_read(make_ctx, sample_rows, qtbot, reads):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(20))
    area = _area(ctx, qtbot)
    resets: list[str] = []
    area.model.modelReset.connect(lambda: resets.append(area.model.shown_query.sort))
    reads.clear()
    with worker_busy(ctx):
        area.table.sortByColumn(COL_RUT, Qt.SortOrder.AscendingOrder)
        area.table.sortByColumn(COL_SECTOR, Qt.SortOrder.DescendingOrder)
        assert area.model.query.sort == "sector"  # what the header shows is what will be read
    settle(ctx)
    assert [q.sort for name, _gui, q in reads if name == "count"] == ["sector"]  # the RUT order was never read
    assert resets == ["sector"]
    sectors = column(area.model, ctx, COL_SECTOR)
    assert sectors == sorted(sectors, reverse=True)


def test_enter_on_a_row_still_loading_opens_its_file_when_the_page_arrives(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    people = ctx.session.participants.create_many(sample_rows(595))
    area = _area(ctx, qtbot)
    with worker_busy(ctx):
        area.table.setFocus()
        area.table.setCurrentIndex(area.model.index(450, COL_NAME))
        qtbot.keyClick(area.table, Qt.Key.Key_Return)
        assert area.open_windows() == []  # the row is still a placeholder: nothing read on the GUI thread
    qtbot.waitUntil(lambda: len(area.open_windows()) == 1, timeout=5000)
    [window] = area.open_windows()
    assert window.participant_id == area.model.participant_id(450)
    assert window.participant_id in {p.id for p in people}
    window.close()


def test_a_search_with_more_matches_than_the_cap_says_more_than(make_ctx, sample_rows, qtbot, monkeypatch):
    monkeypatch.setattr(participants_widget, "SEARCH_COUNT_CAP", 2)
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    assert area.count_label.text() == "5 participants"  # no search: the whole list is counted
    qtbot.keyClicks(area.search, "jose")
    qtbot.waitUntil(lambda: area.model.shown_query.search == "jose", timeout=3000)
    assert area.model.rowCount() == 3  # every match can still be scrolled to
    assert area.count_label.text() == "more than 2 results"

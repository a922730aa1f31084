"""GUI-thread stalls of the participants list: the longest the event loop could not react, per user action.

Loaded by benchmarks/ui.py (benchmarks/ is no package). A 5 ms heartbeat timer runs on the GUI thread while
an action runs from inside a real event loop (no forced repaints: Qt paints when it would on screen); the
longest gap between two heartbeats is the longest stall the user would have felt. Its floor is the 5 ms
period itself. Each action is timed until the rows in sight hold real data (no placeholder left).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QAbstractSlider

HEARTBEAT_MS = 5
FRAME_MS = 16  # between the steps of a drag or a held key, as a user's input arrives
BUDGET_MS = 50  # DESIGN §7: no GUI-thread stall over 50 ms for any list action
PLACEHOLDER = "…"


class StallMeter:
    """Runs an action inside the event loop and records the longest gap between heartbeats meanwhile."""

    def __init__(self) -> None:
        self._beat = QTimer()
        self._beat.setTimerType(Qt.TimerType.PreciseTimer)
        self._beat.setInterval(HEARTBEAT_MS)
        self._beat.timeout.connect(self._on_beat)
        self._last = 0.0
        self.longest = 0.0

    def _on_beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def run(self, start: Callable[[], None], done: Callable[[], bool], timeout: float = 300.0) -> tuple[float, float]:
        """(longest stall, time until ``done``) in ms, for ``start`` called from inside the event loop."""
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(1)
        started = time.perf_counter()

        def check() -> None:
            if done() or time.perf_counter() - started > timeout:
                loop.quit()

        poll.timeout.connect(check)
        self.longest, self._last = 0.0, time.perf_counter()
        self._beat.start()
        poll.start()
        QTimer.singleShot(0, start)
        loop.exec()
        poll.stop()
        self._on_beat()  # the gap up to the end counts too
        self._beat.stop()
        return self.longest * 1000, (time.perf_counter() - started) * 1000


def steps(count: int, step: Callable[[int], None]) -> tuple[Callable[[], None], Callable[[], bool]]:
    """An input that arrives ``count`` times, one frame apart (a drag, a held key); and whether it has ended."""
    state = {"done": 0}
    timer = QTimer()
    timer.setInterval(FRAME_MS)

    def tick() -> None:
        step(state["done"])
        state["done"] += 1
        if state["done"] >= count:
            timer.stop()

    timer.timeout.connect(tick)
    return timer.start, lambda: state["done"] >= count


def rows_in_sight_loaded(area: Any) -> bool:
    """True when the model shows the latest query and every row in sight holds real data."""
    model, table = area.model, area.table
    shown = getattr(model, "shown_query", model.query)  # the code before the worker change had no such thing
    if shown != model.query or getattr(model, "loading", lambda: False)():
        return False
    first = max(table.rowAt(0), 0)
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    return all(model.index(r, 1).data() not in (PLACEHOLDER, None) for r in range(first, last + 1))


def measure_stalls(area: Any, terms: list[str], line: Callable[..., None], repeats: int = 3) -> None:
    """Longest GUI-thread stall per list action: sorting by each column, scrolling, dragging, searching.

    Each action runs ``repeats`` times from the same starting point (set up unmeasured); the median of its
    longest stalls is printed with the worst, since a busy machine can deschedule the process at any moment.
    """
    from PySide6.QtTest import QTest

    meter = StallMeter()
    table, model, bar = area.table, area.model, area.table.verticalScrollBar()
    header = table.horizontalHeader()
    worst: list[float] = []

    def settle(action: Callable[[], None]) -> None:
        meter.run(action, lambda: rows_in_sight_loaded(area))

    def report(label: str, start: Callable[[], None], done: Callable[[], bool], prepare: Callable[[], None]) -> None:
        stalls, totals = [], []
        for _ in range(repeats):
            settle(prepare)
            stall, total = meter.run(start, lambda: done() and rows_in_sight_loaded(area))
            stalls.append(stall)
            totals.append(total)
        worst.extend(stalls)
        over = " over budget" if statistics.median(stalls) > BUDGET_MS else ""
        line(
            label,
            f"{statistics.median(stalls):.1f} / {max(stalls):.1f} ms",
            f"rows in sight after {statistics.median(totals):.0f} ms{over}",
        )

    def report_steps(label: str, make: Callable[[], tuple[Callable[[], None], Callable[[], bool]]]) -> None:
        # A fresh input per run: steps() counts its moves once.
        current: list[tuple[Callable[[], None], Callable[[], bool]]] = []

        def begin() -> None:
            current[:] = [make()]
            current[0][0]()

        report(label, begin, lambda: bool(current) and current[0][1](), top)

    def by_name() -> None:
        table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        table.scrollToTop()

    def top() -> None:
        # From the top with no page held but the first: each repeat reads what it scrolls to (not the last run's).
        table.scrollToTop()
        model.refresh()

    rows = model.rowCount()
    print(
        f"\nLongest GUI-thread stall per action, median / worst of {repeats} ({rows:,} rows; {HEARTBEAT_MS} ms"
        f" heartbeat, budget {BUDGET_MS} ms)"
    )
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            if column == 1 and order == Qt.SortOrder.AscendingOrder:
                continue  # the starting order of every other sort
            arrow = "↑" if order == Qt.SortOrder.AscendingOrder else "↓"
            report(
                f"sort by {title} {arrow} (header click)",
                lambda c=column, o=order: table.sortByColumn(c, o),
                lambda c=column, o=order: header.sortIndicatorSection() == c and header.sortIndicatorOrder() == o,
                by_name,
            )
    settle(by_name)
    report_steps(
        "Page Down held: 120 page steps, one per frame",
        lambda: steps(120, lambda _i: bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)),
    )
    report("scrollbar jumped to the middle", lambda: bar.setValue(bar.maximum() // 2), lambda: True, top)
    report("scrollbar jumped to the end", lambda: bar.setValue(bar.maximum()), lambda: True, top)
    moves = 60

    def drag(points: Callable[[int], int]) -> tuple[Callable[[], None], Callable[[], bool]]:
        return steps(moves, lambda i: bar.setValue(points(i)))

    for label, points in (
        (f"thumb dragged top -> end in {moves} moves, one per frame", lambda i: bar.maximum() * (i + 1) // moves),
        (f"thumb dragged top -> middle in {moves} moves", lambda i: bar.maximum() * (i + 1) // (2 * moves)),
    ):
        report_steps(label, lambda p=points: drag(p))

    def cleared() -> None:
        area.search.clear()
        area.run_query()

    for term in terms:

        def type_term(t: str = term) -> None:
            area.search.setFocus()
            QTest.keyClicks(area.search, t, delay=120)  # 120 ms between keys: the debounce fires at the end

        report(
            f"type a search: {term!r}, 120 ms per key",
            type_term,
            lambda t=term: model.query.search == t.strip(),
            cleared,
        )
    settle(cleared)
    line("longest stall of all these actions", f"{max(worst):.1f} ms", f"budget {BUDGET_MS} ms")

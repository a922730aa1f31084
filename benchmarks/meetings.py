"""Meetings benchmark: clash detection against 10 000 meetings, and the month view with 500 meetings in a month.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/meetings.py [--meetings 10000] [--month 500] [--checks 300]
       [--seed 7]

1. **Clash check** — a vault with ``--meetings`` meetings over two years of working days (10 venues, three
   invitees each among 3 000 participants), then ``--checks`` candidate meetings checked as saving checks them
   (``MeetingService.clashes``: overlap index range, people, venue, capacity, holiday, hours), each with five
   participants and a venue; median and p95 per check (target < 50 ms, issue 10).
2. **Month view** — ``--month`` meetings in one month (hours 08:00–19:00, all four kinds, some cancelled):
   ``grab()`` of the whole area at 1280×800 (month and week view, median of 15), and the longest GUI-thread
   stall while switching to the next and back (benchmarks/stalls.py: a 5 ms heartbeat; the read happens on
   the worker, so the GUI only repaints). Prints figures, never asserts; everything in a temporary folder.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402 - after the platform is chosen
from PySide6.QtWidgets import QApplication  # noqa: E402

USER, PASSPHRASE = "bench", "benchmark reunión calendario 2026"
KINDS = ("call-in", "home-visit", "follow-up", "case-review")


def _stalls() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dmi_stalls_benchmark", Path(__file__).parent / "stalls.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def working_days(first: date, count: int) -> list[date]:
    """``count`` Monday-to-Friday dates from ``first``."""
    days, day = [], first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def add_meetings(
    session, starts: list[datetime], rng: random.Random, venues: list[str], people: list[str], tag: str
) -> None:
    """Meetings at ``starts`` written through the repositories in one transaction (the service's add would run a
    clash check and an audit entry per meeting: minutes for 10 000, and the checks are what is measured)."""
    svc = session.meetings
    with session.vault.atomic():
        for n, start in enumerate(starts):
            meeting = svc.repo.add(
                {
                    "ref": f"BEN{tag}-R{start.year}-{n:05d}",
                    "kind": KINDS[n % 4],
                    "title": f"Reunión {n}",
                    "starts_at": f"{start:%Y-%m-%d %H:%M}",
                    "duration": rng.choice((45, 60, 90, 120)),
                    "venue_id": rng.choice(venues),
                    "status": "cancelled" if n % 25 == 0 else "planned",
                }
            )
            for pid in rng.sample(people, 3) if people else []:
                svc.invitees.add({"meeting_id": meeting.id, "participant_id": pid})


def build(folder: Path, meetings: int, month: int, seed: int):
    """The vault: participants, venues, ``meetings`` over two years and ``month`` more in one month."""
    from dmi_desktop.services.session import Session
    from dmi_desktop.storage.keyslots import TEST_KDF

    rng = random.Random(seed)
    session, _recovery = Session.create(folder, user=USER, passphrase=PASSPHRASE, device_code="BEN", kdf=TEST_KDF)
    rows = [{"nombres": f"Persona{i:04d}", "apellido_paterno": f"Apellido{i:04d}"} for i in range(3000)]
    people = [p.id for p in session.participants.create_many(rows)]
    venues = [session.venues.add({"name": f"Sede {i}", "capacity": 40}).id for i in range(10)]
    first = date.today() + timedelta(days=90)
    days = working_days(first, 520)
    starts = [
        datetime.combine(rng.choice(days), clock(rng.randrange(8, 17), rng.choice((0, 15, 30, 45))))
        for _ in range(meetings)
    ]
    started = time.perf_counter()
    add_meetings(session, sorted(starts), rng, venues, people, "A")
    built = time.perf_counter() - started
    busy = (date.today().replace(day=1) + timedelta(days=45)).replace(day=1)  # next month: a fresh calendar
    month_days = [busy + timedelta(days=i) for i in range(28) if (busy + timedelta(days=i)).weekday() < 6]
    month_starts = [
        datetime.combine(rng.choice(month_days), clock(rng.randrange(8, 19), rng.choice((0, 30)))) for _ in range(month)
    ]
    add_meetings(session, sorted(month_starts), rng, venues, [], "M")
    return session, people, venues, days, busy, built


def bench_clashes(session, people: list[str], venues: list[str], days: list[date], checks: int, seed: int) -> None:
    """Time the check saving runs, for meetings among the 10 000."""
    rng = random.Random(seed + 1)
    svc = session.meetings
    venue_rows = [svc._venue(v) for v in venues]
    svc.clashes(datetime.combine(days[0], clock(10)), 90, venue_rows[0])  # holiday tables, statements: warm-up
    times, found = [], 0
    for _ in range(checks):
        start = datetime.combine(rng.choice(days), clock(rng.randrange(8, 17), 30))
        extra = {pid: pid for pid in rng.sample(people, 5)}
        began = time.perf_counter()
        clashes = svc.clashes(start, 90, rng.choice(venue_rows), extra_participants=extra)
        times.append((time.perf_counter() - began) * 1000)
        found += len(clashes)
    print(f"  clash check ({checks} candidates, {found} clashes found)")
    print(f"    median {statistics.median(times):6.2f} ms   p95 {pct(times, 95):6.2f} ms   max {max(times):6.2f} ms")
    print(f"    target < 50 ms: p95 is {pct(times, 95) / 50:.2f}× the budget")


def bench_month_view(session, busy: date, month: int) -> None:
    """grab() of the area with ``month`` meetings in the month shown, and the stall of switching months."""
    from dmi_desktop.domain.roles import can_write
    from dmi_desktop.ui.actions import ActionRegistry
    from dmi_desktop.ui.context import AppContext
    from dmi_desktop.ui.meetings.calendar_view import WEEK
    from dmi_desktop.ui.meetings.meetings_widget import MeetingsWidget
    from dmi_desktop.ui.settings import Settings
    from dmi_desktop.ui.signals import SignalHub
    from dmi_desktop.ui.worker import Worker

    hub = SignalHub()
    hub.bridge(session)
    ctx = AppContext(session=session, hub=hub, worker=Worker(), settings=Settings(), actions=ActionRegistry())
    ctx.actions.set_can_write(can_write(session.role))
    area = MeetingsWidget(ctx)
    area.resize(QSize(1280, 800))
    area.show()
    ctx.worker.wait_idle(60_000)
    area.calendar.set_day(busy)
    ctx.worker.wait_idle(60_000)
    shown = sum(len(v) for v in area.calendar.by_day.values())
    meter_module = _stalls()
    for mode in ("month", WEEK):
        area.set_mode(mode)
        ctx.worker.wait_idle(60_000)
        area.grab()  # first paint: fonts and glyph caches
        grabs = []
        for _ in range(15):
            began = time.perf_counter()
            area.grab()
            grabs.append((time.perf_counter() - began) * 1000)
        in_view = len(area.calendar.hits)
        print(f"  grab() of the area, {mode} view ({in_view} meetings painted of {shown} in the range read)")
        print(f"    median {statistics.median(grabs):6.2f} ms   p95 {pct(grabs, 95):6.2f} ms")
    area.set_mode("month")
    ctx.worker.wait_idle(60_000)
    state = {"paints": 0, "delivered_at": -1}
    paint, show = area.calendar.paintEvent, area.calendar.set_meetings

    def counting_paint(event) -> None:  # "done" means the new month is on screen, not only read
        paint(event)
        state["paints"] += 1

    def noting_show(rows) -> None:
        show(rows)
        state["delivered_at"] = state["paints"]

    area.calendar.paintEvent = counting_paint
    area.calendar.set_meetings = noting_show
    meter = meter_module.StallMeter()
    stalls, totals = [], []

    def done() -> bool:
        return state["delivered_at"] >= 0 and state["paints"] > state["delivered_at"] and not ctx.worker.busy

    for step in (1, -1) * 5:
        state["delivered_at"] = -1
        stall, total = meter.run(lambda step=step: area.step(step), done, timeout=30)
        stalls.append(stall)
        totals.append(total)
    print(f"  switching months (to the {month}-meeting month and away, 10 switches)")
    print(f"    longest GUI-thread stall: median {statistics.median(stalls):6.1f} ms   max {max(stalls):6.1f} ms")
    print(f"    until the new month is painted: median {statistics.median(totals):6.1f} ms")
    ctx.worker.shutdown()


def main(argv: list[str] | None = None) -> int:
    """Build, then measure clash checks and the month view."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--month", type=int, default=500)
    parser.add_argument("--checks", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dmi-meetings-") as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # the benchmark's settings stay in tmp
        app = QApplication.instance() or QApplication([sys.argv[0]])
        app.setStyle("Fusion")
        session, people, venues, days, busy, built = build(Path(tmp) / "vault", args.meetings, args.month, args.seed)
        head = f"{args.meetings:,} meetings ({built:.1f} s to write), {args.month} in {busy:%m-%Y}"
        print(f"DMI Desktop meetings benchmark — {head}")
        bench_clashes(session, people, venues, days, args.checks, args.seed)
        bench_month_view(session, busy, args.month)
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

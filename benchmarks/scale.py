"""Scale benchmark: every figure of issue 8 on a vault of 1 000 000 participants, each with its ratio to plain
SQLite or sqlite-utils insert_all on the same work (figures only, never asserts).

Usage: python benchmarks/scale.py [--participants N] [--rebuild] [--seed 7] [--no-stalls] [--no-insert-all]
       [--only writes,search,list,sectors,commands,size,stalls]

The vault (with 1–2 influentials and 3 check-ins per participant, as benchmarks/vault.py writes them) is built
through the app's own write path and kept under the system temp folder, keyed by schema version and N, so later
runs reuse it; --rebuild builds it again. Commands run as a user would run them (the CLI, in a subprocess: time
and peak memory); the GUI-thread stalls come from benchmarks/stalls.py, offscreen, on the same vault.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import inspect
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from dmi_desktop.services.participants import ParticipantQuery  # noqa: E402
from dmi_desktop.services.session import Session  # noqa: E402
from dmi_desktop.storage.connection import open_database  # noqa: E402
from dmi_desktop.storage.repositories import ParticipantRepository  # noqa: E402
from dmi_desktop.storage.vault import DB_NAME, Vault  # noqa: E402

BROAD = ("a", "jo", "gonz", "12.", "el")  # few letters: the most matches (as benchmarks/ui.py types them)
NEW_CONNECTION_TERMS = 60  # searches timed each on a connection of its own (the coldest case)


def load(name: str) -> ModuleType:
    """benchmarks/NAME.py as a module (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location(f"dmi_{name}_benchmark", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


BENCH = load("vault")
BUILD = load("scale_build")
SUMMARY: list[tuple[str, str, str]] = []


def line(label: str, value: str, note: str = "") -> None:
    """One result line (also the callback stalls.py prints through)."""
    print(f"  {label:<62} {value:>20}  {note}", flush=True)


def summary(label: str, value: str, note: str) -> None:
    """A line for the end of the run (and the README)."""
    SUMMARY.append((label, value, note))


def pcts(values: list[float]) -> str:
    """'p50 / p95' in ms."""
    return f"{BENCH.percentile(values, 50):.1f} / {BENCH.percentile(values, 95):.1f} ms"


# -- the measurements -------------------------------------------------------------------------------------


def writes(figures: dict[str, Any]) -> None:
    """Write rate of the app's path against insert_all of the same rows into the same keyed schema."""
    rows = figures["n"] + figures["n_child"]
    app = rows / (figures["seconds_participants"] + figures["seconds_children"])
    print(f"\nWrites ({figures['n']:,} participants + {figures['n_child']:,} influentials/check-ins)")
    if "children_up_to" in figures:  # a build finished by hand: child rows for the first participants only
        first = figures["children_up_to"] + figures["n_child"]
        line(
            f"first {figures['children_up_to']:,} participants with their child rows",
            f"{first / figures['seconds_participants']:,.0f} rows/s",
        )
        rest = figures["participants_only"] / figures["seconds_participants_only"]
        line(f"then {figures['participants_only']:,} participants without child rows", f"{rest:,.0f} rows/s")
        summary("write rate, app path", f"{first / figures['seconds_participants']:,.0f} rows/s", "insert_all not run")
        return
    if "split_unknown" not in figures:  # a build resumed from an older run's chunks knows only their total
        line("create_many, per participant", f"{figures['n'] / figures['seconds_participants']:,.0f} rows/s")
        line("add_records (influentials, check-ins)", f"{figures['n_child'] / figures['seconds_children']:,.0f} rows/s")
    line("app write path, all rows", f"{app:,.0f} rows/s", f"{rows / app:.0f} s in all")
    line("whole build (generate, app path, insert_all, plain copy)", f"{figures['seconds_build']:.0f} s")
    if not figures["seconds_insert_all"]:
        summary("write rate, app path", f"{app:,.0f} rows/s", "insert_all not run (--no-insert-all)")
        return
    plain = rows / figures["seconds_insert_all"]
    line("sqlite-utils insert_all, same rows, same keyed schema", f"{plain:,.0f} rows/s")
    summary("write rate, app path", f"{app:,.0f} rows/s", f"{app / plain:.2f}x insert_all into the same schema")


def session_on(folder: Path, key: bytes) -> Session:
    """A session opened with the known key (no KDF, no access entry: the cached vault stays as built)."""
    return Session(Vault.open_with_key(folder, key, BUILD.USER))


def reads_so_far() -> int:
    """read() system calls of this process so far: on a fresh connection, one per page read and decrypted."""
    with open("/proc/self/io", encoding="ascii") as fh:
        return next(int(x.split()[1]) for x in fh if x.startswith("syscr"))


@dataclass
class Searches:
    """Per search: milliseconds and pages read from the file (a count the machine's load does not change)."""

    ms: list[float] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # this process's CPU time: steadier than wall on a busy machine

    def run(self, svc: Any, term: str) -> None:
        """What the list does per keystroke: the count (capped where the code caps it), then the first page."""
        q = ParticipantQuery(search=term)
        kwargs = {"capped": True} if "capped" in inspect.signature(svc.count).parameters else {}
        reads = reads_so_far()
        started, cpu = time.perf_counter(), time.process_time()
        svc.count(q, **kwargs)
        svc.rows(q, 0, 200)
        self.ms.append((time.perf_counter() - started) * 1000)
        self.cpu.append((time.process_time() - cpu) * 1000)
        self.pages.append(reads_so_far() - reads - 1)  # less the read of /proc/self/io itself

    def text(self) -> str:
        """'p50 / p95 ms; pages read p50 / p95'."""
        pct = BENCH.percentile
        pages = f"pages read {pct(self.pages, 50):,.0f} / {pct(self.pages, 95):,.0f}"
        return f"{pcts(self.ms)} (CPU {pcts(self.cpu)}); {pages}"


def search(folder: Path, plain_db: Path, key: bytes, terms: list[str]) -> None:
    """Search p50/p95 through the service: on a fresh connection, once warm, each on its own connection."""
    session = session_on(folder, key)
    svc = session.participants
    first, warm, broad_first, broad_warm = Searches(), Searches(), Searches(), Searches()
    for batch, out in ((terms, first), (terms, warm), (BROAD, broad_first), (BROAD, broad_warm)):
        for term in batch:
            out.run(svc, term)
    hits = [svc.count(ParticipantQuery(search=t)) for t in (*terms, *BROAD)]
    session.close()
    own = Searches()
    for term in terms[:NEW_CONNECTION_TERMS]:
        session = session_on(folder, key)
        own.run(session.participants, term)
        session.close()
    db = BENCH.plain_sqlcipher(plain_db)
    repo = ParticipantRepository(SimpleNamespace(db=db, read_db=lambda: db))  # type: ignore[arg-type]
    plain_svc = SimpleNamespace(count=repo.count, rows=repo.rows)
    plain_first, plain_warm = Searches(), Searches()
    for out in (plain_first, plain_warm):
        for term in terms:
            out.run(plain_svc, term)
    db.close()
    print(
        f"\nSearch through the service as the list runs it per keystroke: count + first 200 rows ({len(terms)} terms)"
    )
    print(f"  (matches per search: median {statistics.median(hits):,.0f}, max {max(hits):,})")
    line("each term once on a freshly opened vault", first.text())
    line("  the same on plain SQLite", plain_first.text())
    line("the same terms again (warm)", warm.text())
    line("  the same on plain SQLite", plain_warm.text())
    line(f"each on a connection of its own ({len(own.ms)} terms)", own.text())
    line(f"broad prefixes {', '.join(BROAD)}: fresh, max", f"{max(broad_first.ms):.1f} ms")
    line("broad prefixes, warm, max", f"{max(broad_warm.ms):.1f} ms")
    p95 = BENCH.percentile
    summary(
        "search p50 / p95, fresh connection",
        pcts(first.ms),
        f"{p95(first.ms, 95) / p95(plain_first.ms, 95):.2f}x plain SQLite (p95); p95 {p95(first.pages, 95)} pages read",
    )
    summary(
        "search p50 / p95, warm",
        pcts(warm.ms),
        f"{p95(warm.ms, 95) / p95(plain_warm.ms, 95):.2f}x plain SQLite (p95)",
    )
    summary("search p95, each on its own connection", f"{p95(own.ms, 95):.1f} ms", "page cache empty for every search")


def list_pages(folder: Path, plain_db: Path, key: bytes, n: int) -> None:
    """The list's own SQL (counts, pages at the start, middle and end, filters, sorts) vs the plain copy."""
    qs = BENCH.queries(n)
    where, params = ParticipantQuery(sort="rut").where()
    from dmi_desktop.storage.repositories import PARTICIPANT_SELECT

    order = ParticipantQuery(sort="rut").order()
    qs.insert(
        6,
        (
            f"page 200 by RUT @{n // 2}",
            f"SELECT {PARTICIPANT_SELECT} FROM participants p WHERE {where} ORDER BY {order} LIMIT 200 OFFSET {n // 2}",
            params,
        ),
    )
    openers = {
        "SQLCipher": lambda: open_database(folder / DB_NAME, key),
        "plain": lambda: BENCH.plain_sqlcipher(plain_db),
    }
    res = BENCH.run_queries(
        "List queries: the vault vs the same pages unencrypted (cold = fresh connection)", openers, qs
    )
    pages = {k: v for k, v in res.items() if k.startswith("page") or "count" in k}
    cold = max(v["SQLCipher"][0] for v in pages.values())
    warm = [v["SQLCipher"][1] / max(v["plain"][1], 1e-6) for v in res.values()]
    summary("list pages and counts, worst cold", f"{cold:.0f} ms", "first run on a fresh connection")
    summary("list queries / plain SQLite, warm", f"median {statistics.median(warm):.2f}x", f"max {max(warm):.2f}x")


def sectors(folder: Path, plain_db: Path, key: bytes) -> None:
    """sectors() through the service, fresh and warm, against the old full scan on the plain copy."""
    session = session_on(folder, key)
    svc = session.participants
    t = time.perf_counter()
    found = svc.sectors()
    fresh = (time.perf_counter() - t) * 1000
    warm = BUILD.median_of(svc.sectors, 9) * 1000
    session.close()
    db = BENCH.plain_sqlcipher(plain_db)
    scan = "SELECT DISTINCT sector FROM participants WHERE deleted = 0 AND sector <> '' ORDER BY sector"
    plain = BENCH.median_ms(lambda: db.execute(scan).fetchall(), repeat=5)
    db.close()
    print(f"\nsectors() ({len(found)} sectors)")
    line("through the service, first call on a fresh connection", f"{fresh:.2f} ms")
    line("through the service, warm (after every change the list asks again)", f"{warm:.2f} ms")
    line("SELECT DISTINCT over every live row, plain SQLite, warm", f"{plain:.1f} ms", "the query before issue 8")
    summary(
        "sectors(), warm / fresh", f"{warm:.2f} / {fresh:.2f} ms", f"1/{plain / warm:,.0f} of a DISTINCT scan, plain"
    )


# A child forked from this (large) process starts with this process's resident pages, and Linux keeps that in
# its peak RSS even after exec: every command then "peaked" at this process's size. A small launcher is forked
# instead, and it runs the command and reports the command's own peak (its child's, forked from a small image).
LAUNCHER = (
    "import os, subprocess, sys; proc = subprocess.Popen(sys.argv[2:]); _pid, status, usage = os.wait4(proc.pid, 0);"
    " open(sys.argv[1], 'w').write(str(usage.ru_maxrss)); sys.exit(1 if status else 0)"
)


def run_cli(folder: Path, args: list[str], stdout: Path | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one CLI command, in its own process, as a script would run it."""
    env = {**os.environ, "DMI_PASSPHRASE": BUILD.PASSPHRASE, "DMI_USER": BUILD.USER}
    peak_file = folder.parent / "peak-rss.txt"
    cmd = [sys.executable, "-c", LAUNCHER, str(peak_file), sys.executable, "-m", "dmi_desktop", "--vault", str(folder)]
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115 - closed below
    started = time.perf_counter()
    proc = subprocess.run([*cmd, *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if stdout:
        out.close()  # type: ignore[union-attr]
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.decode()}")
    return elapsed, int(peak_file.read_text()) / 1024  # Linux reports kilobytes


def commands(root: Path, plain_db: Path) -> None:
    """list --json, export, backup and audit verify through the CLI, against plain SQLite doing the same work."""
    folder, work = root / "vault", root / "out"
    work.mkdir(exist_ok=True)
    base_s, base_rss = run_cli(folder, ["--json", "participant", "list", "--search", "zzqxw"])
    plain = sqlite3.connect(plain_db)

    def plain_json() -> None:
        cur = plain.execute("SELECT * FROM participants WHERE deleted = 0 ORDER BY sort_name, case_no")
        names = [d[0] for d in cur.description]
        with open(work / "plain.json", "w", encoding="utf-8") as fh:
            for row in cur:
                fh.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=str))

    def plain_csv() -> None:
        cur = plain.execute("SELECT * FROM participants WHERE deleted = 0 ORDER BY sort_name, case_no")
        with open(work / "plain.csv", "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(cur)

    def plain_audit() -> None:
        for table in ("audit_entries", "audit_payloads", "audit_refs"):
            for _row in plain.execute(f"SELECT * FROM {table}"):
                pass

    work_plain = {
        "list --json": (plain_json, "stdlib sqlite3 rows -> json file"),
        "export --format csv": (plain_csv, "stdlib sqlite3 rows -> csv file"),
        "backup": (lambda: shutil.copyfile(folder / DB_NAME, work / "copy.db"), "copying vault.db's bytes"),
        "audit verify": (plain_audit, "reading the audit tables, plain"),
    }
    runs = {
        "list --json": (["--json", "participant", "list"], work / "list.json"),
        "export --format csv": (["export", "participants", "--format", "csv", "--out", str(work / "p.csv")], None),
        "backup": (["backup", "--out", str(work / "vault.dmibackup")], None),
        "audit verify": (["audit", "verify"], None),
    }
    print(f"\nCommands (CLI in a subprocess; start + unlock alone: {base_s:.1f} s, {base_rss:.0f} MB)")
    for label, (args, out) in runs.items():
        for leftover in work.glob("vault.dmibackup*"):
            leftover.unlink()
        (work / "p.csv").unlink(missing_ok=True)
        secs, rss = run_cli(folder, args, out)
        fn, what = work_plain[label]
        ref = BUILD.median_of(fn, 1)
        # The ratio compares the command's own work: its time less the start and unlock every command pays.
        ratio = max(secs - base_s, 0.0) / ref
        line(f"{label}: time, peak RSS", f"{secs:.1f} s, {rss:,.0f} MB", f"{ref:.2f} s {what} ({ratio:.1f}x)")
        summary(f"{label}", f"{secs:.1f} s, {rss:,.0f} MB peak", f"{ratio:.1f}x {what} (start + unlock excluded)")
    plain.close()
    shutil.rmtree(work, ignore_errors=True)


def size(root: Path, n: int, n_child: int) -> None:
    """vault.db per participant, against the unencrypted copy of the same rows."""
    vault_bytes = (root / "vault" / DB_NAME).stat().st_size
    plain_bytes = (root / "plain.db").stat().st_size
    print("\nSize")
    line("vault.db (checkpointed)", f"{vault_bytes / 1e6:,.0f} MB", f"{n:,} participants, {n_child:,} child rows")
    line("per participant", f"{vault_bytes / n:,.0f} B", f"plain copy {plain_bytes / n:,.0f} B")
    summary("vault size per participant", f"{vault_bytes / n:,.0f} B", f"{vault_bytes / plain_bytes:.2f}x plain copy")


def stalls(n: int) -> None:
    """The GUI-thread stall per list action, offscreen, in a process of its own on the same cached vault."""
    cmd = [sys.executable, str(HERE / "scale.py"), "--participants", str(n), "--stalls-only"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    print(result.stdout, end="", flush=True)
    for text in result.stdout.splitlines():
        if "longest stall of all" in text:
            summary("longest GUI-thread stall, any list action", text.split()[-5] + " ms", "budget 50 ms")
    if result.returncode:
        print(result.stderr[-2000:])


def run_stalls(root: Path, key: bytes, terms: list[str]) -> None:
    """(--stalls-only) benchmarks/ui.py's stall run on the cached vault, settings in the cache folder."""
    os.environ["DMI_HOME"] = str(root / "home")
    os.environ["XDG_CONFIG_HOME"] = str(root / "config")
    load("ui").run_stalls(root / "vault", key, terms)


def main(argv: list[str] | None = None) -> None:
    """Build or reuse the vault, then print every figure and the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="build the cached vault again")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-stalls", action="store_true", help="skip the GUI-thread stalls")
    parser.add_argument("--no-insert-all", action="store_true", help="build without the insert_all comparison")
    parser.add_argument(
        "--only", default="", help="comma-separated parts: writes,search,list,sectors,commands,size,stalls"
    )
    parser.add_argument("--stalls-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    n = args.participants
    rebuild = args.rebuild and not args.stalls_only
    root, figures = BUILD.load_or_build(n, args.seed, rebuild, BENCH, insert_all=not args.no_insert_all)
    key = BUILD.unlock_key(root)
    terms: list[str] = figures["terms"]
    if args.stalls_only:
        run_stalls(root, key, load("ui").stall_terms(terms))
        return
    folder, plain_db = root / "vault", root / "plain.db"
    print(f"DMI Desktop scale benchmark — {n:,} participants, vault in {root}")
    steps: dict[str, Callable[[], None]] = {
        "writes": lambda: writes(figures),
        "search": lambda: search(folder, plain_db, key, terms),
        "list": lambda: list_pages(folder, plain_db, key, n),
        "sectors": lambda: sectors(folder, plain_db, key),
        "commands": lambda: commands(root, plain_db),
        "size": lambda: size(root, n, figures["n_child"]),
        "stalls": lambda: stalls(n),
    }
    chosen = args.only.split(",") if args.only else [s for s in steps if not (s == "stalls" and args.no_stalls)]
    for name in chosen:
        steps[name]()
    print("\nSummary")
    for label, value, note in SUMMARY:
        print(f"  {label:<42} {value:<26} {note}")


if __name__ == "__main__":
    main()

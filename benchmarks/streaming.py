"""Peak memory and time of the whole-vault reads and copies: backup, verify + restore, exports, list, audit verify.

Builds (or reuses, cached under the system temp folder) a vault of N participants with child rows, sized by
default to reach about 600 MB, plus a long audit chain. Each operation runs in a fresh child process that
reports its time and its peak resident memory (``VmHWM``); "before" runs the very same functions from the
code of an earlier commit (``git archive REV dmi_desktop``), "after" from this tree. Prints; never asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # benchmarks/ is no package; appended so a child's PYTHONPATH code comes first

PASSPHRASE = "benchmark caballo batería grapa 2026"
USER = "bench"
# The commit this branch started from: the code before streaming (backups in memory, exports in lists).
BEFORE = "28b2665"
OPERATIONS = ("backup", "restore", "export-csv", "export-xlsx", "export-json", "list-json", "audit-verify")
BATCH = 20_000


def _memory() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB, from /proc (Linux)."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


# -- building the vault -------------------------------------------------------------------------------------


def cache_folder(participants: int, audit_entries: int) -> Path:
    """Where the vault of this size is kept between runs (the system temp folder)."""
    return Path(tempfile.gettempdir()) / f"dmi-bench-streaming-{participants}-{audit_entries}"


def build_vault(folder: Path, participants: int, audit_entries: int) -> None:
    """Create the vault through the app's bulk path: participants, influentials, check-ins, then audit entries."""
    from benchmarks.vault import make_people
    from dmi_desktop.domain.rut import format_rut, rut_check_digit
    from dmi_desktop.services.session import Session
    from dmi_desktop.storage.keyslots import TEST_KDF

    vault = folder / "vault"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["DMI_HOME"] = str(folder / "home")
    session, _recovery = Session.create(vault, user=USER, passphrase=PASSPHRASE, device_code="BEN", kdf=TEST_KDF)
    started = time.perf_counter()
    for start in range(0, participants, BATCH):
        count = min(BATCH, participants - start)
        people = make_people(count, seed=start + 1)
        for i, row in enumerate(people.participants):
            if row["rut"]:  # unique across batches: 97 is prime to 21 000 000, so i -> i * 97 is one-to-one
                body = str(5_000_000 + ((start + i) * 97) % 21_000_000)
                row["rut"] = format_rut(f"{body}{rut_check_digit(body)}")
        ids = [p.id for p in session.participants.create_many(people.participants)]
        for table, rows in (("influentials", people.influentials), ("checkins", people.checkins)):
            pairs = [(pid, f) for pid, kids in zip(ids, rows, strict=True) for f in kids]
            session.participants.add_records(table, pairs)
        print(f"  built {start + count:,} participants ({time.perf_counter() - started:.0f} s)", flush=True)
    vault_obj = session.vault
    done = 0
    while done < audit_entries:
        with vault_obj.atomic():
            for _ in range(min(BATCH, audit_entries - done)):
                vault_obj.audit.append(USER, "participant.view", "participant", "x", payload={"n": done})
                done += 1
    session.close()
    (folder / "complete").write_text("ok\n", encoding="ascii")


# -- one measured operation (in a child process) --------------------------------------------------------------


def run_operation(op: str, folder: Path, work: Path) -> dict[str, Any]:
    """Run ``op`` once; return its seconds and the process's memory before and at its peak."""
    os.environ["DMI_HOME"] = str(folder / "home")
    from dmi_desktop.cli.main import main as cli_main
    from dmi_desktop.services import backups
    from dmi_desktop.services.exporter import export_participants
    from dmi_desktop.services.session import Session

    vault = folder / "vault"
    backup_file = work / "copia.dmibackup"
    session = None
    if op not in ("restore", "list-json"):
        session = Session.unlock(vault, PASSPHRASE)
    base, _peak = _memory()
    started = time.perf_counter()
    if op == "backup":
        backups.backup(session, backup_file)
    elif op == "restore":
        target = work / "restaurada"
        shutil.rmtree(target, ignore_errors=True)
        backups.restore_into_empty(target, backup_file, PASSPHRASE)
    elif op.startswith("export-"):
        fmt = op.split("-")[1]
        export_participants(session, work / f"lista.{fmt}", fmt)
    elif op == "list-json":
        os.environ["DMI_PASSPHRASE"] = PASSPHRASE
        with open(work / "lista-cli.json", "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
            status = cli_main(["--vault", str(vault), "participant", "list", "--json"])
        if status:
            raise SystemExit(f"list --json exited {status}")
    elif op == "audit-verify":
        session.verify_audit()
    seconds = time.perf_counter() - started
    _now, peak = _memory()
    if session is not None:
        session.close()
    import dmi_desktop

    return {"seconds": seconds, "base_mb": base, "peak_mb": peak, "code": str(Path(dmi_desktop.__file__).parent)}


def _child(op: str, folder: Path, work: Path, code: Path) -> dict[str, Any] | None:
    """Run one operation in a fresh interpreter importing ``dmi_desktop`` from ``code``; None if it failed."""
    env = {**os.environ, "PYTHONPATH": f"{code}{os.pathsep}{ROOT}", "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", op, "--folder", str(folder), "--work", str(work)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, cwd=code)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["?"])[-1]
        print(f"    {op} failed with the code in {code.name}: {tail}", flush=True)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _old_tree(rev: str, into: Path) -> Path | None:
    """``dmi_desktop`` as it was at ``rev``, unpacked into ``into``; None if git cannot give it."""
    archive = subprocess.run(["git", "archive", rev, "dmi_desktop"], cwd=ROOT, capture_output=True, check=False)
    if archive.returncode != 0:
        return None
    into.mkdir(parents=True, exist_ok=True)
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main(argv: list[str] | None = None) -> None:
    """Build or reuse the vault, then time every operation before and after."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=150_000, help="default: vault.db of about 600 MB")
    parser.add_argument("--audit-entries", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per operation (the median is printed)")
    parser.add_argument("--before", default=BEFORE, metavar="REV", help="commit to compare with ('' for none)")
    parser.add_argument("--only", nargs="*", choices=OPERATIONS, default=list(OPERATIONS))
    parser.add_argument("--child", choices=OPERATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_operation(args.child, args.folder, args.work)))
        return
    folder = cache_folder(args.participants, args.audit_entries)
    if not (folder / "complete").exists():
        print(f"building {args.participants:,} participants and {args.audit_entries:,} audit entries in {folder}")
        build_vault(folder, args.participants, args.audit_entries)
    size = (folder / "vault" / "vault.db").stat().st_size / 1e6
    print(f"DMI Desktop streaming benchmark — {args.participants:,} participants, vault.db {size:.0f} MB")
    print(f"median of {args.repeat} run(s); peak = the child process's VmHWM (imports and unlock included)")
    with tempfile.TemporaryDirectory(prefix="dmi-streaming-") as tmp:
        versions = [("after", ROOT)]
        if args.before:
            old = _old_tree(args.before, Path(tmp) / "code-before")
            if old is None:
                print(f"(no 'before': git cannot give {args.before})")
            else:
                versions.insert(0, (f"before ({args.before})", old))
        results: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for name, code in versions:
            work = Path(tmp) / name.split()[0]
            work.mkdir()
            for op in args.only:
                if op == "restore" and "backup" not in args.only:
                    _child("backup", folder, work, code)  # restore needs a backup made by the same code
                runs = [r for r in (_child(op, folder, work, code) for _ in range(args.repeat)) if r]
                results.setdefault(op, {})[name] = runs
                if runs:
                    print(
                        f"  {name:<20} {op:<13} {_median(runs, 'seconds'):8.2f} s  peak {_median(runs, 'peak_mb'):6.0f}"
                        f" MB  (before the operation {_median(runs, 'base_mb'):4.0f} MB)",
                        flush=True,
                    )
        _table(results, [n for n, _c in versions])


def _table(results: dict[str, dict[str, list[dict[str, Any]]]], names: list[str]) -> None:
    print()
    print(f"{'operation':<14}" + "".join(f"{n.split()[0] + ' s / MB':>22}" for n in names) + "   after/before")
    for op, by in results.items():
        cells, figures = [], []
        for n in names:
            runs = by.get(n) or []
            if runs:
                s, mb = _median(runs, "seconds"), _median(runs, "peak_mb")
                figures.append((s, mb))
                cells.append(f"{s:10.2f} / {mb:6.0f}")
            else:
                figures.append(None)
                cells.append(f"{'n/a':>19}")
        ratio = ""
        if len(figures) == 2 and all(figures):
            (s0, m0), (s1, m1) = figures  # type: ignore[misc]
            ratio = f"   time {s1 / s0:4.2f}x, memory {m1 / m0:4.2f}x"
        print(f"{op:<14}" + "".join(f"{c:>22}" for c in cells) + ratio)


if __name__ == "__main__":
    main()

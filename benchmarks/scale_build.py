"""The cached vault of benchmarks/scale.py: built once per schema version and size through the app's write path.

Loaded by benchmarks/scale.py (benchmarks/ is no package). The vault, an unencrypted copy of it (the "plain
SQLite" side of every ratio), the build figures and the search terms live in one folder under the system temp
folder, named by schema version and N; ``build.json`` is written last, so a build cut short is redone.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dmi_desktop.services.session import Session  # noqa: E402
from dmi_desktop.storage.connection import open_database  # noqa: E402
from dmi_desktop.storage.driver import Database  # noqa: E402
from dmi_desktop.storage.keyslots import KeyFile  # noqa: E402
from dmi_desktop.storage.schema import LATEST_VERSION  # noqa: E402
from dmi_desktop.storage.vault import DB_NAME, KEYS_NAME  # noqa: E402
from dmi_desktop.storage.vault_keys import resolve_access  # noqa: E402

PASSPHRASE = "benchmark caballo batería grapa 2026"
USER = "bench"
CHUNK = 100_000  # participants per import transaction (with their child rows): a large real import
TABLES = ("participants", "influentials", "checkins")
ROW_BLOCK = 50_000  # rows read from the vault per insert_all call when timing the comparison


def cache_folder(n: int) -> Path:
    """Where the vault of N participants for this schema version is kept between runs."""
    return Path(tempfile.gettempdir()) / f"dmi-scale-schema{LATEST_VERSION}-{n}"


def load_or_build(
    n: int, seed: int, rebuild: bool, bench: ModuleType, *, insert_all: bool = True
) -> tuple[Path, dict[str, Any]]:
    """The cache folder and its build figures (built first when missing or ``rebuild``; a build cut short
    resumes after its last committed chunk)."""
    root = cache_folder(n)
    info = root / "build.json"
    if info.exists() and not rebuild:
        print(f"reusing the vault cached in {root} (--rebuild to build it again)")
        return root, json.loads(info.read_text(encoding="utf-8"))
    if rebuild or not (root / PROGRESS).exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
    figures = build(root, n, seed, bench, insert_all=insert_all)
    info.write_text(json.dumps(figures), encoding="utf-8")
    return root, figures


PROGRESS = "progress.json"  # what the chunks committed so far took: a build cut short resumes from there


def build(root: Path, n: int, seed: int, bench: ModuleType, *, insert_all: bool = True) -> dict[str, Any]:
    """Write N participants and their child rows through the app, then the same rows with insert_all."""
    started = time.perf_counter()
    t_gen = time.perf_counter()
    people = bench.make_people(n, seed)
    terms = bench.search_terms(people, 200, seed)
    t_gen = time.perf_counter() - t_gen
    print(f"generated {n:,} participants in {t_gen:.0f} s", flush=True)
    progress_file = root / PROGRESS
    if progress_file.exists():
        progress = json.loads(progress_file.read_text(encoding="utf-8"))
        session = Session.unlock(root / "vault", PASSPHRASE, USER)
        print(f"resuming after {progress['done']:,} participants", flush=True)
    else:
        progress = {"done": 0, "seconds_participants": 0.0, "seconds_children": 0.0, "n_child": 0}
        session, _recovery = Session.create(root / "vault", user=USER, passphrase=PASSPHRASE, device_code="BEN")
    svc = session.participants
    for start in range(progress["done"], n, CHUNK):
        end = min(n, start + CHUNK)
        t = time.perf_counter()
        created = svc.create_many(people.participants[start:end])
        progress["seconds_participants"] += time.perf_counter() - t
        ids = [p.id for p in created]
        del created
        t = time.perf_counter()
        infl = [(pid, f) for pid, fs in zip(ids, people.influentials[start:end], strict=True) for f in fs]
        chk = [(pid, f) for pid, fs in zip(ids, people.checkins[start:end], strict=True) for f in fs]
        svc.add_records("influentials", infl)
        svc.add_records("checkins", chk)
        progress["seconds_children"] += time.perf_counter() - t
        progress["n_child"] += len(infl) + len(chk)
        progress["done"] = end
        progress_file.write_text(json.dumps(progress), encoding="utf-8")
        print(f"  {end:,} participants written ({time.perf_counter() - started:.0f} s)", flush=True)
    key = session.vault._key  # the benchmark's own vault: measurements below skip the KDF
    session.close()
    del people
    seconds_app = progress["seconds_participants"] + progress["seconds_children"]
    app_rows = n + progress["n_child"]
    print(f"app write path: {app_rows / seconds_app:,.0f} rows/s", flush=True)
    t_insert = insert_all_same_rows(root, key, bench) if insert_all else 0.0
    export_plain(root / "vault" / DB_NAME, key, root / "plain.db", bench)
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    return {
        **progress,
        "n": n,
        "seconds_generate": t_gen,
        "seconds_insert_all": t_insert,
        "seconds_build": time.perf_counter() - started,
        "terms": terms,
    }


def _rows(db: Database, table: str) -> Iterator[list[dict[str, Any]]]:
    """Every row of ``table`` in blocks of dicts."""
    cur = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
    names = [d[0] for d in cur.description]
    while block := cur.fetchmany(ROW_BLOCK):
        yield [dict(zip(names, r, strict=True)) for r in block]


def insert_all_same_rows(root: Path, key: bytes, bench: ModuleType) -> float:
    """Seconds sqlite-utils insert_all takes for the vault's rows into a new keyed vault schema (FTS, triggers)."""
    source = open_database(root / "vault" / DB_NAME, key)
    target_path = root / "insert_all.db"
    target = open_database(target_path, key, create=True)
    for stmt in bench.schema_ddl(source, True):
        target.execute(stmt)
    spent = 0.0
    with target.atomic():
        for table in TABLES:
            for block in _rows(source, table):
                t = time.perf_counter()
                target[table].insert_all(block, batch_size=500)
                spent += time.perf_counter() - t
    t = time.perf_counter()
    target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    spent += time.perf_counter() - t
    target.close()
    source.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target_path}{suffix}").unlink(missing_ok=True)
    return spent


def export_plain(vault_db: Path, key: bytes, target: Path, bench: ModuleType) -> None:
    """An unencrypted copy with identical pages (sqlcipher_export): the plain-SQLite side of the ratios."""
    db = open_database(vault_db, key)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    bench._export_plain(vault_db, key, target)


def unlock_key(root: Path) -> bytes:
    """The vault's key, from the benchmark passphrase (one KDF; no lock taken, nothing written)."""
    keyfile = KeyFile.load(root / "vault" / KEYS_NAME)
    return resolve_access(keyfile, *keyfile.unlock_user(USER, PASSPHRASE)).db_key


def median_of(fn: Callable[[], Any], repeat: int = 5) -> float:
    """Median seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)

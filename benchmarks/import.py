"""Import benchmark: a generated CSV through the app's import (preview + apply) vs sqlite-utils insert_all.

Usage: python benchmarks/import.py [--rows 100000] [--rows 1000000] [--demo-participants 1000] [--seed 7]

Prints rows/s, the ratio to ``insert_all`` of the very same rows into the vault's own keyed schema (FTS,
triggers, indexes), the import's peak resident memory (measured in a child process that does nothing else),
and the demo vault's bytes per participant. Everything is written in a temporary folder removed at the end.
Benchmarks print; they never assert.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSPHRASE = "benchmark caballo batería grapa 2026"
USER = "bench"
HEADERS = [
    "Nombres",
    "Apellido paterno",
    "Apellido materno",
    "Alias",
    "RUT",
    "Fecha de nacimiento",
    "Sexo",
    "Teléfono",
    "Dirección",
    "Sector",
]


def write_csv(path: Path, rows: int, seed: int) -> None:
    """A municipal-looking CSV (Excel's ``;``, Chilean names, valid unique RUTs), written row by row."""
    from faker import Faker

    from dmi_desktop.domain.rut import format_rut, rut_check_digit
    from dmi_desktop.services import demo_data

    fake = Faker("es_CL")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    male = [fake.first_name_male() for _ in range(600)]
    female = [fake.first_name_female() for _ in range(600)]
    surnames = [fake.last_name() for _ in range(1500)]
    streets = [s for _w, sts in demo_data.SECTORS.values() for s in sts]
    sectors = list(demo_data.SECTORS)
    weights = [w for w, _s in demo_data.SECTORS.values()]
    today = date.today()
    # Unique RUT bodies without holding a million of them: a fixed stride through the range from a random start.
    start, stride = rng.randrange(5_000_000, 6_000_000), 17
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(HEADERS)
        for i in range(rows):
            female_p = rng.random() < 0.3
            first = rng.choice(female if female_p else male)
            if rng.random() < 0.4:
                first += " " + rng.choice(female if female_p else male)
            body = str(start + i * stride)
            out.writerow(
                [
                    first,
                    rng.choice(surnames),
                    rng.choice(surnames),
                    rng.choice(demo_data.ALIASES_FEMALE if female_p else demo_data.ALIASES_MALE) if i % 3 else "",
                    format_rut(f"{body}{rut_check_digit(body)}") if rng.random() < 0.85 else "",
                    (today - timedelta(days=rng.randint(17 * 365, 45 * 365))).strftime("%d-%m-%Y"),
                    "Femenino" if female_p else "Masculino",
                    f"+569 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                    f"{rng.choice(streets)} {rng.randint(100, 12000)}",
                    rng.choices(sectors, weights)[0],
                ]
            )


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_import(source: Path, folder: Path) -> None:
    """Run in a fresh process: create a vault, import ``source`` through the service, print the figures as JSON."""
    from dmi_desktop.services.importer import apply_import, preview_import
    from dmi_desktop.services.session import Session
    from dmi_desktop.storage.keyslots import TEST_KDF

    session, _recovery = Session.create(folder, user=USER, passphrase=PASSPHRASE, device_code="BEN", kdf=TEST_KDF)
    before = peak_rss_mb()
    started, cpu0 = time.perf_counter(), time.process_time()
    preview = preview_import(session, source)
    previewed, cpu1 = time.perf_counter(), time.process_time()
    result = apply_import(session, preview)
    applied, cpu2 = time.perf_counter(), time.process_time()
    key = session.vault._key.hex()
    session.close()
    figures = {
        "preview_s": previewed - started,
        "apply_s": applied - previewed,
        "preview_cpu": cpu1 - cpu0,
        "apply_cpu": cpu2 - cpu1,
        "created": result.created,
        "errors": preview.error_count if hasattr(preview, "error_count") else len(preview.errors),
        "rss_before_mb": before,
        "rss_peak_mb": peak_rss_mb(),
        "key": key,
    }
    print(json.dumps(figures))


def insert_all_seconds(vault_folder: Path, key: bytes, work: Path) -> tuple[int, float, float]:
    """insert_all of the vault's participant rows into an empty keyed database with the same schema: rows,
    wall seconds, CPU seconds."""
    from vault import copy_rows, insert_all, schema_ddl

    from dmi_desktop.storage.connection import open_database

    source = open_database(vault_folder / "vault.db", key)
    rows = copy_rows(source, "participants")
    ddl = schema_ddl(source, True)
    source.close()
    target = open_database(work / "insert_all.db", key, create=True)
    for stmt in ddl:
        target.execute(stmt)
    cpu = time.process_time()
    seconds = insert_all(target, {"participants": rows})
    cpu = time.process_time() - cpu
    target.close()
    return len(rows), seconds, cpu


def demo_bytes(work: Path, participants: int, seed: int) -> tuple[int, float]:
    """vault.db bytes of a demo vault of ``participants`` files, and the seconds its build took."""
    from dmi_desktop.services.demo import build_demo_vault
    from dmi_desktop.storage.keyslots import TEST_KDF

    folder = work / "demo"
    started = time.perf_counter()
    build_demo_vault(folder, participants=participants, seed=seed, kdf=TEST_KDF)
    return (folder / "vault.db").stat().st_size, time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    """Generate, import in a child process, compare with insert_all, build the demo; print everything."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--demo-participants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child-import", nargs=2, metavar=("CSV", "VAULT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_import:
        child_import(Path(args.child_import[0]), Path(args.child_import[1]))
        return
    # The child's installation record and the demo's stay in the temporary folder, not in the user's data.
    with tempfile.TemporaryDirectory(prefix="dmi-import-bench-") as tmp:
        work = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(work / "data")
        source = work / "listado.csv"
        t0 = time.perf_counter()
        write_csv(source, args.rows, args.seed)
        size_mb = source.stat().st_size / 1e6
        print(
            f"DMI Desktop import benchmark — {args.rows:,} rows, CSV of {size_mb:.1f} MB (generated in "
            f"{time.perf_counter() - t0:.1f} s)"
        )
        child = subprocess.run(
            [sys.executable, __file__, "--child-import", str(source), str(work / "vault")],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            print(child.stderr.strip().splitlines()[-1] if child.stderr.strip() else "the import failed")
            return
        figures: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
        rows, t_insert, cpu_insert = insert_all_seconds(work / "vault", bytes.fromhex(figures.pop("key")), work)
        t_app = figures["preview_s"] + figures["apply_s"]
        cpu_app = figures["preview_cpu"] + figures["apply_cpu"]
        app_rate, base_rate = figures["created"] / t_app, rows / t_insert
        print(f"  preview (read + check every row)   {figures['preview_s']:8.2f} s")
        print(f"  apply (read again + write)         {figures['apply_s']:8.2f} s")
        print(f"  import, preview + apply            {t_app:8.2f} s  {app_rate:10,.0f} rows/s")
        print(f"  insert_all, same rows, same schema {t_insert:8.2f} s  {base_rate:10,.0f} rows/s")
        print(f"  import / insert_all                {app_rate / base_rate:8.2f}x  (target >= 0.5x)")
        print(f"  apply alone / insert_all           {rows / figures['apply_s'] / base_rate:8.2f}x")
        # CPU time is steadier than wall time on a shared machine (both sides are CPU-bound).
        print(
            f"  the same in CPU seconds: import {cpu_app:.2f} s (preview {figures['preview_cpu']:.2f}, apply"
            f" {figures['apply_cpu']:.2f}), insert_all {cpu_insert:.2f} s: {cpu_insert / cpu_app:.2f}x"
        )
        print(
            f"  peak RSS of the importing process  {figures['rss_peak_mb']:8.0f} MB  (after creating the vault:"
            f" {figures['rss_before_mb']:.0f} MB; target < 500 MB at 1 000 000 rows)"
        )
        if args.demo_participants:
            size, seconds = demo_bytes(work, args.demo_participants, args.seed)
            print(
                f"demo --participants {args.demo_participants}: vault.db {size / 1e6:.1f} MB, "
                f"{size / args.demo_participants:,.0f} bytes per participant (target < 4 kB), built in {seconds:.1f} s"
            )


if __name__ == "__main__":
    main()

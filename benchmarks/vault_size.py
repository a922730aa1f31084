"""Vault size: what each table, index, the search index and the audit cost per participant (never asserts).

Usage: python benchmarks/vault_size.py [--participants 100000] [--seed 7]

Builds the vault exactly as ``vault.py`` does (the app's bulk path, the same generated participants with
1–2 influentials and 3 check-ins each), vacuums a copy, exports it unencrypted (``sqlcipher_export``: the
same b-trees) and reads SQLite's ``dbstat`` there (the bundled SQLCipher is built without it; the standard
library's SQLite has it). Bytes are pages, counted in the encrypted file's page size. Written in a
temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.vault import PASSPHRASE, USER, make_people
from dmi_desktop.services.session import Session
from dmi_desktop.storage import keyslots
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.vault import DB_NAME

# Which part of the vault each b-tree belongs to (anything not listed is "other").
_AUDIT = ("audit_entries", "audit_payloads", "audit_refs", "audit_heads")


def part_of(name: str, table: str) -> str:
    """The part of the split a b-tree (table or index ``name`` of ``table``) is counted in."""
    if table.startswith("participants_fts") or name.startswith("participants_fts"):
        return "search index (FTS5)"
    if table in _AUDIT:
        return (
            "audit: references"
            if table == "audit_refs"
            else "audit: payloads"
            if table == "audit_payloads"
            else ("audit: entries")
        )
    if name.endswith("_updated_hlc"):
        return "updated_hlc indexes (all tables)"
    return f"{table}: rows" if name == table else f"{table}: indexes (id key included)"


def split(plain: Path) -> dict[str, int]:
    """Bytes per part (pages × page size), read with ``dbstat`` on an unencrypted copy."""
    conn = sqlite3.connect(plain)
    try:
        owners = {r[0]: r[1] for r in conn.execute("SELECT name, tbl_name FROM sqlite_master")}
        parts: dict[str, int] = {}
        for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            key = part_of(name, owners.get(name, name))
            parts[key] = parts.get(key, 0) + int(size)
        return parts
    finally:
        conn.close()


def measure(folder: Path, key: bytes, work: Path) -> tuple[int, dict[str, int]]:
    """The vacuumed keyed size of the vault and its split (scaled to the keyed file's page count)."""
    work.mkdir(parents=True, exist_ok=True)
    whole, plain = work / "whole.db", work / "plain.db"
    db = open_database(folder / DB_NAME, key)
    db.execute(f"VACUUM INTO '{whole}'")
    db.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    db.execute("SELECT sqlcipher_export('plain')")
    db.execute("DETACH DATABASE plain")
    db.close()
    parts = split(plain)
    # Encrypted pages keep a reserve (IV + HMAC) so hold a little less: scale to the keyed file.
    scale = whole.stat().st_size / max(sum(parts.values()), 1)
    return whole.stat().st_size, {k: round(v * scale) for k, v in parts.items()}


def build(folder: Path, n: int, seed: int) -> tuple[bytes, int]:
    """A vault of ``n`` generated participants and their child rows, written through the app's bulk path."""
    people = make_people(n, seed)
    session, _recovery = Session.create(
        folder, user=USER, passphrase=PASSPHRASE, device_code="BEN", kdf=keyslots.TEST_KDF
    )
    key = session.vault._key
    svc = session.participants
    ids = [p.id for p in svc.create_many(people.participants)]
    infl = [(pid, f) for pid, rows in zip(ids, people.influentials, strict=True) for f in rows]
    chk = [(pid, f) for pid, rows in zip(ids, people.checkins, strict=True) for f in rows]
    svc.add_records("influentials", infl)
    svc.add_records("checkins", chk)
    session.close()
    return key, len(infl) + len(chk)


def report(n: int, n_child: int, whole: int, parts: dict[str, int]) -> Iterable[str]:
    """The printed table: bytes per participant and MB per part, largest first."""
    yield f"vault.db vacuumed: {whole / 1e6:.1f} MB, {whole / n:,.0f} bytes per participant"
    yield f"({n:,} participants, {n_child:,} influentials and check-ins)"
    yield ""
    yield f"{'part':<46} {'B/participant':>14} {'MB':>8} {'share':>6}"
    small = sum(size for size in parts.values() if size / n < 1)
    for name, size in sorted(parts.items(), key=lambda kv: -kv[1]):
        if size / n >= 1:
            yield f"{name:<46} {size / n:>14,.0f} {size / 1e6:>8.1f} {size / whole:>6.1%}"
    yield f"{'everything else':<46} {small / n:>14,.0f} {small / 1e6:>8.1f} {small / whole:>6.1%}"


def main(argv: Iterable[str] | None = None) -> None:
    """Build, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(list(argv) if argv is not None else None)
    with tempfile.TemporaryDirectory(prefix="dmi-size-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        key, n_child = build(root / "vault", args.participants, args.seed)
        print(f"built in {time.perf_counter() - started:.0f} s")
        whole, parts = measure(root / "vault", key, root / "sizes")
        for line in report(args.participants, n_child, whole, parts):
            print(line)


if __name__ == "__main__":
    main()

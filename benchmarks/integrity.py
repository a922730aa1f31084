"""Integrity benchmark: what a full page check costs on a big vault, next to what a command's open costs.

Usage: python benchmarks/integrity.py [--participants N] [--seed 7]

Decides whether every command can afford ``PRAGMA cipher_integrity_check`` (every page read and its HMAC
checked) before it appends its access entry, or only ``check`` runs it. Prints figures, never asserts;
everything is written inside a temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.vault import PASSPHRASE, USER, make_people, timed
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.storage.vault import DB_NAME, Vault


def _median_s(fn, repeat: int = 3) -> float:
    return statistics.median(timed(fn)[0] for _ in range(repeat))


def main(argv: list[str] | None = None) -> None:
    """Build the vault through the app's bulk path, then time each check on a fresh connection."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    n = args.participants
    with tempfile.TemporaryDirectory(prefix="dmi-integrity-") as tmp:
        folder = Path(tmp) / "vault"
        people = make_people(n, args.seed)
        session, _recovery = Session.create(folder, user=USER, passphrase=PASSPHRASE, device_code="BEN", kdf=TEST_KDF)
        key = session.vault._key
        ids = [p.id for p in session.participants.create_many(people.participants)]
        session.participants.add_records(
            "checkins", [(pid, f) for pid, chk in zip(ids, people.checkins, strict=True) for f in chk]
        )
        session.close()
        size_mb = (folder / DB_NAME).stat().st_size / 1e6
        print(f"DMI Desktop integrity benchmark — {n:,} participants, vault.db {size_mb:.0f} MB")

        def open_only() -> None:
            Vault.open_with_key(folder, key, USER).close()

        def pragma(name: str):
            def run() -> None:
                vault = Vault.open_with_key(folder, key, USER)
                try:
                    vault.db.execute(f"PRAGMA {name}").fetchall()
                finally:
                    vault.close()

            return run

        base = _median_s(open_only)
        print(f"{'open (Vault.open_with_key, no KDF)':<48} {base * 1000:9.1f} ms")
        for name in ("cipher_integrity_check", "quick_check", "integrity_check"):
            seconds = _median_s(pragma(name)) - base
            print(
                f"{'PRAGMA ' + name + ' (fresh connection)':<48} {seconds * 1000:9.1f} ms  {seconds / base:7.0f}x open"
            )


if __name__ == "__main__":
    main()

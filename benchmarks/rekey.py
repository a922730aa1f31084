"""Re-key benchmark: what removing a user costs on a big vault (safety backup, export under a new key, swap).

Usage: python benchmarks/rekey.py [--participants N] [--seed 7]

Times ``users.remove`` (which re-keys) against a plain backup of the same vault and the unlock after it, on a
vault built through the app's bulk path. Prints figures, never asserts; everything is written inside a
temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.vault import PASSPHRASE, USER, make_people, timed
from dmi_desktop.domain.roles import Role
from dmi_desktop.services import backups
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.storage.repositories import ParticipantQuery
from dmi_desktop.storage.vault import DB_NAME

COLLEAGUES = ("Colega Uno", "Colega Dos", "Colega Tres")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    """Build the vault, then time a backup, each re-key and the unlock after."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    n = args.participants
    with tempfile.TemporaryDirectory(prefix="dmi-rekey-") as tmp:
        folder = Path(tmp) / "vault"
        people = make_people(n, args.seed)
        session, _recovery = Session.create(folder, user=USER, passphrase=PASSPHRASE, device_code="BEN", kdf=TEST_KDF)
        ids = [p.id for p in session.participants.create_many(people.participants)]
        session.participants.add_records(
            "checkins", [(pid, f) for pid, chk in zip(ids, people.checkins, strict=True) for f in chk]
        )
        for name in COLLEAGUES:
            session.users.add(name, Role.STAFF, f"{name} frase larga de prueba 2026")
        size_mb = (folder / DB_NAME).stat().st_size / 1e6
        print(f"DMI Desktop re-key benchmark — {n:,} participants, vault.db {size_mb:.0f} MB")
        print(f"{'peak RSS after building':<44} {_peak_mb():9.0f} MB")
        backup_s, _ = timed(lambda: backups.backup(session, Path(tmp) / "plain.dmibackup"))
        print(f"{'plain backup (for scale)':<44} {backup_s * 1000:9.0f} ms")
        for what, action in (
            ("user remove (re-key)", lambda: session.users.remove(COLLEAGUES[0])),
            ("recovery-key regenerate (re-key)", lambda: session.users.regenerate_recovery()),
            ("passphrase change --compromised", lambda: session.users.change_passphrase(PASSPHRASE, compromised=True)),
        ):
            seconds, _ = timed(action)
            print(f"{what:<44} {seconds * 1000:9.0f} ms  {seconds / backup_s:5.1f}x a backup")
        session.close()
        unlock_s, again = timed(lambda: Session.unlock(folder, PASSPHRASE, USER))
        print(f"{'unlock after three re-keys (test KDF)':<44} {unlock_s * 1000:9.0f} ms")
        print(f"{'participants readable after':<44} {again.participants.count(ParticipantQuery()):9,d}")
        again.close()
        print(f"{'peak RSS':<44} {_peak_mb():9.0f} MB")


if __name__ == "__main__":
    main()

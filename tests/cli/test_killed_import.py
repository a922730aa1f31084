"""An ``import`` killed (SIGKILL: no cleanup runs) while it writes leaves the vault exactly as it was: the
whole import is one transaction, so there is nothing half-imported to find or repair."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dmi_desktop.domain.rut import rut_check_digit
from tests.cli.conftest import REPO
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")

ROWS = 20_000
_WAL_WRITE_LOCK = 120  # SQLite's WAL writer lock: this byte of the -shm file, held for a whole write transaction


def _writing(shm: Path) -> bool:
    """True while another process holds the vault's write lock (asked with F_GETLK, taking nothing)."""
    try:
        fd = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        query = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _WAL_WRITE_LOCK, 1, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, query)
        return struct.unpack("hhqqi4x", answer)[0] != fcntl.F_UNLCK
    finally:
        os.close(fd)


def _big_csv(path: Path) -> Path:
    lines = ["Nombres;Apellido paterno;RUT;Sector"]
    for n in range(ROWS):
        body = str(11_000_000 + n)
        lines.append(f"Persona{n};Apellido{n};{body}-{rut_check_digit(body)};Colón Oriente")
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    return path


def test_an_import_killed_while_writing_leaves_nothing_behind(cli, tmp_path: Path) -> None:
    cli.add_participant("Ya", "Estaba")
    source = _big_csv(tmp_path / "grande.csv")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DMI_")}
    env.update(DMI_HOME=str(cli.home), DMI_PASSPHRASE=PASSPHRASE, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dmi_desktop", "import", "participants", str(source)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    shm = cli.vault / "vault.db-shm"
    try:
        deadline = time.monotonic() + 120
        held = 0  # the unlock's own write takes the lock for milliseconds; the import's holds it for seconds
        while held < 3:
            assert proc.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline, "the import never started writing"
            held = held + 1 if _writing(shm) else 0
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    listed = cli.ok("participant", "list", "--json").json()
    assert [p["nombres"] for p in listed] == ["Ya"]
    assert cli("check").code == 0
    assert cli("audit", "verify").code == 0

"""Shared fixtures: one template vault per test session (the KDF is slow on purpose), copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dmi_desktop.domain.roles import Role
from dmi_desktop.services.session import Session
from dmi_desktop.storage.installation import RECORD_NAME
from dmi_desktop.storage.keyslots import TEST_KDF

PASSPHRASE = "caballo batería grapa correcta 42"
STAFF_PASSPHRASE = "lámpara violeta tranvía nublado 7"
VIEWER_PASSPHRASE = "tortuga cuaderno volcán sereno 19"
COORDINATOR, STAFF, VIEWER = "coordinadora", "equipo", "consulta"
PASSPHRASES = {COORDINATOR: PASSPHRASE, STAFF: STAFF_PASSPHRASE, VIEWER: VIEWER_PASSPHRASE}


@pytest.fixture(scope="session", autouse=True)
def _session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Session- and module-scoped fixtures write to a throw-away data folder too, never the real one.

    Vaults they create are recorded there as this installation's own (see storage/installation.py).
    """
    home = tmp_path_factory.mktemp("session-home")
    saved = os.environ.get("DMI_HOME")
    os.environ["DMI_HOME"] = str(home)
    yield home
    if saved is None:
        os.environ.pop("DMI_HOME", None)
    else:
        os.environ["DMI_HOME"] = saved


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _session_home: Path) -> None:
    """Never touch the real data folder: vault defaults and settings point inside the test's tmp dir.

    The test's installation knows the vaults the shared fixtures built (so copies of the template open as
    the same device); a test of copied vaults copies a folder without its record.
    """
    home = tmp_path / "home"
    monkeypatch.setenv("DMI_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("DMI_PASSPHRASE", raising=False)
    monkeypatch.delenv("DMI_USER", raising=False)
    shared = _session_home / RECORD_NAME
    if shared.exists():
        home.mkdir(parents=True, exist_ok=True)
        shutil.copy2(shared, home / RECORD_NAME)


@pytest.fixture(scope="session")
def vault_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A vault with a coordinator, a staff member and a viewer (fast KDF), built once per run."""
    folder = tmp_path_factory.mktemp("template") / "vault"
    session, _recovery = Session.create(
        folder,
        user=COORDINATOR,
        passphrase=PASSPHRASE,
        organisation="Municipalidad de Las Condes",
        device_code="LC1",
        kdf=TEST_KDF,
    )
    session.users.add(STAFF, Role.STAFF, STAFF_PASSPHRASE)
    session.users.add(VIEWER, Role.VIEWER, VIEWER_PASSPHRASE)
    session.close()
    return folder


@pytest.fixture
def vault_dir(vault_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template vault for one test (this test's installation knows it as its own)."""
    target = tmp_path / "vault"
    shutil.copytree(vault_template, target)
    return target


@pytest.fixture
def open_session(vault_dir: Path) -> Iterator[Callable[[str], Session]]:
    """Factory: open the test vault as a given user; every session is closed afterwards."""
    opened: list[Session] = []

    def _open(user: str = COORDINATOR) -> Session:
        for s in opened:  # one process, one open vault at a time (the folder lock)
            s.close()
        session = Session.unlock(vault_dir, PASSPHRASES[user], user)
        opened.append(session)
        return session

    yield _open
    for s in opened:
        s.close()


@pytest.fixture
def session(open_session: Callable[[str], Session]) -> Session:
    """The test vault opened by the coordinator."""
    return open_session(COORDINATOR)

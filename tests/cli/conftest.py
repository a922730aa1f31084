"""End-to-end CLI fixtures: one vault built through the CLI per run, copied per test, commands run in subprocesses."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from dmi_desktop.storage.installation import RECORD_NAME
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE, VIEWER, VIEWER_PASSPHRASE

REPO = Path(__file__).resolve().parents[2]
RECOVERY_KEY = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{5}){7}\b")
_OUR_ENV = ("DMI_PASSPHRASE", "DMI_NEW_PASSPHRASE", "DMI_RECOVERY_KEY", "DMI_BACKUP_PASSPHRASE", "DMI_USER")


@dataclass
class Result:
    """What one CLI run left behind."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """stdout parsed as JSON."""
        return json.loads(self.stdout)

    def assert_refused(self, *fragments: str) -> str:
        """Exit 1 with exactly one line on stderr containing every fragment; returns that line."""
        assert self.code == 1, (self.code, self.stdout, self.stderr)
        lines = self.stderr.strip().splitlines()
        assert len(lines) == 1, self.stderr
        assert lines[0].startswith("error: ")
        for fragment in fragments:
            assert fragment in lines[0], (fragment, lines[0])
        return lines[0]


def run_cli(
    *args: str,
    home: Path,
    passphrase: str | None = PASSPHRASE,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> Result:
    """``python -m dmi_desktop ARGS`` with DMI_HOME=home; never a traceback, whatever happens."""
    full_env = {k: v for k, v in os.environ.items() if k not in _OUR_ENV}
    full_env.update(DMI_HOME=str(home), PYTHONIOENCODING="utf-8")
    if passphrase is not None:
        full_env["DMI_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "dmi_desktop", *args],
        cwd=REPO,
        env=full_env,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return Result(proc.returncode, proc.stdout, proc.stderr)


@dataclass
class Template:
    """The vault built once through the CLI: a coordinator, a staff member, a viewer."""

    folder: Path
    recovery_key: str


@pytest.fixture(scope="session")
def cli_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """``init --unlock-time 0.1`` plus ``user add`` twice, once per run (the KDF is slow on purpose)."""
    home = tmp_path_factory.mktemp("cli-template")
    created = run_cli(
        "init",
        "--unlock-time",
        "0.1",
        "--user",
        COORDINATOR,
        "--organisation",
        "Municipalidad de Las Condes",
        "--device-code",
        "LC1",
        "--json",
        home=home,
    )
    assert created.code == 0, created.stderr
    key = created.json()["recovery_key"]
    for name, role, secret in ((STAFF, "staff", STAFF_PASSPHRASE), (VIEWER, "viewer", VIEWER_PASSPHRASE)):
        added = run_cli("user", "add", name, "--role", role, home=home, env={"DMI_NEW_PASSPHRASE": secret})
        assert added.code == 0, added.stderr
    return Template(home / "vault", key)


@dataclass
class Cli:
    """Runs commands against this test's own copy of the template vault (the default vault of its DMI_HOME)."""

    home: Path
    recovery_key: str
    runs: list[Result] = field(default_factory=list)

    @property
    def vault(self) -> Path:
        """The test's vault folder."""
        return self.home / "vault"

    def __call__(self, *args: str, **kwargs: Any) -> Result:
        result = run_cli(*args, home=self.home, **kwargs)
        self.runs.append(result)
        return result

    def ok(self, *args: str, **kwargs: Any) -> Result:
        """Run and insist on exit 0."""
        result = self(*args, **kwargs)
        assert result.code == 0, (args, result.stdout, result.stderr)
        return result

    def add_participant(self, nombres: str, paterno: str, *extra: str, **kwargs: Any) -> dict:
        """``participant add ... --json``: the new id and case number."""
        return self.ok(
            "participant", "add", "--nombres", nombres, "--apellido-paterno", paterno, *extra, "--json", **kwargs
        ).json()


@pytest.fixture
def cli(cli_template: Template, tmp_path: Path) -> Cli:
    """A fresh copy of the CLI-built vault for one test."""
    home = tmp_path / "home"
    shutil.copytree(cli_template.folder, home / "vault")
    # The test's installation is the one that built the template: the copy opens as the same device.
    shutil.copy2(cli_template.folder.parent / RECORD_NAME, home / RECORD_NAME)
    return Cli(home, cli_template.recovery_key)


def file_bytes(folder: Path) -> dict[str, bytes]:
    """The database's and key file's bytes (to prove a refused command changed nothing)."""
    return {name: (folder / name).read_bytes() for name in ("vault.db", "vault.keys") if (folder / name).exists()}

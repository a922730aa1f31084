"""``audit verify`` shows its progress on a terminal's stderr only; scripts and pipes get the same output as ever."""

from __future__ import annotations

import io
import sys

import pytest

from dmi_desktop.cli.main import main as cli_main
from tests.conftest import PASSPHRASE


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def run(vault_dir, monkeypatch, capsys):
    monkeypatch.setenv("DMI_PASSPHRASE", PASSPHRASE)

    def _run(stderr: io.StringIO) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stderr", stderr)
        status = cli_main(["--vault", str(vault_dir), "audit", "verify"])
        return status, capsys.readouterr().out, stderr.getvalue()

    return _run


def test_on_a_terminal_a_percentage_is_drawn_and_erased(run):
    status, out, err = run(Terminal())
    assert status == 0 and out.startswith("auditoría correcta")
    assert "\rverificando la auditoría: 0 %" in err and "\rverificando la auditoría: 100 %" in err
    assert err.endswith("\r\x1b[K")  # the line is cleared: what follows starts clean


def test_without_a_terminal_stderr_stays_empty(run):
    status, out, err = run(io.StringIO())
    assert status == 0 and out.startswith("auditoría correcta") and err == ""

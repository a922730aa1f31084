"""The documented command contract (CLI.md, vault and participant rows) matches the parser; GUI vs CLI dispatch."""

from __future__ import annotations

import re

import pytest

from dmi_desktop.cli.main import is_cli_invocation, main

# Copied verbatim from the contract (../shared/CLI.md): users' scripts call exactly these.
CONTRACT = r"""
| vault | `init [--organisation NAME] [--user NAME] [--device-code CODE]` (prints the recovery key once) · `check` · `passphrase change` (new one from `DMI_NEW_PASSPHRASE` or a prompt) · `user add NAME --role coordinator\|staff\|viewer` · `user list` · `user remove NAME` · `backup --out FILE` · `restore FILE` · `audit verify` · `demo [--participants N] [--seed S]` |
| participants | `participant add --nombres X --apellido-paterno Y [--apellido-materno Z] [--alias A] [--rut R] [--birth-date YYYY-MM-DD] [--sector S] [--phone P] [--address D]` (prints the new id) · `participant list [--status S] [--sector S] [--search Q]` · `participant show ID_OR_CASE_NO` · `participant edit ID --FIELD VALUE…` · `participant set-status ID STATUS [--reason TEXT]` · `import participants FILE [--dry-run] [--skip-invalid]` · `export participants --format csv\|xlsx\|json --out FILE` |
"""  # noqa: E501
GLOBAL_OPTIONS = ("--vault", "--user", "--passphrase-file", "--json", "--lang")


def documented_commands() -> list[tuple[list[str], list[str]]]:
    """(command words, options) for every command in the contract."""
    commands = []
    for snippet in re.findall(r"`([a-z][^`]*)`", CONTRACT):
        words = []
        for token in snippet.split():
            if not re.fullmatch(r"[a-z][a-z-]*", token):
                break
            words.append(token)
        options = [o for o in re.findall(r"--[a-z][a-z-]*", snippet) if o != "--FIELD"]
        commands.append((words, options))
    return commands


def _help(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    assert main([*words, "--help"]) == 0
    return capsys.readouterr().out


def test_the_contract_was_parsed() -> None:
    names = [" ".join(w) for w, _ in documented_commands()]
    assert len(names) == 17 and "participant set-status" in names and "import participants" in names


@pytest.mark.parametrize(("words", "options"), documented_commands(), ids=lambda v: " ".join(v))
def test_every_documented_command_is_in_its_parents_help_and_takes_its_options(
    capsys: pytest.CaptureFixture[str], words: list[str], options: list[str]
) -> None:
    parent_help = _help(capsys, *words[:-1])
    assert re.search(rf"^\s+{re.escape(words[-1])}\b", parent_help, re.MULTILINE), parent_help
    own_help = _help(capsys, *words)
    for option in options:
        assert option in own_help, (words, option)


def test_global_options_are_documented_at_the_top(capsys: pytest.CaptureFixture[str]) -> None:
    top = _help(capsys)
    for option in (*GLOBAL_OPTIONS, "--recovery-key-file", "--version"):
        assert option in top


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert "DMI Desktop" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [[], ["--demo"], ["--vault", "init"], ["--vault=/tmp/x"], ["--lang", "en"], ["--demo", "-platform", "offscreen"]],
)
def test_gui_options_alone_start_the_desktop_app(argv: list[str]) -> None:
    assert not is_cli_invocation(argv)


@pytest.mark.parametrize(
    "argv",
    [["init"], ["--vault", "/tmp/x", "participant", "list"], ["--help"], ["-h"], ["--version"], ["--demo", "oops"]],
)
def test_a_command_or_help_means_the_command_line(argv: list[str]) -> None:
    assert is_cli_invocation(argv)

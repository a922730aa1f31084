"""demo: a new vault of realistic fake data, reproducible with --seed, never over an existing vault."""

from __future__ import annotations

from pathlib import Path

from dmi_desktop.services.paths import DEMO_PASSPHRASE, DEMO_USER
from tests.cli.conftest import file_bytes, run_cli


def _people(home: Path, vault: Path) -> list[tuple[str, str, str, str]]:
    listed = run_cli("--vault", str(vault), "participant", "list", "--json", home=home, passphrase=DEMO_PASSPHRASE)
    assert listed.code == 0, listed.stderr
    return sorted((p["nombres"], p["apellido_paterno"], p["rut"], p["status"]) for p in listed.json())


def test_demo_builds_a_reproducible_vault_and_refuses_to_overwrite(tmp_path: Path) -> None:
    home = tmp_path / "home"
    args = ("demo", "--participants", "12", "--seed", "7", "--unlock-time", "0.1")
    first = run_cli(*args, home=home, passphrase=None)
    assert first.code == 0, first.stderr
    assert DEMO_PASSPHRASE in first.stdout and DEMO_USER in first.stdout
    default_demo = home / "demo-vault"  # services.paths.demo_vault() under DMI_HOME
    people = _people(home, default_demo)
    assert len(people) == 12
    assert len({status for *_, status in people}) > 1  # spread over the life cycle

    again = run_cli("--vault", str(tmp_path / "other"), *args, home=home, passphrase=None)
    assert again.code == 0, again.stderr
    assert _people(home, tmp_path / "other") == people  # same seed, same people

    before = file_bytes(default_demo)
    run_cli(*args, home=home, passphrase=None).assert_refused("ya existe")
    assert file_bytes(default_demo) == before


def test_demo_with_a_chosen_passphrase_and_json(tmp_path: Path) -> None:
    home = tmp_path / "home"
    created = run_cli("demo", "--participants", "3", "--unlock-time", "0.1", "--json", home=home)
    assert created.code == 0, created.stderr
    info = created.json()
    assert info["participants"] == 3 and info["user"] == DEMO_USER and info["recovery_key"]
    # run_cli's default passphrase (DMI_PASSPHRASE) was used instead of the public demo one.
    listed = run_cli("--vault", info["vault"], "participant", "list", "--json", home=home)
    assert listed.code == 0 and len(listed.json()) == 3
    run_cli("--vault", info["vault"], "user", "list", home=home, passphrase=DEMO_PASSPHRASE).assert_refused(
        "incorrecta"
    )

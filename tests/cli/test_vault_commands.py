"""init, passphrases, users, check and audit from the command line, end to end in subprocesses."""

from __future__ import annotations

from pathlib import Path

from dmi_desktop.services.session import Session
from tests.cli.conftest import RECOVERY_KEY, Cli, file_bytes, run_cli
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF, STAFF_PASSPHRASE, VIEWER, VIEWER_PASSPHRASE

NEW_PASSPHRASE = "mariposa invierno cerrojo lento 88"


def test_help_lists_the_commands_and_exits_0(tmp_path: Path) -> None:
    result = run_cli("--help", home=tmp_path)
    assert result.code == 0
    for word in ("init", "check", "passphrase", "user", "backup", "restore", "audit", "demo", "participant"):
        assert word in result.stdout


def test_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("frobnicate", home=tmp_path)
    assert result.code == 2
    assert "frobnicate" in result.stderr


def test_a_passphrase_is_never_accepted_as_an_argument(tmp_path: Path) -> None:
    result = run_cli("--passphrase", PASSPHRASE, "check", home=tmp_path)
    assert result.code == 2  # not silently taken for --passphrase-file


def test_a_secret_typed_where_a_file_was_expected_is_not_echoed(tmp_path: Path) -> None:
    result = run_cli("--passphrase-file", PASSPHRASE, "check", home=tmp_path)
    line = result.assert_refused("--passphrase-file")
    assert PASSPHRASE not in line


def test_init_creates_the_vault_and_prints_the_recovery_key_once(tmp_path: Path) -> None:
    result = run_cli("init", "--unlock-time", "0.1", "--user", "ana", home=tmp_path)
    assert result.code == 0, result.stderr
    keys = RECOVERY_KEY.findall(result.stdout)
    assert len(keys) == 1
    assert "una sola vez" in result.stdout or "solo esta vez" in result.stdout
    vault = tmp_path / "vault"
    assert (vault / "vault.db").is_file() and (vault / "vault.keys").is_file()
    # The key it printed really opens the vault, acting as the first coordinator.
    listed = run_cli("user", "list", "--json", home=tmp_path, passphrase=None, env={"DMI_RECOVERY_KEY": keys[0]})
    assert listed.code == 0, listed.stderr
    assert listed.json() == [{"name": "ana", "role": "coordinator"}]


def test_init_refuses_a_weak_passphrase_and_creates_nothing(tmp_path: Path) -> None:
    result = run_cli("init", "--unlock-time", "0.1", home=tmp_path, passphrase="1234")
    result.assert_refused("débil")
    assert not (tmp_path / "vault").exists()


def test_init_refuses_an_unusable_unlock_time(tmp_path: Path) -> None:
    assert run_cli("init", "--unlock-time", "0.01", home=tmp_path).code == 2
    assert not (tmp_path / "vault").exists()


def test_init_twice_refuses_and_keeps_the_vault(cli: Cli) -> None:
    before = file_bytes(cli.vault)
    cli("init", "--unlock-time", "0.1").assert_refused("ya existe")
    assert file_bytes(cli.vault) == before


def test_wrong_passphrase_is_one_line_and_exit_1(cli: Cli) -> None:
    cli("participant", "list", passphrase="no es la frase correcta 99").assert_refused("frase de acceso incorrecta")


def test_missing_passphrase_without_a_terminal_says_how_to_give_one(cli: Cli) -> None:
    cli("participant", "list", passphrase=None).assert_refused("DMI_PASSPHRASE", "--passphrase-file")


def test_passphrase_file_is_read_without_its_line_ending(cli: Cli, tmp_path: Path) -> None:
    secret = tmp_path / "frase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    result = cli("user", "list", "--passphrase-file", str(secret), passphrase=None)
    assert result.code == 0, result.stderr


def test_english_messages_with_lang_en(cli: Cli) -> None:
    cli("--lang", "en", "participant", "list", passphrase=None).assert_refused("no passphrase given")


def test_passphrase_change_old_fails_new_works(cli: Cli) -> None:
    cli.ok("passphrase", "change", env={"DMI_NEW_PASSPHRASE": NEW_PASSPHRASE})
    cli("user", "list").assert_refused("incorrecta")
    assert cli("user", "list", passphrase=NEW_PASSPHRASE).code == 0
    # Only the coordinator's slot changed: the others still open with theirs.
    assert cli("user", "list", passphrase=STAFF_PASSPHRASE).code == 0


def test_passphrase_change_refuses_a_weak_new_one(cli: Cli) -> None:
    cli("passphrase", "change", env={"DMI_NEW_PASSPHRASE": "corta"}).assert_refused("débil")
    assert cli("user", "list").code == 0


def test_recovery_key_unlocks_and_resets_a_forgotten_passphrase(cli: Cli) -> None:
    recovery = {"DMI_RECOVERY_KEY": cli.recovery_key, "DMI_NEW_PASSPHRASE": NEW_PASSPHRASE}
    cli.ok("passphrase", "reset", "--user", STAFF, passphrase=None, env=recovery)
    cli("user", "list", passphrase=STAFF_PASSPHRASE).assert_refused("incorrecta")
    listed = cli.ok("user", "list", "--json", passphrase=NEW_PASSPHRASE, env={"DMI_USER": STAFF})
    assert {"name": STAFF, "role": "staff"} in listed.json()


def test_recovery_key_file_and_a_wrong_recovery_key(cli: Cli, tmp_path: Path) -> None:
    key_file = tmp_path / "clave.txt"
    key_file.write_text(cli.recovery_key.lower() + "\n", encoding="ascii")  # typed back in lower case
    assert cli("user", "list", "--recovery-key-file", str(key_file), passphrase=None).code == 0
    wrong = "AAAAA-" * 7 + "AAAAA"
    cli("user", "list", passphrase=None, env={"DMI_RECOVERY_KEY": wrong}).assert_refused("clave de recuperación")


def test_staff_cannot_reset_someone_elses_passphrase(cli: Cli) -> None:
    env = {"DMI_NEW_PASSPHRASE": NEW_PASSPHRASE}
    cli("passphrase", "reset", "--user", VIEWER, passphrase=STAFF_PASSPHRASE, env=env).assert_refused("coordinador")
    assert cli("user", "list", passphrase=VIEWER_PASSPHRASE).code == 0


def test_user_add_list_remove(cli: Cli) -> None:
    cli.ok("user", "add", "pedro", "--role", "staff", env={"DMI_NEW_PASSPHRASE": NEW_PASSPHRASE})
    users = {u["name"]: u["role"] for u in cli.ok("user", "list", "--json").json()}
    assert users == {COORDINATOR: "coordinator", STAFF: "staff", VIEWER: "viewer", "pedro": "staff"}
    assert "pedro" in cli.ok("user", "list").stdout
    assert cli("user", "list", passphrase=NEW_PASSPHRASE, env={"DMI_USER": "pedro"}).code == 0

    cli("user", "remove", "pedro").assert_refused("--yes")  # no terminal to confirm on
    cli.ok("user", "remove", "pedro", "--yes")
    assert "pedro" not in {u["name"] for u in cli.ok("user", "list", "--json").json()}
    cli("user", "list", passphrase=NEW_PASSPHRASE).assert_refused("incorrecta")


def test_staff_cannot_add_or_remove_users(cli: Cli) -> None:
    env = {"DMI_NEW_PASSPHRASE": NEW_PASSPHRASE}
    cli("user", "add", "pedro", "--role", "viewer", passphrase=STAFF_PASSPHRASE, env=env).assert_refused(
        "solo coordinadores"
    )
    cli("user", "remove", VIEWER, "--yes", passphrase=STAFF_PASSPHRASE).assert_refused("solo coordinadores")
    assert len(cli.ok("user", "list", "--json").json()) == 3


def test_user_add_refuses_an_unknown_role(cli: Cli) -> None:
    assert cli("user", "add", "pedro", "--role", "admin", env={"DMI_NEW_PASSPHRASE": NEW_PASSPHRASE}).code == 2


def test_the_last_coordinator_cannot_remove_themselves(cli: Cli) -> None:
    cli("user", "remove", COORDINATOR, "--yes").assert_refused("propio usuario")


def test_check_and_audit_verify_on_a_healthy_vault(cli: Cli) -> None:
    checked = cli.ok("check")
    assert checked.stdout.startswith("OK")
    assert cli.ok("check", "--json").json()["ok"] is True
    verified = cli.ok("audit", "verify")
    assert verified.stdout.startswith("auditoría correcta: ")
    assert cli.ok("audit", "verify", "--json").json()["entries"] >= 3


def test_global_options_also_work_after_the_command(cli: Cli) -> None:
    before = cli.ok("--json", "--vault", str(cli.vault), "user", "list").json()
    after = cli.ok("user", "list", "--vault", str(cli.vault), "--json").json()
    assert before == after and len(after) == 3


def test_init_json_gives_the_new_vaults_device_id(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DMI_HOME", str(tmp_path))  # the same installation that created it opens it below
    result = run_cli("init", "--unlock-time", "0.1", "--user", "ana", "--device-code", "LC7", "--json", home=tmp_path)
    assert result.code == 0, result.stderr
    created = result.json()
    assert set(created) == {"id", "vault", "user", "device_code", "recovery_key"}
    assert (created["user"], created["device_code"]) == ("ana", "LC7")
    assert RECOVERY_KEY.fullmatch(created["recovery_key"])
    session = Session.unlock(Path(created["vault"]), PASSPHRASE)
    try:
        assert created["id"] == session.device_id  # its tag is the origin stamped on every row this vault writes
        assert len(created["id"]) == 36
    finally:
        session.close()

"""The desktop app and an audit incident: told at unlock, verified from the Vault menu, reviewed by a coordinator."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmi_desktop.services.session import Session
from dmi_desktop.ui.audit_incident_dialog import AcknowledgeIncidentDialog
from tests.audit_tampering import cut_tail
from tests.conftest import COORDINATOR, PASSPHRASE, STAFF

pytest_plugins = ["tests.ui.shell_fixtures"]


@pytest.fixture
def tampered(vault_dir: Path) -> Path:
    """The test vault after some work, its last entries cut and its head rewound behind the app's back."""
    session = Session.unlock(vault_dir, PASSPHRASE)
    for name in ("Ana", "Luis"):
        session.participants.create({"nombres": name, "apellido_paterno": "Soto"})
    session.close()
    cut_tail(vault_dir, 2, rewind_head=True)
    return vault_dir


def _vault_menu_actions(shell) -> list[str]:
    return [a.objectName() for a in shell.ctx.actions.menu_actions("vault")]


def test_the_coordinator_is_told_at_unlock_and_where_to_review_it(tampered, unlocked, qtbot):
    shell = unlocked(COORDINATOR)
    qtbot.waitUntil(lambda: shell.notice_box is not None and shell.notice_box.isVisible(), timeout=5000)
    text = shell.notice_box.text()
    assert "alterada fuera de la aplicación" in text
    assert "Bóveda › Revisar incidente de auditoría…" in text
    assert {"vault.audit_verify", "vault.audit_acknowledge"} <= set(_vault_menu_actions(shell))
    assert shell.ctx.actions.action("vault.audit_acknowledge").text() == "Revisar &incidente de auditoría…"


def test_staff_are_told_to_ask_a_coordinator_and_cannot_review(tampered, unlocked, qtbot):
    Session.unlock(tampered, PASSPHRASE).close()  # found (and recorded) at an earlier unlock
    shell = unlocked(STAFF)
    qtbot.waitUntil(lambda: shell.notice_box is not None, timeout=5000)
    assert shell.notice_box.text() == (
        "No se guardarán cambios hasta que un coordinador revise el incidente de auditoría."
    )
    assert "vault.audit_acknowledge" not in _vault_menu_actions(shell)
    assert "vault.audit_verify" in _vault_menu_actions(shell)


def test_verify_from_the_menu_reports_the_open_incident(tampered, unlocked, qtbot, msgboxes):
    shell = unlocked(COORDINATOR)
    shell.ctx.actions.action("vault.audit_verify").trigger()
    qtbot.waitUntil(lambda: bool(msgboxes["warning"]), timeout=5000)
    (text,) = msgboxes["warning"]
    assert "La bitácora de auditoría está íntegra" in text and "Incidentes:" in text
    assert "— abierto" in text and "No se guardarán cambios hasta que un coordinador lo revise." in text


def test_a_coordinator_reviews_it_from_the_menu_and_writes_are_saved_again(
    tampered, unlocked, qtbot, msgboxes, monkeypatch
):
    shell = unlocked(COORDINATOR)
    seen: list[str] = []

    def review(dialog: AcknowledgeIncidentDialog) -> int:
        seen.append(dialog.incidents.text())
        dialog.note.setText("el equipo restauró una copia el lunes")
        dialog.ok.click()
        qtbot.waitUntil(lambda: dialog.closed == 1, timeout=5000)
        return dialog.result()

    monkeypatch.setattr(AcknowledgeIncidentDialog, "exec", review)
    session = shell.ctx.session
    shell.ctx.actions.action("vault.audit_acknowledge").trigger()
    qtbot.waitUntil(lambda: bool(seen) and not session.audit_incident_open, timeout=5000)
    assert seen[0].startswith("Entrada ") and "— abierto" in seen[0]
    qtbot.waitUntil(lambda: "reconocido" in shell.window.statusBar().currentMessage(), timeout=5000)
    ack = session.vault.audit.chain(session.vault.device_id)[-1]
    assert (ack.action, ack.user, ack.after["note"]) == (
        "audit.acknowledged",
        COORDINATOR,
        "el equipo restauró una copia el lunes",
    )
    session.participants.create({"nombres": "Eva", "apellido_paterno": "Soto"})
    # Nothing left to review: the action says so.
    shell.ctx.actions.action("vault.audit_acknowledge").trigger()
    qtbot.waitUntil(lambda: bool(msgboxes["information"]), timeout=5000)
    assert msgboxes["information"] == ["No hay incidentes de auditoría abiertos."]


def test_verify_on_a_clean_vault_says_it_is_intact(unlocked, qtbot, msgboxes):
    shell = unlocked(COORDINATOR)
    assert shell.notice_box is None
    shell.ctx.actions.action("vault.audit_verify").trigger()
    qtbot.waitUntil(lambda: bool(msgboxes["information"]), timeout=5000)
    assert msgboxes["information"][0].startswith("La bitácora de auditoría está íntegra")
    assert "Incidentes" not in msgboxes["information"][0]

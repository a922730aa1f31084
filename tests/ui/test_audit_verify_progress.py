"""Bóveda › Verificar auditoría: the walk runs on the worker behind a progress dialog that can be cancelled."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from dmi_desktop.storage import audit
from dmi_desktop.ui import progress
from tests.conftest import COORDINATOR

pytest_plugins = ["tests.ui.shell_fixtures"]


def _progress_dialog() -> QProgressDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    return shown[0] if shown else None


@pytest.fixture
def gated(unlocked, monkeypatch):
    """The coordinator's shell, with the walk held after its first report until the test opens ``gate``."""
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 0)
    monkeypatch.setattr(audit, "VERIFY_CHUNK", 1)  # a report (and a chance to stop) after every entry
    shell = unlocked(COORDINATOR)
    session = shell.ctx.session
    gate = threading.Event()
    walk = session.verify_audit

    def held(report):
        def slow(done, total):
            report(done, total)
            gate.wait(10)

        return walk(slow)

    monkeypatch.setattr(session, "verify_audit", held)
    return shell, gate, session.vault.audit.count()


def test_the_progress_dialog_counts_the_entries_and_cancel_stops_the_walk(gated, qtbot, msgboxes):
    shell, gate, entries = gated
    shell.ctx.actions.action("vault.audit_verify").trigger()
    qtbot.waitUntil(
        lambda: _progress_dialog() is not None and "Revisadas" in _progress_dialog().labelText(), timeout=5000
    )
    dialog = _progress_dialog()
    assert dialog.windowTitle() == "Verificando la bitácora de auditoría…"
    assert dialog.labelText() == f"Revisadas 0 de {entries} entradas…" and dialog.maximum() == entries
    (cancel,) = dialog.findChildren(QPushButton)
    cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: not shell.ctx.worker.busy, timeout=5000)
    assert _progress_dialog() is None
    assert msgboxes["information"] == [] and msgboxes["warning"] == []  # no outcome: it was stopped
    assert shell.window.statusBar().currentMessage() == "Verificación de la bitácora de auditoría cancelada."


def test_left_to_run_it_reports_the_outcome(gated, qtbot, msgboxes):
    shell, gate, _entries = gated
    gate.set()
    shell.ctx.actions.action("vault.audit_verify").trigger()
    qtbot.waitUntil(lambda: bool(msgboxes["information"]), timeout=5000)
    assert msgboxes["information"][0].startswith("La bitácora de auditoría está íntegra")
    assert _progress_dialog() is None

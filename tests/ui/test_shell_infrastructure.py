"""The shell's shared pieces: worker, progress dialog, error messages, settings, signal hub, action registry."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.ui.actions import ActionRegistry, ActionSpec
from dmi_desktop.ui.errors import error_text, show_error
from dmi_desktop.ui.progress import run_with_progress
from dmi_desktop.ui.settings import DEFAULT_AUTOLOCK_MINUTES, Settings
from dmi_desktop.ui.signals import SignalHub
from dmi_desktop.ui.worker import Cancelled, Worker

pytest_plugins = ["tests.ui.shell_fixtures"]


@pytest.fixture
def worker(qapp):
    worker = Worker()
    yield worker
    worker.wait_idle(2000)
    worker.shutdown()


def test_tasks_run_in_order_off_the_gui_thread_and_report_on_it(worker):
    seen: list[tuple[str, str]] = []
    for n in range(3):
        worker.submit(
            lambda _task, n=n: (n, threading.current_thread().name),
            lambda result: seen.append((result, threading.current_thread().name)),
        )
    assert worker.wait_idle()
    assert [r[0][0] for r in seen] == [0, 1, 2]  # serialized, in submission order
    assert all(r[0][1] != "MainThread" for r in seen)  # ran in the worker
    assert all(r[1] == "MainThread" for r in seen)  # callbacks on the GUI thread


def test_errors_and_progress_are_delivered(worker):
    errors, progress = [], []

    def job(task):
        task.report(1, 2, "mitad")
        raise ValidationError({"rut": "RUT no válido"})

    handle = worker.submit(job, on_error=errors.append)
    handle.progress.connect(lambda d, t, text: progress.append((d, t, text)))
    assert worker.wait_idle()
    assert progress == [(1, 2, "mitad")]
    assert isinstance(errors[0], ValidationError)


def test_cancel_before_start_skips_the_task(worker):
    gate = threading.Event()
    ran, errors = [], []
    worker.submit(lambda _task: gate.wait(5))
    handle = worker.submit(lambda _task: ran.append(True), on_error=errors.append)
    handle.cancel()
    gate.set()
    assert worker.wait_idle()
    assert ran == []
    assert isinstance(errors[0], Cancelled)


def test_running_task_sees_cancellation(worker):
    started = threading.Event()
    errors = []

    def job(task):
        started.set()
        while True:
            task.check_cancelled()

    handle = worker.submit(job, on_error=errors.append)
    assert started.wait(5)
    handle.cancel()
    assert worker.wait_idle()
    assert isinstance(errors[0], Cancelled)


def test_progress_dialog_appears_for_long_tasks_and_cancels(qtbot, worker):
    started = threading.Event()
    outcome = []

    def job(task):
        started.set()
        while not task.cancelled:
            task.report(1, 10, "importando")
            threading.Event().wait(0.01)
        raise Cancelled

    run_with_progress(None, worker, job, "Importando…", on_error=outcome.append)
    assert started.wait(5)
    qtbot.waitUntil(
        lambda: any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())
    assert dialog.labelText() == "importando"
    dialog.findChild(QPushButton).click()  # the user presses Cancel
    assert worker.wait_idle()
    assert isinstance(outcome[0], Cancelled)
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_quick_tasks_show_no_progress_dialog(worker):
    run_with_progress(None, worker, lambda _task: 42, "Rápido")
    assert worker.wait_idle()
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_error_messages_are_one_line_and_safe(msgboxes):
    assert error_text(ValidationError({"rut": "RUT no válido"})) == "Rut: RUT no válido"
    text = error_text(KeyError("secret internal detail"))
    assert "secret" not in text and "KeyError" not in text
    show_error(None, RuntimeError("Traceback (most recent call last) ..."))
    assert "Traceback" not in msgboxes["warning"][0]
    show_error(None, Cancelled())
    assert len(msgboxes["warning"]) == 1  # a cancellation is not an error to report


def test_settings_defaults_validation_and_round_trip(tmp_path):
    settings = Settings(tmp_path / "s.ini")
    assert settings.language == "es"
    assert settings.autolock_minutes == DEFAULT_AUTOLOCK_MINUTES == 5
    settings.autolock_minutes = 0  # clamped to the allowed range
    assert settings.autolock_minutes == 1
    settings.language = "fr"
    assert settings.language == "es"
    settings.set_area_state("participants", b"\x00\x01state")
    settings.last_vault = str(tmp_path / "vault")
    settings.sync()
    again = Settings(tmp_path / "s.ini")
    assert again.area_state("participants") == b"\x00\x01state"
    assert again.last_vault == str(tmp_path / "vault")
    assert again.area_state("unknown") == b""


def test_hub_delivers_worker_writes_on_the_gui_thread(qtbot, session, worker):
    hub = SignalHub()
    hub.bridge(session)
    hub.bridge(session)  # bridging twice must not duplicate notices
    received = []
    hub.changed.connect(lambda changes: received.append((changes, threading.current_thread().name)))
    worker.submit(lambda _task: session.publish(Changes("participant", ChangeKind.CREATED, ("p1",))))
    assert worker.wait_idle()
    qtbot.waitUntil(lambda: bool(received))
    assert received == [(Changes("participant", ChangeKind.CREATED, ("p1",)), "MainThread")]


def test_registry_disables_write_actions_for_viewers_and_contains_errors(qapp, msgboxes):
    registry = ActionRegistry()

    def broken() -> None:
        raise ValidationError({"campo": "no válido"})

    write = registry.register(ActionSpec("x.write", "Escribir", broken, menu="edit", needs_write=True))
    read = registry.register(ActionSpec("x.read", "Leer", lambda: None, menu="edit"))
    registry.set_can_write(False)
    assert not write.isEnabled() and read.isEnabled()
    registry.set_can_write(True)
    write.trigger()  # the error becomes a message, not a traceback
    assert msgboxes["warning"] == ["Campo: no válido"]
    assert registry.menu_actions("edit") == [write, read]
    with pytest.raises(ValueError):
        registry.register(ActionSpec("x.bad", "Mal", lambda: None, menu="nowhere"))

"""The file window mirrors the banked-case rule: staff are not offered its states nor its "activated" box."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from dmi_desktop.domain.status import Status
from dmi_desktop.ui.participants.file_window import ParticipantFileWindow
from dmi_desktop.ui.participants.status_dialog import StatusChangeDialog
from tests.conftest import COORDINATOR, STAFF

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def windows():
    """Windows opened by a test, closed (edits discarded) at its end."""
    opened: list[ParticipantFileWindow] = []
    yield opened
    for window in opened:
        if shiboken6.isValid(window):
            window.close()


def _offered_by_file_window(ctx, pid, windows, qtbot) -> tuple[list[Status], bool]:
    """Open the file, click "Change status" and read what the dialog offers (then cancel)."""
    window = ParticipantFileWindow(ctx, pid)
    windows.append(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading(), timeout=5000)  # the file is read on the worker
    seen: dict[str, object] = {}

    def read_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StatusChangeDialog)
        seen["offered"] = dialog.offered()
        seen["note"] = dialog.banked_note.isVisibleTo(dialog)
        dialog.reject()

    QTimer.singleShot(0, read_dialog)
    window.header.change_status.click()
    return seen["offered"], seen["note"]


def test_staff_are_not_offered_the_banked_case_states(make_ctx, qtbot, windows):
    coordinator = make_ctx(COORDINATOR)
    svc = coordinator.session.participants
    review = svc.create({"nombres": "Ana", "apellido_paterno": "Reyes"}).id
    svc.set_status(review, Status.UNDER_REVIEW, "revisión")
    eligible = svc.create({"nombres": "Berta", "apellido_paterno": "Soto"}).id
    svc.set_status(eligible, Status.UNDER_REVIEW, "revisión")
    svc.set_status(eligible, Status.ELIGIBLE, "revisado con Fiscalía")
    assert _offered_by_file_window(coordinator, review, windows, qtbot) == (
        [Status.ELIGIBLE, Status.NOT_ELIGIBLE, Status.DROPPED],
        False,
    )
    staff = make_ctx(STAFF)
    assert _offered_by_file_window(staff, review, windows, qtbot) == ([Status.NOT_ELIGIBLE, Status.DROPPED], True)
    assert _offered_by_file_window(staff, eligible, windows, qtbot) == ([], True)


def test_staff_cannot_tick_banked_case_activated_on_a_violation(make_ctx, qtbot, windows):
    coordinator = make_ctx(COORDINATOR)
    pid = coordinator.session.participants.create({"nombres": "Ana", "apellido_paterno": "Reyes"}).id
    for user, enabled in ((COORDINATOR, True), (STAFF, False)):
        window = ParticipantFileWindow(make_ctx(user), pid)
        windows.append(window)
        qtbot.waitUntil(lambda w=window: not w.loading(), timeout=5000)  # read on the worker; closed after
        dialog = window.violations.make_dialog(None, False)
        qtbot.addWidget(dialog)
        box = dialog.form.editors["case_activated"]
        assert box.isEnabled() is enabled
        assert dialog.form.editors["description"].isEnabled()

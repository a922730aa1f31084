"""A control character pasted into a form is flagged under the field like any invalid value, and never saved."""

from __future__ import annotations

import pytest

from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.participants.new_participant_dialog import NewParticipantDialog

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


def test_a_pasted_escape_sequence_is_flagged_and_save_stays_disabled(make_ctx, qtbot):
    ctx = make_ctx()
    dialog = NewParticipantDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    for name, text in (("nombres", "Ana"), ("apellido_paterno", "Rojas"), ("alias", "la\x1b[31mroja")):
        dialog.form.editors[name].setText(text)  # what a paste does; keys cannot type ESC
        dialog.form._on_left(name)
    box = dialog.form.boxes["alias"]
    assert "caracteres de control" in box.error and "U+001B" in box.error
    assert not dialog.save_button.isEnabled()
    dialog.save()
    ctx.worker.wait_idle()
    assert ctx.session.participants.count(ParticipantQuery()) == 0

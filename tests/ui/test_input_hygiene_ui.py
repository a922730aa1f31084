"""Input hygiene in the desktop app: a pasted control character is flagged under its field and never saved; a photo
file too large to be one is refused without reading it whole."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.participants.new_participant_dialog import NewParticipantDialog
from dmi_desktop.ui.participants.photo_box import PhotoBox

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


def test_a_photo_file_larger_than_20_mb_is_refused_and_nothing_is_stored(make_ctx, qtbot, tmp_path, boxes):
    ctx = make_ctx()
    person = ctx.session.participants.create({"nombres": "Ana", "apellido_paterno": "Rojas"})
    box = PhotoBox(ctx, person.id, can_write=True)
    qtbot.addWidget(box)
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    path = tmp_path / "foto.png"
    assert image.save(str(path))
    with path.open("r+b") as fh:  # a real picture followed by 21 MB (sparse): a viewer still shows the picture
        fh.truncate(21 * 1024 * 1024)
    box.load_file(str(path))
    ctx.worker.wait_idle()
    assert boxes["warning"] == ["The file is too large for a photo (at most 20 MB)."]
    assert ctx.session.participants.photo(person.id) is None

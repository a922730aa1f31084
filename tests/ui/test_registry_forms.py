"""Forms, lists and labels read the field registry, in the UI's language."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from dmi_desktop.domain import fields
from dmi_desktop.domain.fields import Field, Kind, Label
from dmi_desktop.ui.models.participant_table_model import COL_RUT, COL_STATUS
from dmi_desktop.ui.participants.identity_form import IdentityForm
from dmi_desktop.ui.participants.labels import field_labels, record_kind_labels
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from dmi_desktop.ui.participants.record_form import RecordForm, specs_for

pytest_plugins = ["tests.ui.participant_fixtures"]


def captions(widget) -> set[str]:
    return {label.text() for label in widget.findChildren(QLabel)}


def test_the_identity_form_edits_exactly_the_registry_s_editable_fields(qtbot):
    form = IdentityForm(new=True)
    qtbot.addWidget(form)
    assert list(form.editors) == [f.name for f in fields.editable_fields("participants")]
    assert {"First names *", "Paternal surname *", "Date of birth"} <= captions(form)


def test_a_field_added_to_the_registry_appears_in_the_identity_form_and_is_validated(qtbot, monkeypatch):
    entity = fields.ENTITIES["participants"]
    extra = Field("segundo_telefono", Kind.PHONE, Label("Segundo teléfono", "Second phone"))
    monkeypatch.setitem(fields.ENTITIES, "participants", dataclasses.replace(entity, fields=(*entity.fields, extra)))
    form = IdentityForm(new=False)
    qtbot.addWidget(form)
    assert "Second phone" in captions(form)
    form.editors["segundo_telefono"].setText("abc")
    assert "segundo_telefono" in form.validation_errors()


def test_child_record_forms_follow_the_registry(qtbot):
    for table in fields.CHILD_TABLES:
        form = RecordForm(table, specs_for(table))
        qtbot.addWidget(form)
        assert list(form.editors) == [f.name for f in fields.input_fields(table)]
    form = RecordForm("violations", specs_for("violations"))
    qtbot.addWidget(form)
    assert {"Date *", "Description *"} <= captions(form)
    assert form.editors["case_activated"].text() == "Banked case activated"


def test_labels_follow_the_ui_language_not_the_message_language(monkeypatch):
    from dmi_desktop.ui import translation

    assert field_labels()["apellido_paterno"] == "Paternal surname"  # no catalog installed: English UI
    monkeypatch.setattr(translation, "_ui_language", "es")
    assert field_labels()["apellido_paterno"] == "Apellido paterno"
    assert field_labels("checkins")["day"] == "Fecha"
    assert record_kind_labels()["banked_cases"] == "caso en reserva"


def test_list_headers_are_registry_labels(make_ctx, qtbot):
    area = ParticipantsWidget(make_ctx())
    qtbot.addWidget(area)
    header = area.model.headerData
    assert header(COL_RUT, Qt.Orientation.Horizontal) == fields.label("participants", "rut", "en")
    assert header(COL_STATUS, Qt.Orientation.Horizontal) == "Status"

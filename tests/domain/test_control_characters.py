"""Control characters (NUL, ESC, DEL, C1...) are refused in every text field; line breaks are settled, not kept raw."""

from __future__ import annotations

from datetime import date

import pytest

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.messages import set_language
from dmi_desktop.domain.validation import (
    clean_child_fields,
    clean_participant_fields,
    clean_reason,
    clean_text,
    refuse_control_characters,
)

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Jo\x1b[31mse", "U+001B"),
        ("Ana\x00", "U+0000"),
        ("Ana\x07", "U+0007"),
        ("A\x7fna", "U+007F"),
        ("A\x9bna", "U+009B"),
    ],
)
def test_a_name_with_a_control_character_is_refused_naming_it(value, code):
    with pytest.raises(ValidationError) as caught:
        clean_participant_fields({"nombres": value, "apellido_paterno": "Rojas"}, today=TODAY)
    assert set(caught.value.errors) == {"nombres"}
    assert "caracteres de control" in caught.value.errors["nombres"] and code in caught.value.errors["nombres"]


def test_every_text_field_of_a_child_record_is_checked_too():
    with pytest.raises(ValidationError) as caught:
        clean_child_fields("influentials", {"name": "Rosa", "relationship": "madre\x1b]0;x\x07"}, today=TODAY)
    assert "U+0007, U+001B" in caught.value.errors["relationship"]


def test_one_line_fields_turn_tabs_and_line_breaks_into_spaces():
    cleaned = clean_participant_fields(
        {"nombres": "Ana\tMaría", "apellido_paterno": "Rojas", "address": "Av. Apoquindo 3400\r\nDepto 12"},
        today=TODAY,
    )
    assert cleaned["nombres"] == "Ana María" and cleaned["address"] == "Av. Apoquindo 3400 Depto 12"
    influential = clean_child_fields("influentials", {"name": "Rosa", "relationship": "tía\npaterna"}, today=TODAY)
    assert influential["relationship"] == "tía paterna"


def test_multi_line_notes_keep_line_breaks_and_tabs_but_not_other_controls():
    note = clean_child_fields("notes", {"body": "primera línea\r\n\tsegunda\rtercera"}, today=TODAY)
    assert note["body"] == "primera línea\n\tsegunda\ntercera"
    with pytest.raises(ValidationError, match="U\\+0008"):
        clean_child_fields("notes", {"body": "texto\x08borrado"}, today=TODAY)


def test_the_message_is_in_english_when_asked():
    set_language("en")
    try:
        with pytest.raises(ValueError, match="control characters that are not allowed \\(U\\+001B\\)"):
            clean_text("\x1b")
    finally:
        set_language("es")


def test_reasons_user_names_and_organisations_are_checked():
    assert clean_reason("  revisión\tcon  Fiscalía\n") == "revisión con Fiscalía"
    with pytest.raises(ValidationError, match="reason"):
        clean_reason("ok\x1b[2J")
    with pytest.raises(ValidationError) as caught:
        refuse_control_characters(user="ana\x00", organisation="Municipalidad")
    assert set(caught.value.errors) == {"user"}

"""Field validation: typed values out, every problem reported at once, nothing unknown let through."""

from datetime import date

import pytest

from dmi_desktop.domain import messages
from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.models import Decision, ReferralKind
from dmi_desktop.domain.status import Status
from dmi_desktop.domain.validation import clean_child_fields, clean_participant_fields, parse_date

TODAY = date(2025, 6, 1)


def test_a_valid_participant_comes_out_typed_and_normalised():
    out = clean_participant_fields(
        {
            "nombres": "  José   Miguel ",
            "apellido_paterno": "Pérez",
            "rut": "7.654.321-6",
            "birth_date": "02-03-1999",
            "sex": "masculino",
            "phone": "+56 9 1234 5678",
        },
        today=TODAY,
    )
    assert out == {
        "nombres": "José Miguel",
        "apellido_paterno": "Pérez",
        "rut": "7654321-6",
        "birth_date": date(1999, 3, 2),
        "sex": "M",
        "phone": "+56 9 1234 5678",
    }


def test_every_problem_is_reported_together():
    with pytest.raises(ValidationError) as info:
        clean_participant_fields(
            {"rut": "7.654.321-5", "birth_date": "2030-01-01", "sex": "Q", "phone": "abc"}, today=TODAY
        )
    assert set(info.value.errors) == {"nombres", "apellido_paterno", "rut", "birth_date", "sex", "phone"}
    assert "dígito verificador" in info.value.errors["rut"]
    assert "futuro" in info.value.errors["birth_date"]


@pytest.mark.parametrize("field", ["case_no", "id", "deleted", "_clock", "photo", "origin", "updated_hlc", "foo"])
def test_unknown_or_internal_fields_are_refused(field):
    with pytest.raises(ValidationError) as info:
        clean_participant_fields({"nombres": "A", "apellido_paterno": "B", field: "x"}, today=TODAY)
    assert list(info.value.errors) == [field]
    assert "campo desconocido" in info.value.errors[field]


def test_an_initial_status_is_parsed_and_an_empty_one_ignored():
    fields = {"nombres": "A", "apellido_paterno": "B"}
    assert clean_participant_fields({**fields, "status": "en seguimiento"}, today=TODAY)["status"] is Status.MONITORING
    assert "status" not in clean_participant_fields({**fields, "status": ""}, today=TODAY)
    with pytest.raises(ValidationError, match="estado desconocido"):
        clean_participant_fields({**fields, "status": "jubilado"}, today=TODAY)


def test_partial_edits_check_only_what_is_given_but_cannot_blank_required_names():
    assert clean_participant_fields({"alias": "El Flaco"}, today=TODAY, partial=True) == {"alias": "El Flaco"}
    with pytest.raises(ValidationError) as info:
        clean_participant_fields({"nombres": "  "}, today=TODAY, partial=True)
    assert list(info.value.errors) == ["nombres"]


def test_text_longer_than_the_limit_is_refused():
    with pytest.raises(ValidationError, match="máximo 200"):
        clean_participant_fields({"nombres": "x" * 201, "apellido_paterno": "B"}, today=TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024-02-29", date(2024, 2, 29)), ("29-02-2024", date(2024, 2, 29)), ("1/3/2020", date(2020, 3, 1))],
)
def test_dates_in_iso_or_chilean_order(text, expected):
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["2023-02-29", "31-31-2020", "ayer", "1899-12-31"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_date(text, today=TODAY)


def test_child_records_are_typed_and_checked():
    review = clean_child_fields(
        "eligibility_reviews",
        {"violence_or_weapons": "sí", "decision": "ELIGIBLE", "rationale": "bajo nivel", "review_date": "2025-01-10"},
        today=TODAY,
    )
    assert review == {
        "violence_or_weapons": True,
        "decision": Decision.ELIGIBLE,
        "rationale": "bajo nivel",
        "review_date": date(2025, 1, 10),
    }
    assert clean_child_fields("referrals", {"kind": "education"}, today=TODAY) == {"kind": ReferralKind.EDUCATION}
    with pytest.raises(ValidationError) as info:
        clean_child_fields("checkins", {"notes": "x", "color": "rojo"}, today=TODAY)
    assert set(info.value.errors) == {"day", "color"}


def test_banked_case_expiry_cannot_precede_the_banked_date_and_may_be_future():
    ok = clean_child_fields(
        "banked_cases", {"ruc": "2400123456-7", "banked_on": "2025-01-10", "expires_on": "2026-07-10"}, today=TODAY
    )
    assert ok["expires_on"] == date(2026, 7, 10)
    with pytest.raises(ValidationError) as info:
        clean_child_fields(
            "banked_cases", {"ruc": "1", "banked_on": "2025-01-10", "expires_on": "2024-01-10"}, today=TODAY
        )
    assert "vencimiento" in info.value.errors["expires_on"]


def test_messages_in_english():
    messages.set_language("en")
    try:
        with pytest.raises(ValidationError) as info:
            clean_participant_fields({"apellido_paterno": "B"}, today=TODAY)
        assert info.value.errors == {"nombres": "is required"}
    finally:
        messages.set_language("es")

"""Data quality at entry (issue 9 item 4): the rules the domain enforces for the CLI, imports and forms alike."""

from __future__ import annotations

from datetime import date

import pytest

from dmi_desktop.domain import messages
from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.models import CheckInMethod, ReferralKind
from dmi_desktop.domain.phone import InvalidPhone, normalize_phone
from dmi_desktop.domain.validation import clean_child_fields, clean_participant_fields, parse_date, record_rules

TODAY = date(2025, 6, 1)


def errors_of(table: str, raw: dict, **options: object) -> dict[str, str]:
    """The reasons a record is refused ({} when accepted)."""
    try:
        clean_child_fields(table, raw, today=TODAY, **options)
    except ValidationError as exc:
        return exc.errors
    return {}


def test_referral_dates_must_be_in_order():
    ok = {"kind": "education", "referred_on": "01-03-2025", "first_appointment": "10-03-2025", "ended_on": "01-05-2025"}
    assert errors_of("referrals", ok) == {}
    early = errors_of("referrals", {**ok, "first_appointment": "20-02-2025"})
    assert early == {"first_appointment": "la primera cita (20-02-2025) es anterior a la derivación (01-03-2025)"}
    ended = errors_of("referrals", {**ok, "ended_on": "05-03-2025"})
    assert ended == {"ended_on": "la fecha de término (05-03-2025) es anterior a la primera cita (10-03-2025)"}
    no_appointment = errors_of(
        "referrals", {"kind": "education", "referred_on": "01-03-2025", "ended_on": "2025-02-01"}
    )
    assert "anterior a la derivación (01-03-2025)" in no_appointment["ended_on"]


def test_an_edit_is_judged_with_what_the_record_already_holds():
    stored = {"kind": ReferralKind.EDUCATION, "referred_on": date(2025, 3, 1), "notes": ""}
    assert "first_appointment" in record_rules("referrals", {**stored, "first_appointment": date(2025, 2, 1)})
    assert record_rules("referrals", {**stored, "first_appointment": date(2025, 3, 2)}) == {}


def test_a_review_needs_a_date_and_a_rationale_unless_pending():
    assert errors_of("eligibility_reviews", {"decision": "pending"}) == {"review_date": "es obligatorio"}
    assert errors_of("eligibility_reviews", {"decision": "pending", "review_date": "01-05-2025"}) == {}
    refused = errors_of("eligibility_reviews", {"decision": "not_eligible", "review_date": "01-05-2025"})
    assert refused == {"rationale": "explique el fundamento de la decisión «no elegible (se persigue)»"}
    with_reason = {"decision": "not_eligible", "review_date": "01-05-2025", "rationale": "porte de armas"}
    assert errors_of("eligibility_reviews", with_reason) == {}


def test_check_in_method_is_a_code_of_the_list_or_the_other_text_as_typed():
    assert clean_child_fields("checkins", {"day": "01-05-2025", "method": "Home_Visit"}, today=TODAY) == {
        "day": date(2025, 5, 1),
        "method": CheckInMethod.HOME_VISIT.value,
    }
    # "Otro": any other text is kept as typed, and old free-text values stay as they were.
    free = clean_child_fields("checkins", {"day": "01-05-2025", "method": "en  la feria"}, today=TODAY)
    assert free["method"] == "en la feria"


def test_referral_kind_other_says_which_service_in_the_notes():
    assert errors_of("referrals", {"kind": "other"}) == {"notes": "con servicio «otro», indique cuál en Notas"}
    assert errors_of("referrals", {"kind": "other", "notes": "taller de oficios"}) == {}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("912345678", "+56 9 1234 5678"),
        ("+56 9 1234 5678", "+56 9 1234 5678"),
        ("56987654321", "+56 9 8765 4321"),
        ("(2) 2123-4567", "+56 2 2123 4567"),
        ("32 212 3456", "+56 32 212 3456"),
        ("0056 9 8765 4321", "+56 9 8765 4321"),
        ("+54 11 1234 5678", "+54 11 1234 5678"),
        ("", ""),
    ],
)
def test_phone_numbers_are_written_the_chilean_way(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "9 1234 567", "8765 4321", "+56 1 2345 6789", "llamar a Juan"])
def test_a_wrong_phone_number_gives_the_expected_format(typed):
    with pytest.raises(InvalidPhone, match=r"\+56 9 1234 5678"):
        normalize_phone(typed)
    with pytest.raises(ValidationError) as info:
        clean_participant_fields({"nombres": "Ana", "apellido_paterno": "Soto", "phone": typed}, today=TODAY)
    assert "use un número chileno de 9 dígitos" in info.value.errors["phone"]


@pytest.mark.parametrize("name", ["Ana 😀", "José 👍🏽", "María ❤️", "Luis\u200d", "Pía ★"])
def test_names_refuse_emoji_and_symbols(name):
    with pytest.raises(ValidationError) as info:
        clean_participant_fields({"nombres": name, "apellido_paterno": "Soto"}, today=TODAY)
    assert info.value.errors["nombres"].startswith("un nombre no puede contener emojis ni símbolos")
    with pytest.raises(ValidationError):
        clean_child_fields("influentials", {"name": name}, today=TODAY)


def test_names_keep_accents_apostrophes_hyphens_and_dots():
    name = "María-José O'Higgins Ñúñez Jr."
    assert clean_participant_fields({"nombres": name, "apellido_paterno": "Ü"}, today=TODAY)["nombres"] == name


def test_names_refuse_control_characters():
    with pytest.raises(ValidationError, match="U\\+001B"):
        clean_participant_fields({"nombres": "Ana\x1b[31m", "apellido_paterno": "Soto"}, today=TODAY)


def test_dates_in_messages_are_dd_mm_yyyy():
    with pytest.raises(ValueError, match="la fecha 02-06-2025 está en el futuro"):
        parse_date("2025-06-02", today=TODAY)
    with pytest.raises(ValueError, match="31-12-1899"):
        parse_date("1899-12-31", today=TODAY)


def test_rules_speak_english_too():
    messages.set_language("en")
    try:
        refused = errors_of(
            "referrals", {"kind": "other", "referred_on": "01-03-2025", "first_appointment": "01-02-2025"}
        )
        assert refused["first_appointment"] == "the first appointment (01-02-2025) is before the referral (01-03-2025)"
        assert refused["notes"] == "with service “other”, say which in Notes"
        with pytest.raises(InvalidPhone, match="invalid phone number '123': use a 9-digit Chilean number"):
            normalize_phone("123")
    finally:
        messages.set_language("es")


def test_counts_group_thousands_as_each_language_does():
    assert messages.count_text(5303) == "5.303" and messages.count_text(1_000_000) == "1.000.000"
    assert messages.count_text(999) == "999"
    messages.set_language("en")
    try:
        assert messages.count_text(5303) == "5,303"
    finally:
        messages.set_language("es")

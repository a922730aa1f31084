"""Chilean RUT: every usual presentation is accepted and stored one way; wrong ones say why."""

import pytest

from dmi_desktop.domain import messages
from dmi_desktop.domain.rut import InvalidRut, format_rut, is_valid_rut, normalize_rut, rut_check_digit


@pytest.mark.parametrize("typed", ["7.654.321-6", "7654321-6", "76543216", " 7.654.321-6 ", "7654321 6"])
def test_every_presentation_is_stored_the_same_way(typed):
    assert normalize_rut(typed) == "7654321-6"


@pytest.mark.parametrize("typed", ["10.000.013-K", "10000013-k", "10000013K", "10000013k"])
def test_k_check_digit_in_either_case_is_stored_upper_case(typed):
    assert normalize_rut(typed) == "10000013-K"
    assert is_valid_rut(typed)


def test_check_digit_is_computed_like_the_registry():
    assert rut_check_digit("7654321") == "6"
    assert rut_check_digit("12345678") == "5"
    assert rut_check_digit("10000013") == "K"


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("7.654.321-5", "dígito verificador"),
        ("10000013-0", "dígito verificador"),
        ("7.654.321", "largo"),
        ("1-9", "largo"),
        ("abc", "largo"),
        ("", "vacío"),
    ],
)
def test_invalid_ruts_are_refused_with_the_reason(typed, why):
    assert not is_valid_rut(typed)
    with pytest.raises(InvalidRut, match=why):
        normalize_rut(typed)


def test_reasons_follow_the_message_language():
    messages.set_language("en")
    try:
        with pytest.raises(InvalidRut, match="wrong check digit"):
            normalize_rut("7.654.321-5")
    finally:
        messages.set_language("es")


def test_formatting_adds_dots_and_dash():
    assert format_rut("7654321-6") == "7.654.321-6"
    assert format_rut("10000013-K") == "10.000.013-K"
    assert format_rut("") == ""

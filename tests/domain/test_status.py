"""The participant life cycle is data: complete, reachable, with terminal states and clear refusals."""

from collections import deque

import pytest

from dmi_desktop.domain import messages
from dmi_desktop.domain.errors import IllegalTransition
from dmi_desktop.domain.status import (
    INITIAL_STATUS,
    LABELS,
    TRANSITIONS,
    Status,
    allowed_next,
    check_transition,
    is_terminal,
    label,
    parse_status,
)

TERMINAL = {Status.REFERRED_TO_PROSECUTION, Status.DROPPED, Status.COMPLETED, Status.CASE_ACTIVATED}


def _reachable(start: Status) -> set[Status]:
    seen, queue = {start}, deque([start])
    while queue:
        for nxt in TRANSITIONS[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def test_every_status_has_an_entry_and_labels_in_both_languages():
    assert set(TRANSITIONS) == set(Status)
    assert set(LABELS) == set(Status)
    for status in Status:
        assert LABELS[status]["es"] and LABELS[status]["en"]
        assert all(isinstance(t, Status) for t in TRANSITIONS[status])
        assert status not in TRANSITIONS[status], f"{status} loops onto itself"


def test_spanish_labels_are_distinct():
    spanish = [LABELS[s]["es"] for s in Status]
    assert len(set(spanish)) == len(spanish)


def test_terminal_states_are_exactly_the_closed_files():
    assert {s for s in Status if is_terminal(s)} == TERMINAL


def test_every_state_is_reachable_from_identified():
    assert INITIAL_STATUS is Status.IDENTIFIED
    assert _reachable(Status.IDENTIFIED) == set(Status)


def test_every_open_state_can_still_reach_a_closed_one():
    for status in set(Status) - TERMINAL:
        assert _reachable(status) & TERMINAL, f"{status} can never close"


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.IDENTIFIED, Status.UNDER_REVIEW),
        (Status.UNDER_REVIEW, Status.ELIGIBLE),
        (Status.UNDER_REVIEW, Status.NOT_ELIGIBLE),
        (Status.NOT_ELIGIBLE, Status.REFERRED_TO_PROSECUTION),
        (Status.SUMMONED, Status.NO_SHOW),
        (Status.NO_SHOW, Status.CASE_ACTIVATED),
        (Status.EXCUSED, Status.RESUMMONED),
        (Status.MONITORING, Status.COMPLETED),
        (Status.MONITORING, Status.VIOLATION),
        (Status.VIOLATION, Status.CASE_ACTIVATED),
    ],
)
def test_the_programme_path_is_allowed(current, target):
    check_transition(current, target)
    assert target in allowed_next(current)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.IDENTIFIED, Status.ENROLLED),
        (Status.COMPLETED, Status.MONITORING),
        (Status.DROPPED, Status.UNDER_REVIEW),
        (Status.NOT_ELIGIBLE, Status.SUMMONED),
    ],
)
def test_an_illegal_move_names_both_states(current, target):
    with pytest.raises(IllegalTransition) as info:
        check_transition(current, target)
    assert label(current) in str(info.value) and label(target) in str(info.value)


def test_illegal_move_message_in_english():
    messages.set_language("en")
    try:
        with pytest.raises(IllegalTransition, match="cannot move from “identified” to “enrolled”"):
            check_transition(Status.IDENTIFIED, Status.ENROLLED)
    finally:
        messages.set_language("es")


def test_allowed_next_is_in_declaration_order():
    assert allowed_next(Status.UNDER_REVIEW) == [Status.ELIGIBLE, Status.NOT_ELIGIBLE, Status.DROPPED]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("under_review", Status.UNDER_REVIEW),
        ("under-review", Status.UNDER_REVIEW),
        ("Under Review", Status.UNDER_REVIEW),
        ("en revisión", Status.UNDER_REVIEW),
        ("egresado (cumplió)", Status.COMPLETED),
        ("in custody", Status.IN_CUSTODY),
    ],
)
def test_parse_status_accepts_codes_and_labels(text, status):
    assert parse_status(text) is status


def test_parse_status_refuses_unknown_text():
    with pytest.raises(ValueError, match="estado desconocido"):
        parse_status("jubilado")

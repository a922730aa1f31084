"""The participant life cycle: states, their labels and the allowed transitions (as data)."""

from __future__ import annotations

from enum import StrEnum

from dmi_desktop.domain import messages
from dmi_desktop.domain.errors import IllegalTransition


class Status(StrEnum):
    """Participant states; values are stable English codes stored in the vault."""

    IDENTIFIED = "identified"
    UNDER_REVIEW = "under_review"
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    REFERRED_TO_PROSECUTION = "referred_to_prosecution"
    DROPPED = "dropped"
    FAMILY_CONTACTED = "family_contacted"
    SUMMONED = "summoned"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    EXCUSED = "excused"
    RESUMMONED = "resummoned"
    IN_CUSTODY = "in_custody"
    ENROLLED = "enrolled"
    DECLINED = "declined"
    MONITORING = "monitoring"
    COMPLETED = "completed"
    VIOLATION = "violation"
    CASE_ACTIVATED = "case_activated"


LABELS: dict[Status, dict[str, str]] = {
    Status.IDENTIFIED: {"es": "identificado", "en": "identified"},
    Status.UNDER_REVIEW: {"es": "en revisión", "en": "under review"},
    Status.ELIGIBLE: {"es": "elegible (caso en reserva)", "en": "eligible (case banked)"},
    Status.NOT_ELIGIBLE: {"es": "no elegible", "en": "not eligible"},
    Status.REFERRED_TO_PROSECUTION: {"es": "derivado a Fiscalía", "en": "referred to prosecution"},
    Status.DROPPED: {"es": "descartado", "en": "dropped"},
    Status.FAMILY_CONTACTED: {"es": "familia contactada", "en": "family contacted"},
    Status.SUMMONED: {"es": "citado", "en": "summoned"},
    Status.ATTENDED: {"es": "asistió", "en": "attended"},
    Status.NO_SHOW: {"es": "no asistió", "en": "did not attend"},
    Status.EXCUSED: {"es": "excusado", "en": "excused"},
    Status.RESUMMONED: {"es": "re-citado", "en": "summoned again"},
    Status.IN_CUSTODY: {"es": "privado de libertad", "en": "in custody"},
    Status.ENROLLED: {"es": "inscrito", "en": "enrolled"},
    Status.DECLINED: {"es": "rechazó", "en": "declined"},
    Status.MONITORING: {"es": "en seguimiento", "en": "in monitoring"},
    Status.COMPLETED: {"es": "egresado (cumplió)", "en": "completed"},
    Status.VIOLATION: {"es": "incumplimiento", "en": "violation"},
    Status.CASE_ACTIVATED: {"es": "caso activado", "en": "case activated"},
}

# The life cycle from DOMAIN.md. Terminal states map to an empty set.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.IDENTIFIED: frozenset({Status.UNDER_REVIEW, Status.DROPPED}),
    Status.UNDER_REVIEW: frozenset({Status.ELIGIBLE, Status.NOT_ELIGIBLE, Status.DROPPED}),
    Status.NOT_ELIGIBLE: frozenset({Status.REFERRED_TO_PROSECUTION}),
    Status.ELIGIBLE: frozenset({Status.FAMILY_CONTACTED, Status.SUMMONED, Status.DROPPED}),
    Status.FAMILY_CONTACTED: frozenset({Status.SUMMONED}),
    Status.SUMMONED: frozenset({Status.ATTENDED, Status.NO_SHOW, Status.EXCUSED, Status.IN_CUSTODY}),
    Status.RESUMMONED: frozenset({Status.ATTENDED, Status.NO_SHOW, Status.EXCUSED, Status.IN_CUSTODY}),
    Status.EXCUSED: frozenset({Status.RESUMMONED}),
    Status.IN_CUSTODY: frozenset({Status.RESUMMONED, Status.REFERRED_TO_PROSECUTION}),
    Status.NO_SHOW: frozenset({Status.CASE_ACTIVATED}),
    Status.ATTENDED: frozenset({Status.ENROLLED, Status.DECLINED}),
    Status.DECLINED: frozenset({Status.ENROLLED, Status.CASE_ACTIVATED}),
    Status.ENROLLED: frozenset({Status.MONITORING}),
    Status.MONITORING: frozenset({Status.COMPLETED, Status.VIOLATION}),
    Status.VIOLATION: frozenset({Status.CASE_ACTIVATED}),
    Status.REFERRED_TO_PROSECUTION: frozenset(),
    Status.DROPPED: frozenset(),
    Status.COMPLETED: frozenset(),
    Status.CASE_ACTIVATED: frozenset(),
}

INITIAL_STATUS = Status.IDENTIFIED

# The banked case as a status: the case is banked (eligible) or activated. Only coordinators move a file into or
# out of these states (DOMAIN.md: the banked case is the prosecutor's lever, not the office's).
BANKED_STATES = frozenset({Status.ELIGIBLE, Status.CASE_ACTIVATED})


def label(status: Status | str, language: str | None = None) -> str:
    """Human label of a status in ``language`` (default: the current message language)."""
    lang = language or messages.language()
    return LABELS[Status(status)][lang]


def parse_status(text: str) -> Status:
    """Accept a code (``under_review``) or a label in either language (``en revisión``)."""
    cleaned = text.strip().lower().replace("-", "_").replace(" ", "_")
    for status in Status:
        if cleaned == status.value:
            return status
    for status, labels in LABELS.items():
        if text.strip().lower() in (labels["es"], labels["en"]):
            return status
    raise ValueError(messages.message("unknown_status", value=text))


def allowed_next(current: Status | str) -> list[Status]:
    """Legal next states, in declaration order (stable for menus)."""
    targets = TRANSITIONS[Status(current)]
    return [s for s in Status if s in targets]


def allowed_next_for(current: Status | str, *, banked: bool) -> list[Status]:
    """Legal next states a role may choose: without ``banked``, none into or out of the banked-case states."""
    if banked:
        return allowed_next(current)
    if Status(current) in BANKED_STATES:
        return []
    return [s for s in allowed_next(current) if s not in BANKED_STATES]


def check_transition(current: Status | str, target: Status | str) -> None:
    """Raise IllegalTransition naming both states unless ``current → target`` is allowed."""
    cur, tgt = Status(current), Status(target)
    if tgt not in TRANSITIONS[cur]:
        raise IllegalTransition(messages.message("illegal_transition", current=label(cur), target=label(tgt)))


def is_terminal(status: Status | str) -> bool:
    """True when no transition leaves the state (file closed)."""
    return not TRANSITIONS[Status(status)]

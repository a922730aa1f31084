"""Exceptions that carry a message fit to show a user (one line, no traceback)."""

from __future__ import annotations


class DmiError(Exception):
    """Base for every error whose message may be shown to a user as is."""


class ValidationError(DmiError):
    """One or more fields are invalid; ``errors`` maps field name to reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        summary = "; ".join(f"{field}: {reason}" for field, reason in self.errors.items())
        super().__init__(summary or "invalid data")


class DuplicateRut(ValidationError):
    """The RUT belongs to another live participant, named by ``participant_id`` and ``case_no`` (to open it)."""

    def __init__(self, message: str, participant_id: str, case_no: str) -> None:
        super().__init__({"rut": message})
        self.participant_id = participant_id
        self.case_no = case_no


class IllegalTransition(DmiError):
    """A status change that the life cycle does not allow."""


class PermissionDenied(DmiError):
    """The current user's role does not allow the operation."""


class NotFound(DmiError):
    """The requested record does not exist (or was deleted)."""

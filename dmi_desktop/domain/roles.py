"""Roles and what each may do; the services enforce these, the UI only mirrors them."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Local user roles."""

    COORDINATOR = "coordinator"
    STAFF = "staff"
    VIEWER = "viewer"


ROLE_LABELS: dict[Role, dict[str, str]] = {
    Role.COORDINATOR: {"es": "coordinador/a", "en": "coordinator"},
    Role.STAFF: {"es": "equipo", "en": "staff"},
    Role.VIEWER: {"es": "consulta", "en": "viewer"},
}


def can_write(role: Role) -> bool:
    """Coordinators and staff edit; viewers only read."""
    return role in (Role.COORDINATOR, Role.STAFF)


def can_see_restricted(role: Role) -> bool:
    """Only coordinators see banked cases and evidence references."""
    return role is Role.COORDINATOR


def can_handle_banked_case(role: Role) -> bool:
    """Only coordinators move files into or out of the banked-case states or mark a case activated."""
    return role is Role.COORDINATOR


def can_manage_users(role: Role) -> bool:
    """Only coordinators add or remove users and restore backups."""
    return role is Role.COORDINATOR

"""The banked case through statuses and violations: coordinators only (staff may not bank, un-bank or activate)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dmi_desktop.domain.errors import PermissionDenied
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.roles import Role, can_handle_banked_case
from dmi_desktop.domain.status import BANKED_STATES, Status, label


def refuse_banked_move(role: Role, current: Status | str | None, target: Status | str) -> None:
    """PermissionDenied when ``role`` may not move a file from ``current`` (None: a new file) to ``target``."""
    if can_handle_banked_case(role):
        return
    old = Status(current) if current is not None else None
    new = Status(target)
    if old == new:
        return
    touched = new if new in BANKED_STATES else old if old in BANKED_STATES else None
    if touched is not None:
        raise PermissionDenied(message("banked_status_coordinators", status=label(touched)))


def refuse_new_statuses(role: Role, rows: list[dict[str, Any]]) -> None:
    """Refuse new files (imports, ``create``) that would start in a banked-case state, for roles not allowed to."""
    for values in rows:
        if values.get("status"):
            refuse_banked_move(role, None, values["status"])


def refuse_case_activation(
    role: Role, table: str, values: Mapping[str, Any], before: Mapping[str, Any] | None = None
) -> None:
    """PermissionDenied when ``role`` would set or clear a violation's ``case_activated`` (``before``: stored row)."""
    if table != "violations" or "case_activated" not in values or can_handle_banked_case(role):
        return
    old = bool(before.get("case_activated")) if before is not None else False
    if bool(values["case_activated"]) != old:
        raise PermissionDenied(message("case_activated_coordinators"))

"""Reads behind the home page's lines that a list filter cannot express alone: counts by status, banked cases
by expiry (sealed columns, opened in Python), no-shows awaiting a decision."""

from __future__ import annotations

import weakref
from datetime import date

from dmi_desktop.domain.meetings import FollowUp
from dmi_desktop.domain.status import Status
from dmi_desktop.storage.guard import translate
from dmi_desktop.storage.vault import Vault

# A banked case still matters while the file is open: after activation, completion or prosecution it is history.
_CLOSED = tuple(
    s.value for s in (Status.CASE_ACTIVATED, Status.COMPLETED, Status.REFERRED_TO_PROSECUTION, Status.DROPPED)
)


def status_counts(vault: Vault) -> dict[Status, int]:
    """Live participants per status (the status index, one entry per file)."""
    sql = "SELECT status, count(*) FROM participants WHERE deleted = 0 GROUP BY status"
    rows = translate(vault.read_db().execute)(sql).fetchall()
    return {Status(r[0]): int(r[1]) for r in rows if r[0] in Status._value2member_map_}


def banked_expiring(
    vault: Vault, first: date, last: date, budget: int | None = None
) -> tuple[list[tuple[str, date]], int]:
    """(participant id, expiry) of open files whose banked case expires in ``first``..``last``, soonest first,
    and how many cases are still to open: with a ``budget``, at most that many are opened in this call (the
    caller asks again, so one long read never holds the worker).

    The dates are sealed for coordinators (the caller checks the role): only the expiry column is opened (one
    X25519 exchange per case, about 0.8 ms on the shared box), and each case once per open connection and
    version of the row — later refreshes open only what changed since.
    """
    marks = ", ".join("?" * len(_CLOSED))
    sql = (
        "SELECT b.id, b.updated_hlc, b.participant_id, b.expires_on FROM banked_cases b"
        " JOIN participants p ON p.id = b.participant_id"
        f" WHERE b.deleted = 0 AND p.deleted = 0 AND p.status NOT IN ({marks})"
    )
    rows = translate(vault.read_db().execute)(sql, _CLOSED).fetchall()
    cache = _expiry_cache(vault)
    found: dict[str, date] = {}
    remaining = 0
    for case_id, stamp, participant_id, stored in rows:
        cached = cache.get(case_id)
        if cached is None or cached[0] != stamp:
            if budget is not None and budget <= 0:
                remaining += 1
                continue
            budget = budget - 1 if budget is not None else None
            opened = vault.open_row("banked_cases", {"id": case_id, "expires_on": stored})["expires_on"]
            cached = (stamp, date.fromisoformat(opened) if opened else None)
            cache[case_id] = cached
        expires = cached[1]
        if expires is not None and first <= expires <= last:
            earliest = found.get(participant_id)
            found[participant_id] = min(expires, earliest) if earliest else expires
    return sorted(found.items(), key=lambda item: item[1]), remaining


# Opened expiry dates, per vault and connection: memory only, dropped when a lock and unlock reopen the vault.
_EXPIRY_CACHE: weakref.WeakKeyDictionary[Vault, tuple[int, dict[str, tuple[str, date | None]]]] = (
    weakref.WeakKeyDictionary()
)


def _expiry_cache(vault: Vault) -> dict[str, tuple[str, date | None]]:
    connection = id(vault.db)
    held = _EXPIRY_CACHE.get(vault)
    if held is None or held[0] != connection:
        held = (connection, {})
        _EXPIRY_CACHE[vault] = held
    return held[1]


def no_shows_awaiting(vault: Vault) -> list[str]:
    """Participants flagged for a banked-case review after a no-show whose file still says "did not attend"."""
    sql = (
        "SELECT DISTINCT i.participant_id FROM invitees i JOIN participants p ON p.id = i.participant_id"
        " WHERE i.deleted = 0 AND i.follow_up = ? AND p.deleted = 0 AND p.status = ?"
    )
    rows = translate(vault.read_db().execute)(sql, (FollowUp.BANKED_REVIEW.value, Status.NO_SHOW.value)).fetchall()
    return [r[0] for r in rows]

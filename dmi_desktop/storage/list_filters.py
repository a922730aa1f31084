"""The follow-up filters of the participants list (overdue check-ins, referrals waiting, recent changes): SQL only.

The intervals are vault settings in ``meta`` read by the statement itself, so a query stays a plain value
(saved views keep "overdue", not the number of days that applied when they were saved).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from dmi_desktop.domain.status import Status

CHECKIN_DAYS_KEY = "checkin_interval_days"
REFERRAL_DAYS_KEY = "referral_wait_days"
DEFAULT_CHECKIN_DAYS = 30
DEFAULT_REFERRAL_DAYS = 14
# People whose check-ins are expected: enrolled in the programme or in monitoring.
MONITORED = (Status.ENROLLED, Status.MONITORING)
# Child tables whose edits count as a change to the file (the banked case is sealed: it never shows here).
CHANGE_TABLES = (
    "influentials",
    "eligibility_reviews",
    "referrals",
    "checkins",
    "violations",
    "notes",
    "status_changes",
)


def _cutoff(key: str, default: int) -> str:
    """SQL for the local date ``days`` ago, the days read from meta (the default when unset or unreadable)."""
    days = f"coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = '{key}'), {default})"
    return f"date('now', 'localtime', '-' || {days} || ' days')"


def checkin_overdue_clause() -> str:
    """Monitored people with no check-in within the interval, counted from entering monitoring if none yet."""
    statuses = ", ".join(f"'{s.value}'" for s in MONITORED)
    # Without any check-in, the clock starts when the file last moved into a monitored status (its status
    # change's HLC wall time) or, for a file created or imported in it, when it was created: someone enrolled
    # yesterday is not overdue yet.
    entered = (
        f"(SELECT {_hlc_day('max(s.created_hlc)')} FROM status_changes s"
        f" WHERE s.participant_id = p.id AND s.deleted = 0 AND s.to_status IN ({statuses}))"
    )
    since = f"coalesce(p.last_checkin, {entered}, {_hlc_day('p.created_hlc')})"
    return f"p.status IN ({statuses}) AND {since} < {_cutoff(CHECKIN_DAYS_KEY, DEFAULT_CHECKIN_DAYS)}"


def _hlc_day(stamp: str) -> str:
    """SQL for the local date of an HLC stamp expression (its first 15 digits are wall milliseconds)."""
    return f"date(CAST(substr({stamp}, 1, 15) AS INTEGER) / 1000, 'unixepoch', 'localtime')"


def referral_waiting_clause() -> str:
    """People with a live referral that has no first appointment (and has not ended) N days after referral."""
    return (
        "p.id IN (SELECT r.participant_id FROM referrals r WHERE r.deleted = 0 AND r.first_appointment IS NULL"
        f" AND r.ended_on IS NULL AND r.referred_on <= {_cutoff(REFERRAL_DAYS_KEY, DEFAULT_REFERRAL_DAYS)})"
    )


def ids_clause(ids: tuple[str, ...]) -> tuple[str, list[Any]]:
    """An explicit set of participants, bound as one JSON array (no limit on bound parameters)."""
    return "p.id IN (SELECT value FROM json_each(?))", [json.dumps(list(ids))]


def hlc_floor(since: str) -> str:
    """The lowest HLC stamp at or after ``since`` (an HLC stamp as is, or a local date ``AAAA-MM-DD``)."""
    text = since.strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text  # already a stamp: fixed-width text, compared as such
    wall_ms = int(datetime.combine(day, time.min).timestamp() * 1000)
    return f"{wall_ms:015d}"


def changed_since_clause(since: str) -> tuple[str, list[Any]]:
    """Files whose participant row or one of their records was written at or after ``since``."""
    floor = hlc_floor(since)
    # No updated_hlc index since schema 5 (README, vault size): each table is scanned once; fine for a home
    # line read on the worker, and the list shows the result through the usual pages.
    children = " UNION ".join(f"SELECT participant_id FROM {table} WHERE updated_hlc >= ?" for table in CHANGE_TABLES)
    return f"(p.updated_hlc >= ? OR p.id IN ({children}))", [floor] * (1 + len(CHANGE_TABLES))


def follow_up_clauses(query: Any, clauses: list[str], params: list[Any]) -> None:
    """Append the WHERE terms of ``query``'s follow-up filters (a ParticipantQuery) to ``clauses``/``params``."""
    if query.checkin_overdue:
        clauses.append(checkin_overdue_clause())
    if query.referral_waiting:
        clauses.append(referral_waiting_clause())
    if query.ids is not None:
        sql, values = ids_clause(tuple(query.ids))
        clauses.append(sql)
        params.extend(values)
    if query.changed_since.strip():
        sql, values = changed_since_clause(query.changed_since)
        clauses.append(sql)
        params.extend(values)


def has_follow_up(query: Any) -> bool:
    """True when any follow-up filter of ``query`` is set (a search alone may then not be counted in FTS)."""
    return bool(query.checkin_overdue or query.referral_waiting or query.ids is not None or query.changed_since)

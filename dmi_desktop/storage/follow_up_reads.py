"""Reads behind the home page's lines that a list filter cannot express alone: counts by status, banked cases
by expiry (sealed columns, opened in Python), no-shows awaiting a decision."""

from __future__ import annotations

from datetime import date

from dmi_desktop.domain.meetings import FollowUp
from dmi_desktop.domain.models import BankedCase
from dmi_desktop.domain.status import Status
from dmi_desktop.storage.child_repository import child_repositories
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


def banked_expiring(vault: Vault, first: date, last: date) -> list[tuple[str, date]]:
    """(participant id, expiry) of open files whose banked case expires in ``first``..``last`` (coordinators:
    the columns are sealed, so every live case is opened here; the caller checks the role first)."""
    repo = child_repositories(vault)["banked_cases"]
    marks = ", ".join("?" * len(_CLOSED))
    sql = (
        f"SELECT b.id FROM banked_cases b JOIN participants p ON p.id = b.participant_id"
        f" WHERE b.deleted = 0 AND p.deleted = 0 AND p.status NOT IN ({marks})"
    )
    ids = [r[0] for r in translate(vault.read_db().execute)(sql, _CLOSED).fetchall()]
    found: dict[str, date] = {}
    for case_id in ids:
        case: BankedCase = repo.get(case_id)
        if case.expires_on is not None and first <= case.expires_on <= last:
            earliest = found.get(case.participant_id)
            found[case.participant_id] = min(case.expires_on, earliest) if earliest else case.expires_on
    return sorted(found.items(), key=lambda item: item[1])


def no_shows_awaiting(vault: Vault) -> list[str]:
    """Participants flagged for a banked-case review after a no-show whose file still says "did not attend"."""
    sql = (
        "SELECT DISTINCT i.participant_id FROM invitees i JOIN participants p ON p.id = i.participant_id"
        " WHERE i.deleted = 0 AND i.follow_up = ? AND p.deleted = 0 AND p.status = ?"
    )
    rows = translate(vault.read_db().execute)(sql, (FollowUp.BANKED_REVIEW.value, Status.NO_SHOW.value)).fetchall()
    return [r[0] for r in rows]

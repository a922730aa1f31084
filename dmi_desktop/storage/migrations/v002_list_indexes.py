"""Schema 2 (released 2026-12): covering indexes for the participants list; updated_hlc on child tables.

Frozen: the exact statements the release executed. Never edit; add a migration instead.
"""

from __future__ import annotations

NAME = "list and sync indexes"

STATEMENTS: tuple[str, ...] = (
    """DROP INDEX IF EXISTS participants_status""",
    """DROP INDEX IF EXISTS participants_sector""",
    """DROP INDEX IF EXISTS participants_sort_name""",
    """DROP INDEX IF EXISTS participants_last_checkin""",
    """CREATE INDEX participants_live_name ON participants(sort_name, case_no, status, sector) WHERE deleted = 0""",
    """CREATE INDEX participants_live_status ON participants(status, sort_name, case_no, sector) WHERE deleted = 0""",
    """CREATE INDEX participants_live_sector ON participants(sector, sort_name, case_no, status) WHERE deleted = 0""",
    """CREATE INDEX participants_live_checkin ON participants(last_checkin, sort_name, case_no) WHERE deleted = 0""",
    """CREATE INDEX participants_live_alias ON participants(alias, sort_name, case_no) WHERE deleted = 0""",
    """CREATE INDEX participants_live_case ON participants(case_no) WHERE deleted = 0""",
    """CREATE INDEX influentials_updated_hlc ON influentials(updated_hlc)""",
    """CREATE INDEX eligibility_reviews_updated_hlc ON eligibility_reviews(updated_hlc)""",
    """CREATE INDEX banked_cases_updated_hlc ON banked_cases(updated_hlc)""",
    """CREATE INDEX referrals_updated_hlc ON referrals(updated_hlc)""",
    """CREATE INDEX checkins_updated_hlc ON checkins(updated_hlc)""",
    """CREATE INDEX violations_updated_hlc ON violations(updated_hlc)""",
    """CREATE INDEX notes_updated_hlc ON notes(updated_hlc)""",
)

"""The meetings' overlap query reads a range of the start-time index, never the whole table."""

from __future__ import annotations

from dmi_desktop.domain.meetings import ACTIVE_STATUSES
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.meeting_repository import OVERLAP_WHERE
from dmi_desktop.storage.schema import apply_migrations


def test_the_overlap_query_is_a_range_search_of_the_start_index(tmp_path):
    db = open_database(tmp_path / "x.db", bytes(range(32)), create=True)
    try:
        apply_migrations(db)
        params = ["2027-03-09 22:00", "2027-03-10 11:30", "", *[s.value for s in ACTIVE_STATUSES], "2027-03-10 10:00"]
        sql = f"SELECT id FROM meetings WHERE {OVERLAP_WHERE}"  # without INDEXED BY: SQLite's own choice
        plan = " ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "SEARCH meetings USING INDEX meetings_live_start (starts_at>? AND starts_at<?)" in plan, plan
        assert "TEMP B-TREE" not in plan  # read in start order, never sorted
    finally:
        db.close()

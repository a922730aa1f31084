"""Schema 7: who handles each file (``caseworker``), and a search index that sorts its own matches.

Frozen: the exact statements the release executes. Never edit; add a migration instead.

- ``caseworker``: the staff user who handles the file ("Responsable"); '' for every file written before, the
  creating user for files created in the app since. Its partial index serves the list's "my cases" filter in
  the list's name order.
"""

from __future__ import annotations

NAME = "caseworker, a search index that sorts"

STATEMENTS: tuple[str, ...] = (
    """ALTER TABLE participants ADD COLUMN caseworker TEXT NOT NULL DEFAULT ''""",
    """CREATE INDEX participants_live_caseworker ON participants(caseworker, sort_name, case_no) WHERE deleted = 0""",
)

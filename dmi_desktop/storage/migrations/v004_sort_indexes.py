"""Schema 4: an index for the list's RUT order, the one sort the list offered without one.

Frozen: the exact statements the release executed. Never edit; add a migration instead.
"""

from __future__ import annotations

NAME = "an index for every list sort"

STATEMENTS: tuple[str, ...] = (
    """CREATE INDEX participants_live_rut ON participants(rut, sort_name, case_no) WHERE deleted = 0""",
)

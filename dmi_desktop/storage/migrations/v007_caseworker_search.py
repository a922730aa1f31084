"""Schema 7: who handles each file (``caseworker``), and a search index that sorts its own matches.

Frozen: the exact statements the release executes. Never edit; add a migration instead.

- ``caseworker``: the staff user who handles the file ("Responsable"); '' for every file written before, the
  creating user for files created in the app since. Its partial index serves the list's "my cases" filter in
  the list's name order, and holds only the files someone handles (imported files without one cost nothing).
- ``participants_fts`` keeps each live participant's list sort keys (``sort_name``, ``case_no``) beside the
  index, unindexed (``contentless_unindexed=1``: stored in a small table of its own, the indexed text still not
  kept). A search sorts its matches from those ~40-byte rows, about a hundred to a page, instead of reading
  each matching participant's whole row (one page each on a fresh connection): README, "Scale". Its triggers
  are re-created with the two keys; the delete trigger of schema 1 is unchanged.
"""

from __future__ import annotations

# ruff: noqa: E501 - the triggers are written as schema 1 wrote them, with the two sort keys added
NAME = "caseworker, a search index that sorts"

STATEMENTS: tuple[str, ...] = (
    """ALTER TABLE participants ADD COLUMN caseworker TEXT NOT NULL DEFAULT ''""",
    """CREATE INDEX participants_live_caseworker ON participants(caseworker, sort_name, case_no)
    WHERE deleted = 0 AND caseworker <> ''""",
    """DROP TRIGGER participants_fts_ai""",
    """DROP TRIGGER participants_fts_au""",
    """DROP TABLE participants_fts""",
    """CREATE VIRTUAL TABLE participants_fts USING fts5(
    names, alias, rut, sort_name UNINDEXED, case_no UNINDEXED,
    content='', contentless_delete=1, contentless_unindexed=1, prefix='1 2 3',
    tokenize="unicode61 remove_diacritics 2")""",
    """INSERT INTO participants_fts(rowid, names, alias, rut, sort_name, case_no)
    SELECT rowid, nombres || ' ' || apellido_paterno || ' ' || apellido_materno, alias,
           CASE WHEN rut = '' THEN '' ELSE replace(rut, '-', '') || ' ' ||
                substr(rut, 1, instr(rut, '-') - 1) END,
           sort_name, case_no
    FROM participants WHERE deleted = 0""",
    """CREATE TRIGGER participants_fts_ai AFTER INSERT ON participants BEGIN INSERT INTO participants_fts(rowid, names, alias, rut, sort_name, case_no)
        SELECT new.rowid, new.nombres || ' ' || new.apellido_paterno || ' ' || new.apellido_materno, new.alias,
               CASE WHEN new.rut = '' THEN '' ELSE replace(new.rut, '-', '') || ' ' ||
                    substr(new.rut, 1, instr(new.rut, '-') - 1) END,
               new.sort_name, new.case_no
        WHERE new.deleted = 0; END""",
    """CREATE TRIGGER participants_fts_au AFTER UPDATE OF nombres, apellido_paterno, apellido_materno, alias,
        rut, sort_name, case_no, deleted ON participants BEGIN DELETE FROM participants_fts WHERE rowid = old.rowid; INSERT INTO participants_fts(rowid, names, alias, rut, sort_name, case_no)
        SELECT new.rowid, new.nombres || ' ' || new.apellido_paterno || ' ' || new.apellido_materno, new.alias,
               CASE WHEN new.rut = '' THEN '' ELSE replace(new.rut, '-', '') || ' ' ||
                    substr(new.rut, 1, instr(new.rut, '-') - 1) END,
               new.sort_name, new.case_no
        WHERE new.deleted = 0; END""",
)

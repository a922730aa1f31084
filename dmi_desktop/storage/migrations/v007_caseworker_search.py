"""Schema 7: who handles each file (``caseworker``), and a search index that returns its matches in name order.

Frozen: the exact statements the release executes (the key expression below is built once, the same text every
time; its SHA-256 is pinned with the rest). Never edit; add a migration instead.

- ``caseworker``: the staff user who handles the file ("Responsable"); '' for every file written before, the
  creating user for files created in the app since. Its partial index serves the list's "my cases" filter in
  the list's name order, and holds only the files someone handles (imported files without one cost nothing).
- ``participants_fts`` rows are keyed by the list's name order: an entry's rowid is the participant's rowid
  plus, above bit 32, a number that grows with the first six characters of its ``sort_name`` (never
  decreases: a character the number cannot tell apart from its neighbours ends the six). FTS5 keeps every
  term's matches in rowid order, so a search reads its first page in name order straight from the index and
  fetches only that page's participants (README, "Scale"). Same terms, tokenizer and prefixes as schema 3,
  without positions (``detail=none``): a search is prefixes of single terms joined by AND, never a phrase, and
  the positions were a third of the index — about what the larger rowids cost instead.
"""

from __future__ import annotations

# ruff: noqa: E501 - the triggers are written as schema 1 wrote them, with the name-ordered key
NAME = "caseworker, a search index in name order"

_CHARS = 6  # characters of sort_name in the key: 5 bits each, 30 bits above the participant's 32-bit rowid


_EXACT = "abcdefghijklmnopqrstuvwxyz "  # the characters with a code of their own (a sort name is folded)


def _bucket(column: str) -> str:
    """5-bit codes of the first characters: a-z and the space exact (space 2, a-z 4-29); the first other
    character gets a code it shares with its neighbours (1 below the space, 3 between it and "a", 30 after
    "z") and ends the key (0 after it, as past the end), so the key never decreases along the name order."""
    span = f"(length({column}) - length(ltrim({column}, '{_EXACT}')))"  # leading exact characters
    parts = []
    for i in range(1, _CHARS + 1):
        u = f"unicode(substr({column}, {i}, 1))"
        exact = f"(CASE {u} WHEN 32 THEN 2 ELSE {u} - 93 END)"
        shared = f"(CASE WHEN {u} IS NULL THEN 0 WHEN {u} < 32 THEN 1 WHEN {u} < 97 THEN 3 ELSE 30 END)"
        code = f"(CASE WHEN {i} <= {span} THEN {exact} WHEN {i} = {span} + 1 THEN {shared} ELSE 0 END)"
        parts.append(f"{code} * {32 ** (_CHARS - i)}")
    return " + ".join(parts)


def _key(prefix: str) -> str:
    """The index rowid of a participant row (``new.``, ``old.`` or the bare table)."""
    return f"(({_bucket(prefix + 'sort_name')}) * 4294967296 + {prefix}rowid)"


_TEXT = """{p}nombres || ' ' || {p}apellido_paterno || ' ' || {p}apellido_materno, {p}alias,
           CASE WHEN {p}rut = '' THEN '' ELSE replace({p}rut, '-', '') || ' ' ||
                substr({p}rut, 1, instr({p}rut, '-') - 1) END"""

STATEMENTS: tuple[str, ...] = (
    """ALTER TABLE participants ADD COLUMN caseworker TEXT NOT NULL DEFAULT ''""",
    """CREATE INDEX participants_live_caseworker ON participants(caseworker, sort_name, case_no)
    WHERE deleted = 0 AND caseworker <> ''""",
    """DROP TRIGGER participants_fts_ai""",
    """DROP TRIGGER participants_fts_au""",
    """DROP TRIGGER participants_fts_ad""",
    """DROP TABLE participants_fts""",
    """CREATE VIRTUAL TABLE participants_fts USING fts5(
    names, alias, rut, content='', contentless_delete=1, prefix='1 2 3', detail=none,
    tokenize="unicode61 remove_diacritics 2")""",
    f"""INSERT INTO participants_fts(rowid, names, alias, rut)
    SELECT {_key("")}, {_TEXT.format(p="")}
    FROM participants WHERE deleted = 0""",
    f"""CREATE TRIGGER participants_fts_ai AFTER INSERT ON participants BEGIN INSERT INTO participants_fts(rowid, names, alias, rut)
        SELECT {_key("new.")}, {_TEXT.format(p="new.")}
        WHERE new.deleted = 0; END""",
    f"""CREATE TRIGGER participants_fts_au AFTER UPDATE OF nombres, apellido_paterno, apellido_materno, alias,
        rut, sort_name, deleted ON participants BEGIN DELETE FROM participants_fts WHERE rowid = {_key("old.")}; INSERT INTO participants_fts(rowid, names, alias, rut)
        SELECT {_key("new.")}, {_TEXT.format(p="new.")}
        WHERE new.deleted = 0; END""",
    f"""CREATE TRIGGER participants_fts_ad AFTER DELETE ON participants BEGIN DELETE FROM participants_fts WHERE rowid = {_key("old.")}; END""",
)

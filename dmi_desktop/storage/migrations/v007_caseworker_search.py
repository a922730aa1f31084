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


def _code(column: str, i: int) -> str:
    """5-bit code of character ``i`` (1-based): 0 past the end, a–z and space exact, anything else shared."""
    u = f"unicode(substr({column}, {i}, 1))"
    return (
        f"(CASE WHEN {u} IS NULL THEN 0 WHEN {u} < 32 THEN 1 WHEN {u} = 32 THEN 2 WHEN {u} < 97 THEN 3"
        f" WHEN {u} <= 122 THEN {u} - 93 ELSE 30 END)"
    )


def _bucket(column: str, i: int = 1) -> str:
    """The key's characters from ``i`` on; after a shared code the rest count as 0 (keeps the key monotone)."""
    if i > _CHARS:
        return "0"
    weight = 32 ** (_CHARS - i)
    code = _code(column, i)
    return (
        f"(CASE WHEN {code} IN (1, 3, 30) THEN {code} * {weight} ELSE {code} * {weight} + {_bucket(column, i + 1)} END)"
    )


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

"""The search index's key (schema 7) never decreases along the list's name order, whatever the characters."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from dmi_desktop.storage.driver import dbapi
from dmi_desktop.storage.fts import fts_query
from dmi_desktop.storage.migrations.v007_caseworker_search import STATEMENTS, _key
from dmi_desktop.storage.repositories import sort_key_for

# Letters, the space, the characters around them and beyond ASCII: where the key's codes are shared.
ALPHABET = "abcxyz -'.09AZ`{~\u00f1\u00f8\u00df\u4e2d\x01"


def _buckets(names: list[str]) -> list[int]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE participants (sort_name TEXT)")
    conn.executemany("INSERT INTO participants VALUES (?)", [(n,) for n in names])
    # SQLite's own order (BINARY) is the list's; the key must follow it.
    rows = conn.execute(f"SELECT {_key('')} >> 32 FROM participants ORDER BY sort_name").fetchall()
    conn.close()
    return [r[0] for r in rows]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=9), min_size=2, max_size=40))
def test_the_key_never_decreases_along_the_name_order(names):
    keys = _buckets(names)
    assert keys == sorted(keys)


def test_names_that_differ_early_get_different_keys():
    names = sorted(
        sort_key_for(n, p, m) for n, p, m in (("José", "Soto", ""), ("Ana", "Pérez", ""), ("Luis", "Abarca", ""))
    )
    keys = _buckets(names)
    assert keys == sorted(keys) and len(set(keys)) == 3


def test_no_typed_character_turns_a_search_into_a_refused_phrase():
    # The index keeps no positions (schema 7): a term the tokenizer would cut in two would be an error. The
    # vault's own SQLite build (its Unicode tables), the index's own options, every code point between letters.
    conn = dbapi.connect(":memory:")
    create = next(s for s in STATEMENTS if s.startswith("CREATE VIRTUAL TABLE participants_fts"))
    conn.execute(create)
    for cp in range(0x20, 0x30000):
        if 0xD800 <= cp < 0xE000:
            continue
        match = fts_query(f"a{chr(cp)}b")
        if match:
            conn.execute("SELECT count(*) FROM participants_fts WHERE participants_fts MATCH ?", (match,)).fetchone()
    conn.close()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=9))
def test_the_least_name_of_a_key_has_that_key_and_sorts_first(name):
    from dmi_desktop.storage.search_page import _floor

    conn = sqlite3.connect(":memory:")
    sql = f"SELECT {_key('')} >> 32 FROM (SELECT ? AS sort_name, 1 AS rowid)"
    bucket = conn.execute(sql, (name,)).fetchone()[0]
    floor = _floor(bucket)
    assert conn.execute(sql, (floor,)).fetchone()[0] == bucket
    assert floor <= name
    conn.close()

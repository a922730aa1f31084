"""Numbered, forward-only migrations keyed by ``PRAGMA user_version`` (STYLE point 4)."""

from __future__ import annotations

from collections.abc import Callable

from dmi_desktop.storage.driver import Database

# Columns every synchronisable row carries (DESIGN §4). ``_clock`` maps field -> HLC of its last change,
# for fields changed after the row was created; a field not in it was last set at ``created_hlc``
# (records.field_clocks expands it).
SYNC_COLUMNS = """
    id TEXT PRIMARY KEY,
    created_hlc TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    _clock TEXT NOT NULL DEFAULT '{}',
    origin TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
"""

# Child tables of a participant: name -> extra column definitions.
CHILD_TABLES: dict[str, str] = {
    "influentials": """
        name TEXT NOT NULL, relationship TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '', visited_on TEXT, notes TEXT NOT NULL DEFAULT ''""",
    "eligibility_reviews": """
        violence_or_weapons INTEGER NOT NULL DEFAULT 0, leadership_role INTEGER NOT NULL DEFAULT 0,
        still_active INTEGER NOT NULL DEFAULT 0, enough_evidence INTEGER NOT NULL DEFAULT 0,
        decision TEXT NOT NULL DEFAULT 'pending', rationale TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL DEFAULT '', review_date TEXT""",
    "banked_cases": """
        ruc TEXT NOT NULL DEFAULT '', investigating_unit TEXT NOT NULL DEFAULT '', buy_dates TEXT NOT NULL DEFAULT '[]',
        banked_on TEXT, expires_on TEXT, description TEXT NOT NULL DEFAULT ''""",
    "referrals": """
        kind TEXT NOT NULL, provider TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'pending',
        referred_on TEXT, first_appointment TEXT, ended_on TEXT, notes TEXT NOT NULL DEFAULT ''""",
    "checkins": """
        day TEXT NOT NULL, method TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL DEFAULT ''""",
    "violations": """
        day TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', case_activated INTEGER NOT NULL DEFAULT 0""",
    "notes": """
        body TEXT NOT NULL, author TEXT NOT NULL DEFAULT ''""",
}


def _v1_initial(db: Database) -> None:
    """Vault metadata, users, participants with FTS, the participant file and the audit chain."""
    ex = db.execute
    ex("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    ex("CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")
    ex("""CREATE TABLE users (
        name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('coordinator','staff','viewer')),
        created_at TEXT NOT NULL)""")
    ex(f"""CREATE TABLE participants ({SYNC_COLUMNS},
        case_no TEXT NOT NULL UNIQUE,
        nombres TEXT NOT NULL, apellido_paterno TEXT NOT NULL, apellido_materno TEXT NOT NULL DEFAULT '',
        alias TEXT NOT NULL DEFAULT '', rut TEXT NOT NULL DEFAULT '', birth_date TEXT,
        sex TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, photo BLOB,
        sort_name TEXT NOT NULL DEFAULT '',
        last_checkin TEXT)""")
    ex("CREATE UNIQUE INDEX participants_rut ON participants(rut) WHERE rut <> '' AND deleted = 0")
    for col in ("status", "sector", "sort_name", "last_checkin", "updated_hlc"):
        ex(f"CREATE INDEX participants_{col} ON participants({col})")
    # Contentless FTS: the index holds tokens only; accents folded so "jose" finds "José".
    ex("""CREATE VIRTUAL TABLE participants_fts USING fts5(
        names, alias, rut, content='', contentless_delete=1,
        tokenize="unicode61 remove_diacritics 2")""")
    fts_row = """INSERT INTO participants_fts(rowid, names, alias, rut)
        SELECT new.rowid, new.nombres || ' ' || new.apellido_paterno || ' ' || new.apellido_materno, new.alias,
               CASE WHEN new.rut = '' THEN '' ELSE replace(new.rut, '-', '') || ' ' ||
                    substr(new.rut, 1, instr(new.rut, '-') - 1) END
        WHERE new.deleted = 0;"""
    ex(f"CREATE TRIGGER participants_fts_ai AFTER INSERT ON participants BEGIN {fts_row} END")
    ex(f"""CREATE TRIGGER participants_fts_au AFTER UPDATE OF nombres, apellido_paterno, apellido_materno, alias,
        rut, deleted ON participants BEGIN DELETE FROM participants_fts WHERE rowid = old.rowid; {fts_row} END""")
    ex(
        "CREATE TRIGGER participants_fts_ad AFTER DELETE ON participants BEGIN "
        "DELETE FROM participants_fts WHERE rowid = old.rowid; END"
    )
    for table, columns in CHILD_TABLES.items():
        ex(f"""CREATE TABLE {table} ({SYNC_COLUMNS},
            participant_id TEXT NOT NULL REFERENCES participants(id), {columns})""")
        ex(f"CREATE INDEX {table}_participant ON {table}(participant_id)")
    # The list shows the last check-in; keep it on the participant row so sorting by it stays in SQL.
    last = """UPDATE participants SET last_checkin = (SELECT max(day) FROM checkins
        WHERE participant_id = {ref}.participant_id AND deleted = 0) WHERE id = {ref}.participant_id;"""
    ex(f"CREATE TRIGGER checkins_last_ai AFTER INSERT ON checkins BEGIN {last.format(ref='new')} END")
    ex(f"CREATE TRIGGER checkins_last_au AFTER UPDATE ON checkins BEGIN {last.format(ref='new')} END")
    ex("""CREATE TABLE audit (
        seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, before TEXT, after TEXT,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""")
    ex("CREATE INDEX audit_entity ON audit(entity_id)")
    # Append-only inside the app; tampering from outside is caught by the hash chain.
    ex("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END")
    ex("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END")


# The list always filters on live rows (deleted = 0) and orders by a column, then the name, then the case
# number. Partial covering indexes per sort key let SQLite filter, count and skip OFFSET rows inside the
# index, without decrypting the table's pages (DESIGN §7: first screen < 100 ms at 100 000 participants).
LIVE_INDEXES: dict[str, str] = {
    "participants_live_name": "sort_name, case_no, status, sector",
    "participants_live_status": "status, sort_name, case_no, sector",
    "participants_live_sector": "sector, sort_name, case_no, status",
    "participants_live_checkin": "last_checkin, sort_name, case_no",
    "participants_live_alias": "alias, sort_name, case_no",
    "participants_live_case": "case_no",
}


def _v2_list_and_sync_indexes(db: Database) -> None:
    """Covering indexes for the participant list; updated_hlc on child tables (sync, newest clock at unlock)."""
    for column in ("status", "sector", "sort_name", "last_checkin"):
        db.execute(f"DROP INDEX IF EXISTS participants_{column}")
    for name, columns in LIVE_INDEXES.items():
        db.execute(f"CREATE INDEX {name} ON participants({columns}) WHERE deleted = 0")
    for table in CHILD_TABLES:
        db.execute(f"CREATE INDEX {table}_updated_hlc ON {table}(updated_hlc)")


MIGRATIONS: list[tuple[int, str, Callable[[Database], None]]] = [
    (1, "initial", _v1_initial),
    (2, "list and sync indexes", _v2_list_and_sync_indexes),
]
LATEST_VERSION = MIGRATIONS[-1][0]
# Tables whose rows carry the sync columns (id, HLC stamps, clocks, origin, tombstone).
SYNCABLE_TABLES: tuple[str, ...] = ("participants", *CHILD_TABLES)


def latest_version() -> int:
    """The schema version this app writes (read at call time, so tests can add a fake migration)."""
    return MIGRATIONS[-1][0]


def schema_version(db: Database) -> int:
    """The vault's ``PRAGMA user_version``."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def pending_migrations(current: int) -> list[tuple[int, str, Callable[[Database], None]]]:
    """Migrations newer than ``current``, in order."""
    return [m for m in MIGRATIONS if m[0] > current]


def apply_migrations(db: Database) -> list[int]:
    """Apply each pending migration in its own transaction; return the versions applied."""
    applied = []
    for version, _name, migrate in pending_migrations(schema_version(db)):
        with db.atomic():
            migrate(db)
            db.execute(f"PRAGMA user_version = {int(version)}")
        applied.append(version)
    return applied

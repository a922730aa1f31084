"""Make sqlite-utils run on SQLCipher: register ``sqlcipher3`` as ``pysqlite3`` before importing it."""

from __future__ import annotations

import sys

import sqlcipher3
import sqlcipher3.dbapi2

# sqlite-utils picks ``pysqlite3`` when importable and catches that module's exception classes;
# sqlcipher3 raises its own, so it must stand in for pysqlite3 before sqlite_utils is imported.
sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", sqlcipher3.dbapi2)

import sqlite_utils  # noqa: E402

dbapi = sqlcipher3.dbapi2
Database = sqlite_utils.Database
DatabaseError = dbapi.DatabaseError
IntegrityError = dbapi.IntegrityError
OperationalError = dbapi.OperationalError

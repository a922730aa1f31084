"""The encrypted vault: SQLCipher connection, key slots, schema, repositories and audit."""

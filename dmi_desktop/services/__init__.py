"""Use cases over the vault: sessions, participants, users, backups, demo data, import and export."""

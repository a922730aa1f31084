"""The command line over the same services as the desktop app (see ../shared/CLI.md)."""

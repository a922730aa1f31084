"""Importing participants from spreadsheets and exporting the current list."""

"""Printing from the participant area: the purpose dialog, the in-memory preview and the print actions."""

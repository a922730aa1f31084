"""Finding bundled resources both from the source tree and inside a PyInstaller bundle (STYLE point 13)."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The ``resources`` folder: next to the package in a checkout, under ``sys._MEIPASS`` when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a resource file, e.g. ``resource_path("icons", "app.svg")`` (it may not exist)."""
    return resource_root().joinpath(*parts)

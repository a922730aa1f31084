"""The home page's panel registry: each panel computes its lines on the worker and returns small dataclasses.

Panels register themselves when their module is imported (like the areas); meetings, letters… add their own
panels from their own modules, listed in PANEL_MODULES.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from dmi_desktop.services.participants import ParticipantQuery

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from dmi_desktop.services.session import Session
    from dmi_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

# Modules that register home panels when imported; ones not built yet are skipped.
PANEL_MODULES = ["dmi_desktop.ui.home.follow_up_panels", "dmi_desktop.ui.meeting_panels"]

Opener = Callable[["QWidget", "AppContext"], None]


@dataclass(frozen=True)
class HomeLine:
    """One line: a count and what it counts; activating it opens the list with ``query`` (or calls ``opener``)."""

    count: int | None
    text: str
    query: ParticipantQuery | None = None
    description: str = ""  # what the list is filtered by, for the status bar ("" : the text)
    note: str = ""  # a second, smaller line (venue, letters to issue…)
    opener: Opener | None = None


class HomePanel(Protocol):
    """A box of lines on the home page."""

    panel_id: str

    def title(self) -> str:
        """Translated heading."""
        ...

    def visible(self, session: Session) -> bool:
        """Whether this user sees the panel at all (roles only: runs on the GUI thread, no SQL)."""
        ...

    def lines(self, session: Session) -> list[HomeLine]:
        """The lines, computed on the worker thread (never touches widgets)."""
        ...


_REGISTRY: dict[str, tuple[int, HomePanel]] = {}


def register_panel(panel: HomePanel, order: int = 100) -> None:
    """Add (or replace) a panel; lower ``order`` comes first."""
    _REGISTRY[panel.panel_id] = (order, panel)


def unregister_panel(panel_id: str) -> None:
    """Remove a panel (tests)."""
    _REGISTRY.pop(panel_id, None)


def _import_panel_modules() -> None:
    for name in PANEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
            log.debug("panel module %s not present", name)


def registered_panels() -> list[HomePanel]:
    """Every registered panel in order (panel modules imported first)."""
    _import_panel_modules()
    return [panel for _order, panel in sorted(_REGISTRY.values(), key=lambda item: (item[0], item[1].panel_id))]

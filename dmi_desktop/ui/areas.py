"""Areas of the main window (participants, later meetings, letters…): each registers itself at import."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from dmi_desktop.ui.actions import ActionSpec
    from dmi_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

# Modules that register an area when imported; ones not built yet are simply skipped.
AREA_MODULES = ["dmi_desktop.ui.home.area", "dmi_desktop.ui.participants.area", "dmi_desktop.ui.meetings.area"]


class Area(Protocol):
    """One navigation entry of the main window and the widget it shows."""

    area_id: str

    def title(self) -> str:
        """Translated title for the navigation list."""
        ...

    def icon(self) -> QIcon:
        """Icon for the navigation list."""
        ...

    def create_widget(self, ctx: AppContext, parent: QWidget | None) -> QWidget:
        """Build the area's widget (optional hooks: save_state, restore_state, has_unsaved_changes)."""
        ...

    def action_specs(self, widget: QWidget) -> list[ActionSpec]:
        """Menu/toolbar/shortcut actions the area contributes, bound to its widget."""
        ...


_REGISTRY: dict[str, tuple[int, Area]] = {}


def register_area(area: Area, order: int = 100) -> None:
    """Add (or replace) an area; lower ``order`` comes first in the navigation."""
    _REGISTRY[area.area_id] = (order, area)


def unregister_area(area_id: str) -> None:
    """Remove an area (tests)."""
    _REGISTRY.pop(area_id, None)


def _import_area_modules() -> None:
    for name in AREA_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # Only "this area is not built yet" is skipped; a missing dependency inside an area is a real bug.
            if exc.name is None or not name.startswith(exc.name):
                raise
            log.debug("area module %s not present", name)


def registered_areas() -> list[Area]:
    """Every registered area, in order (area modules are imported first)."""
    _import_area_modules()
    return [area for _order, area in sorted(_REGISTRY.values(), key=lambda item: (item[0], item[1].area_id))]

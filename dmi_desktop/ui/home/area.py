"""The Inicio area: registered first, so it is what opens after unlocking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from dmi_desktop.ui.actions import ActionSpec, load_icon
from dmi_desktop.ui.areas import register_area
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.home.first_steps import DEMO_ACTION, open_demo_window
from dmi_desktop.ui.home.home_widget import AREA_ID, HomeWidget

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class HomeArea:
    """What needs attention: counts and follow-up lines that open the filtered list."""

    area_id = AREA_ID

    def title(self) -> str:
        """Navigation title."""
        return QCoreApplication.translate("HomeArea", "Home")

    def icon(self) -> QIcon:
        """Navigation icon."""
        icon = load_icon("home")
        return icon if not icon.isNull() else load_icon("GoHome")

    def create_widget(self, ctx: AppContext, parent: QWidget | None) -> QWidget:
        """The home page."""
        return HomeWidget(ctx, parent)

    def action_specs(self, widget: QWidget) -> list[ActionSpec]:
        """Refresh (F5) and "open the demo" (Help menu; the empty vault's first steps use it too)."""
        assert isinstance(widget, HomeWidget)

        def demo() -> None:
            if not open_demo_window():
                show_error(widget, QCoreApplication.translate("HomeArea", "The demo could not be started."))

        return [
            ActionSpec(
                "home.refresh",
                QCoreApplication.translate("HomeArea", "&Refresh home page"),
                widget.refresh,
                menu="view",
                shortcut="F5",
                status_tip=QCoreApplication.translate("HomeArea", "Read the home page's counts again"),
            ),
            ActionSpec(
                DEMO_ACTION,
                QCoreApplication.translate("HomeArea", "Open the &demo in a new window"),
                demo,
                menu="help",
                status_tip=QCoreApplication.translate(
                    "HomeArea", "Try DMI Desktop on fictitious participants, in a separate window"
                ),
            ),
        ]


register_area(HomeArea(), order=0)

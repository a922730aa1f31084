"""The meetings area ("Reuniones"): registers itself with the main window and contributes its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from dmi_desktop.ui.actions import ActionSpec, load_icon
from dmi_desktop.ui.areas import register_area
from dmi_desktop.ui.meetings.meetings_widget import AREA_ID, MeetingsWidget

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class MeetingsArea:
    """Calendar, agenda and meeting pages."""

    area_id = AREA_ID

    def title(self) -> str:
        """Navigation title."""
        return QCoreApplication.translate("MeetingsArea", "Meetings")

    def icon(self) -> QIcon:
        """Navigation icon."""
        icon = load_icon("meetings")
        return icon if not icon.isNull() else load_icon("AppointmentNew")

    def create_widget(self, ctx: AppContext, parent: QWidget | None) -> QWidget:
        """The calendar widget (it also owns the meeting pages)."""
        return MeetingsWidget(ctx, parent)

    def action_specs(self, widget: QWidget) -> list[ActionSpec]:
        """New meeting (Ctrl+N inside the area), venues, contacts, export to calendar."""
        assert isinstance(widget, MeetingsWidget)
        return [
            ActionSpec(
                "meetings.new",
                QCoreApplication.translate("MeetingsArea", "&New meeting…"),
                widget.new_meeting,
                menu="meetings",
                icon="AppointmentNew",
                needs_write=True,
                status_tip=QCoreApplication.translate(
                    "MeetingsArea", "Schedule a meeting (Ctrl+N in the meetings area)"
                ),
            ),
            ActionSpec(
                "meetings.venues",
                QCoreApplication.translate("MeetingsArea", "&Venues…"),
                lambda: widget.open_directory("venues"),
                menu="meetings",
                status_tip=QCoreApplication.translate("MeetingsArea", "Places where meetings are held"),
            ),
            ActionSpec(
                "meetings.contacts",
                QCoreApplication.translate("MeetingsArea", "Partner &contacts…"),
                lambda: widget.open_directory("contacts"),
                menu="meetings",
                status_tip=QCoreApplication.translate(
                    "MeetingsArea", "People at Carabineros, PDI, Fiscalía and the other partners"
                ),
            ),
            ActionSpec(
                "meetings.ics",
                QCoreApplication.translate("MeetingsArea", "&Export meetings to calendar (.ics)…"),
                widget.export_range,
                menu="meetings",
                status_tip=QCoreApplication.translate(
                    "MeetingsArea", "Save the meetings of a date range for partners' calendars"
                ),
            ),
        ]


register_area(MeetingsArea(), order=20)

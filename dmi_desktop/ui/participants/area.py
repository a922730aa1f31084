"""The participants area: registers itself with the main window and contributes its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from dmi_desktop.ui.actions import ActionSpec, load_icon
from dmi_desktop.ui.areas import register_area
from dmi_desktop.ui.participants.participants_widget import AREA_ID, ParticipantsWidget

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class ParticipantsArea:
    """Participants list and files."""

    area_id = AREA_ID

    def title(self) -> str:
        """Navigation title."""
        return QCoreApplication.translate("ParticipantsArea", "Participants")

    def icon(self) -> QIcon:
        """Navigation icon."""
        icon = load_icon("participants")
        return icon if not icon.isNull() else load_icon("UserAvailable")

    def create_widget(self, ctx: AppContext, parent: QWidget | None) -> QWidget:
        """The list widget (it also owns the participant file windows)."""
        return ParticipantsWidget(ctx, parent)

    def action_specs(self, widget: QWidget) -> list[ActionSpec]:
        """New (Ctrl+N), search (Ctrl+F), open, import…, export…, print list…."""
        assert isinstance(widget, ParticipantsWidget)
        from dmi_desktop.ui.import_export.export_action import export_current_list
        from dmi_desktop.ui.import_export.import_wizard import start_import
        from dmi_desktop.ui.printing.print_actions import print_current_list

        return [
            ActionSpec(
                "participants.new",
                QCoreApplication.translate("ParticipantsArea", "&New participant…"),
                widget.new_participant,
                menu="participants",
                shortcut=QKeySequence.StandardKey.New,
                toolbar=True,
                icon="ContactNew",
                needs_write=True,
                status_tip=QCoreApplication.translate("ParticipantsArea", "Register a new participant"),
            ),
            ActionSpec(
                "participants.search",
                QCoreApplication.translate("ParticipantsArea", "&Search participants"),
                widget.focus_search,
                menu="participants",
                shortcut=QKeySequence.StandardKey.Find,
                icon="EditFind",
                status_tip=QCoreApplication.translate("ParticipantsArea", "Search by name, alias or RUT"),
            ),
            ActionSpec(
                "participants.open",
                QCoreApplication.translate("ParticipantsArea", "&Open file"),
                widget.open_selected,
                menu="participants",
                icon="DocumentOpen",
                status_tip=QCoreApplication.translate(
                    "ParticipantsArea", "Open the selected participant's file (Enter)"
                ),
            ),
            ActionSpec(
                "participants.import",
                QCoreApplication.translate("ParticipantsArea", "&Import participants…"),
                lambda: start_import(widget.ctx, widget),
                menu="participants",
                toolbar=True,
                icon="DocumentOpen",
                needs_write=True,
                status_tip=QCoreApplication.translate(
                    "ParticipantsArea", "Import participants from a CSV or Excel file"
                ),
            ),
            ActionSpec(
                "participants.export",
                QCoreApplication.translate("ParticipantsArea", "&Export list…"),
                lambda: export_current_list(widget.ctx, widget, widget.model.query),
                menu="participants",
                toolbar=True,
                icon="DocumentSaveAs",
                status_tip=QCoreApplication.translate(
                    "ParticipantsArea", "Export the participants shown (with the current filters)"
                ),
            ),
            ActionSpec(
                "participants.print_list",
                QCoreApplication.translate("ParticipantsArea", "&Print list…"),
                lambda: print_current_list(widget.ctx, widget, widget.model.query),
                menu="participants",
                icon="DocumentPrint",
                status_tip=QCoreApplication.translate(
                    "ParticipantsArea", "Preview and print the participants shown (with the current filters) as a PDF"
                ),
            ),
        ]


register_area(ParticipantsArea(), order=10)

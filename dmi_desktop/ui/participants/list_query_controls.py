"""How the participants list takes a query from outside: a home line, a saved view, "limpiar filtros"."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.saved_views import SavedView
from dmi_desktop.ui.models.participant_table_model import COLUMN_FOR_SORT
from dmi_desktop.ui.participants.follow_up_note import FOLLOW_UP_FIELDS, NO_FOLLOW_UP

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer, SignalInstance
    from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView, QWidget

    from dmi_desktop.ui.models.participant_table_model import ParticipantTableModel
    from dmi_desktop.ui.participants.follow_up_note import FollowUpNote


class QueryControls:
    """Mixed into the participants widget: the search box, filters, sort indicator and follow-up note follow a
    query set from outside, and it runs once."""

    search: QLineEdit
    status_filter: QComboBox
    sector_filter: QComboBox
    table: QTableView
    model: ParticipantTableModel
    follow_up_note: FollowUpNote
    notice: SignalInstance
    _debounce: QTimer

    if TYPE_CHECKING:

        def window(self) -> QWidget: ...
        def current_query(self) -> ParticipantQuery: ...

    def show_query(self, query: ParticipantQuery, description: str = "") -> None:
        """Show the list as ``query`` filters it (a home line): the boxes take its search, status and sector,
        its follow-up filters stay on until cleared, and the status bar says what is filtered."""
        self.apply_query(query, description)
        if description:
            bar = getattr(self.window(), "statusBar", None)
            if callable(bar):
                bar().showMessage(
                    QCoreApplication.translate("ParticipantsWidget", "Filtered: {what}").format(what=description)
                )

    def clear_follow_up(self) -> None:
        """Drop a home line's follow-up filter (the search box and filters stay as they are)."""
        cleared = {name: getattr(NO_FOLLOW_UP, name) for name in FOLLOW_UP_FIELDS}
        bar = getattr(self.window(), "statusBar", None)
        if callable(bar):
            bar().clearMessage()
        self.apply_query(replace(self.current_query(), **cleared))

    def apply_query(self, query: ParticipantQuery, description: str = "") -> None:
        """Show ``query``: the search box, filters and sort indicator follow it, then it runs once; a follow-up
        filter the boxes cannot show is named above the list by ``description``."""
        self._debounce.stop()
        for widget in (self.search, self.status_filter, self.sector_filter):
            widget.blockSignals(True)
        self.search.setText(query.search)
        status = query.status[0].value if len(query.status) == 1 else ""
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(status)))
        if query.sector and self.sector_filter.findData(query.sector) < 0:
            self.sector_filter.addItem(query.sector, query.sector)  # the sector list may still be on its way
        self.sector_filter.setCurrentIndex(max(0, self.sector_filter.findData(query.sector)))
        for widget in (self.search, self.status_filter, self.sector_filter):
            widget.blockSignals(False)
        has_follow_up = any(getattr(query, name) != getattr(NO_FOLLOW_UP, name) for name in FOLLOW_UP_FIELDS)
        self.follow_up_note.show_description(description if has_follow_up else "")
        self.model.set_query(query)  # while locked it is only remembered: unlocking counts it
        column = COLUMN_FOR_SORT.get(query.sort)
        if column is not None:  # the model already has this order: setting the indicator queries nothing
            order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
            self.table.horizontalHeader().setSortIndicator(column, order)

    def apply_view(self, view: SavedView) -> None:
        """Show a built-in or saved view."""
        self.apply_query(view.query, view.name)
        self.notice.emit(QCoreApplication.translate("ParticipantsWidget", "View “{name}”").format(name=view.name))

    def clear_filters(self) -> None:
        """Empty the search and every filter (a view's other conditions too), keeping the order."""
        query = self.model.query
        self.apply_query(ParticipantQuery(sort=query.sort, descending=query.descending))
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

"""Context menus of the participants list: one for a row (open, change status, copy), one for the header (columns)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from dmi_desktop.domain.models import ParticipantRow
from dmi_desktop.domain.roles import can_write
from dmi_desktop.ui.models.formatting import display_rut
from dmi_desktop.ui.models.participant_table_model import COL_NAME

if TYPE_CHECKING:
    from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget


def copy_text(text: str) -> None:
    """Put ``text`` on the clipboard (what the user asked to copy, nothing more)."""
    QGuiApplication.clipboard().setText(text)


def row_menu(area: ParticipantsWidget, row: ParticipantRow | None) -> QMenu:
    """The menu of one row; every action is disabled while the row's page is still on its way."""
    menu = QMenu(area)
    menu.setObjectName("participantRowMenu")
    open_action = menu.addAction(QCoreApplication.translate("ParticipantListMenus", "&Open file"))
    font = open_action.font()
    font.setBold(True)  # the default action, as a double click does
    open_action.setFont(font)
    status_action = menu.addAction(QCoreApplication.translate("ParticipantListMenus", "Change &status…"))
    menu.addSeparator()
    case_action = menu.addAction(QCoreApplication.translate("ParticipantListMenus", "Copy &case number"))
    rut_action = menu.addAction(QCoreApplication.translate("ParticipantListMenus", "Copy &RUT"))
    if row is None:
        for action in menu.actions():
            action.setEnabled(False)
        return menu
    open_action.triggered.connect(lambda: area.open_file(row.id))
    status_action.setEnabled(can_write(area.ctx.session.role))
    status_action.triggered.connect(lambda: area.change_status_of(row))
    case_action.triggered.connect(lambda: copy_text(row.case_no))
    rut_action.setEnabled(bool(row.rut))
    rut_action.triggered.connect(lambda: copy_text(display_rut(row.rut)))
    return menu


def header_menu(area: ParticipantsWidget, section: int) -> QMenu:
    """Show/hide each column (the name always shows), move the one clicked, reset to the original layout."""
    header = area.table.horizontalHeader()
    model = area.model
    menu = QMenu(area)
    menu.setObjectName("participantHeaderMenu")
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        action = QAction(str(model.headerData(logical, header.orientation())), menu)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(logical))
        action.setEnabled(logical != COL_NAME)  # a list without names would identify nobody
        action.toggled.connect(lambda shown, c=logical: area.columns.set_shown(c, shown))
        menu.addAction(action)
    if section >= 0:
        menu.addSeparator()
        title = str(model.headerData(section, header.orientation()))
        left = menu.addAction(
            QCoreApplication.translate("ParticipantListMenus", "Move “{column}” left").format(column=title)
        )
        right = menu.addAction(
            QCoreApplication.translate("ParticipantListMenus", "Move “{column}” right").format(column=title)
        )
        left.setEnabled(area.columns.neighbour(section, -1) >= 0)
        right.setEnabled(area.columns.neighbour(section, +1) >= 0)
        left.triggered.connect(lambda: area.columns.move(section, -1))
        right.triggered.connect(lambda: area.columns.move(section, +1))
    menu.addSeparator()
    reset = menu.addAction(QCoreApplication.translate("ParticipantListMenus", "Reset columns"))
    reset.triggered.connect(area.columns.reset)
    return menu


def popup(menu: QMenu, widget: QWidget, at: object) -> None:
    """Show a context menu without blocking (tests read it while it is open); it deletes itself when closed."""
    menu.aboutToHide.connect(menu.deleteLater)
    menu.popup(widget.mapToGlobal(at))  # type: ignore[arg-type]

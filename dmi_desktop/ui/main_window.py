"""The main window: navigation between registered areas, menus/toolbar from the registry, status bar."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from dmi_desktop.ui.actions import ActionSpec, load_icon
from dmi_desktop.ui.areas import registered_areas
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.menus import build_menus, build_toolbar
from dmi_desktop.ui.status_bar import ShellStatusBar

log = logging.getLogger(__name__)


def unsaved_windows(exclude: QWidget | None = None) -> list[QWidget]:
    """Other open top-level windows (participant files…) that report unsaved changes."""
    found = []
    for widget in QApplication.topLevelWidgets():
        if widget is exclude or not widget.isVisible():
            continue
        check = getattr(widget, "has_unsaved_changes", None)
        if callable(check) and check():
            found.append(widget)
    return found


class MainWindow(QMainWindow):
    """Thin: builds itself from the area registry and the action registry; ``closed`` fires after closing."""

    closed = Signal()

    def __init__(self, ctx: AppContext, shell_actions: Iterable[ActionSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("main_window")
        self.setWindowIcon(load_icon("app"))
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(24, 24))
        self.navigation.setMinimumWidth(140)
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 8px 6px; }")
        self.stack = QStackedWidget(self)
        self.area_widgets: dict[str, QWidget] = {}
        self._build_areas()
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([160, 1040])
        self.setCentralWidget(self.splitter)
        for spec in shell_actions:
            ctx.actions.register(spec)
        self.addActions(ctx.actions.all_actions())  # shortcuts work even for actions in no menu
        build_menus(self, ctx.actions)
        self.toolbar = build_toolbar(self, ctx.actions)
        self.status = ShellStatusBar(ctx, self)
        self.setStatusBar(self.status)
        self._update_title()
        self.resize(1200, 760)
        self.restore_state()
        self._closing_confirmed = False

    def _build_areas(self) -> None:
        for area in registered_areas():
            try:
                widget = area.create_widget(self.ctx, self.stack)
                specs = area.action_specs(widget)
            except Exception as exc:  # one broken area must not keep the vault from opening
                from dmi_desktop.ui.errors import log_unexpected

                log_unexpected(exc)
                continue
            widget.setObjectName(widget.objectName() or f"area_{area.area_id}")
            self.area_widgets[area.area_id] = widget
            self.stack.addWidget(widget)
            item = QListWidgetItem(area.icon(), area.title())
            item.setData(Qt.ItemDataRole.UserRole, area.area_id)
            self.navigation.addItem(item)
            for spec in specs:
                self.ctx.actions.register(spec)
        if not self.area_widgets:
            empty = QLabel(self.tr("No work areas are installed."), self.stack)
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(empty)
        self.navigation.setCurrentRow(0)

    def _update_title(self) -> None:
        organisation = self.ctx.session.organisation
        title = "DMI Desktop"
        self.setWindowTitle(f"{organisation} — {title}" if organisation else title)

    def show_area(self, area_id: str) -> None:
        """Switch to an area by id."""
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) == area_id:
                self.navigation.setCurrentRow(row)
                return

    # -- remembered state -------------------------------------------------------------------------

    def restore_state(self) -> None:
        """Geometry, toolbar state, splitter and each area's own state from the last run."""
        settings = self.ctx.settings
        if geometry := settings.geometry("main_window"):
            self.restoreGeometry(QByteArray(geometry))
        if state := settings.geometry("main_window_state"):
            self.restoreState(QByteArray(state))
        if splitter := settings.geometry("main_splitter"):
            self.splitter.restoreState(QByteArray(splitter))
        for widget in self.area_widgets.values():
            hook = getattr(widget, "restore_state", None)
            if callable(hook):
                hook(settings)

    def save_state(self) -> None:
        """Remember geometry, toolbar, splitter and area states."""
        settings = self.ctx.settings
        settings.set_geometry("main_window", bytes(self.saveGeometry().data()))
        settings.set_geometry("main_window_state", bytes(self.saveState().data()))
        settings.set_geometry("main_splitter", bytes(self.splitter.saveState().data()))
        for widget in self.area_widgets.values():
            hook = getattr(widget, "save_state", None)
            if callable(hook):
                hook(settings)
        settings.sync()

    # -- closing ----------------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """True when an area or another open window holds unsaved edits."""
        for widget in self.area_widgets.values():
            check = getattr(widget, "has_unsaved_changes", None)
            if callable(check) and check():
                return True
        return bool(unsaved_windows(exclude=self))

    def confirm_close(self) -> bool:
        """Ask before discarding unsaved edits; True when closing may go ahead."""
        if self._closing_confirmed or not self.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Some open forms have changes that were not saved. Quit and discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        """Confirm unsaved edits, remember the layout, then tell the shell."""
        if not self.confirm_close():
            event.ignore()
            return
        self._closing_confirmed = True
        self.save_state()
        event.accept()
        self.closed.emit()

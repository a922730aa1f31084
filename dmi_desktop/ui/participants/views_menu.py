"""The "Views" button of the participants list: built-in and saved filter combinations; save, rename, delete.

The views are read and written on the worker through ``session.saved_views`` (the vault's encrypted meta).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QToolButton, QWidget

from dmi_desktop.domain.messages import language
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.saved_views import SavedView, preset_views
from dmi_desktop.ui.errors import show_error

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext


class ViewsButton(QToolButton):
    """A drop-down of views; ``apply`` shows a view's query, ``current`` gives the query to save."""

    def __init__(
        self,
        ctx: AppContext,
        current: Callable[[], ParticipantQuery],
        apply: Callable[[SavedView], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._current = current
        self._apply = apply
        self.saved: list[SavedView] = []
        self.setObjectName("participantViews")
        self.setText(self.tr("Views"))
        self.setToolTip(self.tr("Built-in and saved combinations of search, filters and order"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.views_menu = QMenu(self)
        self.views_menu.setObjectName("participantViewsMenu")
        self.views_menu.aboutToShow.connect(self.rebuild)
        self.setMenu(self.views_menu)
        ctx.hub.unlocked.connect(self.reload)
        self.reload()

    # -- reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the user's views on the worker (the menu is rebuilt from them each time it opens)."""
        ctx = self._ctx
        if not ctx.session.is_open:
            return
        ctx.worker.submit(
            lambda _task: ctx.session.saved_views.list() if ctx.session.is_open else None,
            self._loaded,
            lambda exc: show_error(self, exc),
        )

    def _loaded(self, views: list[SavedView] | None) -> None:
        if views is not None and shiboken6.isValid(self):
            self.saved = views
            self.rebuild()

    def presets(self) -> list[SavedView]:
        """Built-in views, named in the interface's language."""
        return preset_views(self._ctx.session.user, language())

    def rebuild(self) -> None:
        """Fill the menu: built-in views, the user's views, then save / rename / delete."""
        menu = self.views_menu
        menu.clear()
        presets = self.presets()
        if presets:
            menu.addSection(self.tr("Built-in views"))
            for view in presets:
                menu.addAction(view.name, lambda v=view: self._apply(v))
        menu.addSection(self.tr("My views"))
        if not self.saved:
            none = menu.addAction(self.tr("(no saved views yet)"))
            none.setEnabled(False)
        for view in self.saved:
            menu.addAction(view.name, lambda v=view: self._apply(v))
        menu.addSeparator()
        save = menu.addAction(self.tr("Save view…"), self.save_view)
        save.setObjectName("saveView")
        rename = menu.addMenu(self.tr("Rename view"))
        delete = menu.addMenu(self.tr("Delete view"))
        for view in self.saved:
            rename.addAction(view.name, lambda v=view: self.rename_view(v))
            delete.addAction(view.name, lambda v=view: self.delete_view(v))
        rename.setEnabled(bool(self.saved))
        delete.setEnabled(bool(self.saved))

    # -- writing -----------------------------------------------------------------------------------

    def save_view(self) -> None:
        """Ask for a name and store the list's current search, filters and order under it."""
        query = self._current()
        name, ok = QInputDialog.getText(
            self,
            self.tr("Save view"),
            self.tr("Name for the current search, filters and order:"),
            QLineEdit.EchoMode.Normal,
            "",
        )
        if not ok:
            return
        replace = False
        if any(v.name.casefold() == " ".join(name.split()).casefold() for v in self.saved):
            answer = QMessageBox.question(
                self,
                self.tr("Save view"),
                self.tr("A view called “{name}” already exists. Replace it?").format(name=name.strip()),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            replace = True
        self._write(lambda views: views.save(name, query, replace_existing=replace))

    def rename_view(self, view: SavedView) -> None:
        """Ask for a new name."""
        name, ok = QInputDialog.getText(
            self, self.tr("Rename view"), self.tr("New name:"), QLineEdit.EchoMode.Normal, view.name
        )
        if ok and name.strip() != view.name:
            self._write(lambda views: views.rename(view.name, name))

    def delete_view(self, view: SavedView) -> None:
        """Ask first, then forget the view."""
        answer = QMessageBox.question(
            self,
            self.tr("Delete view"),
            self.tr("Delete the view “{name}”? The participants are not affected.").format(name=view.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda views: views.delete(view.name))

    def _write(self, change: Callable[[Any], object]) -> None:
        ctx = self._ctx

        def job(_task: object) -> list[SavedView]:
            views = ctx.session.saved_views
            change(views)
            return views.list()

        ctx.worker.submit(job, self._loaded, lambda exc: show_error(self, exc))

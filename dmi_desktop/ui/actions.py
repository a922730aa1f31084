"""The action registry: every menu item, toolbar button and shortcut is one registered QAction (STYLE point 8)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

MENUS = ("file", "edit", "view", "participants", "meetings", "vault", "help")


@dataclass(frozen=True)
class ActionSpec:
    """Declares one user command; ``text`` is already translated by the caller."""

    action_id: str
    text: str
    handler: Callable[[], None]
    menu: str = ""  # one of MENUS, or "" for shortcut-only actions
    shortcut: QKeySequence.StandardKey | str | None = None
    toolbar: bool = False
    icon: str | None = None  # a QIcon.ThemeIcon name or a resources/icons file stem
    needs_write: bool = False  # disabled for viewers
    status_tip: str = ""


def load_icon(name: str | None) -> QIcon:
    """A theme icon by name, else resources/icons/<name>.svg|png, else an empty icon."""
    if not name:
        return QIcon()
    from dmi_desktop.ui.resources import resource_path

    for ext in ("svg", "png"):
        path = resource_path("icons", f"{name}.{ext}")
        if path.exists():
            return QIcon(str(path))
    theme = getattr(QIcon.ThemeIcon, name, None)
    if theme is not None:
        return QIcon.fromTheme(theme)
    return QIcon.fromTheme(name)


class ActionRegistry(QObject):
    """Creates and keeps the QActions; the main window puts them in menus, toolbar and on itself (shortcuts)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._specs: dict[str, ActionSpec] = {}
        self._actions: dict[str, QAction] = {}
        self._can_write = True

    def register(self, spec: ActionSpec) -> QAction:
        """Create (or replace) the action for ``spec`` and return it."""
        if spec.menu and spec.menu not in MENUS:
            raise ValueError(f"unknown menu {spec.menu!r}")
        old = self._actions.pop(spec.action_id, None)
        if old is not None:
            old.deleteLater()
        action = QAction(load_icon(spec.icon), spec.text, self)
        action.setObjectName(spec.action_id)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.status_tip:
            action.setStatusTip(spec.status_tip)
            action.setToolTip(spec.status_tip)
        action.triggered.connect(lambda _checked=False: self._run(spec))
        if spec.needs_write and not self._can_write:
            action.setEnabled(False)
        self._specs[spec.action_id] = spec
        self._actions[spec.action_id] = action
        return action

    def _run(self, spec: ActionSpec) -> None:
        """Call the handler; an error becomes a one-line message, never a traceback."""
        try:
            spec.handler()
        except Exception as exc:
            from dmi_desktop.ui.errors import show_error

            show_error(None, exc)

    def action(self, action_id: str) -> QAction:
        """The registered action (KeyError if none)."""
        return self._actions[action_id]

    def has(self, action_id: str) -> bool:
        """True when an action with this id is registered."""
        return action_id in self._actions

    def spec(self, action_id: str) -> ActionSpec:
        """The spec an action was registered with."""
        return self._specs[action_id]

    def all_actions(self) -> list[QAction]:
        """Every action in registration order."""
        return list(self._actions.values())

    def menu_actions(self, menu: str) -> list[QAction]:
        """Actions that belong in ``menu``, in registration order."""
        return [self._actions[i] for i, s in self._specs.items() if s.menu == menu]

    def toolbar_actions(self) -> list[QAction]:
        """Actions shown on the toolbar."""
        return [self._actions[i] for i, s in self._specs.items() if s.toolbar]

    def set_can_write(self, can_write: bool) -> None:
        """Enable or disable every write action (viewers get them disabled)."""
        self._can_write = can_write
        for action_id, spec in self._specs.items():
            if spec.needs_write:
                self._actions[action_id].setEnabled(can_write)

    @property
    def can_write(self) -> bool:
        """Whether write actions are currently enabled."""
        return self._can_write


@dataclass(frozen=True)
class WindowShortcut:
    """A key bound inside one kind of window (Ctrl+S in a participant file), outside the action registry.

    Declared once at import; ``bind_shortcut`` is the only way such a key is created, so the help's list of
    shortcuts (F1) is built from the same declarations and cannot drift.
    """

    shortcut_id: str
    text: Callable[[], str]  # translated when shown
    keys: QKeySequence.StandardKey | str


_WINDOW_SHORTCUTS: dict[str, WindowShortcut] = {}


def declare_shortcut(shortcut: WindowShortcut) -> WindowShortcut:
    """Register (or replace) a window shortcut's declaration."""
    _WINDOW_SHORTCUTS[shortcut.shortcut_id] = shortcut
    return shortcut


def window_shortcuts() -> list[WindowShortcut]:
    """Every declared window shortcut, in declaration order."""
    return list(_WINDOW_SHORTCUTS.values())


def bind_shortcut(shortcut_id: str, widget: QWidget, handler: Callable[[], object]) -> QShortcut:
    """Create the declared shortcut on ``widget`` (KeyError for an undeclared one: declare it first)."""
    spec = _WINDOW_SHORTCUTS[shortcut_id]
    shortcut = QShortcut(QKeySequence(spec.keys), widget)
    shortcut.setObjectName(shortcut_id)
    shortcut.activated.connect(lambda: handler())
    return shortcut

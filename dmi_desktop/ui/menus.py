"""Menus and toolbar built from the action registry (the main window stays thin)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QMainWindow, QSizePolicy, QToolBar, QWidget

from dmi_desktop.ui.actions import MENUS, ActionRegistry


def menu_titles() -> dict[str, str]:
    """Translated titles of the menus, in menu-bar order."""
    translate = QCoreApplication.translate
    return {
        "file": translate("Menus", "&File"),
        "edit": translate("Menus", "&Edit"),
        "view": translate("Menus", "&View"),
        "participants": translate("Menus", "&Participants"),
        "meetings": translate("Menus", "&Meetings"),
        "vault": translate("Menus", "&Vault"),
        "help": translate("Menus", "&Help"),
    }


def build_menus(window: QMainWindow, registry: ActionRegistry) -> None:
    """One menu per group that has actions; empty groups get no menu."""
    bar = window.menuBar()
    bar.clear()
    titles = menu_titles()
    for menu_id in MENUS:
        actions = registry.menu_actions(menu_id)
        if not actions:
            continue
        menu = bar.addMenu(titles[menu_id])
        menu.setObjectName(f"menu_{menu_id}")
        for action in actions:
            if menu_id == "file" and action.objectName() == "shell.quit":
                menu.addSeparator()  # Quit sits last, apart from the rest
            if menu_id == "vault" and action.objectName() == "vault.lock":
                menu.addSeparator()
            menu.addAction(action)


def build_toolbar(window: QMainWindow, registry: ActionRegistry) -> QToolBar:
    """The main toolbar with the actions flagged ``toolbar``."""
    toolbar = window.addToolBar(QCoreApplication.translate("Menus", "Main toolbar"))
    toolbar.setObjectName("main_toolbar")  # needed for saveState/restoreState
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    shell_ids = {"vault.lock", "help.contents"}
    area_actions = [a for a in registry.toolbar_actions() if a.objectName() not in shell_ids]
    for action in area_actions:
        toolbar.addAction(action)
    shell_actions = [a for a in registry.toolbar_actions() if a.objectName() in shell_ids]
    if shell_actions:
        spacer = QWidget(toolbar)  # pushes the shell's own buttons (lock, help) to the right
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        for action in shell_actions:
            toolbar.addAction(action)
    return toolbar

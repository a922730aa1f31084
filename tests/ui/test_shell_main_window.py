"""The main window: areas from the registry, status bar, role-dependent actions, remembered layout, closing."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from dmi_desktop.domain.roles import ROLE_LABELS
from dmi_desktop.ui import areas
from dmi_desktop.ui.actions import ActionSpec
from dmi_desktop.ui.help_dialog import HelpDialog
from tests.conftest import COORDINATOR, STAFF, VIEWER

pytest_plugins = ["tests.ui.shell_fixtures"]


class _NotesWidget(QLabel):
    """A stand-in area widget with the optional hooks."""

    def __init__(self) -> None:
        super().__init__("notas")
        self.dirty = False
        self.restored: bytes | None = None

    def has_unsaved_changes(self) -> bool:
        return self.dirty

    def save_state(self, settings) -> None:
        settings.set_area_state("test.notes", b"layout-v1")

    def restore_state(self, settings) -> None:
        self.restored = settings.area_state("test.notes")


class _NotesArea:
    area_id = "test.notes"

    def __init__(self) -> None:
        self.widget: _NotesWidget | None = None
        self.calls: list[str] = []

    def title(self) -> str:
        return "Notas de prueba"

    def icon(self) -> QIcon:
        return QIcon()

    def create_widget(self, ctx, parent) -> QWidget:
        self.widget = _NotesWidget()
        return self.widget

    def action_specs(self, widget) -> list[ActionSpec]:
        return [
            ActionSpec("test.write", "Escribir", lambda: self.calls.append("write"), menu="edit", needs_write=True),
            ActionSpec("test.read", "Leer", lambda: self.calls.append("read"), menu="view", toolbar=True),
        ]


@pytest.fixture
def notes_area():
    area = _NotesArea()
    areas.register_area(area, order=999)
    yield area
    areas.unregister_area(area.area_id)


@pytest.mark.parametrize("user", [COORDINATOR, STAFF, VIEWER])
def test_status_bar_shows_vault_user_and_role(unlocked, vault_dir, user):
    shell = unlocked(user)
    status = shell.window.status
    role = shell.ctx.session.role
    assert user in status.user_label.text()
    assert ROLE_LABELS[role]["es"] in status.role_label.text()  # Spanish role label
    assert vault_dir.name in status.vault_label.text()
    assert status.vault_label.toolTip() == str(vault_dir)
    assert status.lock_label.text() == status.tr("Unlocked")


def test_only_coordinators_manage_users(unlocked):
    shell = unlocked(COORDINATOR)
    assert shell.ctx.actions.has("vault.users")
    vault_menu = shell.window.findChild(type(shell.window.menuBar().actions()[0].menu()), "menu_vault")
    assert shell.ctx.actions.action("vault.users") in vault_menu.actions()


@pytest.mark.parametrize("user", [STAFF, VIEWER])
def test_staff_and_viewers_see_no_user_management(unlocked, user):
    shell = unlocked(user)
    assert not shell.ctx.actions.has("vault.users")
    assert not shell.ctx.actions.has("vault.organisation")
    texts = [a.text() for menu in shell.window.menuBar().actions() for a in menu.menu().actions()]
    assert not any("users" in t.lower() or "usuarios" in t.lower() for t in texts)


def test_area_appears_with_its_actions_and_viewers_cannot_write(unlocked, notes_area):
    shell = unlocked(VIEWER)
    window = shell.window
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert "Notas de prueba" in titles
    window.show_area("test.notes")
    assert window.stack.currentWidget() is notes_area.widget
    assert not shell.ctx.actions.action("test.write").isEnabled()
    assert shell.ctx.actions.action("test.read").isEnabled()
    assert shell.ctx.actions.action("test.read") in window.toolbar.actions()


def test_staff_can_write(unlocked, notes_area):
    shell = unlocked(STAFF)
    action = shell.ctx.actions.action("test.write")
    assert action.isEnabled()
    action.trigger()
    assert notes_area.calls == ["write"]


def test_missing_area_modules_are_skipped(unlocked, monkeypatch):
    monkeypatch.setattr(areas, "AREA_MODULES", ["dmi_desktop.ui.not_built_yet.area"])
    assert isinstance(areas.registered_areas(), list)


def test_standard_shortcuts(unlocked):
    shell = unlocked(COORDINATOR)
    shortcuts = {
        action_id: shell.ctx.actions.action(action_id).shortcut().toString()
        for action_id in ("vault.lock", "shell.quit", "help.contents")
    }
    assert shortcuts == {"vault.lock": "Ctrl+L", "shell.quit": "Ctrl+Q", "help.contents": "F1"}
    dialog = HelpDialog(shell.ctx.actions, shell.window)
    listed = {dialog.shortcuts.item(r, 1).text() for r in range(dialog.shortcuts.rowCount())}
    native = {QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in ("Ctrl+L", "Ctrl+Q", "F1")}
    assert native <= listed  # as the user reads them ("Control+L" in Spanish)


def test_layout_is_remembered(qtbot, unlocked, notes_area, make_shell, vault_dir):
    shell = unlocked(COORDINATOR)
    window = shell.window
    window.resize(700, 500)  # within the 800x600 offscreen screen
    window.splitter.setSizes([230, 470])
    sizes = window.splitter.sizes()
    window.close()
    assert shell.settings.geometry("main_window")
    assert shell.settings.area_state("test.notes") == b"layout-v1"
    shell.shutdown()
    again = unlocked(COORDINATOR)
    assert again.window.splitter.sizes()[0] == sizes[0]  # the navigation keeps the width it was given
    assert again.window.size().width() == 700
    assert notes_area.widget.restored == b"layout-v1"


def test_closing_with_unsaved_changes_asks(qtbot, unlocked, notes_area, msgboxes):
    shell = unlocked(STAFF)
    notes_area.widget.dirty = True
    msgboxes["answers"].append(QMessageBox.StandardButton.Cancel)
    shell.window.close()
    assert shell.window.isVisible()  # kept open
    assert len(msgboxes["question"]) == 1
    msgboxes["answers"].append(QMessageBox.StandardButton.Discard)
    shell.window.close()
    assert not shell.window.isVisible()


def test_unsaved_form_in_another_window_also_counts(qtbot, unlocked, msgboxes):
    shell = unlocked(STAFF)

    class Form(QWidget):
        def has_unsaved_changes(self) -> bool:
            return True

    form = Form()
    qtbot.addWidget(form)
    form.show()
    msgboxes["answers"].append(QMessageBox.StandardButton.Cancel)
    shell.window.close()
    assert shell.window.isVisible()
    assert msgboxes["question"]


def test_closing_without_changes_does_not_ask(unlocked, msgboxes):
    shell = unlocked(STAFF)
    shell.window.close()
    assert not shell.window.isVisible()
    assert msgboxes["question"] == []

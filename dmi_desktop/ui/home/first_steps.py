"""What to do first in an empty vault: import a list, add a participant, or look around the demo."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext

# Action ids the buttons trigger: the same commands as the menus (a viewer finds them disabled there too).
IMPORT_ACTION = "participants.import"
NEW_ACTION = "participants.new"
DEMO_ACTION = "home.open_demo"


def open_demo_window() -> bool:
    """Start a second DMI Desktop on the demo vault (its own folder and lock): this vault stays open."""
    if getattr(sys, "frozen", False):
        return bool(QProcess.startDetached(sys.executable, ["--demo"])[0])
    entry = Path(__file__).resolve().parents[3] / "main.py"  # the repository's entry point (GUI by default)
    return bool(QProcess.startDetached(sys.executable, [str(entry), "--demo"])[0])


class FirstStepsPage(QWidget):
    """Three buttons, each triggering a registered action."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("firstSteps")
        title = QLabel(self.tr("This vault has no participants yet. What would you like to do first?"), self)
        title.setWordWrap(True)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(title)
        layout.addSpacing(12)
        self.buttons: dict[str, QPushButton] = {}
        steps = [
            (
                IMPORT_ACTION,
                self.tr("Import a list…"),
                self.tr("Bring in the people you already follow from a CSV or Excel file."),
            ),
            (NEW_ACTION, self.tr("Add a participant…"), self.tr("Register one person by hand.")),
            (
                DEMO_ACTION,
                self.tr("Open the demo"),
                self.tr("A separate window with fictitious participants to try everything safely."),
            ),
        ]
        for action_id, text, explanation in steps:
            button = QPushButton(text, self)
            button.setObjectName(f"firstStep_{action_id}")
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 48)
            button.clicked.connect(lambda _checked=False, chosen=action_id: self.trigger(chosen))
            note = QLabel(explanation, self)
            note.setStyleSheet("color: #5f6b76;")
            note.setWordWrap(True)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(note)
            layout.addSpacing(10)
            self.buttons[action_id] = button

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        """Mirror the actions' state (viewers cannot import or add)."""
        actions = self._ctx.actions
        for action_id, button in self.buttons.items():
            button.setEnabled(actions.has(action_id) and actions.action(action_id).isEnabled())
        super().showEvent(event)  # type: ignore[arg-type]

    def trigger(self, action_id: str) -> None:
        """Run the registered action, as its menu item would."""
        actions = self._ctx.actions
        if actions.has(action_id):
            actions.action(action_id).trigger()

"""Help: what the program is, its version, and every keyboard shortcut (the action registry and the declared
window shortcuts)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop import __version__
from dmi_desktop.ui.actions import ActionRegistry, load_icon, window_shortcuts


class HelpDialog(QDialog):
    """About the program and the shortcuts list."""

    def __init__(self, actions: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(self.tr("Help — DMI Desktop"))
        self.resize(520, 480)
        header = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(load_icon("app").pixmap(56, 56))
        header.addWidget(icon)
        about = QLabel(self)
        about.setWordWrap(True)
        about.setText(
            self.tr(
                "<b>DMI Desktop {version}</b><br>Case management for Drug Market Intervention programmes. "
                "Data stays encrypted on this computer; the vault locks itself when left idle."
            ).format(version=__version__)
        )
        header.addWidget(about, 1)
        native = QKeySequence.SequenceFormat.NativeText
        rows = [
            (action.text().replace("&", ""), action.shortcut().toString(native))
            for action in actions.all_actions()
            if not action.shortcut().isEmpty()
        ]
        # Keys bound inside other windows come from the same declarations that create them (bind_shortcut).
        rows += [(spec.text(), QKeySequence(spec.keys).toString(native)) for spec in window_shortcuts()]
        self.shortcuts = QTableWidget(len(rows), 2, self)
        self.shortcuts.setObjectName("shortcuts")
        self.shortcuts.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Shortcut")])
        self.shortcuts.verticalHeader().hide()
        self.shortcuts.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.shortcuts.setShowGrid(False)
        self.shortcuts.setAlternatingRowColors(True)
        self.shortcuts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.shortcuts.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.shortcuts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (text, keys) in enumerate(rows):
            self.shortcuts.setItem(row, 0, QTableWidgetItem(text.rstrip("…").rstrip(".")))
            self.shortcuts.setItem(row, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(QLabel(self.tr("Keyboard shortcuts"), self))
        layout.addWidget(self.shortcuts)
        layout.addWidget(buttons)

"""Clash warnings before saving: each listed on its own line; saving anyway needs a reason (audited)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.services.meeting_clashes import Clash, ClashesFound
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.errors import show_error

T = TypeVar("T")


class ClashDialog(QDialog):
    """The clashes found, and "Save anyway" enabled only once a reason is typed."""

    def __init__(self, clashes: list[Clash], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClashDialog")
        self.setWindowTitle(self.tr("Scheduling conflicts"))
        intro = QLabel(self.tr("The meeting was not saved. These conflicts were found:"), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("clashList")
        self.list.setWordWrap(True)
        for clash in clashes:
            self.list.addItem(clash.message)
        note = QLabel(
            self.tr("To save anyway, say why. The conflicts you accept and your reason are recorded in the audit log."),
            self,
        )
        note.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText(self.tr("Why save despite the conflicts? (required)"))
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.addButton(self.tr("Save anyway"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Go back and change it"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.resize(560, 380)

    def _update(self) -> None:
        self.save_button.setEnabled(bool(self.override_reason()))

    def override_reason(self) -> str:
        """The reason typed, trimmed."""
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        """No override without a reason."""
        if self.override_reason():
            super().accept()


def save_checked(
    ctx: AppContext,
    parent: QWidget,
    call: Callable[[str | None], T],
    done: Callable[[T], None],
    failed: Callable[[Exception], None] | None = None,
    on_clashes: Callable[[], None] | None = None,
) -> None:
    """Run ``call(None)`` on the worker; clashes open a ClashDialog whose reason runs ``call(reason)``.

    ``parent.clash_dialog`` holds the dialog while it is open (tests and screenshots reach it there).
    """

    def on_error(exc: Exception) -> None:
        if isinstance(exc, ClashesFound):
            dialog = ClashDialog(exc.clashes, parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            parent.clash_dialog = dialog  # type: ignore[attr-defined]
            dialog.accepted.connect(lambda: _again(dialog.override_reason()))
            dialog.finished.connect(lambda _r: setattr(parent, "clash_dialog", None))
            dialog.open()
            if on_clashes is not None:
                on_clashes()
        elif failed is not None:
            failed(exc)
        else:
            show_error(parent, exc)

    def _again(reason: str) -> None:
        ctx.worker.submit(lambda _t: call(reason), done, failed or (lambda exc: show_error(parent, exc)))

    ctx.worker.submit(lambda _t: call(None), done, on_error)

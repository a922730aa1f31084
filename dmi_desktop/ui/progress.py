"""Progress for long worker tasks: a modal dialog with Cancel that only appears if the task takes a while."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from dmi_desktop.ui.worker import TaskContext, TaskHandle, Worker

SHOW_AFTER_MS = 400


def run_with_progress(
    parent: QWidget | None,
    worker: Worker,
    fn: Callable[[TaskContext], Any],
    title: str,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    *,
    cancellable: bool = True,
) -> TaskHandle:
    """Run ``fn`` on the worker; a QProgressDialog (Cancel -> handle.cancel()) shows if it lasts > 400 ms."""
    handle = worker.submit(fn, on_done, on_error)
    cancel_text = QCoreApplication.translate("Progress", "Cancel") if cancellable else ""
    dialog = QProgressDialog(title, cancel_text, 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(360)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.hide()
    dialog.canceled.connect(handle.cancel)

    def on_progress(done: int, total: int, text: str) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(text)

    def close() -> None:
        timer.stop()
        dialog.canceled.disconnect(handle.cancel)
        dialog.close()
        dialog.deleteLater()

    timer = QTimer(dialog)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: None if handle.done else dialog.show())
    timer.start(SHOW_AFTER_MS)
    handle.progress.connect(on_progress)
    handle.finished.connect(lambda _result: close())
    handle.failed.connect(lambda _exc: close())
    return handle

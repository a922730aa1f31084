"""One serialized background thread for writes and long jobs, so the GUI never freezes (STYLE point 6)."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside a task (see TaskContext.check_cancelled) or delivered when a queued task was cancelled."""


class TaskContext:
    """Given to the function running in the worker thread: report progress, notice cancellation."""

    def __init__(self, handle: TaskHandle) -> None:
        self._handle = handle

    def report(self, done: int, total: int, text: str = "") -> None:
        """Tell the GUI how far the task is (thread-safe; delivered on the GUI thread)."""
        self._handle._progress_raw.emit(int(done), int(total), text)

    @property
    def cancelled(self) -> bool:
        """True once the user pressed Cancel."""
        return self._handle._cancel_event.is_set()

    def check_cancelled(self) -> None:
        """Raise Cancelled if the user asked to stop (call between units of work)."""
        if self.cancelled:
            raise Cancelled


class TaskHandle(QObject):
    """A submitted task as seen from the GUI: progress, outcome, cancel. Lives on the GUI thread."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)  # the exception

    # Emitted from the worker thread; queued to the handle's own slots on the GUI thread.
    _progress_raw = Signal(int, int, str)
    _done_raw = Signal(object)
    _failed_raw = Signal(object)

    def __init__(
        self,
        worker: Worker,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
    ) -> None:
        super().__init__(worker)
        self._worker = worker
        self._on_done = on_done
        self._on_error = on_error
        self._cancel_event = threading.Event()
        self.done = False
        queued = Qt.ConnectionType.QueuedConnection
        self._progress_raw.connect(self._relay_progress, queued)
        self._done_raw.connect(self._deliver_done, queued)
        self._failed_raw.connect(self._deliver_failed, queued)

    def cancel(self) -> None:
        """Ask the task to stop; a task that has not started yet will not run."""
        self._cancel_event.set()

    @Slot(int, int, str)
    def _relay_progress(self, done: int, total: int, text: str) -> None:
        self.progress.emit(done, total, text)

    @Slot(object)
    def _deliver_done(self, result: object) -> None:
        try:
            self.done = True
            self.finished.emit(result)
            if self._on_done is not None:
                self._on_done(result)
        finally:
            self._worker._task_delivered(self)

    @Slot(object)
    def _deliver_failed(self, exc: object) -> None:
        try:
            self.done = True
            self.failed.emit(exc)
            if self._on_error is not None:
                self._on_error(exc)  # type: ignore[arg-type]
            elif not isinstance(exc, Cancelled):
                from dmi_desktop.ui.errors import show_error

                show_error(None, exc)  # type: ignore[arg-type]
        finally:
            self._worker._task_delivered(self)


class Worker(QObject):
    """Runs submitted functions one after another on a single background thread.

    Callbacks (``on_done``/``on_error``) and the handle's signals run on the GUI thread; the function itself
    must never touch widgets.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[tuple[TaskHandle, Callable[[TaskContext], Any]] | None] = queue.Queue()
        self._pending: set[TaskHandle] = set()
        self._thread = threading.Thread(target=self._run, name="dmi-worker", daemon=True)
        self._thread.start()

    def submit(
        self,
        fn: Callable[[TaskContext], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> TaskHandle:
        """Queue ``fn`` for the worker thread; returns a handle for progress, outcome and cancel."""
        handle = TaskHandle(self, on_done, on_error)
        self._pending.add(handle)
        self._queue.put((handle, fn))
        return handle

    @property
    def busy(self) -> bool:
        """True while a task is queued, running, or its outcome not yet delivered."""
        return bool(self._pending)

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Process GUI events until every submitted task has run and delivered its outcome (for tests)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self._pending:
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)
        QCoreApplication.processEvents()
        return True

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Stop the thread after the queued tasks (called when the application quits)."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout_s)

    def _task_delivered(self, handle: TaskHandle) -> None:
        self._pending.discard(handle)
        handle.deleteLater()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            handle, fn = item
            if handle._cancel_event.is_set():
                handle._failed_raw.emit(Cancelled())
                continue
            try:
                result = fn(TaskContext(handle))
            except Exception as exc:  # delivered to the GUI, which shows a one-line message
                if not isinstance(exc, Cancelled):
                    log.info("background task failed: %s", type(exc).__name__)
                handle._failed_raw.emit(exc)
            else:
                handle._done_raw.emit(result)

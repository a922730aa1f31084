"""One Qt signal hub that re-broadcasts service change notices on the GUI thread (STYLE point 5)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from dmi_desktop.services.changes import Changes
from dmi_desktop.services.session import Session


class SignalHub(QObject):
    """Application-wide signals: data changed, locked, unlocked, language changed."""

    changed = Signal(object)  # services.changes.Changes, always emitted on the GUI thread
    locked = Signal()
    unlocked = Signal()
    language_changed = Signal(str)

    _relay = Signal(object)  # carries notices published on the worker thread over to the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._bridged: set[int] = set()

    def bridge(self, session: Session) -> None:
        """Forward every committed change of ``session`` (its bus survives lock/reopen) to ``changed``."""
        if id(session.bus) in self._bridged:
            return
        self._bridged.add(id(session.bus))
        session.bus.subscribe(self._on_bus)

    def _on_bus(self, changes: Changes) -> None:
        # Services publish from whichever thread did the write (normally the worker): hop to the GUI thread.
        if QThread.currentThread() is self.thread():
            self.changed.emit(changes)
        else:
            self._relay.emit(changes)

    @Slot(object)
    def _deliver(self, changes: Changes) -> None:
        self.changed.emit(changes)

"""Idle detection: an application-wide event filter restarts a timer on every mouse or keyboard event."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without user input (while running)."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(timeout_ms)))
        self._timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any input restarts the countdown; events are never swallowed."""
        if self._timer.isActive() and event.type() in ACTIVITY:
            self._timer.start()
        return False

    def start(self) -> None:
        """Start (or restart) the countdown."""
        self._timer.start()

    def stop(self) -> None:
        """Stop counting (while locked)."""
        self._timer.stop()

    @property
    def timeout_ms(self) -> int:
        """Current idle timeout."""
        return self._timer.interval()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """Change the timeout (settings); restarts the countdown if running."""
        self._timer.setInterval(max(1, int(timeout_ms)))
        if self._timer.isActive():
            self._timer.start()

    def remove(self) -> None:
        """Uninstall the event filter."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

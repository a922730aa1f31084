"""A short horizontal shake, the universal "no" of login screens."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPoint, QPropertyAnimation
from PySide6.QtWidgets import QWidget


def shake(widget: QWidget, amplitude: int = 10, duration_ms: int = 350) -> QPropertyAnimation:
    """Shake ``widget`` left and right around its position; returns the (running) animation."""
    start = widget.pos()
    animation = QPropertyAnimation(widget, b"pos", widget)
    animation.setDuration(duration_ms)
    animation.setEasingCurve(QEasingCurve.Type.Linear)
    offsets = [0, -amplitude, amplitude, -amplitude, amplitude, -amplitude // 2, amplitude // 2, 0]
    for index, dx in enumerate(offsets):
        animation.setKeyValueAt(index / (len(offsets) - 1), start + QPoint(dx, 0))
    animation.start(QPropertyAnimation.DeletionPolicy.DeleteWhenStopped)
    return animation

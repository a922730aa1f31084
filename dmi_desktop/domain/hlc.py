"""Hybrid logical clock: timestamps that order events across laptops without a server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# Encoded as fixed-width text so that string order equals clock order in SQL and Python.
_WALL_DIGITS = 15
_COUNTER_DIGITS = 5
MAX_COUNTER = 10**_COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True)
class Timestamp:
    """One HLC reading: wall milliseconds, logical counter, device id (tie-break)."""

    wall_ms: int
    counter: int
    device: str

    def encode(self) -> str:
        """Sortable text form, e.g. ``001764100000000-00000-<device>``."""
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}-{self.device}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        """Parse the text form; raises ValueError on anything else."""
        wall, counter, device = text.split("-", 2)
        if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not device:
            raise ValueError(f"not an HLC timestamp: {text!r}")
        return cls(int(wall), int(counter), device)


class HybridLogicalClock:
    """Issues monotonically increasing timestamps and absorbs remote ones (Kulkarni et al.)."""

    def __init__(self, device: str, now_ms: Callable[[], int] | None = None) -> None:
        self.device = device
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)
        self._last = Timestamp(0, 0, device)
        self._lock = threading.Lock()

    def now(self) -> Timestamp:
        """A timestamp strictly greater than every one issued or received before."""
        with self._lock:
            wall = self._now_ms()
            if wall > self._last.wall_ms:
                self._last = Timestamp(wall, 0, self.device)
            else:
                self._last = self._next(self._last.wall_ms, self._last.counter + 1)
            return self._last

    def receive(self, remote: Timestamp) -> Timestamp:
        """Merge a timestamp seen from another device so later local ones sort after it."""
        with self._lock:
            wall = self._now_ms()
            top = max(wall, self._last.wall_ms, remote.wall_ms)
            if top == self._last.wall_ms == remote.wall_ms:
                counter = max(self._last.counter, remote.counter) + 1
            elif top == self._last.wall_ms:
                counter = self._last.counter + 1
            elif top == remote.wall_ms:
                counter = remote.counter + 1
            else:
                counter = 0
            self._last = self._next(top, counter)
            return self._last

    def _next(self, wall: int, counter: int) -> Timestamp:
        # The counter has a fixed width so text order stays clock order; when it would overflow
        # (a burst while the wall clock lags behind), borrow the next millisecond instead.
        if counter > MAX_COUNTER:
            return Timestamp(wall + 1, 0, self.device)
        return Timestamp(wall, counter, self.device)

    @property
    def last(self) -> Timestamp:
        """The latest timestamp issued or received."""
        return self._last

    def observe(self, encoded: str) -> None:
        """Make sure future timestamps sort after ``encoded`` (e.g. the newest one on disk)."""
        self.receive(Timestamp.decode(encoded))

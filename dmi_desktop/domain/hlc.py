"""Hybrid logical clock: timestamps that order events across laptops without a server.

Never backwards: every timestamp issued is greater than every one issued, received or restored before,
whatever the wall clock does. A remote timestamp too far ahead of this laptop's time is refused (its
sender's clock is wrong), so one bad laptop cannot drag every other one into the future for ever.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.messages import tr

# Encoded as fixed-width text so that string order equals clock order in SQL and Python.
_WALL_DIGITS = 15
_COUNTER_DIGITS = 5
MAX_COUNTER = 10**_COUNTER_DIGITS - 1
DAY_MS = 24 * 3600 * 1000
DEFAULT_MAX_AHEAD_MS = DAY_MS


TAG_LENGTH = 12


def device_tag(device_id: str) -> str:
    """The short form of a device id that timestamps carry: its first 48 random bits, as 12 hex digits.

    A timestamp needs the device only to break ties between two equal (wall, counter) readings; 48 random
    bits tell a programme's laptops apart (a collision among 100 devices is a one-in-ten-billion chance)
    while keeping every stamp 34 characters instead of 58 — stamps are in every row, twice, and in an index.
    """
    return device_id.replace("-", "")[:TAG_LENGTH] or device_id


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
        if not (wall.isdigit() and counter.isdigit()):
            raise ValueError(f"not an HLC timestamp: {text!r}")
        return cls(int(wall), int(counter), device)


class ClockAhead(DmiError):
    """A remote timestamp further ahead of local time than allowed: quarantined, never absorbed."""

    def __init__(self, source: str, ahead_ms: int) -> None:
        self.source = source
        self.ahead_ms = ahead_ms
        span = describe_span(ahead_ms)
        who = source or tr("otro equipo", "another device")
        super().__init__(
            tr(
                f"la hora de {who} está {span} adelantada respecto de este equipo: sus cambios quedan en"
                " cuarentena hasta que se corrija la fecha y hora de ese equipo (o de este)",
                f"the clock of {who} is {span} ahead of this device: its changes are quarantined until the date"
                " and time of that device (or this one) is corrected",
            )
        )


def describe_span(ms: int) -> str:
    """A duration as people say it: "3 días", "5 horas", "12 minutos" (or English)."""
    minutes = ms // 60_000
    if minutes >= 2 * 24 * 60:
        n = minutes // (24 * 60)
        return tr(f"{n} días", f"{n} days")
    if minutes >= 120:
        n = minutes // 60
        return tr(f"{n} horas", f"{n} hours")
    return tr(f"{max(minutes, 1)} minutos", f"{max(minutes, 1)} minutes")


class HybridLogicalClock:
    """Issues monotonically increasing timestamps and absorbs remote ones (Kulkarni et al.), with a drift guard."""

    def __init__(
        self,
        device: str,
        now_ms: Callable[[], int] | None = None,
        *,
        max_ahead_ms: int = DEFAULT_MAX_AHEAD_MS,
    ) -> None:
        self.device = device
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)
        self.max_ahead_ms = max_ahead_ms
        self._last = Timestamp(0, 0, device)
        self._lock = threading.Lock()

    def now(self) -> Timestamp:
        """A timestamp strictly greater than every one issued, received or restored before.

        When the wall clock is behind the last timestamp (set back, or a restored clock), the wall part
        stays where it was and the counter moves on: order is kept, time does not go backwards.
        """
        with self._lock:
            wall = self._now_ms()
            if wall > self._last.wall_ms:
                self._last = Timestamp(wall, 0, self.device)
            else:
                self._last = self._next(self._last.wall_ms, self._last.counter + 1)
            return self._last

    def receive(self, remote: Timestamp, source: str = "") -> Timestamp:
        """Merge a timestamp seen from another device so later local ones sort after it.

        Raises ClockAhead (naming ``source``) when it is more than ``max_ahead_ms`` ahead of local time;
        the clock is then left untouched.
        """
        with self._lock:
            wall = self._now_ms()
            # A stamp not newer than our own last one moves nothing: only one that would drag us forward counts.
            if remote.wall_ms > max(wall + self.max_ahead_ms, self._last.wall_ms):
                raise ClockAhead(source, remote.wall_ms - wall)
            self._last = self._merge(wall, remote)
            return self._last

    def restore(self, encoded: str) -> None:
        """Continue after a timestamp this laptop wrote before (the persisted clock, the newest row on disk).

        No drift guard: these are our own, and going back behind them would break the order on disk.
        """
        stamp = Timestamp.decode(encoded)
        with self._lock:
            if (stamp.wall_ms, stamp.counter) > (self._last.wall_ms, self._last.counter):
                self._last = Timestamp(stamp.wall_ms, stamp.counter, self.device)

    observe = restore

    def behind_ms(self) -> int:
        """How far the wall clock is behind the last timestamp (0 when it is not): a clock set back."""
        return max(0, self._last.wall_ms - self._now_ms())

    def _merge(self, wall: int, remote: Timestamp) -> Timestamp:
        top = max(wall, self._last.wall_ms, remote.wall_ms)
        if top == self._last.wall_ms == remote.wall_ms:
            counter = max(self._last.counter, remote.counter) + 1
        elif top == self._last.wall_ms:
            counter = self._last.counter + 1
        elif top == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        return self._next(top, counter)

    def _next(self, wall: int, counter: int) -> Timestamp:
        # The counter has a fixed width so text order stays clock order; when it would overflow
        # (a burst while the wall clock lags behind), borrow the next millisecond instead.
        if counter > MAX_COUNTER:
            return Timestamp(wall + 1, 0, self.device)
        return Timestamp(wall, counter, self.device)

    @property
    def last(self) -> Timestamp:
        """The latest timestamp issued, received or restored."""
        return self._last

"""What a mutation changed, so each view refreshes only what it shows (STYLE point 5)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class ChangeKind(StrEnum):
    """Kinds of change a view may react to."""

    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    STATUS = "status"
    BULK = "bulk"  # many rows at once (import, demo): reload lists


@dataclass(frozen=True)
class Changes:
    """A change notice: which entity kind, which ids, how."""

    entity: str
    kind: ChangeKind
    ids: tuple[str, ...] = ()
    participant_id: str = ""


Listener = Callable[[Changes], None]


class ChangeBus:
    """Plain observer list; the UI bridges it to a Qt signal hub."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` after every committed change."""
        self._listeners.append(listener)

    def publish(self, changes: Changes) -> None:
        """Notify every listener."""
        for listener in list(self._listeners):
            listener(changes)

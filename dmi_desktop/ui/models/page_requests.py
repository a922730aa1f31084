"""The pages a lazy list wants read: filled on the GUI thread, taken by the worker when its read starts."""

from __future__ import annotations

import threading
from collections.abc import Iterable


class PageRequests:
    """Thread-safe set of wanted page numbers, tied to one generation of the list (the query on display).

    The GUI thread adds pages as the view asks for rows and drops those that scrolled out of sight; the
    worker takes whatever is still wanted at the moment its read starts. While the user drags the scrollbar
    the positions passed over are dropped before any SQL runs for them, and a read queued for an older
    query (an older generation) takes nothing.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._pages: dict[int, None] = {}  # insertion-ordered set: the first page asked for is read first

    def reset(self, generation: int) -> None:
        """Start over for another generation of the list: nothing is wanted yet."""
        with self._lock:
            self._generation = generation
            self._pages.clear()

    def want(self, page: int) -> None:
        """Ask for ``page`` (GUI thread)."""
        with self._lock:
            self._pages[page] = None

    def keep_only(self, pages: Iterable[int]) -> None:
        """Forget every wanted page outside ``pages`` (the ones that scrolled out of sight)."""
        keep = set(pages)
        with self._lock:
            self._pages = {p: None for p in self._pages if p in keep}

    def take(self, generation: int) -> list[int]:
        """The pages wanted now, emptied (worker thread); none when ``generation`` is no longer current."""
        with self._lock:
            if generation != self._generation:
                return []
            pages, self._pages = list(self._pages), {}
            return pages

    def pending(self) -> bool:
        """True while some page is wanted and not yet taken."""
        with self._lock:
            return bool(self._pages)

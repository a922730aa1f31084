"""Where openpyxl spills a write-only sheet's rows while it writes: beside the export, never the shared temp folder."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dmi_desktop.storage.private_files import OWNER_ONLY

SCRATCH_PREFIX = ".dmi-xlsx-"
_PATCH = threading.Lock()  # the hook is module-wide in openpyxl: one export at a time patches it


@contextmanager
def scratch_beside(out: Path) -> Iterator[None]:
    """Send openpyxl's scratch files to ``out``'s folder (owner-only, hidden) and delete them when done.

    openpyxl writes each write-only sheet's XML — every exported row, in clear — to a ``NamedTemporaryFile`` in the
    system temp folder and deletes it at ``save``; a process killed mid-export would leave that copy in /tmp,
    outside anything the user chose. Beside the export it lies next to the file the user asked for (and the
    staging file of ``atomic_output``), and it is gone on every path that returns.
    """
    from openpyxl.worksheet import _writer

    folder = out.parent
    made: list[str] = []

    def create(suffix: str = "") -> str:
        fd, name = tempfile.mkstemp(prefix=SCRATCH_PREFIX, suffix=suffix, dir=folder)
        os.close(fd)
        os.chmod(name, OWNER_ONLY)
        _writer.ALL_TEMP_FILES.append(name)
        made.append(name)
        return name

    with _PATCH:
        original = _writer.create_temporary_file
        _writer.create_temporary_file = create
        try:
            yield
        finally:
            _writer.create_temporary_file = original
            for name in made:
                Path(name).unlink(missing_ok=True)
                if name in _writer.ALL_TEMP_FILES:
                    _writer.ALL_TEMP_FILES.remove(name)

"""The app's error box names a damaged vault and a full disk, however deep the driver raised them."""

from __future__ import annotations

import errno

from dmi_desktop.storage.driver import DatabaseError
from dmi_desktop.ui.errors import error_text


def test_a_page_error_met_off_a_transaction_reads_as_damage(qapp):
    assert error_text(DatabaseError("file is not a database")) == "La bóveda está dañada: restaure un respaldo"


def test_no_space_left_reads_as_disk_full(qapp):
    assert error_text(OSError(errno.ENOSPC, "No space left on device")) == "Disco lleno: no se guardó nada"

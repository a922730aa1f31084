"""The vault's clock: where it starts at unlock, and a word to the user when the wall clock is set back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dmi_desktop.domain.hlc import describe_span
from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.driver import Database

if TYPE_CHECKING:
    from dmi_desktop.storage.vault import Vault

CLOCK_BEHIND_NOTICE_MS = 10 * 60 * 1000  # a clock ten minutes behind the vault is worth a word


def restore_clock(vault: Vault) -> None:
    """Never issue a timestamp older than one already written, whatever the wall clock says now."""
    for stamp in (vault.meta("hlc_last"), newest_hlc(vault.db)):
        if stamp:
            vault.hlc.restore(stamp)


def newest_hlc(db: Database) -> str | None:
    """The newest stamp at the end of this vault's own audit chains (one indexed lookup per identity it had).

    ``meta.hlc_last`` is written in the commit of every change that moves the clock (and schema 5 raised it to
    the newest row stamp); the chains' ends back it up. Rows are not read: without the ``updated_hlc``
    indexes (dropped in schema 5 for size) their newest stamp is a scan of every table, too slow for an unlock.
    Chains received from peers are left out: their stamps passed no drift guard here.
    """
    newest = None
    for (device,) in db.execute("SELECT device_id FROM device_identities").fetchall():
        row = db.execute(
            "SELECT hlc FROM audit_entries WHERE device_id = ? ORDER BY seq DESC LIMIT 1", (device,)
        ).fetchone()
        if row and row[0] and (newest is None or row[0] > newest):
            newest = row[0]
    return newest


def clock_notice(vault: Vault) -> str | None:
    """Warn when the wall clock is well behind the last change saved (set back, or a flat clock battery)."""
    behind = vault.hlc.behind_ms()
    if behind < CLOCK_BEHIND_NOTICE_MS:
        return None
    span = describe_span(behind)
    return tr(
        f"La hora de este equipo está {span} atrasada respecto del último cambio guardado en la bóveda."
        " Revise la fecha y la hora del sistema; mientras tanto los cambios nuevos se ordenan después de los"
        " anteriores.",
        f"This computer's clock is {span} behind the last change saved in the vault. Check the system date and"
        " time; meanwhile new changes are still ordered after the earlier ones.",
    )

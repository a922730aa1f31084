"""Whether to warn a user before an unencrypted export, remembered per user inside the (encrypted) vault."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

# One key per user in the vault's meta table: the choice belongs to the person, not the laptop, and user
# names stay inside the encrypted vault rather than in QSettings.
_KEY = "export_warning_off:{user}"


def export_warning_wanted(session: Session) -> bool:
    """True unless the signed-in user ticked "no volver a preguntar"."""
    return session.vault.meta(_KEY.format(user=session.user)) != "1"


def stop_export_warning(session: Session) -> None:
    """Remember that the signed-in user does not want the warning again."""
    # Any role may export (viewers too), so this is not a data change: no role check, no audit entry.
    with session.vault.atomic():
        session.vault.set_meta(_KEY.format(user=session.user), "1")

"""Follow-up: the intervals behind "check-ins overdue" and "referrals waiting" (vault settings) and the reads the
home page's lines need beyond a list filter (counts by status, banked cases expiring, no-shows to decide)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.status import Status
from dmi_desktop.storage import follow_up_reads
from dmi_desktop.storage.list_filters import (
    CHECKIN_DAYS_KEY,
    DEFAULT_CHECKIN_DAYS,
    DEFAULT_REFERRAL_DAYS,
    REFERRAL_DAYS_KEY,
)

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

ACTION = "cambiar los plazos de seguimiento"
MAX_DAYS = 365
BANKED_HORIZON_DAYS = 60


@dataclass(frozen=True)
class FollowUpSettings:
    """Days without a check-in before it is overdue; days a referral may wait for its first appointment."""

    checkin_days: int = DEFAULT_CHECKIN_DAYS
    referral_days: int = DEFAULT_REFERRAL_DAYS


def _days(raw: str | None, default: int) -> int:
    try:
        value = int(raw) if raw is not None else default
    except ValueError:
        return default
    return value if 1 <= value <= MAX_DAYS else default


class FollowUpService:
    """Reads for every role; changing the intervals is for coordinators, audited."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def settings(self) -> FollowUpSettings:
        """The configured intervals (defaults 30 and 14 days)."""
        vault = self.session.vault
        return FollowUpSettings(
            _days(vault.meta(CHECKIN_DAYS_KEY), DEFAULT_CHECKIN_DAYS),
            _days(vault.meta(REFERRAL_DAYS_KEY), DEFAULT_REFERRAL_DAYS),
        )

    def set_settings(self, wanted: FollowUpSettings) -> FollowUpSettings:
        """Change the intervals (1 to 365 days each); nothing is written when one is out of range."""
        self.session.require_coordinator(ACTION)
        for name, value in (("checkin_days", wanted.checkin_days), ("referral_days", wanted.referral_days)):
            if not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
                raise ValidationError({name: message("follow_up_days_range", value=value, maximum=MAX_DAYS)})
        before = self.settings()
        if before == wanted:
            return before
        with self.session.write(ACTION):
            vault = self.session.vault
            vault.set_meta(CHECKIN_DAYS_KEY, str(wanted.checkin_days))
            vault.set_meta(REFERRAL_DAYS_KEY, str(wanted.referral_days))
            vault_id = vault.meta("vault_id") or ""
            self.session.audit(
                "settings.follow_up",
                "vault",
                vault_id,
                {"checkin_days": before.checkin_days, "referral_days": before.referral_days},
                {"checkin_days": wanted.checkin_days, "referral_days": wanted.referral_days},
            )
        return wanted

    def status_counts(self) -> dict[Status, int]:
        """Live participants per status (statuses with none are absent)."""
        return follow_up_reads.status_counts(self.session.vault)

    def banked_expiring(self, today: date | None = None, days: int = BANKED_HORIZON_DAYS) -> list[tuple[str, date]]:
        """(participant id, expiry) of open files whose banked case expires within ``days`` (coordinators only)."""
        self.session.require_restricted()
        first = today or date.today()
        return follow_up_reads.banked_expiring(self.session.vault, first, first + timedelta(days=days))

    def no_shows_awaiting(self) -> list[str]:
        """Ids of participants flagged for a banked-case review after a no-show, not yet decided."""
        return follow_up_reads.no_shows_awaiting(self.session.vault)

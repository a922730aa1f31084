"""A short summary of the file under the identity form: what a coordinator checks before a visit."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from dmi_desktop.domain.models import ParticipantFile, ReferralStatus
from dmi_desktop.ui.models.formatting import format_date
from dmi_desktop.ui.participants.labels import referral_kind_labels

OPEN_REFERRALS = {ReferralStatus.PENDING, ReferralStatus.SCHEDULED, ReferralStatus.ACTIVE}


class FileSummary(QGroupBox):
    """Age, last check-in, services in progress, violations and (for coordinators) the banked case expiry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Summary"))
        self.age = QLabel(self)
        self.last_checkin = QLabel(self)
        self.services = QLabel(self)
        self.services.setWordWrap(True)
        self.violations = QLabel(self)
        self.expiry = QLabel(self)
        self.expiry_caption = QLabel(self.tr("Banked case expires"), self)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Age"), self.age)
        layout.addRow(self.tr("Last check-in"), self.last_checkin)
        layout.addRow(self.tr("Services in progress"), self.services)
        layout.addRow(self.tr("Violations"), self.violations)
        layout.addRow(self.expiry_caption, self.expiry)

    def show_file(self, file: ParticipantFile, today: date | None = None) -> None:
        """Fill the summary from a loaded file."""
        today = today or date.today()
        p = file.participant
        age = p.age_on(today)
        self.age.setText(self.tr("{age} years").format(age=age) if age is not None else self.tr("unknown"))
        days = [c.day for c in file.checkins if c.day]
        self.last_checkin.setText(format_date(max(days)) if days else self.tr("none yet"))
        kinds = referral_kind_labels()
        open_ones = [kinds[r.kind.value] for r in file.referrals if r.status in OPEN_REFERRALS]
        self.services.setText(", ".join(open_ones) if open_ones else self.tr("none"))
        self.violations.setText(str(len(file.violations)))
        case = file.banked_case
        shown = case is not None
        self.expiry_caption.setVisible(shown)
        self.expiry.setVisible(shown)
        if case is not None:
            self.expiry.setText(format_date(case.expires_on) if case.expires_on else self.tr("no date"))

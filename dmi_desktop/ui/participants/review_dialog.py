"""Dialog for an eligibility review: the criteria checklist, the decision they suggest, and the real decision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dmi_desktop.domain.fields import Kind, input_fields
from dmi_desktop.domain.models import EligibilityReview
from dmi_desktop.ui.participants.labels import decision_labels
from dmi_desktop.ui.participants.record_dialog import RecordDialog
from dmi_desktop.ui.participants.record_form import FieldSpec, specs_for

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext

# The High Point criteria: the review's yes/no fields.
CRITERIA = tuple(f.name for f in input_fields("eligibility_reviews") if f.kind is Kind.BOOL)


def review_specs() -> list[FieldSpec]:
    """The review's fields in reading order: criteria first, then the decision."""
    return specs_for("eligibility_reviews")


class ReviewDialog(RecordDialog):
    """Adds the decision the High Point criteria suggest; the reviewers still decide."""

    def __init__(
        self,
        ctx: AppContext,
        participant_id: str,
        *,
        record: EligibilityReview | None = None,
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        defaults: dict[str, Any] = {"reviewer": ctx.session.user}
        if record is not None:
            title = QCoreApplication.translate("ReviewDialog", "Eligibility review")
        else:
            title = QCoreApplication.translate("ReviewDialog", "New eligibility review")
        super().__init__(
            ctx,
            "eligibility_reviews",
            participant_id,
            review_specs(),
            title=title,
            record=record,
            defaults=defaults,
            read_only=read_only,
            parent=parent,
        )

    def add_extras(self, layout: QVBoxLayout) -> None:
        """The suggestion line with a button to adopt it."""
        row = QHBoxLayout()
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("suggestion")
        self.use_suggestion = QPushButton(self.tr("Use suggestion"), self)
        self.use_suggestion.setEnabled(not self.read_only)
        self.use_suggestion.clicked.connect(self._adopt)
        row.addWidget(self.suggestion, 1)
        row.addWidget(self.use_suggestion)
        layout.addLayout(row)
        self.form.edited.connect(self._refresh_suggestion)
        self._refresh_suggestion()

    def suggested(self) -> str:
        """Decision code the ticked criteria point to."""
        values = {name: bool(self.form.raw_value(name)) for name in CRITERIA}
        return EligibilityReview(**values).suggested_decision().value

    def _refresh_suggestion(self) -> None:
        words = decision_labels()[self.suggested()]
        self.suggestion.setText(self.tr("Suggested by the criteria: <b>{decision}</b>").format(decision=words))

    def _adopt(self) -> None:
        combo = self.form.editors["decision"]
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(max(0, combo.findData(self.suggested())))

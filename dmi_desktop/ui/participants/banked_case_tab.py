"""Banked case tab (coordinators only): references to the suspended prosecution, never evidence itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dmi_desktop.domain.models import BankedCase
from dmi_desktop.ui.participants.record_form import FieldSpec, RecordForm, specs_for

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext

TABLE = "banked_cases"


def banked_specs() -> list[FieldSpec]:
    """Fields of the banked case, in reading order."""
    return specs_for(TABLE, {"ruc": "2300123456-7", "investigating_unit": "Brigada MT-Cero"})


class BankedCaseTab(QWidget):
    """Edits the file's banked case; saved together with the identity by the file window."""

    def __init__(self, ctx: AppContext, participant_id: str, can_write: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._participant_id = participant_id
        self.record: BankedCase | None = None
        warning = QLabel(
            self.tr(
                "Restricted: only coordinators see this tab. Record references only (RUC, unit, dates) — never "
                "evidence, informants or undercover agents."
            ),
            self,
        )
        warning.setWordWrap(True)
        warning.setStyleSheet("background: #fff4e5; color: #663c00; padding: 6px; border-radius: 3px;")
        self.form = RecordForm(TABLE, banked_specs(), self)
        self.form.set_read_only(not can_write)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def load(self, record: BankedCase | None) -> None:
        """Show the current banked case (empty form when none is recorded yet)."""
        self.record = record
        self.form.load(record)

    def is_dirty(self) -> bool:
        """True with unsaved edits."""
        return self.form.is_dirty()

    def save_job(self) -> Callable[[], Any] | None:
        """A function the worker runs to store the edits (None when nothing changed)."""
        if not self.form.is_dirty():
            return None
        ctx, pid = self._ctx, self._participant_id
        if self.record is None:
            values = self.form.raw_values()
            return lambda: ctx.session.participants.add_record(TABLE, pid, values)
        changes, record_id = self.form.changed_values(), self.record.id
        return lambda: ctx.session.participants.update_record(TABLE, record_id, changes)

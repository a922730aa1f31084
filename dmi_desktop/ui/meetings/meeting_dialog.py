"""New meeting and reschedule: kind, title, start, duration, venue, agenda, notes; saving runs the clash check."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.meetings import DEFAULT_DURATION, MAX_DURATION, Meeting, MeetingKind, Venue, format_start, text
from dmi_desktop.services.meetings import Scheduled
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.errors import show_error
from dmi_desktop.ui.meetings.clash_dialog import save_checked


class MeetingDialog(QDialog):
    """Schedules a new meeting, or (``meeting`` given) moves one: then only start, duration and venue change."""

    saved = Signal(object)  # services.meetings.Scheduled

    def __init__(
        self,
        ctx: AppContext,
        venues: list[Venue],
        parent: QWidget | None = None,
        *,
        meeting: Meeting | None = None,
        day: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._meeting = meeting
        self._saving = False
        self.clash_dialog: QDialog | None = None
        self.setObjectName("MeetingDialog")
        self.setWindowTitle(self.tr("Reschedule meeting") if meeting else self.tr("New meeting"))
        self.kind = QComboBox(self)
        for kind in MeetingKind:
            self.kind.addItem(text(kind), kind.value)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("e.g. Call-in Colón Oriente"))
        start = meeting.start if meeting else datetime.combine(day or date.today() + timedelta(days=1), time(10, 0))
        self.day = QDateEdit(QDate(start.year, start.month, start.day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.time = QTimeEdit(QTime(start.hour, start.minute), self)
        self.time.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(self)
        self.duration.setRange(5, MAX_DURATION)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setValue(meeting.duration if meeting else DEFAULT_DURATION)
        self.venue = QComboBox(self)
        self.venue.addItem(self.tr("(no venue yet)"), "")
        for venue in venues:
            capacity = self.tr(" (capacity {n})").format(n=venue.capacity) if venue.capacity else ""
            self.venue.addItem(venue.name + capacity, venue.id)
        if meeting and meeting.venue_id:
            self.venue.setCurrentIndex(max(0, self.venue.findData(meeting.venue_id)))
        self.agenda = QPlainTextEdit(self)
        self.agenda.setTabChangesFocus(True)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        form = QFormLayout()
        if meeting is None:
            form.addRow(self.tr("Kind *"), self.kind)
            form.addRow(self.tr("Title *"), self.title)
        form.addRow(self.tr("Date *"), self.day)
        form.addRow(self.tr("Time *"), self.time)
        form.addRow(self.tr("Duration"), self.duration)
        form.addRow(self.tr("Venue"), self.venue)
        if meeting is None:
            form.addRow(self.tr("Agenda"), self.agenda)
            form.addRow(self.tr("Notes"), self.notes)
        for widget in (self.kind, self.title, self.agenda, self.notes):
            widget.setVisible(meeting is None)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if meeting is not None:
            self.save_button.setText(self.tr("Reschedule"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.title.textChanged.connect(self._update)
        self._update()
        self.setMinimumWidth(460)

    def _update(self) -> None:
        ready = self._meeting is not None or bool(self.title.text().strip())
        self.save_button.setEnabled(ready and not self._saving)

    def starts_at(self) -> str:
        """The start chosen, in the stored form."""
        d, t = self.day.date(), self.time.time()
        return format_start(datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()))

    def fields(self) -> dict[str, Any]:
        """The new meeting's fields as the service takes them."""
        return {
            "kind": self.kind.currentData(),
            "title": self.title.text(),
            "starts_at": self.starts_at(),
            "duration": self.duration.value(),
            "agenda": self.agenda.toPlainText(),
            "notes": self.notes.toPlainText(),
        }

    def save(self) -> None:
        """Save on the worker; clashes open the override dialog, other refusals keep this dialog open."""
        if self._saving or not self.save_button.isEnabled():
            return
        svc_ctx, venue = self._ctx, self.venue.currentData() or ""
        meeting = self._meeting
        if meeting is None:
            fields = self.fields()

            def call(reason: str | None) -> Scheduled:
                return svc_ctx.session.meetings.add(fields, venue=venue, override_reason=reason)
        else:
            start, duration = self.starts_at(), self.duration.value()
            moved_venue = venue if venue != (meeting.venue_id or "") else None

            def call(reason: str | None) -> Scheduled:
                return svc_ctx.session.meetings.reschedule(
                    meeting.id, start, duration=duration, venue=moved_venue, override_reason=reason
                )

        self._saving = True
        self._update()
        save_checked(self._ctx, self, call, self._saved, self._failed, self._settled)

    def _settled(self) -> None:
        # The clash dialog is open: going back from it lets the user change the time and save again.
        self._saving = False
        self._update()

    def _saved(self, result: Scheduled) -> None:
        self._settled()
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._settled()
        if isinstance(exc, ValidationError):
            show_error(self, "; ".join(exc.errors.values()) if exc.errors else exc)
        else:
            show_error(self, exc)

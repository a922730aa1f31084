"""The identity form of a participant, validated inline with the same rules (and messages) as the service."""

from __future__ import annotations

from datetime import date
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.fields import Field, Kind, editable_fields
from dmi_desktop.domain.models import Participant
from dmi_desktop.domain.validation import clean_participant_fields, parse_date
from dmi_desktop.ui.models.formatting import display_rut, format_date
from dmi_desktop.ui.participants.field_box import DateLineEdit, FieldBox
from dmi_desktop.ui.participants.labels import choice_labels, label_of

# The one field whose editor offers the values already in use (set_sectors).
SECTOR = "sector"


def identity_fields() -> tuple[Field, ...]:
    """The participant fields the form edits: the registry's editable ones, in its order."""
    return editable_fields("participants")


def columns() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Two columns of field names: the first half (who the person is), then the rest (how to find them)."""
    names = tuple(f.name for f in identity_fields())
    half = (len(names) + 1) // 2
    return names[:half], names[half:]


class IdentityForm(QWidget):
    """Edits the identity fields; tells whether it is dirty and whether it holds errors."""

    edited = Signal()  # any change of value, dirtiness or validity

    def __init__(self, parent: QWidget | None = None, *, new: bool = False) -> None:
        super().__init__(parent)
        self._new = new
        self._original: dict[str, str] = {}
        self._touched: set[str] = set()
        self._read_only = False
        self.editors: dict[str, QWidget] = {}
        self.boxes: dict[str, FieldBox] = {}
        self._build()
        self.load(None)

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.fields = {f.name: f for f in identity_fields()}
        left, right = columns()
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for column, names in ((0, left), (2, right)):
            for row, name in enumerate(names):
                spec = self.fields[name]
                editor = self._make_editor(spec)
                box = FieldBox(editor, self)
                text = label_of(spec) + (" *" if spec.required else "")
                caption = QLabel(text, self)
                caption.setBuddy(editor)
                caption.setMinimumHeight(editor.sizeHint().height())
                grid.addWidget(caption, 2 * row, column, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(box, 2 * row, column + 1, Qt.AlignmentFlag.AlignTop)
                # The message line (its height reserved) runs under caption and field: a whole sentence fits.
                grid.addWidget(box.message, 2 * row + 1, column, 1, 2)
                self.editors[name] = editor
                self.boxes[name] = box
        required = QLabel(self.tr("* required"), self)
        required.setStyleSheet("font-style: italic;")
        grid.addWidget(required, 2 * len(left), 0, 1, 4)

    def _make_editor(self, spec: Field) -> QWidget:
        name = spec.name
        if spec.choices is not None:
            combo = QComboBox(self)
            labels = choice_labels(spec.choices)
            if "" not in labels:
                combo.addItem("", "")
            for code, text in labels.items():
                combo.addItem(text, code)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._on_changed(n, now=True))
            return combo
        if name == SECTOR:
            combo = QComboBox(self)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.lineEdit().setPlaceholderText(self.tr("e.g. Colón Oriente"))
            combo.currentTextChanged.connect(lambda _t, n=name: self._on_changed(n, now=True))
            return combo
        edit = DateLineEdit(self) if spec.kind is Kind.DATE else QLineEdit(self)
        if spec.kind is Kind.RUT:
            edit.setPlaceholderText(self.tr("e.g. 12.345.678-5"))
        elif spec.kind is Kind.PHONE:
            edit.setPlaceholderText(self.tr("e.g. +56 9 1234 5678"))
        edit.textEdited.connect(lambda _t, n=name: self._on_changed(n, now=False))
        edit.editingFinished.connect(lambda n=name: self._on_left(n))
        return edit

    # -- values ----------------------------------------------------------------------------------

    def set_sectors(self, sectors: list[str]) -> None:
        """Offer the sectors already in use (users may still type a new one)."""
        combo = self.editors[SECTOR]
        assert isinstance(combo, QComboBox)
        current = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(["", *sectors])
        combo.setCurrentText(current)
        combo.blockSignals(False)

    def load(self, participant: Participant | None) -> None:
        """Show a participant's data (None: an empty form for a new one); the form becomes clean."""
        values = {name: "" for name in self.fields}
        if participant is not None:
            for name, spec in self.fields.items():
                values[name] = _shown(spec, getattr(participant, name, None))
        for name, value in values.items():
            self._set_raw(name, value)
        self._original = self.raw_values()
        self._touched.clear()
        for name, box in self.boxes.items():
            box.set_error("")
            self._refresh_note(name)
        self.edited.emit()

    def _set_raw(self, name: str, value: str) -> None:
        editor = self.editors[name]
        editor.blockSignals(True)
        if isinstance(editor, QComboBox) and self.fields[name].choices is not None:
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(value)
        editor.blockSignals(False)

    def raw_value(self, name: str) -> str:
        """What the user typed or picked in a field."""
        editor = self.editors[name]
        if isinstance(editor, QComboBox) and self.fields[name].choices is not None:
            return str(editor.currentData() or "")
        if isinstance(editor, QComboBox):
            return editor.currentText().strip()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def raw_values(self) -> dict[str, str]:
        """Every field as typed."""
        return {name: self.raw_value(name) for name in self.fields}

    def changed_values(self) -> dict[str, str]:
        """Only the fields that differ from what was loaded (what an update sends)."""
        return {k: v for k, v in self.raw_values().items() if v != self._original.get(k, "")}

    def is_dirty(self) -> bool:
        """True when something was changed and not saved."""
        return bool(self.changed_values())

    # -- validation -------------------------------------------------------------------------------

    def validation_errors(self) -> dict[str, str]:
        """Every problem the service would report for what the form would send."""
        if self._new:
            payload = {k: v for k, v in self.raw_values().items() if v}
            partial = False
        else:
            payload, partial = self.changed_values(), True
        try:
            clean_participant_fields(payload, today=date.today(), partial=partial)
        except ValidationError as exc:
            return dict(exc.errors)
        return {}

    def field_error(self, name: str) -> str:
        """The reason one field is invalid ("" if fine)."""
        try:
            clean_participant_fields({name: self.raw_value(name)}, today=date.today(), partial=True)
        except ValidationError as exc:
            return exc.errors.get(name, "")
        return ""

    def show_all_errors(self) -> bool:
        """Reveal every problem under its field (before saving); True when there are none."""
        errors = self.validation_errors()
        self.show_errors(errors)
        return not errors

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put reasons (from local checks or from the service) under their fields."""
        for name, box in self.boxes.items():
            if name in errors:
                self._touched.add(name)
            box.set_error(errors.get(name, "") if name in self._touched else "")
            self._refresh_note(name)
        self.edited.emit()

    def _on_changed(self, name: str, *, now: bool) -> None:
        # Complain while typing only once the user has left the field (a half-typed RUT is not an error yet).
        if now:
            self._touched.add(name)
        if name in self._touched:
            self.boxes[name].set_error(self.field_error(name))
        self._refresh_note(name)
        self.edited.emit()

    def _on_left(self, name: str) -> None:
        self._touched.add(name)
        self.boxes[name].set_error(self.field_error(name))
        self._refresh_note(name)
        self.edited.emit()

    def _refresh_note(self, name: str) -> None:
        # The age note belongs under the birth date: the participant's one date the form edits.
        if self.fields[name].kind is not Kind.DATE:
            return
        note = ""
        try:
            born = parse_date(self.raw_value(name), today=date.today())
        except ValueError:
            born = None
        if born is not None:
            today = date.today()
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if age < 18:
                note = self.tr("Minor: {age} years old").format(age=age)
        self.boxes[name].set_note(note)

    # -- read-only ----------------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """Viewers see the data but cannot change it."""
        self._read_only = read_only
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.setReadOnly(read_only)
            else:
                editor.setEnabled(not read_only)

    @property
    def read_only(self) -> bool:
        """Whether editing is blocked."""
        return self._read_only


def _shown(spec: Field, value: object) -> str:
    """A stored value as the form shows it."""
    if spec.kind is Kind.RUT:
        return display_rut(str(value or ""))
    if spec.kind is Kind.DATE:
        return format_date(value) if isinstance(value, date) else ""
    if isinstance(value, Enum):
        return str(value.value)
    return "" if value is None else str(value)

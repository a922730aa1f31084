"""A form for one child record of the file, built from field specs and validated inline by the domain rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from dmi_desktop.domain import fields as registry
from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.fields import Kind, input_fields
from dmi_desktop.domain.validation import clean_child_fields, record_rules
from dmi_desktop.ui.models.formatting import format_date, format_dates
from dmi_desktop.ui.participants.field_box import DateLineEdit, FieldBox
from dmi_desktop.ui.participants.labels import choice_labels, label_of
from dmi_desktop.ui.participants.open_choice import OpenChoiceEdit

# Registry kind -> editor kind of the form.
_EDITORS = {Kind.BOOL: "bool", Kind.CHOICE: "choice", Kind.LONGTEXT: "longtext", Kind.DATE: "date", Kind.DATES: "dates"}
_EDITORS[Kind.OPEN_CHOICE] = "open_choice"


@dataclass(frozen=True)
class FieldSpec:
    """How one field is edited: ``kind`` is text, longtext, phone, date, dates, bool, choice or open_choice."""

    name: str
    kind: str = "text"
    choices: dict[str, str] = field(default_factory=dict)  # code -> label, for "choice"
    placeholder: str = ""


def specs_for(table: str, placeholders: dict[str, str] | None = None) -> list[FieldSpec]:
    """The editors of a record kind: every input field of ``table`` in registry order (``placeholders`` by name)."""
    hints = placeholders or {}
    specs = []
    for f in input_fields(table):
        kind = _EDITORS.get(f.kind, "text")
        choices = choice_labels(f.choices) if kind in ("choice", "open_choice") else {}
        specs.append(FieldSpec(f.name, kind, choices, hints.get(f.name, "")))
    return specs


class RecordForm(QWidget):
    """Editors for the fields of one record kind (``table``), with the message under each field."""

    edited = Signal()

    def __init__(self, table: str, specs: list[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.specs = {s.name: s for s in specs}
        self.editors: dict[str, QWidget] = {}
        self.boxes: dict[str, FieldBox] = {}
        self._original: dict[str, Any] = {}
        self._touched: set[str] = set()
        self._new = True
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in specs:
            editor = self._make_editor(spec)
            box = FieldBox(editor, self)
            self.editors[spec.name] = editor
            self.boxes[spec.name] = box
            if spec.kind == "bool":
                layout.addRow("", box)
            else:
                registered = registry.field(table, spec.name)
                caption = QLabel(label_of(registered) + (" *" if registered.required else ""), self)
                caption.setBuddy(editor)
                layout.addRow(caption, box)

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        name = spec.name
        if spec.kind == "bool":
            box = QCheckBox(label_of(registry.field(self.table, name)), self)
            box.toggled.connect(lambda _on, n=name: self._changed(n, now=True))
            return box
        if spec.kind == "choice":
            combo = QComboBox(self)
            for code, text in spec.choices.items():
                combo.addItem(text, code)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._changed(n, now=True))
            return combo
        if spec.kind == "open_choice":
            pick = OpenChoiceEdit(spec.choices, spec.placeholder, self)
            pick.changed.connect(lambda n=name: self._changed(n, now=False))
            pick.finished.connect(lambda n=name: self._changed(n, now=True))
            return pick
        if spec.kind == "longtext":
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setPlaceholderText(spec.placeholder)
            text.textChanged.connect(lambda n=name: self._changed(n, now=True))
            return text
        edit = DateLineEdit(self) if spec.kind == "date" else QLineEdit(self)
        if spec.placeholder:
            edit.setPlaceholderText(spec.placeholder)
        elif spec.kind == "dates":
            edit.setPlaceholderText(self.tr("DD-MM-YYYY, DD-MM-YYYY…"))
        edit.textEdited.connect(lambda _t, n=name: self._changed(n, now=False))
        edit.editingFinished.connect(lambda n=name: self._changed(n, now=True))
        return edit

    # -- values ------------------------------------------------------------------------------------

    def load(self, record: Any | None, defaults: dict[str, Any] | None = None) -> None:
        """Show a record (or ``defaults`` for a new one); the form becomes clean.

        A new record's dates that the registry marks ``today_default`` start at today unless ``defaults`` say
        otherwise (a check-in is recorded the day it happens, a review the day it is held).
        """
        self._new = record is None
        for name in self.specs:
            if record is not None:
                value = getattr(record, name)
            elif defaults and name in defaults:
                value = defaults[name]
            else:
                value = date.today() if registry.field(self.table, name).today_default else None
            self._set(name, value)
        self._original = self.raw_values()
        self._touched.clear()
        for box in self.boxes.values():
            box.set_error("")
        self.edited.emit()

    def _set(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        editor.blockSignals(True)
        if isinstance(editor, OpenChoiceEdit):
            editor.set_value(str(value or ""))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            code = value.value if isinstance(value, Enum) else value
            editor.setCurrentIndex(max(0, editor.findData(code)))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
        elif isinstance(editor, QLineEdit):
            if isinstance(value, list):
                editor.setText(format_dates(value))
            elif isinstance(value, date):
                editor.setText(format_date(value))
            else:
                editor.setText(str(value or ""))
        editor.blockSignals(False)

    def raw_value(self, name: str) -> Any:
        """What the editor holds (bool for check boxes, the code for choices, text otherwise)."""
        editor = self.editors[name]
        if isinstance(editor, OpenChoiceEdit):
            return editor.value()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().strip()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def raw_values(self) -> dict[str, Any]:
        """Every field as entered."""
        return {name: self.raw_value(name) for name in self.specs}

    def changed_values(self) -> dict[str, Any]:
        """Fields that differ from what was loaded."""
        return {k: v for k, v in self.raw_values().items() if v != self._original.get(k)}

    def is_dirty(self) -> bool:
        """True when something changed since loading."""
        return bool(self.changed_values())

    # -- validation -----------------------------------------------------------------------------------

    def validation_errors(self) -> dict[str, str]:
        """What the service would refuse in what would be sent."""
        payload = self.raw_values() if self._new else self.changed_values()
        errors: dict[str, str] = {}
        try:
            clean_child_fields(self.table, payload, today=date.today(), partial=not self._new)
        except ValidationError as exc:
            errors.update(exc.errors)
        for name, reason in self.rule_errors().items():  # an edit is judged whole, as the service will
            errors.setdefault(name, reason)
        return errors

    def rule_errors(self) -> dict[str, str]:
        """What the rules tying fields together (dates in order, a rationale…) say of the form as it stands."""
        typed: dict[str, Any] = {}
        for name, raw in self.raw_values().items():
            try:
                typed.update(clean_child_fields(self.table, {name: raw}, today=date.today(), partial=True))
            except ValidationError:
                continue  # the field's own message says what is wrong with it
        return record_rules(self.table, typed)

    def field_error(self, name: str) -> str:
        """The reason one field is invalid ("" if fine), its own or that of a rule tying it to another."""
        try:
            clean_child_fields(self.table, {name: self.raw_value(name)}, today=date.today(), partial=True)
        except ValidationError as exc:
            return exc.errors.get(name, "")
        return self.rule_errors().get(name, "")

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show reasons (local or from the service) under their fields."""
        self._touched.update(errors)
        for name, box in self.boxes.items():
            box.set_error(errors.get(name, ""))
        self.edited.emit()

    def show_all_errors(self) -> bool:
        """Reveal every problem; True when there is none."""
        errors = self.validation_errors()
        self.show_errors(errors)
        return not errors

    def _changed(self, name: str, *, now: bool) -> None:
        # Like the identity form: judge a text field once the user has left it, then live.
        if now:
            self._touched.add(name)
        if name in self._touched:
            self.boxes[name].set_error(self.field_error(name))
        if now:  # a rule ties fields together: a change here may raise or settle a message over there
            broken = self.rule_errors()
            for other, box in self.boxes.items():
                if other != name and (other in broken or (box.error and other in self._touched)):
                    self._touched.add(other)
                    box.set_error(self.field_error(other))
        self.edited.emit()

    def set_read_only(self, read_only: bool) -> None:
        """Viewers see values without being able to change them."""
        for editor in self.editors.values():
            if isinstance(editor, OpenChoiceEdit):
                editor.set_read_only(read_only)
            elif isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.setReadOnly(read_only)
            else:
                editor.setEnabled(not read_only)

"""The identity form of a participant, validated inline with the same rules (and messages) as the service."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from dmi_desktop.domain.errors import ValidationError
from dmi_desktop.domain.models import PARTICIPANT_EDITABLE, Participant
from dmi_desktop.domain.validation import REQUIRED_PARTICIPANT_FIELDS, clean_participant_fields, parse_date
from dmi_desktop.ui.models.formatting import display_rut, format_date
from dmi_desktop.ui.participants.field_box import DateLineEdit, FieldBox
from dmi_desktop.ui.participants.labels import field_labels, sex_labels

# Two columns: who the person is on the left, how to find them on the right.
LEFT = ("nombres", "apellido_paterno", "apellido_materno", "alias", "rut")
RIGHT = ("birth_date", "sex", "phone", "address", "sector")


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
        labels = field_labels()
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for column, names in ((0, LEFT), (2, RIGHT)):
            for row, name in enumerate(names):
                editor = self._make_editor(name)
                box = FieldBox(editor, self)
                text = labels[name] + (" *" if name in REQUIRED_PARTICIPANT_FIELDS else "")
                caption = QLabel(text, self)
                caption.setBuddy(editor)
                # Captions line up with their editor even when a message below makes the row taller.
                caption.setMinimumHeight(editor.sizeHint().height())
                grid.addWidget(caption, row, column, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(box, row, column + 1, Qt.AlignmentFlag.AlignTop)
                self.editors[name] = editor
                self.boxes[name] = box
        required = QLabel(self.tr("* required"), self)
        required.setStyleSheet("font-style: italic;")
        grid.addWidget(required, len(LEFT), 0, 1, 4)

    def _make_editor(self, name: str) -> QWidget:
        if name == "sex":
            combo = QComboBox(self)
            for code, text in sex_labels().items():
                combo.addItem(text, code)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._on_changed(n, now=True))
            return combo
        if name == "sector":
            combo = QComboBox(self)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.lineEdit().setPlaceholderText(self.tr("e.g. Colón Oriente"))
            combo.currentTextChanged.connect(lambda _t, n=name: self._on_changed(n, now=True))
            return combo
        edit = DateLineEdit(self) if name == "birth_date" else QLineEdit(self)
        if name == "rut":
            edit.setPlaceholderText(self.tr("e.g. 12.345.678-5"))
        elif name == "phone":
            edit.setPlaceholderText(self.tr("e.g. +56 9 1234 5678"))
        edit.textEdited.connect(lambda _t, n=name: self._on_changed(n, now=False))
        edit.editingFinished.connect(lambda n=name: self._on_left(n))
        return edit

    # -- values ----------------------------------------------------------------------------------

    def set_sectors(self, sectors: list[str]) -> None:
        """Offer the sectors already in use (users may still type a new one)."""
        combo = self.editors["sector"]
        assert isinstance(combo, QComboBox)
        current = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(["", *sectors])
        combo.setCurrentText(current)
        combo.blockSignals(False)

    def load(self, participant: Participant | None) -> None:
        """Show a participant's data (None: an empty form for a new one); the form becomes clean."""
        values = {name: "" for name in PARTICIPANT_EDITABLE}
        if participant is not None:
            values.update(
                nombres=participant.nombres,
                apellido_paterno=participant.apellido_paterno,
                apellido_materno=participant.apellido_materno,
                alias=participant.alias,
                rut=display_rut(participant.rut),
                birth_date=format_date(participant.birth_date),
                sex=participant.sex,
                phone=participant.phone,
                address=participant.address,
                sector=participant.sector,
            )
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
        if isinstance(editor, QComboBox) and name == "sex":
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(value)
        editor.blockSignals(False)

    def raw_value(self, name: str) -> str:
        """What the user typed or picked in a field."""
        editor = self.editors[name]
        if isinstance(editor, QComboBox) and name == "sex":
            return str(editor.currentData() or "")
        if isinstance(editor, QComboBox):
            return editor.currentText().strip()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def raw_values(self) -> dict[str, str]:
        """Every field as typed."""
        return {name: self.raw_value(name) for name in PARTICIPANT_EDITABLE}

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
        if name != "birth_date":
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

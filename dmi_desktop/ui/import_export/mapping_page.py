"""Import step 2: say which participant field each column of the file holds (pre-filled by a guess)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from dmi_desktop.services.import_mapping import RUT_DV, guess_mapping, import_labels, required_columns
from dmi_desktop.ui.participants.field_box import ERROR_LABEL_STYLE
from dmi_desktop.ui.translation import ui_language

if TYPE_CHECKING:
    from dmi_desktop.ui.import_export.import_wizard import ImportWizard


def import_field_labels() -> dict[str, str]:
    """Target field -> label in the UI language (the registry's labels, as the service maps them)."""
    return import_labels(ui_language())


class MappingPage(QWizardPage):
    """One combo per source column: a participant field or "do not import"."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.combos: dict[str, QComboBox] = {}
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Say which participant field each column of the file holds. Names are required."))
        self.inner = QWidget(self)
        self.form = QFormLayout(self.inner)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inner)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_LABEL_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)

    def initializePage(self) -> None:
        """Build the combos for the file's headers, pre-selected by the service's guess."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos.clear()
        guess = guess_mapping(self._wizard.headers)
        labels = import_field_labels()
        for header in self._wizard.headers:
            combo = QComboBox(self.inner)
            combo.addItem(self.tr("(do not import)"), "")
            for name, text in labels.items():
                combo.addItem(text, name)
            combo.setCurrentIndex(max(0, combo.findData(guess.get(header, ""))))
            combo.currentIndexChanged.connect(lambda _i: self._check())
            self.form.addRow(header or self.tr("(no header)"), combo)
            self.combos[header] = combo
        self._check()

    def mapping(self) -> dict[str, str]:
        """Source header -> field, for the columns to import."""
        return {h: c.currentData() for h, c in self.combos.items() if c.currentData()}

    def _problems(self) -> str:
        fields = list(self.mapping().values())
        labels = import_field_labels()
        twice = sorted({f for f in fields if fields.count(f) > 1})
        if twice:
            return self.tr("Two columns go to the same field: {field}.").format(field=labels[twice[0]])
        missing = [labels[f] for f in required_columns() if f not in fields]
        if missing:
            return self.tr("Choose the column for: {fields}.").format(fields=", ".join(missing))
        if RUT_DV in fields and "rut" not in fields:
            return self.tr("The check digit column needs a RUT column too.")
        return ""

    def _check(self) -> None:
        self.problem.setText(self._problems())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Complete when the mapping can work."""
        return bool(self.combos) and not self._problems()

    def validatePage(self) -> bool:
        """Hand the mapping to the wizard."""
        self._wizard.mapping = self.mapping()
        return True

"""The organisation and letterhead fields, shared by the first-run wizard and the organisation dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.services.organisation import DEFAULT_PROGRAMME, LIMITS, MAX_LOGO_BYTES, Letterhead, check_logo
from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.errors import error_text

PREVIEW_SIZE = 96


class OrganisationForm(QWidget):
    """Organisation name, programme name, address and logo (with preview); validates as it goes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo: bytes = b""
        self.logo_removed = False
        self.organisation = QLineEdit(self)
        self.organisation.setObjectName("organisation")
        self.organisation.setMaxLength(LIMITS["organisation"])
        self.programme = QLineEdit(DEFAULT_PROGRAMME, self)
        self.programme.setObjectName("programme")
        self.programme.setMaxLength(LIMITS["programme"])
        self.address = QPlainTextEdit(self)
        self.address.setObjectName("address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.preview = QLabel(self)
        self.preview.setObjectName("logo_preview")
        self.preview.setFixedSize(PREVIEW_SIZE, PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { border: 1px dashed palette(mid); background: palette(base); }")
        self.choose_logo = QPushButton(self)
        self.choose_logo.setObjectName("choose_logo")
        self.choose_logo.clicked.connect(self.pick_logo)
        self.remove_logo = QPushButton(self)
        self.remove_logo.setObjectName("remove_logo")
        self.remove_logo.clicked.connect(self.clear_logo)
        self.logo_error = QLabel(self)
        self.logo_error.setStyleSheet("color: #c62828;")
        self.logo_error.setWordWrap(True)
        self.logo_error.hide()
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo)
        logo_buttons.addWidget(self.remove_logo)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(
            self._labels, (self.organisation, self.programme, self.address, self.preview), strict=True
        ):
            label.setBuddy(field)
        self._form.addRow(self._labels[0], self.organisation)
        self._form.addRow(self._labels[1], self.programme)
        self._form.addRow(self._labels[2], self.address)
        self._form.addRow(self._labels[3], logo_row)
        self._form.addRow("", self.logo_error)
        for signal in (self.organisation.textChanged, self.programme.textChanged, self.address.textChanged):
            signal.connect(self.changed)
        self._retranslate()
        self._show_logo()

    def changeEvent(self, event: QEvent) -> None:
        """Re-label when the language is switched."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._labels[0].setText(self.tr("&Organisation:"))
        self._labels[1].setText(self.tr("&Programme:"))
        self._labels[2].setText(self.tr("&Address:"))
        self._labels[3].setText(self.tr("Logo:"))
        self.organisation.setPlaceholderText(self.tr("e.g. Municipality of Las Condes"))
        self.address.setPlaceholderText(self.tr("Street, number, commune (printed on letters)"))
        self.choose_logo.setText(self.tr("Choose &logo…"))
        self.remove_logo.setText(self.tr("Remo&ve logo"))
        self.choose_logo.setToolTip(self.tr("A PNG or JPEG image of at most 1 MB"))
        self._show_logo()

    def set_letterhead(self, letterhead: Letterhead) -> None:
        """Fill the fields from a stored letterhead."""
        self.organisation.setText(letterhead.organisation)
        self.programme.setText(letterhead.programme)
        self.address.setPlainText(letterhead.address)
        self.logo = letterhead.logo
        self.logo_removed = False
        self._show_logo()

    def values(self) -> dict[str, str]:
        """The text fields as typed (the service trims and checks them)."""
        return {
            "organisation": self.organisation.text(),
            "programme": self.programme.text(),
            "address": self.address.toPlainText(),
        }

    def is_complete(self) -> bool:
        """The organisation name is the one required field."""
        return bool(self.organisation.text().strip())

    def pick_logo(self) -> None:
        """Ask for an image file and load it as the logo."""
        path, _filter = file_dialogs.open_file_name(
            self, self.tr("Choose logo"), self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.load_logo(Path(path))

    def load_logo(self, path: Path) -> bool:
        """Read and check an image file; on a problem show it and keep the previous logo."""
        try:
            with path.open("rb") as handle:  # one byte past the limit is enough to refuse a huge file
                data = handle.read(MAX_LOGO_BYTES + 1)
            check_logo(data)
        except OSError:
            self._logo_problem(self.tr("The file could not be read."))
            return False
        except DmiError as exc:
            self._logo_problem(error_text(exc).split(": ", 1)[-1])
            return False
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self._logo_problem(self.tr("The image could not be opened."))
            return False
        self.logo = data
        self.logo_removed = False
        self.logo_error.hide()
        self._show_logo()
        self.changed.emit()
        return True

    def clear_logo(self) -> None:
        """Remove the logo."""
        self.logo = b""
        self.logo_removed = True
        self.logo_error.hide()
        self._show_logo()
        self.changed.emit()

    def _logo_problem(self, text: str) -> None:
        self.logo_error.setText(text[:1].upper() + text[1:])
        self.logo_error.show()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo):
            self.preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_SIZE - 8,
                    PREVIEW_SIZE - 8,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No logo"))
        self.remove_logo.setEnabled(bool(self.logo))

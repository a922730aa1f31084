"""The participant's photo with Load / Remove; the image is stored inside the encrypted vault."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from dmi_desktop.ui import file_dialogs
from dmi_desktop.ui.errors import show_error

if TYPE_CHECKING:
    from dmi_desktop.ui.context import AppContext

MAX_SIDE = 800  # enough for a face on a letter; keeps the vault small
MAX_FILE_MB = 20  # a phone's photo is 3-12 MB; a bigger file is a mistake (a video), never read whole
PREVIEW_W, PREVIEW_H = 150, 190


def shrink_photo(data: bytes) -> bytes | None:
    """Decode an image file, scale it down to MAX_SIDE and re-encode as JPEG; None if not an image."""
    image = QImage.fromData(data)
    if image.isNull():
        return None
    if max(image.width(), image.height()) > MAX_SIDE:
        image = image.scaled(
            MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    out = QByteArray()
    buffer = QBuffer(out)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)  # re-encoding also drops EXIF (location) from phone pictures
    buffer.close()
    return bytes(out.data())


class PhotoBox(QWidget):
    """Shows the photo; Load/Remove write right away through the worker (audited by the service)."""

    def __init__(self, ctx: AppContext, participant_id: str, can_write: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._participant_id = participant_id
        self.picture = QLabel(self)
        self.picture.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setStyleSheet("border: 1px solid palette(mid); background: palette(base);")
        self.load_button = QPushButton(self.tr("Load photo…"), self)
        self.clear_button = QPushButton(self.tr("Remove photo"), self)
        for button in (self.load_button, self.clear_button):
            button.setAutoDefault(False)
            button.setEnabled(can_write)
        self.load_button.clicked.connect(self.choose_file)
        self.clear_button.clicked.connect(self.clear_photo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addWidget(self.load_button)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self._can_write = can_write
        self.has_photo = False

    def show_photo(self, data: bytes | None) -> None:
        """Display the stored bytes (or the "no photo" placeholder)."""
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.picture.setPixmap(
                pixmap.scaled(
                    PREVIEW_W - 4,
                    PREVIEW_H - 4,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.has_photo = True
        else:
            self.picture.clear()
            self.picture.setText(self.tr("No photo"))
            self.has_photo = False
        self.clear_button.setEnabled(self._can_write and self.has_photo)

    def choose_file(self) -> None:
        """Pick an image file and store it."""
        path, _filter = file_dialogs.open_file_name(
            self, self.tr("Choose a photo"), self.tr("Images (*.jpg *.jpeg *.png *.bmp *.webp)")
        )
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """Read, shrink and store the image at ``path``."""
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_FILE_MB * 1024 * 1024 + 1)
        except OSError:
            show_error(self, self.tr("The file could not be read."))
            return
        if len(raw) > MAX_FILE_MB * 1024 * 1024:
            show_error(
                self, self.tr("The file is too large for a photo (at most {limit} MB).").format(limit=MAX_FILE_MB)
            )
            return
        data = shrink_photo(raw)
        if data is None:
            show_error(self, self.tr("The file is not an image this program can read."))
            return
        self._store(data)

    def clear_photo(self) -> bool:
        """Remove the stored photo once the user confirms (it cannot be undone); True when it goes."""
        answer = QMessageBox.question(
            self,
            self.tr("Remove photo"),
            self.tr("Remove this participant's photo? It cannot be recovered afterwards."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self._store(None)
        return True

    def _store(self, data: bytes | None) -> None:
        ctx, pid = self._ctx, self._participant_id
        ctx.worker.submit(
            lambda _task: ctx.session.participants.set_photo(pid, data),
            lambda _none: self.show_photo(data),
            lambda exc: show_error(self, exc),
        )

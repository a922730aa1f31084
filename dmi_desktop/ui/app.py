"""Starting the desktop application: options, QApplication, translations, logging, then the shell."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from dmi_desktop import APP_NAME, __version__
from dmi_desktop.services import paths
from dmi_desktop.ui.actions import load_icon
from dmi_desktop.ui.errors import log_unexpected, show_error
from dmi_desktop.ui.settings import ORGANISATION, Settings
from dmi_desktop.ui.startup import Shell
from dmi_desktop.ui.translation import Translations

log = logging.getLogger(__name__)


def parse_options(argv: list[str]) -> argparse.Namespace:
    """``--demo``, ``--vault DIR``, ``--lang es|en``."""
    parser = argparse.ArgumentParser(prog="dmi-desktop", description="DMI Desktop (desktop application)")
    parser.add_argument("--demo", action="store_true", help="open the demo vault (created on first use)")
    parser.add_argument("--vault", type=Path, metavar="DIR", help="vault folder to open (or to create)")
    parser.add_argument("--lang", choices=("es", "en"), help="language of the interface (default: the setting, es)")
    return parser.parse_args(argv)


def configure_logging() -> None:
    """Warnings to stderr, info to a small rotating file in the data folder (never personal data)."""
    root = logging.getLogger()
    if root.handlers:
        return
    level = os.environ.get("DMI_LOG_LEVEL", "INFO").upper()
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    try:
        folder = paths.data_home() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        file = logging.handlers.RotatingFileHandler(
            folder / "dmi-desktop.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(file)
    except OSError:
        log.warning("log file not available; logging to the console only")


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Last resort for exceptions escaping a slot: log type and place, show a one-line message."""
    if issubclass(kind, KeyboardInterrupt):
        QCoreApplication.quit()
        return
    exc.__traceback__ = tb
    if QApplication.instance() is not None:
        show_error(None, exc)
    else:
        log_unexpected(exc)


def _smoke_exit(app: QApplication, shell: Shell, delay_ms: int) -> None:
    """Test hook (DMI_SMOKE_EXIT_MS): quit with 0 once the unlock dialog or wizard has been on screen."""
    poll = QTimer(app)

    def check() -> None:
        if shell.dialog is not None and shell.dialog.isVisible():
            poll.stop()
            log.info("smoke test: %s visible", shell.dialog.objectName())
            QTimer.singleShot(delay_ms, app.quit)

    poll.timeout.connect(check)
    poll.start(50)


def run_gui(argv: list[str]) -> int:
    """Run the desktop application; returns the process exit code."""
    options = parse_options(argv)
    configure_logging()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(load_icon("app"))
    app.setStyle("Fusion")
    app.setQuitOnLastWindowClosed(False)  # the shell decides: hiding windows on lock must not quit
    settings = Settings()
    if options.lang:
        settings.language = options.lang
    translations = Translations(app)
    translations.apply(settings.language)
    sys.excepthook = _excepthook
    demo_size = os.environ.get("DMI_DEMO_PARTICIPANTS")
    shell = Shell(settings, translations, demo_participants=int(demo_size) if demo_size else None)
    app.aboutToQuit.connect(shell.shutdown)
    smoke = os.environ.get("DMI_SMOKE_EXIT_MS")
    if smoke:
        _smoke_exit(app, shell, int(smoke))
    QTimer.singleShot(0, lambda: shell.start(options.vault, demo=options.demo))
    code = app.exec()
    settings.sync()
    log.info("application closed")
    return int(code)

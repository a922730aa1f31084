"""Fixtures for the shell's UI tests (loaded with pytest_plugins): a Shell on the test vault, patched boxes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from dmi_desktop.domain import messages
from dmi_desktop.storage.keyslots import TEST_KDF
from dmi_desktop.ui.settings import Settings
from dmi_desktop.ui.startup import Shell
from dmi_desktop.ui.translation import Translations
from tests.conftest import PASSPHRASES


@pytest.fixture
def msgboxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Record modal message boxes instead of showing them; ``question`` pops answers from ``answers``."""
    shown: dict[str, list[Any]] = {"warning": [], "information": [], "question": [], "answers": []}

    def record(kind: str, default: Any) -> Callable[..., Any]:
        def box(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
            shown[kind].append(text)
            if kind == "question":
                return shown["answers"].pop(0) if shown["answers"] else default
            return QMessageBox.StandardButton.Ok

        return staticmethod(box)

    monkeypatch.setattr(QMessageBox, "warning", record("warning", None))
    monkeypatch.setattr(QMessageBox, "critical", record("warning", None))
    monkeypatch.setattr(QMessageBox, "information", record("information", None))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.No))
    return shown


@pytest.fixture
def make_shell(qapp: QApplication, msgboxes: dict[str, list[Any]]) -> Iterator[Callable[..., Shell]]:
    """Factory: a Shell as run_gui builds it (fast KDF for new vaults); shut down afterwards."""
    shells: list[Shell] = []

    def _make(autolock_ms: int | None = None) -> Shell:
        translations = Translations(qapp)
        translations.apply("es")
        shell = Shell(Settings(), translations, create_options={"kdf": TEST_KDF}, autolock_ms=autolock_ms)
        shells.append(shell)
        return shell

    yield _make
    for shell in shells:
        shell.shutdown()
        # Remove the Spanish catalogs again: installed translators would leak into later tests of this process.
        shell.translations.apply("en")
        if shell.window is not None:
            shell.window.deleteLater()
    messages.set_language("es")  # the domain's default, changed by apply("en") above
    QApplication.processEvents()


@pytest.fixture
def unlocked(qtbot: Any, make_shell: Callable[..., Shell], vault_dir: Path) -> Callable[..., Shell]:
    """Factory: a Shell whose main window is open on the test vault as ``user``."""

    def _unlock(user: str, autolock_ms: int | None = None) -> Shell:
        shell = make_shell(autolock_ms)
        dialog = shell.show_unlock(vault_dir)
        dialog.user_combo.setCurrentText(user)
        dialog.passphrase.setText(PASSPHRASES[user])
        dialog.unlock_button.click()
        qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=10_000)
        return shell

    return _unlock

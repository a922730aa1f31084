"""Fixtures for the participants UI tests (loaded with pytest_plugins): a real AppContext and sample data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from dmi_desktop.domain.roles import can_write
from dmi_desktop.ui.actions import ActionRegistry
from dmi_desktop.ui.context import AppContext
from dmi_desktop.ui.settings import Settings
from dmi_desktop.ui.signals import SignalHub
from dmi_desktop.ui.worker import Worker
from tests.conftest import COORDINATOR

SAMPLE_NAMES = [
    ("José Miguel", "Pérez", "Soto", "Chico José", "12.345.678-5", "Colón Oriente"),
    ("María José", "González", "Rojas", "", "9.876.543-3", "Colón Oriente"),
    ("Juan", "Muñoz", "Díaz", "Juanito", "", "El Golf"),
    ("Camila", "Fuentes", "Vera", "", "", "Apoquindo"),
    ("Pedro", "Josefino", "Araya", "", "", "El Golf"),
]


def _sample_rows(extra: int = 0) -> list[dict[str, Any]]:
    """A few recognisable participants (two Josés and a surname that only starts with "Jose"), plus fillers."""
    rows = [
        {"nombres": n, "apellido_paterno": p, "apellido_materno": m, "alias": a, "rut": r, "sector": s}
        for n, p, m, a, r, s in SAMPLE_NAMES
    ]
    rows += [
        {"nombres": f"Persona{i:04d}", "apellido_paterno": f"Apellido{i:04d}", "sector": f"Sector {i % 7}"}
        for i in range(extra)
    ]
    return rows


@pytest.fixture
def sample_rows() -> Callable[[int], list[dict[str, Any]]]:
    """Factory of participant rows: five recognisable people plus ``extra`` fillers."""
    return _sample_rows


@pytest.fixture
def make_ctx(qapp: Any, open_session: Callable[..., Any]) -> Iterator[Callable[..., AppContext]]:
    """Factory: an AppContext for a user of the test vault (its worker is stopped afterwards)."""
    made: list[AppContext] = []

    def _make(user: str = COORDINATOR) -> AppContext:
        session = open_session(user)
        hub = SignalHub()
        hub.bridge(session)
        ctx = AppContext(session=session, hub=hub, worker=Worker(), settings=Settings(), actions=ActionRegistry())
        ctx.actions.set_can_write(can_write(session.role))
        made.append(ctx)
        return ctx

    yield _make
    for ctx in made:
        ctx.worker.wait_idle(2000)
        ctx.worker.shutdown()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Patch modal message boxes: record what would have been shown; ``question`` answers from ``answers``."""
    shown: dict[str, list[Any]] = {"warning": [], "information": [], "question": [], "answers": []}

    def warning(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
        shown["warning"].append(text)
        return QMessageBox.StandardButton.Ok

    def information(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
        shown["information"].append(text)
        return QMessageBox.StandardButton.Ok

    def question(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
        shown["question"].append(text)
        # Unplanned questions (e.g. widgets closed dirty at teardown) discard; tests check what was asked.
        return shown["answers"].pop(0) if shown["answers"] else QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(information))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return shown


def today() -> date:
    """Today's date (tests build birth dates relative to it)."""
    return date.today()

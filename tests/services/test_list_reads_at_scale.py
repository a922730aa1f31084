"""What the list reads on every change and keystroke does not grow with the vault (issue 8 items 3 and 6)."""

from collections.abc import Callable

import pytest


@pytest.fixture
def svc(session):
    return session.participants


def _vm_steps(svc, read: Callable[[], object]) -> int:
    """SQLite virtual-machine steps one read takes on the list's reader connection (no clock involved)."""
    conn = svc.repo.rdb.conn
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    conn.set_progress_handler(count, 1)
    try:
        read()
    finally:
        conn.set_progress_handler(None, 1)
    return steps[0]


def test_a_new_sector_appears_after_a_write_and_leaves_with_its_last_participant(svc):
    svc.create_many([{"nombres": f"N{i}", "apellido_paterno": "Soto", "sector": "Estadio"} for i in range(5)])
    assert svc.sectors() == ["Estadio"]
    p = svc.create({"nombres": "Ana", "apellido_paterno": "Rojas", "sector": "Colón Oriente"})
    assert svc.sectors() == ["Colón Oriente", "Estadio"]
    svc.update(p.id, {"sector": "Apoquindo"})
    assert svc.sectors() == ["Apoquindo", "Estadio"]  # the sector left by its only participant is gone
    svc.create({"nombres": "Sin", "apellido_paterno": "Sector"})
    assert svc.sectors() == ["Apoquindo", "Estadio"]  # a participant without a sector adds no empty entry


def test_sectors_read_the_same_whatever_the_number_of_participants(svc):
    sectors = ["Apoquindo", "El Golf", "Estadio"]
    svc.create_many([{"nombres": f"N{i}", "apellido_paterno": "Soto", "sector": s} for i, s in enumerate(sectors)])
    few = _vm_steps(svc, svc.sectors)
    svc.create_many([{"nombres": f"M{i}", "apellido_paterno": "Vera", "sector": sectors[i % 3]} for i in range(600)])
    assert svc.sectors() == sectors
    # One index seek per sector: 200 times the rows, the same work (a DISTINCT scan took ~100x more steps).
    assert _vm_steps(svc, svc.sectors) < 2 * few

"""What the list reads on every change and keystroke does not grow with the vault (issue 8 items 3 and 6)."""

from collections.abc import Callable

import pytest

from dmi_desktop.services.participants import ParticipantQuery


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


def test_a_search_stops_counting_past_the_cap(svc, monkeypatch):
    from dmi_desktop.storage import repositories

    monkeypatch.setattr(repositories, "SEARCH_COUNT_CAP", 5)
    svc.create_many([{"nombres": f"Ana {i}", "apellido_paterno": "Soto", "sector": "Estadio"} for i in range(8)])
    svc.create_many([{"nombres": "Beto", "apellido_paterno": "Soto"} for _ in range(3)])
    ana = ParticipantQuery(search="ana")
    assert svc.count(ana, capped=True) == 6  # "more than 5": the list shows the first six
    assert svc.count(ParticipantQuery(search="ana", sector="Estadio"), capped=True) == 6
    assert svc.count(ParticipantQuery(search="beto"), capped=True) == 3  # under the cap: exact
    assert svc.count(ParticipantQuery(), capped=True) == 11  # no search: the whole list, never capped
    assert svc.count(ana) == 8  # uncapped unless asked (the CLI lists every match)
    every = [r.full_name for r in svc.rows(ParticipantQuery(search="ana"), 0, 20)]
    assert every == sorted(every) and len(every) == 8  # the rows themselves are not cut


def test_counting_a_broad_search_does_not_grow_with_its_matches(svc, monkeypatch):
    from dmi_desktop.storage import repositories

    monkeypatch.setattr(repositories, "SEARCH_COUNT_CAP", 40)
    q = ParticipantQuery(search="ana")
    svc.create_many([{"nombres": "Ana", "apellido_paterno": f"Soto{i}"} for i in range(60)])
    few = _vm_steps(svc, lambda: svc.count(q, capped=True))
    svc.create_many([{"nombres": "Ana", "apellido_paterno": f"Vera{i}"} for i in range(1200)])
    assert _vm_steps(svc, lambda: svc.count(q, capped=True)) < 2 * few  # counting stopped at the cap both times


def test_a_search_page_is_the_same_whichever_plan_the_vault_size_chooses(svc, monkeypatch):
    from dmi_desktop.storage import repositories

    svc.create_many([{"nombres": "José" if i % 3 else "Ana", "apellido_paterno": f"Soto{i % 7}"} for i in range(90)])
    q = ParticipantQuery(search="jose")
    pages = []
    for at_rows in (10**9, 1):  # as if the vault were huge (fetch and sort) or tiny (read in index order)
        monkeypatch.setattr(repositories, "_BROAD_AT_ROWS", at_rows)
        pages.append([r.id for r in svc.rows(q, 10, 20)])
    assert pages[0] == pages[1] and len(pages[0]) == 20

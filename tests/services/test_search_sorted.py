"""Search pages sorted inside the search index (schema 7): the same rows in the same order as the list's SQL.

The reference order is computed here in Python from every participant (the list's own rule: the sort key,
then the surname-first name key, then the case number), so it does not share the code under test.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from dmi_desktop.domain.rut import rut_check_digit
from dmi_desktop.domain.status import Status
from dmi_desktop.services.participants import ParticipantQuery

NAMES = [
    ("José Miguel", "Pérez", "Quispe"),
    ("Jose", "Perez", "Araya"),
    ("María José", "Álvarez", "Núñez"),
    ("Josefina", "Zúñiga", ""),
    ("Ana", "Pérez", "Soto"),
    ("Joaquín", "Pérez", "Quispe"),
    ("José", "Pérez", "Quispe"),  # the same name as another: the case number breaks the tie
    ("Ángela", "Josué", "Ríos"),
    ("Pedro", "Jofré", "Díaz"),
    ("Luis", "Muñoz", "Pérez"),
]
STATUSES = [Status.IDENTIFIED, Status.UNDER_REVIEW]
SECTORS = ["Colón Oriente", "El Golf", ""]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@pytest.fixture
def people(session):
    """Forty participants (four of each name), some with RUTs, statuses and sectors, and what was created."""
    rows = []
    for i in range(40):
        nombres, paterno, materno = NAMES[i % len(NAMES)]
        body = str(10_000_000 + i * 7919)
        row = {"nombres": nombres, "apellido_paterno": paterno, "apellido_materno": materno}
        row["sector"] = SECTORS[i % 3]
        row["status"] = STATUSES[i % 2].value
        if i % 4:
            row["rut"] = f"{body}-{rut_check_digit(body)}"
        rows.append(row)
    session.participants.create_many(rows, today=date(2025, 6, 1))
    return session.participants


def _expected(svc, query: ParticipantQuery, words: list[str]) -> list[str]:
    """Ids the list should show for a search of name prefixes, in the list's order, computed in Python."""
    found = []
    for p in svc.list(ParticipantQuery()):
        tokens = _fold(f"{p.nombres} {p.apellido_paterno} {p.apellido_materno}").split()
        if not all(any(t.startswith(w) for t in tokens) for w in words):
            continue
        if query.status and p.status not in query.status:
            continue
        if query.sector and p.sector != query.sector:
            continue
        name = _fold(f"{p.apellido_paterno} {p.apellido_materno} {p.nombres}").strip()
        key = {"name": name, "case_no": p.case_no, "rut": p.rut}[query.sort]
        found.append(((key, name, p.case_no) if query.sort != "case_no" else (key,), p.id))
    found.sort(reverse=query.descending)
    return [i for _key, i in found]


@pytest.mark.parametrize("sort", ["name", "case_no", "rut"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    ("typed", "words"),
    [("jose", ["jose"]), ("JOSÉ pérez", ["jose", "perez"]), ("pe", ["pe"]), ("quispe jos", ["quispe", "jos"])],
)
def test_a_search_lists_the_same_people_in_the_lists_order(people, sort, descending, typed, words):
    query = ParticipantQuery(search=typed, sort=sort, descending=descending)
    expected = _expected(people, query, words)
    assert expected  # every search above finds someone
    assert [r.id for r in people.rows(query, 0, 200)] == expected
    # Page by page, as the list reads it, the same order with nothing skipped or repeated.
    paged = [r.id for start in range(0, len(expected), 3) for r in people.rows(query, start, 3)]
    assert paged == expected
    assert people.count(query) == len(expected)


@pytest.mark.parametrize("descending", [False, True])
def test_a_search_with_status_and_sector_filters_keeps_its_order(people, descending):
    for query in (
        ParticipantQuery(search="pérez", status=(Status.UNDER_REVIEW,), descending=descending),
        ParticipantQuery(search="jos", sector="Colón Oriente", sort="rut", descending=descending),
        ParticipantQuery(search="jos", sector="El Golf", sort="case_no", descending=descending),
    ):
        words = [_fold(w) for w in query.search.split()]
        expected = _expected(people, query, words)
        assert expected
        assert [r.id for r in people.rows(query, 0, 200)] == expected


def test_a_renamed_participant_is_found_and_sorted_under_the_new_name_only(people):
    zuniga = [r.id for r in people.rows(ParticipantQuery(search="zúñiga"))]
    target = zuniga[0]
    people.update(target, {"apellido_paterno": "Aaronson"})
    assert target not in {r.id for r in people.rows(ParticipantQuery(search="zuniga"))}
    assert people.count(ParticipantQuery(search="zuniga")) == len(zuniga) - 1
    found = people.rows(ParticipantQuery(search="aaronson"))
    assert [r.id for r in found] == [target]
    # Sorted by its new surname: first of every "jos…" match, where "Zúñiga" was last.
    assert people.rows(ParticipantQuery(search="jos"))[0].id == target
    assert [r.id for r in people.rows(ParticipantQuery(search="jos", descending=True))][-1] == target


def test_a_tombstoned_participant_disappears_from_searches(session, people):
    before = [r.id for r in people.rows(ParticipantQuery(search="jofre"))]
    with session.vault.atomic():
        people.repo.delete(before[1])
    for query in (ParticipantQuery(search="jofre"), ParticipantQuery(search="jofre", sort="case_no")):
        assert [r.id for r in people.rows(query)] == [i for i in before if i != before[1]]
    assert people.count(ParticipantQuery(search="jofre")) == len(before) - 1


def test_deep_pages_inside_one_crowded_name_keep_the_order(session):
    # Sixty "Pérez Pérez …" share the index key's first six characters: pages must split that crowd exactly.
    rows = [{"nombres": f"José {chr(97 + i % 26)}{i:02d}", "apellido_paterno": "Pérez"} for i in range(60)]
    rows += [{"nombres": "José", "apellido_paterno": p} for p in ("Abarca", "Zamora", "Pérez-Cotapos", "O'Ryan")]
    svc = session.participants
    svc.create_many(rows, today=date(2025, 6, 1))
    for descending in (False, True):
        query = ParticipantQuery(search="jose", descending=descending)
        expected = _expected(svc, query, ["jose"])
        assert len(expected) == 64
        for size in (1, 7, 25):
            paged = [r.id for start in range(0, 70, size) for r in svc.rows(query, start, size)]
            assert paged == expected, (descending, size)

"""The demo goes through the batched write path: one audit entry for the whole population, nothing per row."""

from __future__ import annotations

from collections import Counter

from dmi_desktop.domain.status import Status
from dmi_desktop.services.demo import populate_demo


def test_the_demo_is_one_audit_entry_even_for_activated_banked_cases(session):
    before = Counter(e.action for e in session.vault.audit.chain(session.device_id))
    assert populate_demo(session, participants=120, seed=11) == 120
    after = Counter(e.action for e in session.vault.audit.chain(session.device_id))
    assert after - before == Counter({"demo.populate": 1})  # before: one "violations.update" per activated case
    activated = [p for p in session.participants.list() if p.status is Status.CASE_ACTIVATED]
    violations = [v for p in activated for v in session.participants.file(p.id).violations]
    assert violations and all(v.case_activated for v in violations)  # written as the file ends
    assert session.verify_audit().ok


def test_demo_files_are_created_at_the_end_of_their_moves_each_move_in_the_history(session):
    populate_demo(session, participants=60, seed=5)
    for person in session.participants.list():
        changes = list(reversed(session.participants.status_history(person.id)))
        assert [c.from_status for c in changes[1:]] == [c.to_status for c in changes[:-1]]
        assert (changes[0].from_status if changes else "identified") == "identified"
        assert (changes[-1].to_status if changes else "identified") == person.status.value

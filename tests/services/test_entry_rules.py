"""The entry rules hold in the service too: an edit is judged with what the record already holds."""

from __future__ import annotations

from datetime import date

import pytest

from dmi_desktop.domain.errors import ValidationError

TODAY = date(2025, 6, 1)


def test_an_edit_that_puts_referral_dates_out_of_order_is_refused_and_nothing_changes(session):
    svc = session.participants
    p = svc.create({"nombres": "Ana", "apellido_paterno": "Soto"})
    ref = svc.add_record("referrals", p.id, {"kind": "education", "referred_on": "2025-03-01"}, today=TODAY)
    with pytest.raises(ValidationError) as info:
        svc.update_record("referrals", ref.id, {"first_appointment": "2025-02-01"}, today=TODAY)
    assert info.value.errors["first_appointment"].endswith("anterior a la derivación (01-03-2025)")
    assert svc.file(p.id).referrals[0].first_appointment is None


def test_an_edit_that_decides_a_review_without_a_rationale_is_refused(session):
    svc = session.participants
    p = svc.create({"nombres": "Ana", "apellido_paterno": "Soto"})
    review = svc.add_record("eligibility_reviews", p.id, {"review_date": "2025-05-01"}, today=TODAY)
    with pytest.raises(ValidationError, match="fundamento"):
        svc.update_record("eligibility_reviews", review.id, {"decision": "eligible"}, today=TODAY)
    svc.update_record("eligibility_reviews", review.id, {"rationale": "bajo nivel, sin armas"}, today=TODAY)
    decided = svc.update_record("eligibility_reviews", review.id, {"decision": "eligible"}, today=TODAY)
    assert decided.decision.value == "eligible"


def test_old_free_text_check_in_methods_stay_readable(session):
    svc = session.participants
    p = svc.create({"nombres": "Ana", "apellido_paterno": "Soto"})
    svc.add_record("checkins", p.id, {"day": "2025-05-01", "method": "visita en la feria"}, today=TODAY)
    svc.add_record("checkins", p.id, {"day": "2025-05-02", "method": "phone"}, today=TODAY)
    assert sorted(c.method for c in svc.file(p.id).checkins) == ["phone", "visita en la feria"]

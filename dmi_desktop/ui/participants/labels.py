"""Human words for field names, audit actions and enum values of the participant file (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dmi_desktop.domain.models import Decision, ReferralKind, ReferralStatus, Sex


def field_labels() -> dict[str, str]:
    """Field name -> label, for forms, history and import mapping."""
    return {
        "case_no": QCoreApplication.translate("Labels", "Case no."),
        "nombres": QCoreApplication.translate("Labels", "First names"),
        "apellido_paterno": QCoreApplication.translate("Labels", "Paternal surname"),
        "apellido_materno": QCoreApplication.translate("Labels", "Maternal surname"),
        "alias": QCoreApplication.translate("Labels", "Alias"),
        "rut": QCoreApplication.translate("Labels", "RUT"),
        "birth_date": QCoreApplication.translate("Labels", "Date of birth"),
        "sex": QCoreApplication.translate("Labels", "Sex"),
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "address": QCoreApplication.translate("Labels", "Address"),
        "sector": QCoreApplication.translate("Labels", "Sector"),
        "status": QCoreApplication.translate("Labels", "Status"),
        "reason": QCoreApplication.translate("Labels", "Reason"),
        "photo": QCoreApplication.translate("Labels", "Photo"),
        "name": QCoreApplication.translate("Labels", "Name"),
        "relationship": QCoreApplication.translate("Labels", "Relationship"),
        "visited_on": QCoreApplication.translate("Labels", "Visited on"),
        "notes": QCoreApplication.translate("Labels", "Notes"),
        "violence_or_weapons": QCoreApplication.translate("Labels", "History of violence or weapons"),
        "leadership_role": QCoreApplication.translate("Labels", "Leadership role"),
        "still_active": QCoreApplication.translate("Labels", "Still active"),
        "enough_evidence": QCoreApplication.translate("Labels", "Enough evidence"),
        "decision": QCoreApplication.translate("Labels", "Decision"),
        "rationale": QCoreApplication.translate("Labels", "Rationale"),
        "reviewer": QCoreApplication.translate("Labels", "Reviewer"),
        "review_date": QCoreApplication.translate("Labels", "Review date"),
        "ruc": QCoreApplication.translate("Labels", "RUC"),
        "investigating_unit": QCoreApplication.translate("Labels", "Investigating unit"),
        "buy_dates": QCoreApplication.translate("Labels", "Buy dates"),
        "banked_on": QCoreApplication.translate("Labels", "Banked on"),
        "expires_on": QCoreApplication.translate("Labels", "Expires on"),
        "description": QCoreApplication.translate("Labels", "Description"),
        "kind": QCoreApplication.translate("Labels", "Service"),
        "provider": QCoreApplication.translate("Labels", "Provider"),
        "referred_on": QCoreApplication.translate("Labels", "Referred on"),
        "first_appointment": QCoreApplication.translate("Labels", "First appointment"),
        "ended_on": QCoreApplication.translate("Labels", "Ended on"),
        "day": QCoreApplication.translate("Labels", "Date"),
        "method": QCoreApplication.translate("Labels", "Method"),
        "recorded_by": QCoreApplication.translate("Labels", "Recorded by"),
        "case_activated": QCoreApplication.translate("Labels", "Banked case activated"),
        "body": QCoreApplication.translate("Labels", "Note"),
        "author": QCoreApplication.translate("Labels", "Author"),
    }


def field_label(name: str) -> str:
    """Label of one field (the raw name if unknown)."""
    return field_labels().get(name, name)


def sex_labels() -> dict[str, str]:
    """Sex code -> label; "" means not recorded."""
    return {
        "": QCoreApplication.translate("Labels", "Not recorded"),
        Sex.FEMALE.value: QCoreApplication.translate("Labels", "Female"),
        Sex.MALE.value: QCoreApplication.translate("Labels", "Male"),
        Sex.OTHER.value: QCoreApplication.translate("Labels", "Other / unspecified"),
    }


def decision_labels() -> dict[str, str]:
    """Eligibility decision -> label."""
    return {
        Decision.PENDING.value: QCoreApplication.translate("Labels", "Pending"),
        Decision.ELIGIBLE.value: QCoreApplication.translate("Labels", "Eligible (case banked)"),
        Decision.NOT_ELIGIBLE.value: QCoreApplication.translate("Labels", "Not eligible (prosecuted)"),
        Decision.DROPPED.value: QCoreApplication.translate("Labels", "Dropped"),
    }


def referral_kind_labels() -> dict[str, str]:
    """Referral kind -> label."""
    return {
        ReferralKind.EMPLOYMENT.value: QCoreApplication.translate("Labels", "Employment"),
        ReferralKind.PSYCHOLOGICAL.value: QCoreApplication.translate("Labels", "Psychological support"),
        ReferralKind.EDUCATION.value: QCoreApplication.translate("Labels", "Education"),
        ReferralKind.TREATMENT.value: QCoreApplication.translate("Labels", "Addiction treatment"),
    }


def referral_status_labels() -> dict[str, str]:
    """Referral status -> label."""
    return {
        ReferralStatus.PENDING.value: QCoreApplication.translate("Labels", "Pending"),
        ReferralStatus.SCHEDULED.value: QCoreApplication.translate("Labels", "Scheduled"),
        ReferralStatus.ACTIVE.value: QCoreApplication.translate("Labels", "Active"),
        ReferralStatus.COMPLETED.value: QCoreApplication.translate("Labels", "Completed"),
        ReferralStatus.DECLINED.value: QCoreApplication.translate("Labels", "Declined"),
    }


def record_kind_labels() -> dict[str, str]:
    """Audit entity (table) -> what users call it."""
    return {
        "participant": QCoreApplication.translate("Labels", "participant"),
        "influentials": QCoreApplication.translate("Labels", "influential"),
        "eligibility_reviews": QCoreApplication.translate("Labels", "eligibility review"),
        "banked_cases": QCoreApplication.translate("Labels", "banked case"),
        "referrals": QCoreApplication.translate("Labels", "referral"),
        "checkins": QCoreApplication.translate("Labels", "check-in"),
        "violations": QCoreApplication.translate("Labels", "violation"),
        "notes": QCoreApplication.translate("Labels", "note"),
    }


def action_words(action: str) -> str:
    """An audit action code (``participant.status``) in plain words."""
    fixed = {
        "participant.create": QCoreApplication.translate("Labels", "Created the file"),
        "participant.import": QCoreApplication.translate("Labels", "Imported the file"),
        "participant.update": QCoreApplication.translate("Labels", "Edited identity data"),
        "participant.status": QCoreApplication.translate("Labels", "Changed the status"),
        "participant.photo": QCoreApplication.translate("Labels", "Changed the photo"),
        "participant.import_file": QCoreApplication.translate("Labels", "Imported from a file"),
        "demo.populate": QCoreApplication.translate("Labels", "Created as demo data"),
    }
    if action in fixed:
        return fixed[action]
    entity, _, verb = action.partition(".")
    kind = record_kind_labels().get(entity, entity)
    if verb == "create":
        return QCoreApplication.translate("Labels", "Added {kind}").format(kind=kind)
    if verb == "update":
        return QCoreApplication.translate("Labels", "Edited {kind}").format(kind=kind)
    if verb == "delete":
        return QCoreApplication.translate("Labels", "Removed {kind}").format(kind=kind)
    return action

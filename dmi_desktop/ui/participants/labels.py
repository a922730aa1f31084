"""Human words for field names, audit actions and enum values of the participant file (translated).

Field and record-kind names come from the field registry in the UI language; the words for enum values and
audit actions are the UI's own (Qt catalogs).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication

from dmi_desktop.domain.fields import Field, all_fields, entities, entity
from dmi_desktop.domain.models import CheckInMethod, Decision, ReferralKind, ReferralStatus, Sex
from dmi_desktop.ui.translation import ui_language


def label_of(spec: Field) -> str:
    """A registry field's label in the UI language."""
    return spec.label_in(ui_language())


def field_labels(table: str = "participants") -> dict[str, str]:
    """Field name -> label of ``table`` (a table or audit entity name), for forms, history and lists."""
    try:
        labels = {f.name: label_of(f) for f in all_fields(entity(table).table)}
    except KeyError:
        labels = {}
    # Not fields, but audit entries about a participant carry them.
    labels.setdefault("reason", QCoreApplication.translate("Labels", "Reason"))
    labels.setdefault("photo", QCoreApplication.translate("Labels", "Photo"))
    return labels


def field_label(name: str, table: str = "participants") -> str:
    """Label of one field of ``table`` (the raw name if unknown)."""
    return field_labels(table).get(name, name)


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
        ReferralKind.OTHER.value: QCoreApplication.translate("Labels", "Other (say which in Notes)"),
    }


def checkin_method_labels() -> dict[str, str]:
    """Check-in method -> label ("other" stands for any text typed instead)."""
    return {
        CheckInMethod.OFFICE.value: QCoreApplication.translate("Labels", "In person at the office"),
        CheckInMethod.HOME_VISIT.value: QCoreApplication.translate("Labels", "Home visit"),
        CheckInMethod.PHONE.value: QCoreApplication.translate("Labels", "Phone call"),
        CheckInMethod.VIDEO.value: QCoreApplication.translate("Labels", "Video call"),
        CheckInMethod.OTHER.value: QCoreApplication.translate("Labels", "Other"),
    }


def open_choice_text(choices: type[Enum] | None, value: str) -> str:
    """What an open-choice value reads as: the label of a code, any other (older or "other") text as stored."""
    return choice_labels(choices).get(value, value) if value else ""


def referral_status_labels() -> dict[str, str]:
    """Referral status -> label."""
    return {
        ReferralStatus.PENDING.value: QCoreApplication.translate("Labels", "Pending"),
        ReferralStatus.SCHEDULED.value: QCoreApplication.translate("Labels", "Scheduled"),
        ReferralStatus.ACTIVE.value: QCoreApplication.translate("Labels", "Active"),
        ReferralStatus.COMPLETED.value: QCoreApplication.translate("Labels", "Completed"),
        ReferralStatus.DECLINED.value: QCoreApplication.translate("Labels", "Declined"),
    }


def choice_labels(choices: type[Enum] | None) -> dict[str, str]:
    """Code -> label for the values of a choice field's enum (the codes themselves for an enum without words)."""
    words = {Sex: sex_labels, Decision: decision_labels, ReferralKind: referral_kind_labels}
    words[ReferralStatus] = referral_status_labels
    words[CheckInMethod] = checkin_method_labels
    if choices is None:
        return {}
    known = words.get(choices)
    return known() if known is not None else {str(c.value): str(c.value) for c in choices}


def record_kind_labels() -> dict[str, str]:
    """Audit entity (table) -> what users call one record of it."""
    return {e.audit_name: e.label.text(ui_language()) for e in entities()}


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
    entity_name, _, verb = action.partition(".")
    kind = record_kind_labels().get(entity_name, entity_name)
    if verb == "create":
        return QCoreApplication.translate("Labels", "Added {kind}").format(kind=kind)
    if verb == "update":
        return QCoreApplication.translate("Labels", "Edited {kind}").format(kind=kind)
    if verb == "delete":
        return QCoreApplication.translate("Labels", "Removed {kind}").format(kind=kind)
    return action

"""Venues and partner contacts: the directories meetings draw on (staff and coordinators write, all read)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import NotFound, ValidationError
from dmi_desktop.domain.meetings import Contact, Venue, text
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.validation import clean_fields
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.storage.meeting_repository import ContactRepository, VenueRepository
from dmi_desktop.storage.records import public_dict

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

_ACTION = "gestionar lugares y contactos"


def filled(values: dict[str, Any]) -> list[str]:
    """Names of the fields a creation set (its values stay in the row, not in the audit)."""
    return sorted(k for k, v in values.items() if v not in (None, "", [], False))


class VenueService:
    """Add, edit, remove and find venues; every write audited."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = VenueRepository(session.vault)

    def list(self) -> list[Venue]:
        """Every venue by name."""
        return self.repo.all()

    def resolve(self, key: str) -> Venue:
        """A venue by id or by name (case-insensitive); NotFound or an ambiguity named plainly."""
        try:
            return self.repo.get(key.strip())
        except NotFound:
            pass
        found = self.repo.named(key)
        if not found:
            raise NotFound(message("venue_not_found", key=key))
        if len(found) > 1:
            raise ValidationError({"venue": message("venue_ambiguous", key=key)})
        return found[0]

    def add(self, fields: dict[str, Any]) -> Venue:
        """A new venue; its name must not be taken."""
        self.session.require_write(_ACTION)
        values = clean_fields("venues", fields, today=date.today())
        with self.session.write(_ACTION):
            if self.repo.named(values["name"]):
                raise ValidationError({"name": message("venue_exists", name=values["name"])})
            venue = self.repo.add(values)
            self.session.audit("venues.create", "venues", venue.id, fields=filled(values))
        self.session.publish(Changes("venues", ChangeKind.CREATED, (venue.id,)))
        return venue

    def update(self, venue_id: str, changes: dict[str, Any]) -> Venue:
        """Edit a venue; only what changed is stamped and audited."""
        self.session.require_write(_ACTION)
        values = clean_fields("venues", changes, today=date.today(), partial=True)
        with self.session.write(_ACTION):
            before = public_dict(self.repo.get(venue_id))
            diff = {k: v for k, v in values.items() if v != before.get(k)}
            if "name" in diff and any(v.id != venue_id for v in self.repo.named(diff["name"])):
                raise ValidationError({"name": message("venue_exists", name=diff["name"])})
            venue = self.repo.update(venue_id, diff) if diff else self.repo.get(venue_id)
            if diff:
                after = public_dict(venue)
                self.session.audit(
                    "venues.update", "venues", venue_id, {k: before[k] for k in diff}, {k: after[k] for k in diff}
                )
        self.session.publish(Changes("venues", ChangeKind.UPDATED, (venue_id,)))
        return venue

    def delete(self, venue_id: str) -> None:
        """Tombstone a venue (meetings that used it keep its id)."""
        self.session.require_write(_ACTION)
        with self.session.write(_ACTION):
            self.repo.delete(venue_id)
            self.session.audit("venues.delete", "venues", venue_id, fields=("deleted",))
        self.session.publish(Changes("venues", ChangeKind.DELETED, (venue_id,)))


class ContactService:
    """Add, edit, remove and find partner contacts; every write audited."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = ContactRepository(session.vault)

    def list(self) -> list[Contact]:
        """Every contact, grouped by organisation, then by name."""
        return self.repo.all()

    def resolve(self, key: str) -> Contact:
        """A contact by id or by name (case-insensitive)."""
        try:
            return self.repo.get(key.strip())
        except NotFound:
            pass
        found = self.repo.named(key)
        if not found:
            raise NotFound(message("contact_not_found", key=key))
        if len(found) > 1:
            raise ValidationError({"contact": message("contact_ambiguous", key=key)})
        return found[0]

    def add(self, fields: dict[str, Any]) -> Contact:
        """A new contact; the same name twice at one organisation is refused."""
        self.session.require_write(_ACTION)
        values = clean_fields("contacts", fields, today=date.today())
        with self.session.write(_ACTION):
            if any(c.organisation == values["organisation"] for c in self.repo.named(values["name"])):
                org = text(values["organisation"])
                raise ValidationError({"name": message("contact_exists", name=values["name"], organisation=org)})
            contact = self.repo.add(values)
            self.session.audit("contacts.create", "contacts", contact.id, fields=filled(values))
        self.session.publish(Changes("contacts", ChangeKind.CREATED, (contact.id,)))
        return contact

    def update(self, contact_id: str, changes: dict[str, Any]) -> Contact:
        """Edit a contact; only what changed is stamped and audited."""
        self.session.require_write(_ACTION)
        values = clean_fields("contacts", changes, today=date.today(), partial=True)
        with self.session.write(_ACTION):
            before = public_dict(self.repo.get(contact_id))
            diff = {k: v for k, v in values.items() if public_value(v) != before.get(k)}
            contact = self.repo.update(contact_id, diff) if diff else self.repo.get(contact_id)
            if diff:
                after = public_dict(contact)
                self.session.audit(
                    "contacts.update",
                    "contacts",
                    contact_id,
                    {k: before[k] for k in diff},
                    {k: after[k] for k in diff},
                )
        self.session.publish(Changes("contacts", ChangeKind.UPDATED, (contact_id,)))
        return contact

    def delete(self, contact_id: str) -> None:
        """Tombstone a contact."""
        self.session.require_write(_ACTION)
        with self.session.write(_ACTION):
            self.repo.delete(contact_id)
            self.session.audit("contacts.delete", "contacts", contact_id, fields=("deleted",))
        self.session.publish(Changes("contacts", ChangeKind.DELETED, (contact_id,)))


def public_value(value: Any) -> Any:
    """An input value in its stored form (enum codes), to compare with what the row holds."""
    return getattr(value, "value", value)

"""Venues and partner contacts: the directories meetings draw on (staff and coordinators write, all read)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import NotFound, ValidationError
from dmi_desktop.domain.meetings import Contact, Venue, text
from dmi_desktop.domain.messages import message
from dmi_desktop.domain.validation import clean_fields
from dmi_desktop.services.changes import ChangeKind, Changes
from dmi_desktop.services.participant_bulk import filled
from dmi_desktop.storage.meeting_repository import ContactRepository, VenueRepository
from dmi_desktop.storage.records import public_dict

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

_ACTION = "gestionar lugares y contactos"


class _Directory:
    """What venues and contacts share: lookup by id or name, edits stamped and audited, tombstones."""

    table = ""
    noun = ""  # the message keys' prefix: venue_not_found, contact_ambiguous…

    def __init__(self, session: Session, repo: Any) -> None:
        self.session = session
        self.repo = repo

    def list(self) -> list[Any]:
        """Every entry, in the repository's order."""
        return self.repo.all()

    def resolve(self, key: str) -> Any:
        """An entry by id or by name (case-insensitive); NotFound or an ambiguity named plainly."""
        try:
            return self.repo.get(key.strip())
        except NotFound:
            pass
        found = self.repo.named(key)
        if not found:
            raise NotFound(message(f"{self.noun}_not_found", key=key))
        if len(found) > 1:
            raise ValidationError({self.noun: message(f"{self.noun}_ambiguous", key=key)})
        return found[0]

    def _refuse_duplicate(self, values: dict[str, Any], own_id: str | None) -> None:
        """Raise ValidationError when ``values`` would repeat another entry (``own_id`` excluded)."""

    def _add(self, fields: dict[str, Any]) -> Any:
        self.session.require_write(_ACTION)
        values = clean_fields(self.table, fields, today=date.today())
        with self.session.write(_ACTION):
            self._refuse_duplicate(values, None)
            entry = self.repo.add(values)
            self.session.audit(f"{self.table}.create", self.table, entry.id, fields=filled(values))
        self.session.publish(Changes(self.table, ChangeKind.CREATED, (entry.id,)))
        return entry

    def _update(self, entry_id: str, changes: dict[str, Any]) -> Any:
        self.session.require_write(_ACTION)
        values = clean_fields(self.table, changes, today=date.today(), partial=True)
        with self.session.write(_ACTION):
            before = public_dict(self.repo.get(entry_id))
            diff = {k: v for k, v in values.items() if public_value(v) != before.get(k)}
            self._refuse_duplicate(diff, entry_id)
            entry = self.repo.update(entry_id, diff) if diff else self.repo.get(entry_id)
            if diff:
                after = public_dict(entry)
                self.session.audit(
                    f"{self.table}.update",
                    self.table,
                    entry_id,
                    {k: before[k] for k in diff},
                    {k: after[k] for k in diff},
                )
        self.session.publish(Changes(self.table, ChangeKind.UPDATED, (entry_id,)))
        return entry

    def delete(self, entry_id: str) -> None:
        """Tombstone an entry (meetings that used it keep its id)."""
        self.session.require_write(_ACTION)
        with self.session.write(_ACTION):
            self.repo.delete(entry_id)
            self.session.audit(f"{self.table}.delete", self.table, entry_id, fields=("deleted",))
        self.session.publish(Changes(self.table, ChangeKind.DELETED, (entry_id,)))


class VenueService(_Directory):
    """Add, edit, remove and find venues; every write audited."""

    table, noun = "venues", "venue"

    def __init__(self, session: Session) -> None:
        super().__init__(session, VenueRepository(session.vault))

    def _refuse_duplicate(self, values: dict[str, Any], own_id: str | None) -> None:
        if "name" in values and any(v.id != own_id for v in self.repo.named(values["name"])):
            raise ValidationError({"name": message("venue_exists", name=values["name"])})

    def add(self, fields: dict[str, Any]) -> Venue:
        """A new venue; its name must not be taken."""
        return self._add(fields)

    def update(self, venue_id: str, changes: dict[str, Any]) -> Venue:
        """Edit a venue; only what changed is stamped and audited."""
        return self._update(venue_id, changes)


class ContactService(_Directory):
    """Add, edit, remove and find partner contacts; every write audited."""

    table, noun = "contacts", "contact"

    def __init__(self, session: Session) -> None:
        super().__init__(session, ContactRepository(session.vault))

    def _refuse_duplicate(self, values: dict[str, Any], own_id: str | None) -> None:
        if own_id is not None:
            return  # as before: an edit is not checked against the other contacts
        if any(c.organisation == values["organisation"] for c in self.repo.named(values["name"])):
            org = text(values["organisation"])
            raise ValidationError({"name": message("contact_exists", name=values["name"], organisation=org)})

    def add(self, fields: dict[str, Any]) -> Contact:
        """A new contact; the same name twice at one organisation is refused."""
        return self._add(fields)

    def update(self, contact_id: str, changes: dict[str, Any]) -> Contact:
        """Edit a contact; only what changed is stamped and audited."""
        return self._update(contact_id, changes)


def public_value(value: Any) -> Any:
    """An input value in its stored form (enum codes), to compare with what the row holds."""
    return getattr(value, "value", value)

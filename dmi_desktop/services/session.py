"""An unlocked vault plus the acting user: the facade the UI and the CLI talk to."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dmi_desktop.domain import roles
from dmi_desktop.domain.errors import DmiError, PermissionDenied
from dmi_desktop.domain.messages import action_text, tr
from dmi_desktop.domain.roles import Role
from dmi_desktop.domain.validation import refuse_control_characters
from dmi_desktop.services.changes import ChangeBus, Changes
from dmi_desktop.services.passphrase_policy import check_passphrase
from dmi_desktop.services.paths import installation_record
from dmi_desktop.storage import audit_incident, identity
from dmi_desktop.storage.audit import VerifyResult
from dmi_desktop.storage.audit_format import refs_digest
from dmi_desktop.storage.driver import Database, DatabaseError
from dmi_desktop.storage.errors import AuditIncidentOpen, AuditTampered
from dmi_desktop.storage.keyslots import DEFAULT_UNLOCK_SECONDS, KdfParams
from dmi_desktop.storage.schema import schema_version
from dmi_desktop.storage.vault import Vault

log = logging.getLogger(__name__)
__all__ = ["Session", "VerifyResult", "incident_refusal"]
_FOLDABLE_EDITS = frozenset({"participant.status"})


@dataclass
class _Batch:
    """Audit of many writes gathered into one entry (imports, demo data): what, how many, which ids."""

    action: str
    entity: str
    details: dict[str, Any]
    ids: dict[str, None] = field(default_factory=dict)  # insertion-ordered set
    counts: dict[str, int] = field(default_factory=dict)
    fields: set[str] = field(default_factory=set)

    def add_many(self, action: str, ids: list[str], fields: Iterable[str]) -> None:
        # Many records named by their own ids (a block of new participants): as many add() calls, at once.
        self.counts[action] = self.counts.get(action, 0) + len(ids)
        self.ids.update(dict.fromkeys(ids))
        self.fields.update(fields)

    def add(self, action: str, entity_id: str, fields: Iterable[str], refs: Iterable[str]) -> None:
        # A record that belongs to a participant is named by its owner (``refs``): the batch says whose files
        # it touched, one id per person however many records each got, and a person's history finds it.
        self.counts[action] = self.counts.get(action, 0) + 1
        owners = [i for i in refs if i]
        self.ids.update(dict.fromkeys(owners or [entity_id]))
        self.fields.update(fields)


def incident_refusal() -> str:
    """The one line every write gets while an audit incident is open (for the CLI and the UI)."""
    return audit_incident.refusal()


class Session:
    """Who is working on which vault; every service checks permissions against it."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.user = vault.user
        role = vault.role_of(vault.user)
        if role is None:
            raise PermissionDenied(
                tr(
                    f"el usuario {vault.user!r} no existe en esta bóveda",
                    f"user {vault.user!r} does not exist in this vault",
                )
            )
        self.role: Role = role
        self.bus = ChangeBus()
        self.folder = vault.folder
        self._batch: _Batch | None = None
        self.notices: list[str] = list(vault.notices)
        self._build_services()

    def _build_services(self) -> None:
        from dmi_desktop.services.meeting_directory import ContactService, VenueService
        from dmi_desktop.services.meeting_invitations import InvitationService
        from dmi_desktop.services.meetings import MeetingService
        from dmi_desktop.services.participants import ParticipantService
        from dmi_desktop.services.saved_views import SavedViewService
        from dmi_desktop.services.users import UserService

        self.participants = ParticipantService(self)
        self.users = UserService(self)
        self.venues = VenueService(self)
        self.contacts = ContactService(self)
        self.meetings = MeetingService(self)
        self.invitations = InvitationService(self)
        self.saved_views = SavedViewService(self)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        *,
        user: str,
        passphrase: str,
        organisation: str = "",
        device_code: str | None = None,
        kdf: KdfParams | None = None,
        unlock_seconds: float = DEFAULT_UNLOCK_SECONDS,
    ) -> tuple[Session, str]:
        """Create a vault and return the open session and the recovery key (to show once).

        A weak passphrase, or a user name or organisation holding control characters, is refused
        (ValidationError) before anything is written.
        """
        refuse_control_characters(user=user, organisation=organisation)
        check_passphrase(passphrase, user_inputs=[user, organisation])
        vault, recovery = Vault.create(
            Path(folder),
            user=user,
            passphrase=passphrase,
            organisation=organisation,
            device_code=device_code,
            kdf=kdf,
            unlock_seconds=unlock_seconds,
            installation=installation_record(),
        )
        return cls(vault), recovery

    @classmethod
    def unlock(cls, folder: Path, passphrase: str, user: str | None = None, *, verify: bool = False) -> Session:
        """Unlock with a passphrase (slow on purpose: run off the GUI thread).

        ``verify`` checks every page before anything is written, the access entry included (``check``).
        """
        vault = Vault.unlock(Path(folder), passphrase, user, installation_record(), verify=verify)
        return cls._audited(vault, "vault.unlock")

    @classmethod
    def unlock_with_recovery(
        cls, folder: Path, recovery_key: str, user: str | None = None, *, verify: bool = False
    ) -> Session:
        """Unlock with the recovery key, acting as ``user`` (default: first coordinator); ``verify`` as unlock's."""
        vault = Vault.unlock_with_recovery(Path(folder), recovery_key, user, installation_record(), verify=verify)
        return cls._audited(vault, "vault.recovery_unlock")

    @classmethod
    def _audited(cls, vault: Vault, action: str) -> Session:
        try:
            session = cls(vault)
            session._record_access(action)
        except BaseException:
            vault.close()
            raise
        return session

    def _record_access(self, action: str) -> None:
        """Unlocks are access events in the audit, recorded even while an audit incident is open (the unlock
        found and recorded it first). Should the chain still not take them, the vault opens all the same (to
        read, check and restore), the user is told, and every write is refused."""
        try:
            with self.vault.atomic():
                self.vault.audit.append(self.user, action, "vault", self.vault.meta("vault_id") or "")
        except AuditTampered as exc:
            log.warning("audit chain altered outside the app; access event not recorded")
            self.notices.append(str(exc))

    def close(self) -> None:
        """Lock: close the database and forget the key.

        The token is renewed first with the chain's final end, so this computer's record of the audit chain is
        as recent as the vault (a cut end is then noticed at the next unlock, see audit_incident.py).
        """
        if not self.vault.is_open:
            return
        if self.vault.installation is not None:
            try:
                identity.rotate_token(self.vault, self.vault.installation)
            except (DmiError, DatabaseError, OSError):
                # The record stays at the last unlock: a later cut is still caught down to that point.
                log.warning("could not record the audit chain's end at close")
        self.vault.close()

    lock = close

    def reopen(self, passphrase: str) -> None:
        """Unlock again as the same user after a lock (auto-lock); the same Session object stays valid.

        Views must reach services through ``session.participants`` etc. each time, never keep old ones.
        """
        self._reopened(Vault.unlock(self.folder, passphrase, self.user, installation_record()), "vault.unlock")

    def reopen_with_recovery(self, recovery_key: str) -> None:
        """As :meth:`reopen`, with the recovery key (the lock screen's "forgot your passphrase?")."""
        vault = Vault.unlock_with_recovery(self.folder, recovery_key, self.user, installation_record())
        self._reopened(vault, "vault.recovery_unlock")

    def _reopened(self, vault: Vault, action: str) -> None:
        self.vault = vault
        self.notices = list(vault.notices)
        try:
            self._record_access(action)
        except BaseException:
            vault.close()
            raise
        self._build_services()

    @property
    def is_open(self) -> bool:
        """False after close()."""
        return self.vault.is_open

    # -- shared helpers for services -----------------------------------------------------------

    def require_write(self, action: str) -> None:
        """Refuse viewers, and everyone while an audit incident is open, before any work is done (the same
        checks ``write`` and the audit make); ``action`` as in ACTIONS."""
        if not roles.can_write(self.role):
            raise PermissionDenied(
                tr(
                    f"su rol ({self.role.value}) solo permite consultar: no puede {action}",
                    f"your role ({self.role.value}) is read-only: you cannot {action_text(action)}",
                )
            )
        if self.audit_incident_open:
            raise AuditIncidentOpen(audit_incident.refusal())

    @contextlib.contextmanager
    def write(self, action: str) -> Iterator[Database]:
        """A transaction for a write the role must allow (viewers are refused here, in the service)."""
        self.require_write(action)
        with self.vault.atomic() as db:
            yield db

    def require_restricted(self) -> None:
        """Banked cases and evidence references are for coordinators only."""
        if not roles.can_see_restricted(self.role):
            raise PermissionDenied(
                tr("solo coordinadores acceden al caso en reserva", "only coordinators can see the banked case")
            )

    def require_coordinator(self, what: str) -> None:
        """Administration (users, restore) is for coordinators."""
        if not roles.can_manage_users(self.role):
            raise PermissionDenied(
                tr(f"solo coordinadores pueden {what}", f"only coordinators can {action_text(what)}")
            )

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: str,
        before: dict | None = None,
        after: dict | None = None,
        *,
        fields: Iterable[str] | None = None,
        refs: Iterable[str] = (),
    ) -> None:
        """Record who did what as the session's user (inside the caller's transaction).

        ``before``/``after`` (old → new values) become the entry's erasable payload; ``fields`` names the
        fields touched (default: the keys of both). A creation passes only ``fields``: its values are in
        the row itself. Inside :meth:`batch` nothing is written until the batch ends.
        """
        names = tuple(fields) if fields is not None else tuple(sorted({*(before or {}), *(after or {})}))
        # A batch folds creations and status moves (their values are the rows themselves and the status
        # history); an edit's old values exist nowhere else, so it keeps an entry of its own.
        if self._batch is not None and (before is None or action in _FOLDABLE_EDITS):
            self._batch.add(action, entity_id, names, refs)
            return
        payload = None if before is None and after is None else {"before": before, "after": after}
        payload = self.vault.seal_payload(entity, entity_id, payload)  # old values of a banked case stay sealed
        self.vault.audit.append(self.user, action, entity, entity_id, fields=names, payload=payload, refs=refs)

    def audit_created(self, action: str, entity: str, ids: list[str], fields: Iterable[str]) -> None:
        """Record the creation of many records naming ``fields`` (inside :meth:`batch`: folded at once into its
        entry; outside, one entry each)."""
        names = tuple(fields)
        if self._batch is not None:
            self._batch.add_many(action, ids, names)
            return
        for entity_id in ids:
            self.audit(action, entity, entity_id, fields=names)

    def describe_batch(self, **details: Any) -> None:
        """Add to what the current batch's audit entry says about itself (a file name, counts)."""
        if self._batch is not None:
            self._batch.details.update(details)

    @contextlib.contextmanager
    def batch(self, action: str, entity: str, **details: Any) -> Iterator[None]:
        """Audit many writes as one entry naming their ids (import, demo), written when the block ends.

        Call inside the transaction of the writes; batches nest into the outermost one.
        """
        if self._batch is not None:
            yield
            return
        self._batch = batch = _Batch(action, entity, dict(details))
        try:
            yield
        finally:
            self._batch = None
        if batch.counts:
            summary = {**batch.details, "counts": batch.counts}
            # The ids are stored once, as the entry's references; the payload counts them and hashes them
            # (listing them again cost 118 bytes per participant of a 100 000-person import). The batch's own
            # set is handed on as it is: a copy of a million ids is 8 MB more at the import's peak.
            ids = batch.ids
            self.vault.audit.append(
                self.user,
                action,
                entity,
                str(uuid.uuid4()),
                fields=sorted(batch.fields),
                payload={"after": summary, "people": len(ids), "refs_sha256": refs_digest(ids)},
                refs=ids,
            )

    def publish(self, changes: Changes) -> None:
        """Tell listeners (the UI's signal hub) what changed, after commit."""
        self.bus.publish(changes)

    def verify_audit(self, progress: Callable[[int, int], None] | None = None) -> VerifyResult:
        """Walk the audit chain a chunk at a time; ``progress(done, total)`` between chunks (it may raise to cancel)."""
        return self.vault.audit.verify(progress)

    @property
    def audit_incident_open(self) -> bool:
        """True while writes are refused because the audit log was found altered and nobody acknowledged it."""
        return self.vault.audit.incident_open()

    def acknowledge_audit_incident(self, note: str = "") -> int:
        """A coordinator reviewed the open audit incidents: record it (who, the note) and lift the refusal.

        Returns how many incidents were closed.
        """
        self.require_coordinator("revisar incidentes de auditoría")
        with self.vault.atomic():
            closed, _seq = audit_incident.acknowledge(
                self.vault.audit, self.user, self.vault.meta("vault_id") or "", note
            )
        log.info("audit incident acknowledged")
        return len(closed)

    @property
    def organisation(self) -> str:
        """Organisation name stored in the vault."""
        return self.vault.meta("organisation") or ""

    @property
    def device_id(self) -> str:
        """This vault's device id (a UUID; its 12-hex-digit tag is the origin stamped on every row it writes)."""
        return self.vault.device_id

    @property
    def schema_version(self) -> int:
        """The vault's schema version (exports carry it; an import from a newer one is refused)."""
        return schema_version(self.vault.db)

    @property
    def device_code(self) -> str:
        """This laptop's short code (inside every case number)."""
        return self.vault.device_code

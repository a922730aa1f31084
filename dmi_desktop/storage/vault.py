"""The vault folder: create, unlock, lock, slots, migrations and integrity (DESIGN §3)."""

from __future__ import annotations

import contextlib
import logging
import secrets
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from dmi_desktop.domain.hlc import DEFAULT_MAX_AHEAD_MS, HybridLogicalClock, device_tag
from dmi_desktop.domain.messages import message, tr
from dmi_desktop.domain.roles import Role
from dmi_desktop.storage import identity, keyslots, roster, schema
from dmi_desktop.storage.audit import AuditLog
from dmi_desktop.storage.connection import open_database
from dmi_desktop.storage.coordinator_keys import CoordinatorKeys, SlotContent
from dmi_desktop.storage.driver import Database, DatabaseError
from dmi_desktop.storage.errors import (
    DamagedDatabase,
    NewerSchema,
    VaultError,
    VaultExists,
    VaultNotFound,
    WrongPassphrase,
)
from dmi_desktop.storage.guard import translate_methods, user_error
from dmi_desktop.storage.installation import InstallationRecord, new_token
from dmi_desktop.storage.keyslots import KdfParams, KeyFile, Slot
from dmi_desktop.storage.lock import VaultLock
from dmi_desktop.storage.readers import ReaderPool
from dmi_desktop.storage.rekey_files import finish_interrupted_rekey
from dmi_desktop.storage.schema import apply_migrations, pending_migrations, schema_version
from dmi_desktop.storage.vault_clock import clock_notice, restore_clock
from dmi_desktop.storage.vault_files import (
    BACKUPS_DIR,
    DB_NAME,
    KEYS_NAME,
    first_coordinator,
    integrity_problems,
    is_vault,
    reason,
    refuse_damaged,
    remove_vault_files,
    restore_into_empty,
    stamp,
)
from dmi_desktop.storage.vault_keys import Access, VaultKeys, resolve_access, write_slot

log = logging.getLogger(__name__)

_FIRST_SCHEMA_WITH_IDENTITY = 3
__all__ = ["BACKUPS_DIR", "DB_NAME", "KEYS_NAME", "Vault", "is_vault", "restore_into_empty", "valid_device_code"]


def valid_device_code(code: str) -> bool:
    """Device codes: 2–6 upper-case letters or digits, part of every case number."""
    return 2 <= len(code) <= 6 and code.isascii() and code.isalnum() and code.upper() == code


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@translate_methods
class Vault(VaultKeys):
    """An open (unlocked) vault. Create with :meth:`create` or :meth:`unlock`; always :meth:`close`."""

    def __init__(
        self, folder: Path, db: Database, keyfile: KeyFile, access: Access, user: str, lock: VaultLock
    ) -> None:
        self.folder = folder
        self.db = db
        self.keyfile = keyfile
        self._access = access
        self._key = access.db_key
        self._keys_dirty = False
        self.user = user
        self._lock = lock
        self._readers = ReaderPool(folder / DB_NAME, access.db_key)
        self._txn_thread: int | None = None
        self.installation: InstallationRecord | None = None  # this computer's record of vault identities
        self.notices: list[str] = []  # things the user must be told once the vault is open
        self.adopt_device(self.meta("device_id") or "", self.meta("device_code") or "")
        restore_clock(self)
        self._persisted_hlc = self.hlc.last

    def adopt_device(self, device_id: str, device_code: str) -> None:
        """Act as this device identity: its clock (continuing from the last timestamp) and its audit chain."""
        previous = getattr(self, "hlc", None)
        self.device_id, self.device_code = device_id, device_code
        max_ahead = self.meta("hlc_max_ahead_ms")
        self.hlc = HybridLogicalClock(
            device_tag(device_id),
            max_ahead_ms=int(max_ahead) if max_ahead and max_ahead.isdigit() else DEFAULT_MAX_AHEAD_MS,
        )
        if previous is not None:
            self.hlc.restore(previous.last.encode())
        self.audit = AuditLog.taking_over(getattr(self, "audit", None), self.db, device_id, self.hlc)

    # -- opening --------------------------------------------------------------------------

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
        unlock_seconds: float = keyslots.DEFAULT_UNLOCK_SECONDS,
        installation: InstallationRecord | None = None,
    ) -> tuple[Vault, str]:
        """Create a new vault; return it (unlocked) and the recovery key to show once.

        The KDF is calibrated so that unlocking takes about ``unlock_seconds`` on this machine
        (like KeePassXC's "decryption time"); ``kdf`` fixes the parameters instead (tests).
        """
        folder = Path(folder)
        if (folder / DB_NAME).exists() or (folder / KEYS_NAME).exists():
            raise VaultExists(tr(f"ya existe una bóveda en {folder}", f"a vault already exists in {folder}"))
        code = (device_code or identity.random_device_code()).upper()
        if not valid_device_code(code):
            raise VaultError(
                tr(
                    "el código de equipo debe tener 2 a 6 letras o dígitos",
                    "the device code must be 2 to 6 letters or digits",
                )
            )
        if not user.strip():
            raise VaultError(tr("falta el nombre de usuario", "the user name is missing"))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise VaultError(
                tr(
                    f"no se puede crear la carpeta {folder}: {exc.strerror}",
                    f"cannot create the folder {folder}: {exc.strerror}",
                )
            ) from None
        lock = VaultLock(folder)
        lock.acquire()
        db: Database | None = None
        try:
            params = kdf or keyslots.calibrate(unlock_seconds)
            key = secrets.token_bytes(keyslots.KEY_BYTES)
            keyfile = KeyFile.new()
            coordinators = CoordinatorKeys.generate()
            secret = keyslots.normalize_passphrase(passphrase)
            own, user_key = write_slot(
                keyfile, keyslots.USER, user, secret, params, key, coordinators.public, coordinators.seed
            )
            recovery = keyslots.new_recovery_key()
            rescue, _ = write_slot(
                keyfile,
                keyslots.RECOVERY,
                "",
                keyslots.normalize_recovery_key(recovery),
                params,
                key,
                coordinators.public,
                coordinators.seed,
            )
            access = Access(key, own, SlotContent(user_key, coordinators.public), coordinators.seed)
            db = open_database(folder / DB_NAME, key, create=True)
            apply_migrations(db)
            token = new_token()
            with db.atomic():
                meta = {
                    "vault_id": keyfile.vault_id,
                    "device_id": str(uuid.uuid4()),
                    "device_code": code,
                    "device_epoch": "1",
                    "organisation": organisation,
                    "created_at": _now(),
                    "open_token": token,
                }
                for k, v in meta.items():
                    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (k, v))
                db.execute(
                    "INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)", (user, Role.COORDINATOR, _now())
                )
                roster.sign_roster(db, keyfile.vault_id, coordinators, {user: own.public, "": rescue.public})
            vault = cls(folder, db, keyfile, access, user, lock)
            vault.installation = installation
            with vault.atomic():
                identity.record_first_identity(vault, "created")
                vault.audit.append(
                    user,
                    "vault.create",
                    "vault",
                    keyfile.vault_id,
                    fields=("organisation",),
                    payload={"after": {"organisation": organisation}},
                )
            if installation is not None:
                installation.confirm(keyfile.vault_id, vault.device_id, token, vault.audit.end())
            # The key file is written last: a vault without it is visibly incomplete, never half-usable.
            keyfile.save(folder / KEYS_NAME)
            (folder / BACKUPS_DIR).mkdir(exist_ok=True)
        except BaseException as exc:
            if db is not None:
                with contextlib.suppress(DatabaseError):
                    db.close()
            remove_vault_files(folder)  # a failed creation leaves nothing that looks like a vault
            lock.release()
            if isinstance(exc, DatabaseError | OSError):
                raise VaultError(
                    tr(
                        f"no se pudo crear la bóveda en {folder}: {reason(exc)}",
                        f"could not create the vault in {folder}: {reason(exc)}",
                    )
                ) from None
            raise
        return vault, recovery

    @classmethod
    def unlock(
        cls,
        folder: Path,
        passphrase: str,
        user: str | None = None,
        installation: InstallationRecord | None = None,
        *,
        verify: bool = False,
    ) -> Vault:
        """Open with a user's passphrase (any user's slot when ``user`` is None).

        With an ``installation`` record, a copied or restored vault gets a new device identity (see identity.py).
        ``verify`` checks every page before anything is written (``check``): DamagedDatabase lists the problems.
        """
        return cls._open(Path(folder), lambda kf: kf.unlock_user(user, passphrase), user, installation, verify)

    @classmethod
    def unlock_with_recovery(
        cls,
        folder: Path,
        recovery_key: str,
        user: str | None = None,
        installation: InstallationRecord | None = None,
        *,
        verify: bool = False,
    ) -> Vault:
        """Open with the recovery key, acting as ``user`` (default: the first coordinator); ``verify`` as unlock's."""
        return cls._open(Path(folder), lambda kf: kf.unlock_recovery(recovery_key), user, installation, verify)

    @classmethod
    def open_with_key(
        cls, folder: Path, key: bytes, user: str, installation: InstallationRecord | None = None
    ) -> Vault:
        """Open with an already unwrapped key (tests and benchmarks skip the slow KDF this way)."""
        return cls._open(Path(folder), lambda kf: (key, None, None), user, installation)

    @classmethod
    def _open(
        cls,
        folder: Path,
        unwrap: Callable[[KeyFile], tuple[bytes, Slot | None, bytes | None]],
        user: str | None,
        installation: InstallationRecord | None,
        verify: bool = False,
    ) -> Vault:
        """Check the folder, take the lock, unwrap the key, open and prepare the database.

        Every failure releases the lock and closes the database, and leaves the files as they were
        (a migration only runs after its backup has been written).
        """
        if not folder.is_dir() or not ((folder / DB_NAME).exists() or (folder / KEYS_NAME).exists()):
            raise VaultNotFound(tr(f"no hay una bóveda en {folder}", f"there is no vault in {folder}"))
        lock = VaultLock(folder)
        lock.acquire()
        db: Database | None = None
        try:
            finish_interrupted_rekey(folder)
            keyfile = KeyFile.load(folder / KEYS_NAME)
            if not (folder / DB_NAME).exists():
                raise DamagedDatabase(
                    tr(
                        f"falta la base de datos {DB_NAME} en {folder}",
                        f"the database {DB_NAME} is missing in {folder}",
                    )
                )
            access = resolve_access(keyfile, *unwrap(keyfile))
            key = access.db_key
            db = open_database(folder / DB_NAME, key)
            if verify:
                refuse_damaged(db)  # before the migration, the token and the access entry write anything
            slot = access.slot
            acting = slot.user if slot is not None and slot.kind == keyslots.USER else user
            migrated_from = cls._prepare_schema(folder, db, keyfile, key)
            acting = acting or first_coordinator(db)
            if acting is None or db.execute("SELECT 1 FROM users WHERE name = ?", (acting,)).fetchone() is None:
                raise WrongPassphrase(
                    tr(f"el usuario {acting!r} no existe en esta bóveda", f"no user {acting!r} in this vault")
                )
            vault = cls(folder, db, keyfile, access, acting, lock)
            with vault.atomic():
                vault.settle_keys()  # roles checked against the coordinators' signature (or a vault upgraded)
            access.secret = None
            vault.installation = installation
            # Vaults older than schema 3 had no installation record: adopt them as they are, once.
            adopt = migrated_from is not None and migrated_from < _FIRST_SCHEMA_WITH_IDENTITY
            notice = identity.settle(vault, installation, adopt=adopt)
            vault.notices.extend(n for n in (notice, clock_notice(vault)) if n)
            return vault
        except BaseException as exc:
            if db is not None:
                with contextlib.suppress(DatabaseError):
                    db.close()
            lock.release()
            # A page that fails its HMAC or a malformed b-tree surfaces here, on the first read; a full disk when
            # the unlock writes its token. Either way nothing was written.
            problem = user_error(exc)
            if isinstance(problem, DamagedDatabase) or (problem is None and isinstance(exc, DatabaseError)):
                problem = DamagedDatabase(message("vault_damaged") + f" ({DB_NAME}: {reason(exc)})")
            if problem is not None:
                raise problem from None
            raise

    @staticmethod
    def _prepare_schema(folder: Path, db: Database, keyfile: KeyFile, key: bytes) -> int | None:
        """Refuse newer vaults; back up, then migrate older ones (returning the version migrated from)."""
        version = schema_version(db)
        latest = schema.latest_version()
        if version > latest:
            raise NewerSchema(
                tr(
                    "esta bóveda fue creada por una versión más nueva de la aplicación"
                    f" (esquema {version} > {latest}); actualice DMI Desktop",
                    f"this vault was written by a newer version of the app (schema {version} > {latest});"
                    " update DMI Desktop",
                )
            )
        if version == 0:
            raise DamagedDatabase(
                tr(
                    f"la base de datos {DB_NAME} está vacía o incompleta",
                    f"the database {DB_NAME} is empty or incomplete",
                )
            )
        if not pending_migrations(version):
            return None
        from dmi_desktop.storage.backup import write_backup

        target = folder / BACKUPS_DIR / f"antes-de-migrar-v{version}-{stamp()}.dmibackup"
        try:
            write_backup(db, keyfile, key, target)
        except OSError as exc:
            raise VaultError(
                tr(
                    f"no se pudo escribir la copia de seguridad previa a la actualización: {reason(exc)}",
                    f"could not write the backup taken before upgrading: {reason(exc)}",
                )
            ) from None
        log.info("backup before migrating from schema %s written", version)
        try:
            apply_migrations(db)
        except DatabaseError as exc:
            # Each migration is its own transaction: the vault stays at the last version that completed.
            raise VaultError(
                tr(
                    f"no se pudo actualizar la bóveda desde el esquema {version} ({reason(exc)});"
                    f" hay una copia en {BACKUPS_DIR}/{target.name}",
                    f"could not upgrade the vault from schema {version} ({reason(exc)});"
                    f" a copy is in {BACKUPS_DIR}/{target.name}",
                )
            ) from None
        return version

    # -- life cycle -----------------------------------------------------------------------

    def close(self) -> None:
        """Lock the vault: close the database, forget the key, release the folder lock."""
        try:
            self.close_keeping_lock()
        finally:
            self._key = b""
            self._lock.release()

    def close_keeping_lock(self) -> None:
        """Close the database but hold the folder lock until :meth:`close` (a restore replaces the files meanwhile)."""
        self._readers.close_all()
        if self.db is not None:
            with contextlib.suppress(DatabaseError):
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            with contextlib.suppress(DatabaseError):
                self.db.close()
            self.db = None  # type: ignore[assignment]

    lock = close

    @property
    def is_open(self) -> bool:
        """False once closed."""
        return self.db is not None

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction (savepoints when nested); every write goes through here.

        vault.keys is part of the transaction too: if a user was added or removed (slot written)
        and the transaction then fails, the previous key file is put back. The clock is persisted in the
        same commit, so it never goes backwards across restarts.
        """
        outermost = not self.db.conn.in_transaction
        saved = self.keyfile.copy() if outermost else None
        if outermost:
            self._txn_thread = threading.get_ident()
        self.audit.begin(outermost)
        try:
            with self.db.atomic():
                yield self.db
                self.audit.flush_head()  # kept in memory while entries were appended: written once, here
                if outermost and self.hlc.last != self._persisted_hlc:
                    self.set_meta("hlc_last", self.hlc.last.encode())
            if outermost:
                self._persisted_hlc = self.hlc.last
                if self._keys_dirty:
                    # After the commit, never before: a crash in between leaves the old slots, which still open
                    # this database (a new user's slot is missing; a removed user's slot finds no user row).
                    self.keyfile.save(self.folder / KEYS_NAME)  # atomic: on a full disk the old file stays
                    self._keys_dirty = False
        except BaseException as exc:
            self.audit.forget_head()
            if saved is not None and self._keys_dirty:
                self.keyfile.slots = saved.slots  # not written to disk: memory keeps what the disk has
                self._keys_dirty = False
            problem = user_error(exc)
            if problem is not None:
                raise problem from None
            raise
        finally:
            if outermost:
                self._txn_thread = None
                self.audit.forget_head()

    def read_db(self) -> Database:
        """The connection to read through: committed data only, except a transaction's own writes.

        The thread inside a write transaction reads through the writer (it must see its own rows); every
        other read goes through a read-only connection of its thread.
        """
        if self._txn_thread == threading.get_ident():
            return self.db
        return self._readers.for_this_thread()

    def meta(self, key: str) -> str | None:
        """A value from the vault's own metadata table."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value (inside the caller's transaction)."""
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def next_sequence(self, name: str) -> int:
        """Next value of a per-vault counter (case numbers); call inside a transaction."""
        self.db.execute(
            "INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
            (name,),
        )
        return int(self.db.execute("SELECT value FROM sequences WHERE name = ?", (name,)).fetchone()[0])

    # -- maintenance ---------------------------------------------------------------------------

    def restore_from(self, backup: Path, passphrase: str, confirm: Callable[[str | None], bool] | None = None) -> Path:
        """Replace this vault with a backup (checked first; another vault's only if ``confirm`` agrees); see
        restore.py. Returns the safety backup taken of the replaced state; the vault closes."""
        from dmi_desktop.storage.restore import restore_over

        return restore_over(self, Path(backup), passphrase, confirm)

    def integrity_problems(self) -> list[str]:
        """Run ``cipher_integrity_check`` (page HMACs) and ``integrity_check``; empty means healthy."""
        return integrity_problems(self.db)

    def backup_to(self, target: Path) -> Path:
        """Write one encrypted backup file of the whole vault."""
        from dmi_desktop.storage.backup import write_backup

        try:
            write_backup(self.db, self.keyfile, self._key, Path(target))
        except OSError as exc:  # no room, no permission: the copy is written atomically, so nothing is half-done
            raise VaultError(
                tr(
                    f"no se pudo escribir la copia de seguridad {Path(target).name}: {reason(exc)}",
                    f"could not write the backup {Path(target).name}: {reason(exc)}",
                )
            ) from None
        if self.installation is not None:
            # From now on the backup is older than the vault: restoring it must renew the device identity.
            identity.rotate_token(self, self.installation)
        return Path(target)

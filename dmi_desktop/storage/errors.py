"""Storage failures with one-line messages a user can act on."""

from __future__ import annotations

from dmi_desktop.domain.errors import DmiError


class VaultError(DmiError):
    """Base for vault problems."""


class VaultNotFound(VaultError):
    """No vault in the given folder."""


class VaultExists(VaultError):
    """A vault already exists where one was to be created."""


class WrongPassphrase(VaultError):
    """No key slot opens with the given passphrase or recovery key."""


class DamagedKeyFile(VaultError):
    """vault.keys is missing fields, not JSON, or altered."""


class DamagedDatabase(VaultError):
    """vault.db is truncated, corrupted, or not the database the key slots belong to.

    ``problems`` lists what a full check found (page by page), when one was run.
    """

    def __init__(self, message: str, problems: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class OtherVaultBackup(VaultError):
    """A backup of another vault (another vault id), refused unless the restore was confirmed naming both."""


class DiskFull(VaultError):
    """No room left on the disk (SQLITE_FULL, ENOSPC): nothing was saved; never reported as damage."""


class VaultInUse(VaultError):
    """Another process has the vault open."""


class NewerSchema(VaultError):
    """The vault was written by a newer version of the app."""


class BadBackup(VaultError):
    """A backup file that is damaged, altered or not a DMI backup."""


class AuditTampered(VaultError):
    """The audit chain's stored head does not match its last entry: altered outside the app."""


class RolesTampered(VaultError):
    """The users table does not match the roster the coordinators signed: a role was edited outside the app."""


class NoCoordinatorKey(VaultError):
    """This session cannot open restricted data or sign roles: its slot does not hold the coordinators' key."""


class AuditIncidentOpen(AuditTampered):
    """An audit incident was recorded and no coordinator has acknowledged it yet: writes are refused."""

"""The vault's errors: one-line, translated messages that carry ids, never text or keys.

Every error is a ``UserError`` so the CLI prints it on one line without a traceback. Crypto
failures are raised ``from None`` so that no exception chain can carry key material.
"""

from __future__ import annotations

from appsession.core.errors import UserError
from appsession.i18n import _


class VaultError(UserError):
    """Any failure of the vault the user can act on."""

    exit_code = 2


class WrongPassphrase(VaultError):
    """The passphrase (or recovery key) did not open any keyslot."""

    def __init__(self) -> None:
        super().__init__(_("wrong passphrase (or modified vault header)"))


class HeaderCorrupted(VaultError):
    """The header's checksum does not match: damaged file, no key derivation attempted."""

    def __init__(self) -> None:
        super().__init__(_("the vault header is corrupted"))


class UnsupportedParameters(VaultError):
    """Key-derivation parameters outside the read caps (refused before any allocation)."""

    def __init__(self) -> None:
        super().__init__(_("the vault uses unsupported key-derivation parameters"))


class FormatError(VaultError):
    """Bytes that do not parse as the expected structure (header, record, backup)."""

    def __init__(self, what: str) -> None:
        super().__init__(_format_message(what))
        self.what = what
        """Which structure failed to parse (for tests and logs; ids only)."""


def _format_message(what: str) -> str:
    if what.startswith("header") or what == "keyslot":
        return _("the vault header cannot be read (not a vault, or a newer format)")
    if what == "backup":
        return _("not a readable backup file")
    if what == "database":
        return _("the vault file is damaged or is not a vault")
    return _("a record of the vault cannot be read")


class IntegrityError(VaultError):
    """One record failed authentication or verification; the rest of the vault stays usable.

    Attributes:
        table: the table of the record.
        row_id: the record's random id (never its content).
    """

    def __init__(self, table: str, row_id: str) -> None:
        super().__init__(
            _("record {row_id} in {table} failed its integrity check").format(
                row_id=row_id, table=table
            )
        )
        self.table = table
        self.row_id = row_id


class Locked(VaultError):
    """The vault was locked (by hand or after idle time): unlock it with the passphrase."""

    def __init__(self) -> None:
        super().__init__(_("the vault is locked"))


class VaultBusy(VaultError):
    """Another window or process already has this vault open."""

    def __init__(self) -> None:
        super().__init__(_("the vault is already open in another window"))


class VaultMissing(VaultError):
    """No vault at the given path."""

    def __init__(self) -> None:
        super().__init__(_("no vault at this location (create one with 'appsession init')"))


class VaultExists(VaultError):
    """Refusing to overwrite an existing file."""

    def __init__(self) -> None:
        super().__init__(_("a file already exists at this location; nothing was overwritten"))


class WeakPassphrase(VaultError):
    """Passphrases shorter than the minimum are refused at creation and change."""

    def __init__(self, minimum: int) -> None:
        super().__init__(
            _("the passphrase must have at least {count} characters").format(count=minimum)
        )


class WeakParameters(VaultError):
    """Creating a vault below the key-derivation floor is refused."""

    def __init__(self) -> None:
        super().__init__(_("key-derivation parameters below the safety floor are refused"))


class StorageError(VaultError):
    """The disk refused a write (full, read-only, I/O error); the change was rolled back."""

    def __init__(self) -> None:
        super().__init__(
            _("could not write to the vault (disk full or I/O error); nothing was changed")
        )


class NotFound(VaultError):
    """No record with this id (it may have been withdrawn)."""

    def __init__(self, table: str, row_id: str) -> None:
        super().__init__(_("no record {row_id} in {table}").format(row_id=row_id, table=table))
        self.table = table
        self.row_id = row_id

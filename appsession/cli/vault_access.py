"""What every vault command shares: which vault, its passphrase, unlocking and closing it."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from appsession.cli.context import CliContext
from appsession.cli.parser import Handler, add_lang_option
from appsession.cli.passphrase import PassphraseSource
from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.vault import FLOOR, KdfParams, Vault, VaultMissing, describe_warning

KDF_PROFILES: dict[str, KdfParams] = {"floor": FLOOR}
"""Hidden ``--kdf-profile``: fast key derivation for tests and benchmarks only."""


def add_vault_options(parser: argparse.ArgumentParser, *, kdf: bool = False) -> None:
    """``--vault``, ``--passphrase-file`` and ``--lang`` (and the hidden ``--kdf-profile``)."""
    add_lang_option(parser)
    parser.add_argument(
        "--vault",
        type=Path,
        metavar=_("PATH"),
        help=_("the vault file (default: vault.db in the user data folder)"),
    )
    add_passphrase_file_option(parser)
    if kdf:
        parser.add_argument("--kdf-profile", choices=sorted(KDF_PROFILES), help=argparse.SUPPRESS)


def add_passphrase_file_option(parser: argparse.ArgumentParser) -> None:
    """The only non-interactive way in: never the command line or the environment."""
    parser.add_argument(
        "--passphrase-file",
        metavar=_("FILE"),
        help=_("read the passphrase from the first line of FILE (- for standard input)"),
    )


def vault_path(args: argparse.Namespace, ctx: CliContext) -> Path:
    """The vault named by ``--vault``, else the default one."""
    override: Path | None = args.vault
    return ctx.vault_path(override)


def kdf_params(args: argparse.Namespace) -> KdfParams | None:
    """Explicit key-derivation parameters, or None to calibrate on this machine."""
    profile: str | None = getattr(args, "kdf_profile", None)
    return KDF_PROFILES[profile] if profile else None


def require_existing(path: Path) -> None:
    """Say so before asking a passphrase for a vault that is not there."""
    if not path.is_file():
        raise VaultMissing()


def refuse_existing(path: Path) -> None:
    """Never overwrite a file the user named."""
    if path.exists():
        raise UserError(
            _("{path} already exists; nothing was overwritten").format(path=path), exit_code=2
        )


def guarded(handler: Handler) -> Handler:
    """A command whose file-system failures become one-line errors instead of tracebacks."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace, ctx: CliContext) -> int:
        try:
            result: int = handler(args, ctx)
        except OSError as error:
            raise UserError(
                _("cannot use {path}: {reason}").format(
                    path=error.filename or "?", reason=error.strerror or type(error).__name__
                ),
                exit_code=1,
            ) from None
        return result

    return run


@contextmanager
def unlocked(args: argparse.Namespace, ctx: CliContext) -> Iterator[Vault]:
    """Open the chosen vault with its passphrase, and close it whatever happens."""
    path = vault_path(args, ctx)
    require_existing(path)
    passphrase = PassphraseSource(ctx, args.passphrase_file).current()
    vault = Vault.open(path, passphrase, clock=ctx.clock)
    try:
        warn_about(vault, ctx)
        yield vault
    finally:
        vault.close()


def warn_about(vault: Vault, ctx: CliContext) -> None:
    """Tell the user what the vault noticed or finished while opening."""
    for code in vault.warnings:
        message = describe_warning(code)
        print(_("appsession: warning: {message}").format(message=message), file=ctx.stderr)

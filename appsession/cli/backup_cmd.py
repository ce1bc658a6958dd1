"""``appsession backup | restore``: sealed, authenticated copies of the vault.

A backup holds the vault as it was, including what a later withdrawal destroys; restoring
re-applies the backup's erasure ledger and, with ``--ledger-from``, the live vault's.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.parser import add_lang_option
from appsession.cli.passphrase import PassphraseSource
from appsession.cli.vault_access import (
    add_passphrase_file_option,
    add_vault_options,
    guarded,
    refuse_existing,
    require_existing,
    unlocked,
)
from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.vault import Vault, WrongPassphrase


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``backup`` and ``restore``."""
    _register_backup(subparsers)
    _register_restore(subparsers)


def _register_backup(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "backup",
        help=_("write a sealed, encrypted backup"),
        description=_(
            "Write a sealed, authenticated backup of the vault. It opens with the vault's "
            "passphrase at the time of the backup."
        ),
    )
    add_vault_options(parser)
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar=_("FILE"),
        help=_("the backup file to write (must not exist)"),
    )
    parser.set_defaults(handler=guarded(backup))


def backup(args: argparse.Namespace, ctx: CliContext) -> int:
    """Seal a backup into a new file."""
    out: Path = args.out
    refuse_existing(out)
    if not out.parent.is_dir():
        raise UserError(_("no folder {path}").format(path=out.parent), exit_code=2)
    with unlocked(args, ctx) as vault:
        size = vault.backup(out)
    ctx.say(_("Backup written: {path} ({size} bytes)").format(path=out, size=size))
    ctx.say(
        _(
            "Keep it as safe as the vault: the passphrase of today opens it, and it keeps "
            "what a later withdrawal erases until you restore it with appsession."
        )
    )
    return 0


def _register_restore(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "restore",
        help=_("restore a backup into a new vault"),
        description=_(
            "Verify the whole backup, then write it to a new vault file and re-apply the "
            "erasure ledger (withdrawals made since the backup)."
        ),
    )
    add_lang_option(parser)
    parser.add_argument("backup_file", type=Path, metavar=_("FILE"), help=_("the backup file"))
    parser.add_argument(
        "--vault",
        type=Path,
        required=True,
        metavar=_("NEW"),
        help=_("the new vault file to create (must not exist)"),
    )
    add_passphrase_file_option(parser)
    parser.add_argument(
        "--ledger-from",
        type=Path,
        metavar=_("VAULT"),
        help=_(
            "also destroy what was withdrawn in VAULT since the backup was made (VAULT opens "
            "with the same passphrase, or is asked for its own)"
        ),
    )
    parser.set_defaults(handler=guarded(restore))


def restore(args: argparse.Namespace, ctx: CliContext) -> int:
    """Restore into a new file only; nothing is written unless the backup verifies whole."""
    source: Path = args.backup_file
    target: Path = args.vault
    if not source.is_file():
        raise UserError(_("no backup file {path}").format(path=source), exit_code=2)
    refuse_existing(target)
    passphrase_source = PassphraseSource(ctx, args.passphrase_file)
    passphrase = passphrase_source.current(_("Passphrase of the backup: "))
    ledger = _ledger(args.ledger_from, passphrase, passphrase_source, ctx)
    restored = Vault.restore(source, target, passphrase, clock=ctx.clock, erasure_ledger=ledger)
    restored.close()
    ctx.say(_("Backup verified and restored into {path}").format(path=target))
    if args.ledger_from is not None:
        ctx.say(
            _("Withdrawals recorded in {path} were applied again.").format(path=args.ledger_from)
        )
    else:
        ctx.say(
            _(
                "Withdrawals recorded in the backup were applied again. If consents were "
                "withdrawn since it was made, restore again with --ledger-from YOUR-VAULT."
            )
        )
    return 0


def _ledger(
    live: Path | None, passphrase: str, source: PassphraseSource, ctx: CliContext
) -> list[str]:
    """The erasure ledger (key ids only) of the live vault, if one is named."""
    if live is None:
        return []
    require_existing(live)
    try:
        vault = Vault.open(live, passphrase, clock=ctx.clock)
    except WrongPassphrase:
        vault = Vault.open(
            live, source.ask(_("Passphrase of {path}: ").format(path=live)), clock=ctx.clock
        )
    with vault:
        return vault.erasure_ledger()

"""``appsession init | passwd | check``: create a vault, change its passphrase, verify it."""

from __future__ import annotations

import argparse
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.passphrase import PassphraseSource
from appsession.cli.vault_access import (
    add_vault_options,
    guarded,
    kdf_params,
    refuse_existing,
    require_existing,
    unlocked,
    vault_path,
)
from appsession.i18n import _
from appsession.vault import CheckReport, Vault, describe_problem


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the vault life-cycle commands."""
    _register_init(subparsers)
    _register_passwd(subparsers)
    _register_check(subparsers)


def _register_init(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "init",
        help=_("create an encrypted vault"),
        description=_(
            "Create a new encrypted vault. The passphrase is asked twice; the key derivation "
            "is tuned to this machine and the unlock time is shown."
        ),
    )
    add_vault_options(parser, kdf=True)
    parser.add_argument(
        "--recovery-key",
        action="store_true",
        help=_(
            "also make a recovery key (shown once) that can open the vault if the "
            "passphrase is forgotten"
        ),
    )
    parser.set_defaults(handler=guarded(init))


def init(args: argparse.Namespace, ctx: CliContext) -> int:
    """Create the vault; nothing is written if the passphrase is refused."""
    path = vault_path(args, ctx)
    refuse_existing(path)
    passphrase = PassphraseSource(ctx).new(args.passphrase_file)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    vault, recovery = Vault.create(
        path, passphrase, clock=ctx.clock, kdf=kdf_params(args), recovery_key=args.recovery_key
    )
    seconds = vault.unlock_seconds
    vault.close()
    ctx.say(_("Vault created: {path}").format(path=path))
    ctx.say(_("Unlocking takes {seconds:.2f} s on this machine.").format(seconds=seconds))
    if recovery is not None:
        ctx.say(
            _("Recovery key (shown only now; write it down and keep it apart): {key}").format(
                key=recovery
            )
        )
    ctx.say(
        _("Without the passphrase or a recovery key, nobody can read these notes: not even you.")
    )
    return 0


def _register_passwd(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "passwd",
        help=_("change the vault's passphrase"),
        description=_("Change the passphrase. Only the key slot is rewritten; notes are not."),
    )
    add_vault_options(parser, kdf=True)
    parser.add_argument(
        "--new-passphrase-file",
        metavar=_("FILE"),
        help=_("read the new passphrase from the first line of FILE (- for standard input)"),
    )
    parser.set_defaults(handler=guarded(passwd))


def passwd(args: argparse.Namespace, ctx: CliContext) -> int:
    """Unlock with the current passphrase, then re-wrap the vault key under the new one."""
    source = PassphraseSource(ctx, args.passphrase_file)
    path = vault_path(args, ctx)
    require_existing(path)
    current = source.current(_("Current passphrase: "))
    new = source.new(args.new_passphrase_file)
    with Vault.open(path, current, clock=ctx.clock) as vault:
        assert isinstance(vault, Vault)
        seconds = vault.change_passphrase(new, kdf=kdf_params(args))
    ctx.say(_("Passphrase changed. Unlocking now takes {seconds:.2f} s.").format(seconds=seconds))
    ctx.say(_("Copies of the vault made before now still open with the old passphrase."))
    return 0


def _register_check(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "check",
        help=_("verify every record of the vault"),
        description=_(
            "Decrypt and verify every record and session manifest. Each damaged, missing or "
            "rolled-back record is reported by id; the exit code is 1 if there is any."
        ),
    )
    add_vault_options(parser)
    parser.set_defaults(handler=guarded(check))


def check(args: argparse.Namespace, ctx: CliContext) -> int:
    """Report every problem by record id; exit 1 if the vault is not whole."""
    with unlocked(args, ctx) as vault:
        report = vault.check()
    _print_check(report, ctx)
    return 0 if report.ok else 1


def _print_check(report: CheckReport, ctx: CliContext) -> None:
    """One line per problem (ids only), then the totals."""
    for problem in report.problems:
        ctx.say(describe_problem(problem))
    if not report.sqlite_ok:
        ctx.say(_("SQLite integrity check failed"))
    if not report.root_ok:
        ctx.say(_("the vault root does not match its manifests"))
    ctx.say(_("Records verified: {count}").format(count=report.records))
    if report.ok:
        ctx.say(_("The vault is whole."))
    else:
        problems = len(report.problems)
        ctx.say(_("Problems found: {count}.").format(count=problems))

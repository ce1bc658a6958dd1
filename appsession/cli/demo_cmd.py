"""``appsession demo``: a fictional French intervention in a fresh vault, to try the app.

Without ``--vault`` the demo lives in its own folder of the user data directory and is rebuilt
each time, so that it never touches the real vault. Its passphrase is generated and printed
unless ``--passphrase-file`` gives one.
"""

from __future__ import annotations

import argparse
import importlib
import shlex
import shutil
from pathlib import Path
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.passphrase import PassphraseSource, generate_passphrase
from appsession.cli.vault_access import add_vault_options, guarded, kdf_params, refuse_existing
from appsession.core.errors import UserError
from appsession.demo.build import DemoSummary
from appsession.demo.complete import complete_demo
from appsession.demo.plan import DemoSize
from appsession.i18n import _
from appsession.vault import Vault

MAX_SESSIONS = 10_000
MAX_NOTES_PER_SESSION = 10_000
DEMO_FOLDER = "demo"
DEMO_FILE = "demo-vault.db"


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``demo``."""
    parser = subparsers.add_parser(
        "demo",
        help=_("build a fictional demo intervention and open it"),
        description=_(
            "Build a fictional French intervention (a community of communes, two groups, "
            "monthly sessions, situations, notes, themes and consents) in a new vault, then open "
            "the app on it. The same seed always gives the same content."
        ),
    )
    add_vault_options(parser, kdf=True)
    default = DemoSize()
    parser.add_argument(
        "--sessions",
        type=int,
        default=default.sessions,
        metavar=_("N"),
        help=_("sessions in all, over both groups (default: %(default)s)"),
    )
    parser.add_argument(
        "--notes-per-session",
        type=int,
        default=default.notes_per_session,
        metavar=_("M"),
        help=_("notes in each session (default: %(default)s)"),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=default.seed,
        metavar=_("S"),
        help=_("the seed of the content (default: %(default)s)"),
    )
    parser.add_argument(
        "--no-tui", action="store_true", help=_("only build the vault; do not open the app")
    )
    parser.set_defaults(handler=guarded(demo))


def demo(args: argparse.Namespace, ctx: CliContext) -> int:
    """Build the demo vault, say where it is and how to open it, then open the app."""
    size = _size(args)
    generated = args.passphrase_file is None
    if generated:
        passphrase = generate_passphrase()
    else:
        passphrase = PassphraseSource(ctx, args.passphrase_file).current()
    path = _demo_path(args, ctx)
    ctx.say(
        _("Building the demo (sessions: {sessions}, notes per session: {notes})…").format(
            sessions=size.sessions, notes=size.notes_per_session
        )
    )
    summary = _build(path, passphrase, size, args, ctx)
    _say_built(summary, path, ctx)
    if generated:
        ctx.say(
            _("Demo passphrase (fictional data only): {passphrase}").format(passphrase=passphrase)
        )
    if args.no_tui:
        return 0
    return _open_app(ctx, path, passphrase)


def _build(
    path: Path, passphrase: str, size: DemoSize, args: argparse.Namespace, ctx: CliContext
) -> DemoSummary:
    """Create and fill the vault; a half-built demo (disk full, Ctrl-C) is removed."""
    vault, _recovery = Vault.create(path, passphrase, clock=ctx.clock, kdf=kdf_params(args))
    try:
        with vault:
            return complete_demo(vault, size)
    except BaseException:
        for leftover in path.parent.iterdir():
            if leftover.name.startswith(path.name):
                leftover.unlink(missing_ok=True)
        raise


def _size(args: argparse.Namespace) -> DemoSize:
    """The requested size, within sane bounds."""
    if not 1 <= args.sessions <= MAX_SESSIONS:
        raise UserError(
            _("--sessions must be between 1 and {most}").format(most=MAX_SESSIONS), exit_code=2
        )
    if not 1 <= args.notes_per_session <= MAX_NOTES_PER_SESSION:
        raise UserError(
            _("--notes-per-session must be between 1 and {most}").format(
                most=MAX_NOTES_PER_SESSION
            ),
            exit_code=2,
        )
    return DemoSize(args.sessions, args.notes_per_session, args.seed)


def _demo_path(args: argparse.Namespace, ctx: CliContext) -> Path:
    """A named vault must not exist; the default demo folder is emptied and reused."""
    if args.vault is not None:
        named: Path = args.vault
        refuse_existing(named)
        named.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return named
    folder = ctx.paths.data_dir / DEMO_FOLDER
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(mode=0o700, parents=True)
    return folder / DEMO_FILE


def _say_built(summary: DemoSummary, path: Path, ctx: CliContext) -> None:
    ctx.say(_("Demo vault: {path}").format(path=path))
    ctx.say(
        _(
            "Written in {seconds:.1f} s. Groups: {groups}, participants: {participants}, "
            "sessions: {sessions}, situations: {situations}, notes: {notes}."
        ).format(
            groups=summary.groups,
            participants=summary.participants,
            sessions=summary.sessions,
            situations=summary.situations,
            notes=summary.notes,
            seconds=summary.seconds,
        )
    )


def _open_app(ctx: CliContext, path: Path, passphrase: str) -> int:
    """Open the app on the demo when it knows how; otherwise say how to look inside."""
    launch = importlib.import_module("appsession.tui.launch")
    launch_demo = getattr(launch, "launch_demo", None)
    if launch_demo is not None:
        result: int = launch_demo(ctx, path, passphrase)
        return result
    ctx.say(_("Try: appsession search --vault {path} colère").format(path=shlex.quote(str(path))))
    return 0

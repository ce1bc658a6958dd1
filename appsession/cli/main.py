"""Build the parser from the command modules and run one command."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence

from appsession import __version__, i18n
from appsession.cli.context import CliContext
from appsession.cli.parser import Parser, add_lang_option, translate_argparse
from appsession.core.errors import UserError
from appsession.i18n import _

COMMAND_MODULES = (
    "appsession.cli.protocols_cmd",
    "appsession.cli.vault_cmd",
    "appsession.cli.backup_cmd",
    "appsession.cli.withdraw_cmd",
    "appsession.cli.import_cmd",
    "appsession.cli.search_cmd",
    "appsession.cli.demo_cmd",
    "appsession.cli.anonymise_cmd",
    "appsession.cli.analysis_cmd",
    "appsession.cli.privacy_cmd",
    "appsession.cli.export_cmd",
    "appsession.tui.open_cmd",
    "appsession.cli.review_cmd",
)
"""Each module has ``register(subparsers)``, which sets ``handler`` on its sub-parsers."""


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, in the current language."""
    parser = Parser(
        prog="appsession",
        description=_(
            "Encrypted notes, protocols and analysis for practice-analysis groups "
            "(APP, GEASE, codéveloppement, Balint, intervision)."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"appsession {__version__}",
        help=_("show the version and exit"),
    )
    add_lang_option(parser)
    subparsers = parser.add_subparsers(
        title=_("commands"), metavar=_("COMMAND"), parser_class=Parser
    )
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def run(argv: Sequence[str], context: CliContext | None = None) -> int:
    """Parse ``argv`` and run its command; returns the exit code, never raises."""
    i18n.set_language(i18n.detect_language(argv))
    translate_argparse()
    ctx = context or CliContext()
    if _only_language(argv):
        return _guarded(lambda: open_app(ctx), ctx)
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as stop:
        return int(stop.code or 0)
    handler = getattr(args, "handler", None)
    if handler is None:
        return _guarded(lambda: open_app(ctx), ctx)
    return _guarded(lambda: int(handler(args, ctx)), ctx)


def _only_language(argv: Sequence[str]) -> bool:
    """No command, at most ``--lang X``: open the app without building the whole parser.

    Building it imports every command module (storage, documents…), which would delay the
    unlock screen by half a second.
    """
    rest = list(argv)
    if rest[:1] == ["--lang"] and len(rest) == 2:
        rest = [f"--lang={rest[1]}"]
    return not rest or (len(rest) == 1 and rest[0].removeprefix("--lang=") in i18n.LANGUAGES)


def _guarded(action: Callable[[], int], ctx: CliContext) -> int:
    """Run a command; bad input and system errors become one line, never a traceback."""
    try:
        return action()
    except UserError as error:
        print(f"appsession: {error}", file=ctx.stderr)
        return error.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as error:
        print(_("appsession: {reason}").format(reason=_os_reason(error)), file=ctx.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("appsession: interrupted"), file=ctx.stderr)
        return 130


def open_app(ctx: CliContext) -> int:
    """With no command, open the terminal app."""
    from appsession.tui.launch import launch

    return launch(ctx)


def _silence_stdout() -> None:
    """After ``| head`` closed the pipe, stop Python from complaining again at exit."""
    import os
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _os_reason(error: OSError) -> str:
    """The system's reason and the file it concerns, without a traceback."""
    reason = error.strerror or error.__class__.__name__
    return f"{reason}: {error.filename}" if error.filename else reason

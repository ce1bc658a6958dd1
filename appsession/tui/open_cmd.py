"""``appsession open [--vault PATH]``: the app on a chosen vault (Textual is imported later)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.parser import add_lang_option
from appsession.i18n import _


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``open``."""
    parser = subparsers.add_parser(
        "open",
        help=_("open the app (what appsession does with no command)"),
        description=_(
            "Open the terminal app on a vault: unlock it, or create it on the first run. "
            "Without --vault, the vault in the user data folder."
        ),
    )
    add_lang_option(parser)
    parser.add_argument(
        "--vault", type=Path, metavar=_("PATH"), help=_("the vault file to open or create")
    )
    parser.set_defaults(handler=open_vault)


def open_vault(args: argparse.Namespace, ctx: CliContext) -> int:
    """Run the app until the facilitator quits."""
    from appsession.tui.launch import launch

    return launch(ctx, args.vault)

"""An argparse parser whose own words (usage, options, errors) are translated too."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NoReturn

from appsession import i18n
from appsession.i18n import _

Handler = Callable[..., int]


class Parser(argparse.ArgumentParser):
    """ArgumentParser with translated section titles and a translated ``-h``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        """A usage error on one line, with where to find help; exit 2."""
        hint = _("see '{prog} --help'").format(prog=self.prog)
        self.exit(2, f"{self.prog}: {message} ({hint})\n")


def translate_argparse() -> None:
    """Route argparse's own messages through our catalogs (called once per run)."""
    argparse._ = i18n.gettext  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang fr|en``: read before parsing (see ``i18n.detect_language``), accepted anywhere."""
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language of messages (default: from the locale)"),
    )

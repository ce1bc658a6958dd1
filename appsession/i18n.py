"""French and English for every user-facing string, through gettext catalogs.

Source strings are English; French lives in ``appsession/locale/fr/LC_MESSAGES/*.mo``,
one catalog per part of the app (``cli``, ``vault``, ``tui``…) so that they can be edited
independently. All catalogs of a language are chained into one translation.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

LANGUAGES = ("fr", "en")
LOCALE_DIR = Path(__file__).parent / "locale"


class _State:
    """The active translation; a holder so that changing language needs no ``global``."""

    language: str = "en"
    translation: _gettext.NullTranslations = _gettext.NullTranslations()


def load_translation(language: str) -> _gettext.NullTranslations:
    """Chain every catalog of ``language`` into one translation (English needs none)."""
    chained: _gettext.NullTranslations = _gettext.NullTranslations()
    if language == "en":
        return chained
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    for mo_file in sorted(folder.glob("*.mo")):
        with mo_file.open("rb") as handle:
            catalog = _gettext.GNUTranslations(handle)
        catalog.add_fallback(chained)
        chained = catalog
    return chained


def set_language(language: str) -> None:
    """Make ``language`` ("fr" or "en") the language of every later message."""
    if language not in LANGUAGES:
        raise ValueError(language)
    _State.language = language
    _State.translation = load_translation(language)


def current_language() -> str:
    """The language messages are given in now."""
    return _State.language


def detect_language(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> str:
    """``--lang fr|en`` wins; otherwise a French locale gives French, anything else English."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def gettext(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _State.translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate with the plural form that fits ``count``."""
    return _State.translation.ngettext(singular, plural, count)


def pick(labels: Mapping[str, str]) -> str:
    """Choose the current language's text from a data file's ``{fr: …, en: …}`` table."""
    return labels.get(_State.language) or labels.get("en") or next(iter(labels.values()), "")


_ = gettext

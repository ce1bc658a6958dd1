"""Layouts and fixed texts of the exports, read from the data files in ``exports/``.

``commissioners.toml`` and ``group.toml`` say how a document looks; ``texts.fr.toml`` and
``texts.en.toml`` hold every fixed sentence, so that wording and layout change without code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.shared import Cm, Length, Pt, RGBColor

from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.resources import data_folder

AUDIENCES = ("group", "commissioners")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UserError(
            _("cannot read the export file {path} ({reason})").format(path=path, reason=error),
            exit_code=2,
        ) from None


def _dig(table: Mapping[str, Any], dotted: str) -> Any:
    value: Any = table
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise KeyError(dotted)
        value = value[part]
    return value


@dataclass(frozen=True)
class Layout:
    """One audience's layout: page, fonts, colours and the order of the document's parts."""

    audience: str
    table: Mapping[str, Any]

    def get(self, dotted: str) -> Any:
        """A raw value, e.g. ``layout.get("annex.shades")``."""
        return _dig(self.table, dotted)

    def cm(self, dotted: str) -> Length:
        """A length given in centimetres."""
        return Cm(float(self.get(dotted)))

    def pt(self, dotted: str) -> Length:
        """A size given in points."""
        return Pt(float(self.get(dotted)))

    def colour(self, dotted: str) -> RGBColor:
        """A colour given as RRGGBB."""
        return RGBColor.from_string(str(self.get(dotted)))

    def hex(self, dotted: str) -> str:
        """A colour as RRGGBB text (for shading)."""
        return str(self.get(dotted))

    @property
    def parts(self) -> list[str]:
        """The document's parts, in order."""
        return [str(part) for part in self.get("parts")]


@dataclass(frozen=True)
class Texts:
    """The fixed sentences of one language."""

    table: Mapping[str, Any]

    @property
    def language(self) -> str:
        """The document language tag (fr-FR, en-GB)."""
        return str(self.table["language"])

    def __call__(self, dotted: str, **values: object) -> str:
        """The sentence at ``dotted``, with its placeholders filled."""
        return str(_dig(self.table, dotted)).format(**values)

    def plural(self, name: str, count: int) -> str:
        """ "1 groupe", "3 groupes": the form that fits ``count`` (0 is singular in French)."""
        one, many = _dig(self.table, f"plural.{name}")
        singular = count in (0, 1) if self.language.startswith("fr") else count == 1
        return str(one if singular else many).format(n=count)

    def date(self, iso: str) -> str:
        """ "12 mars 2026" from an ISO date or time; "" when there is none."""
        if len(iso) < 10:
            return ""
        year, month, day = int(iso[0:4]), int(iso[5:7]), int(iso[8:10])
        day_text = str(self.table["first_day"]) if day == 1 else str(day)
        month_text = str(self.table["months"][month - 1])
        return str(self.table["date"]).format(day=day_text, month=month_text, year=year)

    def join(self, parts: list[str]) -> str:
        """ "A, B et C": a list in running text."""
        if len(parts) <= 1:
            return "".join(parts)
        return self("group.evidence_and", first=", ".join(parts[:-1]), second=parts[-1])


def load_layout(audience: str, folder: Path | None = None) -> Layout:
    """The layout of ``audience`` ("group" or "commissioners")."""
    if audience not in AUDIENCES:
        raise UserError(_("unknown audience: {audience}").format(audience=audience), exit_code=2)
    table = _read((folder or data_folder("exports")) / f"{audience}.toml")
    return Layout(audience, table)


def load_texts(language: str, folder: Path | None = None) -> Texts:
    """The fixed texts in ``language`` ("fr" or "en")."""
    if language not in ("fr", "en"):
        raise UserError(_("unknown language: {language}").format(language=language), exit_code=2)
    return Texts(_read((folder or data_folder("exports")) / f"texts.{language}.toml"))

"""The data files of the exports: both languages complete, layouts readable, dates and plurals."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from appsession.core.errors import UserError
from appsession.export import load_layout, load_texts
from appsession.resources import data_folder

FOLDER = data_folder("exports")


def keys(table: dict[str, Any], prefix: str = "") -> set[str]:
    found: set[str] = set()
    for key, value in table.items():
        found |= keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return found


def read(name: str) -> dict[str, Any]:
    with (FOLDER / name).open("rb") as handle:
        return tomllib.load(handle)


def test_french_and_english_texts_have_the_same_keys_and_placeholders() -> None:
    french, english = read("texts.fr.toml"), read("texts.en.toml")
    assert keys(french) == keys(english)
    for key in keys(french):
        fr_value, en_value = (_value(t, key) for t in (french, english))
        assert sorted(re.findall(r"\{\w+\}", str(fr_value))) == sorted(
            re.findall(r"\{\w+\}", str(en_value))
        ), key


def _value(table: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        table = table[part]
    return table


def test_french_punctuation_uses_non_breaking_spaces() -> None:
    text = (FOLDER / "texts.fr.toml").read_text(encoding="utf-8")
    values = re.findall(r'= "(.*)"', text)
    assert values
    for value in values:
        assert not re.search(r" [:;!?]", value), value


@pytest.mark.parametrize(
    ("language", "iso", "expected"),
    [
        ("fr", "2026-03-01", "1er mars 2026"),
        ("fr", "2026-06-19T14:30:00+00:00", "19 juin 2026"),
        ("en", "2026-06-19", "19 June 2026"),
        ("fr", "", ""),
    ],
)
def test_dates(language: str, iso: str, expected: str) -> None:
    assert load_texts(language).date(iso) == expected


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("fr", 0, "0\u00a0groupe"),
        ("fr", 1, "1\u00a0groupe"),
        ("fr", 2, "2\u00a0groupes"),
        ("en", 0, "0 groups"),
        ("en", 1, "1 group"),
    ],
)
def test_plurals(language: str, count: int, expected: str) -> None:
    assert load_texts(language).plural("groups", count) == expected


def test_layouts_list_known_parts() -> None:
    assert load_layout("commissioners").parts == [
        "title_page",
        "contents",
        "method",
        "validation",
        "sections",
        "annex",
    ]
    assert load_layout("group").parts == ["title_page", "summary", "sections"]


def test_unknown_audience_language_or_broken_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="unknown audience"):
        load_layout("press")
    with pytest.raises(UserError, match="unknown language"):
        load_texts("de")
    (tmp_path / "group.toml").write_text("parts = [", encoding="utf-8")
    with pytest.raises(UserError, match="cannot read the export file"):
        load_layout("group", tmp_path)

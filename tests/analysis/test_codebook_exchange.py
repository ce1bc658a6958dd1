"""REFI-QDA .qdc and CSV: round trips, GUIDs, nesting, safety, and imports that never delete."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appsession.core.codebook import Codebook
from appsession.core.errors import UserError
from appsession.core.model import Theme
from appsession.core.qdc import (
    NAMESPACE,
    codebook_csv,
    codebook_qdc,
    csv_entries,
    guid_of,
    import_entries,
    qdc_entries,
)
from tests.analysis.conftest import Demo

GUID = r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$"

TEXT = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n\t")
names = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.replace(">", "»").split()))
    .filter(bool)
)


@st.composite
def codebooks(draw: st.DrawFn) -> tuple[Codebook, dict[str, str]]:
    themes: list[Theme] = []
    for index in range(draw(st.integers(1, 10))):
        parent = draw(st.sampled_from(["", *(t.id for t in themes)]))
        name = draw(names)
        if any(t.parent_id == parent and t.name.casefold() == name.casefold() for t in themes):
            continue
        themes.append(
            Theme(f"{index + 1:032x}", "i", name, draw(st.text(TEXT, max_size=40)).strip(), parent)
        )
    colors = {t.id: draw(st.sampled_from(["#12AB34", "#FFFFFF"])) for t in themes[::2]}
    return Codebook(themes), colors


def shape(book: Codebook) -> set[tuple[tuple[str, ...], str]]:
    return {(book.path(t.id), t.definition) for t in book.themes}


@settings(max_examples=60, deadline=None)
@given(codebooks(), st.sampled_from(["qdc", "csv"]))
def test_round_trip_into_an_empty_codebook(case: tuple[Codebook, dict[str, str]], fmt: str) -> None:
    book, colors = case
    text = codebook_qdc(book, colors, "test") if fmt == "qdc" else codebook_csv(book, colors)
    entries = qdc_entries(text) if fmt == "qdc" else csv_entries(text)
    change, read_colors = import_entries(Codebook([]), "other", entries)
    imported = Codebook(change.themes)
    assert shape(imported) == shape(book)
    assert not {t.id for t in imported.themes} & {t.id for t in book.themes}
    by_path = {imported.path(t.id): t.id for t in imported.themes}
    for theme_id, color in colors.items():
        assert read_colors[by_path[book.path(theme_id)]] == color


@settings(max_examples=40, deadline=None)
@given(codebooks())
def test_reimporting_into_the_same_codebook_updates_in_place(
    case: tuple[Codebook, dict[str, str]],
) -> None:
    book, colors = case
    change, _colors = import_entries(book, "i", qdc_entries(codebook_qdc(book, colors, "t")))
    assert change.saved == ()
    assert {t.id for t in change.themes} == {t.id for t in book.themes}


def test_qdc_follows_the_standard() -> None:
    book = Codebook(
        [
            Theme("a" * 32, "i", "Usagers", "Relation & <public>"),
            Theme("b" * 32, "i", "Colère", "", "a" * 32),
        ]
    )
    root = ET.fromstring(codebook_qdc(book, {"a" * 32: "#a1b2c3"}, "appsession test"))
    assert root.tag == f"{{{NAMESPACE}}}CodeBook"
    (codes,) = list(root)
    assert codes.tag == f"{{{NAMESPACE}}}Codes"
    (parent,) = list(codes)
    assert parent.attrib["isCodable"] == "true"
    assert parent.attrib["color"] == "#A1B2C3"
    assert parent.attrib["guid"] == guid_of("a" * 32)
    import re

    assert re.match(GUID, parent.attrib["guid"])
    description, child = list(parent)
    assert description.tag == f"{{{NAMESPACE}}}Description"
    assert description.text == "Relation & <public>"
    assert child.attrib["name"] == "Colère"


def test_control_characters_never_break_the_xml() -> None:
    book = Codebook([Theme("a" * 32, "i", "Nom", "avant\x08après\x00")])
    (entry,) = qdc_entries(codebook_qdc(book, {}, "t"))
    assert entry.definition == "avantaprès"


def test_a_qdc_from_another_tool_is_read() -> None:
    text = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti">
  <Codes>
    <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="code1" color="#46AA00" isCodable="true">
      <Description>description</Description>
      <Code guid="{2FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}" name="sub" isCodable="false"/>
    </Code>
  </Codes>
  <Sets><Set name="s" guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0"/></Sets>
</CodeBook>"""
    entries = qdc_entries(text)
    assert [e.path for e in entries] == [("code1",), ("code1", "sub")]
    assert entries[0].color == "#46AA00"
    assert entries[0].definition == "description"


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CodeBook xmlns="x"/>',
        "<CodeBook><Codes><Code name='x'/></Codes></CodeBook>",
        "<Project xmlns='urn:QDA-XML:project:1.0'/>",
        "not xml at all",
    ],
)
def test_unsafe_or_malformed_files_are_refused(text: str) -> None:
    with pytest.raises(UserError):
        qdc_entries(text)


def test_csv_neutralises_formulas_and_reads_them_back() -> None:
    book = Codebook([Theme("a" * 32, "i", "=SUM(A1)", "+33 1 23")])
    text = codebook_csv(book, {})
    assert "'=SUM(A1)" in text
    (entry,) = csv_entries(text)
    assert entry.path == ("=SUM(A1)",)
    assert entry.definition == "+33 1 23"


def test_csv_needs_a_path_and_parents() -> None:
    with pytest.raises(UserError, match="path"):
        csv_entries("name,definition\nx,y\n")
    with pytest.raises(UserError, match="parent"):
        import_entries(Codebook([]), "i", csv_entries("path\nA > B\n"))


def test_import_through_the_service_keeps_every_note_tag(demo: Demo) -> None:
    service = demo.analysis()
    before = {n.id: n.note.themes for n in service.notes()}
    text = service.export_codebook("qdc").replace('name="Numérique"', 'name="Outils numériques"')
    added, updated = service.import_codebook(text, "qdc")
    assert (added, updated) == (0, 1)
    assert any(t.name == "Outils numériques" for t in service.codebook().themes)
    fresh = demo.analysis()
    assert {n.id: n.note.themes for n in fresh.notes()} == before
    added, _updated = service.import_codebook(
        "path,definition\nNouveau > Sous-thème,déf\nNouveau,\n", "csv"
    )
    assert added == 2
    assert service.codebook().find(("Nouveau", "Sous-thème")) is not None

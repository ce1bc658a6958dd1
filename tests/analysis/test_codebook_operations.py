"""Codebook operations keep every tag consistent: no tag to a missing theme, no code lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appsession.core.codebook import (
    Codebook,
    CodebookChange,
    SplitPart,
    add_theme,
    delete_theme,
    merge_themes,
    move_theme,
    rename_theme,
    split_theme,
    tag_notes,
)
from appsession.core.errors import UserError
from appsession.core.model import Note, Theme


def counter(prefix: str = "new") -> Iterator[str]:
    number = 0
    while True:
        number += 1
        yield f"{prefix}{number}"


@st.composite
def codebooks(draw: st.DrawFn) -> Codebook:
    """A random tree of 2 to 12 themes (parents drawn among earlier themes)."""
    size = draw(st.integers(2, 12))
    themes: list[Theme] = []
    for index in range(size):
        parent = draw(st.sampled_from(["", *(t.id for t in themes)]))
        themes.append(Theme(f"t{index}", "i", f"Theme {index}", f"def {index}", parent))
    return Codebook(themes)


@st.composite
def coded(draw: st.DrawFn) -> tuple[Codebook, list[Note]]:
    book = draw(codebooks())
    ids = [t.id for t in book.themes]
    notes = [
        Note(
            f"n{k}",
            "s",
            f"text {k}",
            themes=tuple(draw(st.lists(st.sampled_from(ids), max_size=4))),
        )
        for k in range(draw(st.integers(0, 25)))
    ]
    return book, notes


def apply(change: CodebookChange, notes: list[Note]) -> tuple[Codebook, list[Note]]:
    return Codebook(change.themes), [
        Note(n.id, n.session_id, n.text, themes=change.retag(n.id, n.themes)) for n in notes
    ]


def tagged(notes: list[Note], theme_id: str) -> set[str]:
    return {n.id for n in notes if theme_id in n.themes}


def assert_consistent(book: Codebook, notes: list[Note]) -> None:
    """Every tag names an existing theme, without duplicates; the tree has no loop."""
    for note in notes:
        assert all(t in book for t in note.themes)
        assert len(set(note.themes)) == len(note.themes)
    for theme in book.themes:
        assert book.parent_of(theme.id) == theme.parent_id
    assert len(book.themes) == len(book)


@settings(max_examples=80, deadline=None)
@given(coded(), st.data())
def test_rename_changes_no_tag(case: tuple[Codebook, list[Note]], data: st.DataObject) -> None:
    book, notes = case
    theme = data.draw(st.sampled_from(book.themes))
    change = rename_theme(book, theme.id, f"Renamed {theme.id}", "new definition")
    after, retagged = apply(change, notes)
    assert_consistent(after, retagged)
    assert [n.themes for n in retagged] == [tuple(dict.fromkeys(n.themes)) for n in notes]
    assert after.get(theme.id).name == f"Renamed {theme.id}"
    duplicated = {n.id for n in notes if len(set(n.themes)) != len(n.themes)}
    assert {n.id for n in change.retagged(notes)} == duplicated


@settings(max_examples=120, deadline=None)
@given(coded(), st.data())
def test_merge_moves_every_tag_to_the_target(
    case: tuple[Codebook, list[Note]], data: st.DataObject
) -> None:
    book, notes = case
    ids = [t.id for t in book.themes]
    target = data.draw(st.sampled_from(ids))
    sources = data.draw(st.sets(st.sampled_from([i for i in ids if i != target]), min_size=1))
    try:
        change = merge_themes(book, sources, target)
    except UserError:
        return  # two siblings would share a name: refused as a whole, nothing changed
    after, retagged = apply(change, notes)
    assert_consistent(after, retagged)
    expected = set().union(*(tagged(notes, s) for s in {*sources, target}))
    assert tagged(retagged, target) == expected
    assert all(s not in after for s in sources)
    for before, now in zip(notes, retagged, strict=True):
        untouched = [t for t in before.themes if t not in sources]
        assert set(untouched) <= set(now.themes)
    survivors = set(ids) - set(sources)
    assert {t.id for t in after.themes} == survivors


@settings(max_examples=80, deadline=None)
@given(coded(), st.data())
def test_delete_drops_only_that_tag(case: tuple[Codebook, list[Note]], data: st.DataObject) -> None:
    book, notes = case
    theme = data.draw(st.sampled_from(book.themes))
    try:
        change = delete_theme(book, theme.id)
    except UserError:
        return
    after, retagged = apply(change, notes)
    assert_consistent(after, retagged)
    for before, now in zip(notes, retagged, strict=True):
        assert now.themes == tuple(dict.fromkeys(t for t in before.themes if t != theme.id))
    for child in book.children(theme.id):
        assert after.parent_of(child.id) == book.parent_of(theme.id)


@settings(max_examples=80, deadline=None)
@given(coded(), st.data())
def test_split_sends_assigned_notes_and_keeps_the_rest(
    case: tuple[Codebook, list[Note]], data: st.DataObject
) -> None:
    book, notes = case
    theme = data.draw(st.sampled_from(book.themes))
    carrying = [n.id for n in notes if theme.id in n.themes]
    chosen = data.draw(st.sets(st.sampled_from(carrying))) if carrying else set()
    assignment = {note_id: {data.draw(st.integers(0, 1))} for note_id in chosen}
    parts = [SplitPart("Part A unique"), SplitPart("Part B unique")]
    change = split_theme(book, theme.id, parts, assignment, new_id=counter().__next__)
    after, retagged = apply(change, notes)
    assert_consistent(after, retagged)
    made = [t.id for t in change.saved]
    for before, now in zip(notes, retagged, strict=True):
        if before.id in assignment:
            (index,) = assignment[before.id]
            assert made[index] in now.themes
            assert theme.id not in now.themes
        elif theme.id in before.themes:
            assert theme.id in now.themes
        coded_before = len(set(before.themes))
        assert len(now.themes) == coded_before


def test_merging_a_theme_into_its_own_descendant_keeps_a_tree() -> None:
    themes = [
        Theme("a", "i", "A"),
        Theme("b", "i", "B", parent_id="a"),
        Theme("c", "i", "C", parent_id="b"),
        Theme("d", "i", "D", parent_id="a"),
    ]
    book = Codebook(themes)
    change = merge_themes(book, {"a"}, "c")
    after = Codebook(change.themes)
    assert "a" not in after
    assert after.parent_of("b") == ""
    assert after.parent_of("c") == "b"
    assert after.parent_of("d") == "c"


def test_moving_under_a_descendant_is_refused() -> None:
    book = Codebook([Theme("a", "i", "A"), Theme("b", "i", "B", parent_id="a")])
    with pytest.raises(UserError):
        move_theme(book, "a", "b")
    assert Codebook(move_theme(book, "b", "").themes).parent_of("b") == ""


@pytest.mark.parametrize("name", ["", "   ", "a > b", "x" * 121])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(UserError):
        add_theme(Codebook([]), "i", name)


def test_sibling_names_are_unique_case_insensitively() -> None:
    book = Codebook([Theme("a", "i", "Formation")])
    with pytest.raises(UserError, match="merge"):
        add_theme(book, "i", "formation")
    child = add_theme(book, "i", "Formation", parent_id="a", new_id=lambda: "b")
    assert Codebook(child.themes).label("b") == "Formation > Formation"


def test_bulk_tagging_returns_only_changed_notes() -> None:
    notes = [Note("1", "s", "x", themes=("a",)), Note("2", "s", "y")]
    changed = tag_notes(notes, add=["a"])
    assert [(n.id, n.themes) for n in changed] == [("2", ("a",))]
    removed = tag_notes(notes, add=["b"], remove=["a"])
    assert [(n.id, n.themes) for n in removed] == [("1", ("b",)), ("2", ("b",))]

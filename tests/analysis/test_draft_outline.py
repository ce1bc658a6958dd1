"""Sections and order: moves keep one numbering that the validation rules read the same way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appsession.core import draft as rules
from appsession.core.errors import UserError
from appsession.core.model import DraftItem, ItemKind
from appsession.core.validation import draft_order
from tests.analysis.conftest import Cast


def item(key: str, section: str, position: int) -> DraftItem:
    return DraftItem(key, "i", section, ItemKind.ANALYSIS, f"texte {key}", position=position)


def reading(sections: tuple[rules.Section, ...]) -> list[str]:
    return [i.id for s in sections for i in s.items]


@st.composite
def drafts(draw: st.DrawFn) -> tuple[rules.Section, ...]:
    titles = draw(
        st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=1, max_size=4, unique=True)
    )
    sections = [
        rules.Section(t, tuple(item(f"{t}{k}", t, 0) for k in range(draw(st.integers(0, 3)))))
        for t in titles
    ]
    return rules.renumbered(sections)


@settings(max_examples=150, deadline=None)
@given(drafts(), st.data())
def test_moves_keep_every_item_once_and_agree_with_validation(
    sections: tuple[rules.Section, ...], data: st.DataObject
) -> None:
    ids = reading(sections)
    if not ids:
        return
    moved = data.draw(st.sampled_from(ids))
    target = data.draw(st.sampled_from([s.title for s in sections]))
    index = data.draw(st.one_of(st.none(), st.integers(-1, 5)))
    after = rules.move_item(sections, moved, target, index)
    assert sorted(reading(after)) == sorted(ids)
    assert moved in [i.id for i in next(s for s in after if s.title == target).items]
    items = [i for s in after for i in s.items]
    assert [i.position for i in items] == list(range(len(items)))
    assert all(i.section == s.title for s in after for i in s.items)
    non_empty = [s for s in after if s.items]
    assert [i.id for i in draft_order(items)] == [i.id for s in non_empty for i in s.items]
    assert reading(rules.outline(items, [s.title for s in after])) == reading(after)


def test_shift_crosses_section_edges() -> None:
    sections = rules.renumbered(
        [
            rules.Section("A", (item("a1", "A", 0), item("a2", "A", 0))),
            rules.Section("B", (item("b1", "B", 0),)),
        ]
    )
    down = rules.shift_item(sections, "a2", 1)
    assert [[i.id for i in s.items] for s in down] == [["a1"], ["a2", "b1"]]
    up = rules.shift_item(down, "a2", -1)
    assert [[i.id for i in s.items] for s in up] == [["a1", "a2"], ["b1"]]
    assert rules.shift_item(up, "a1", -1) == up


def test_sections_are_added_renamed_moved_and_removed() -> None:
    sections = rules.renumbered([rules.Section("A", (item("a1", "A", 0),))])
    sections = rules.add_section(sections, "  Pistes   d'action ")
    assert [s.title for s in sections] == ["A", "Pistes d'action"]
    with pytest.raises(UserError):
        rules.add_section(sections, "pistes d'action")
    sections = rules.move_section(sections, "Pistes d'action", -1)
    assert [s.title for s in sections] == ["Pistes d'action", "A"]
    sections = rules.rename_section(sections, "A", "Constats")
    assert sections[1].items[0].section == "Constats"
    with pytest.raises(UserError, match="items first"):
        rules.remove_section(sections, "Constats")
    assert [s.title for s in rules.remove_section(sections, "Pistes d'action")] == ["Constats"]


def test_the_service_keeps_order_sections_and_history(cast: Cast) -> None:
    draft = cast.draft()
    note = cast.notes["quotable-paraphrase"].id
    first = draft.create_item("Constats", ItemKind.ANALYSIS, [note], "Premier.")
    second = draft.create_item("Pistes", ItemKind.ACTION, [note], "Deuxième.")
    third = draft.create_item("Constats", ItemKind.ANALYSIS, [], "Troisième.")
    draft.add_section("Vide")
    assert [(s.title, [i.id for i in s.items]) for s in draft.sections()] == [
        ("Constats", [first.id, third.id]),
        ("Pistes", [second.id]),
        ("Vide", []),
    ]
    draft.move_item(third.id, "Vide")
    draft.move_section("Vide", -2)
    draft.shift_item(first.id, 1)
    fresh = cast.draft()
    assert [(s.title, [i.id for i in s.items]) for s in fresh.sections()] == [
        ("Vide", [third.id]),
        ("Constats", []),
        ("Pistes", [first.id, second.id]),
    ]
    assert [i.id for i in draft_order(fresh.items())] == [third.id, first.id, second.id]
    fresh.edit_item(first.id, "Premier, reformulé.")
    assert [r.text for r in fresh.history(first.id)] == ["Premier.", "Premier, reformulé."]
    listing = {row["id"]: row for row in fresh.listing()}
    assert listing[first.id]["revision"] == 2
    assert set(listing[first.id]) == {
        "id",
        "section",
        "kind",
        "text",
        "revision",
        "groups",
        "participants",
        "warnings",
        "state",
    }
    assert listing[second.id]["state"] == "pending"
    fresh.delete_item(third.id)
    assert third.id not in {i.id for i in cast.draft().items()}

"""Whatever the groups decided, the commissioners' DOCX holds approved wordings and nothing else.

Every part of the unzipped file is scanned (document, headers, footers, styles, core
properties…): no text of a withheld, pending or deferred item, no superseded wording, no
off-record note, no roster name in any case or accent, and the file is owner-only.
"""

from __future__ import annotations

import itertools
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appsession.core.clock import FakeClock
from appsession.core.gate import ReasonKind, fold
from appsession.core.model import DecisionState, ItemKind
from appsession.core.validation import APPROVING, edit_item
from appsession.export import docx_texts
from appsession.services.export import ExportRefused, ExportService
from appsession.services.validation import ValidationService
from appsession.vault import Vault
from tests.validation.world import World, add_item, build_world, make_vault

KINDS = list(ItemKind)
GROUP_SETS = [(0,), (1,), (0, 1)]
DECISIONS = [DecisionState.APPROVED, DecisionState.AMENDED, DecisionState.WITHHELD]
DECISIONS += [DecisionState.DEFERRED, DecisionState.PENDING]
COUNTER = itertools.count()


@dataclass
class Expected:
    """An independent record of what should be exportable."""

    texts: dict[int, str] = field(default_factory=dict)
    groups: dict[int, tuple[int, ...]] = field(default_factory=dict)
    last: dict[tuple[int, int], tuple[DecisionState, str]] = field(default_factory=dict)
    ever: set[str] = field(default_factory=set)

    def exportable(self, item: int) -> bool:
        for group in self.groups[item]:
            state, wording = self.last.get((item, group), (DecisionState.PENDING, ""))
            if state not in APPROVING or wording != self.texts[item]:
                return False
        return True


draft_strategy = st.lists(
    st.tuples(st.sampled_from(KINDS), st.sampled_from(GROUP_SETS)), min_size=1, max_size=5
)
step_strategy = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 1), st.sampled_from([*DECISIONS, "edit"])),
    max_size=14,
)


finale_strategy = st.sets(st.integers(0, 4), min_size=1, max_size=4)
"""Items every group approves at the end (so that documents hold several items)."""


@pytest.fixture
def shared_vault(tmp_path: Path, clock: FakeClock) -> Vault:
    return make_vault(tmp_path / "vault.db", clock)


def play(
    world: World,
    clock: FakeClock,
    draft: list[tuple[ItemKind, tuple[int, ...]]],
    steps: list,
    tag: str,
) -> Expected:  # type: ignore[type-arg]
    """Write the draft, then apply decisions and facilitator edits in order."""
    expected = Expected()
    for number, (kind, groups) in enumerate(draft):
        text = f"ITEM-{tag}-{number:03d}-jalon texte proposé"
        add_item(world, text, groups=groups, kind=kind, section=f"Section {number % 2}")
        expected.texts[number], expected.groups[number], expected.ever = (
            text,
            groups,
            expected.ever | {text},
        )
    validation = ValidationService(world.vault, clock)
    for count, (index, group_index, action) in enumerate(steps):
        number = index % len(draft)
        clock.advance(1)
        status = validation.load(world.intervention_id).status(world.items[number].id)
        if action == "edit":
            new = f"EDIT-{tag}-{number:03d}-{count:03d}-jalon"
            world.items[number] = world.vault.save_draft_item(edit_item(status.item, new))
            expected.texts[number] = new
            expected.ever.add(new)
            continue
        groups = expected.groups[number]
        group = groups[group_index % len(groups)]
        amended = (
            f"AMEND-{tag}-{number:03d}-{count:03d}-jalon"
            if action is DecisionState.AMENDED
            else None
        )
        session = world.session(group).id
        world.items[number] = validation.record(
            status, world.groups[group].id, action, session, amended
        )
        if amended:
            expected.texts[number] = amended
            expected.ever.add(amended)
        expected.last[(number, group)] = (action, expected.texts[number])
    return expected


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    draft=draft_strategy,
    steps=step_strategy,
    finale=finale_strategy,
    lang=st.sampled_from(["fr", "en"]),
)
def test_only_approved_wordings_ever_reach_the_commissioners(
    shared_vault: Vault,
    clock: FakeClock,
    tmp_path: Path,
    draft: list,  # type: ignore[type-arg]
    steps: list,  # type: ignore[type-arg]
    finale: set[int],
    lang: str,
) -> None:
    tag = f"x{next(COUNTER)}"
    world = build_world(shared_vault, tag=tag)
    ending = [
        (n, g, DecisionState.APPROVED) for n in sorted(finale) if n < len(draft) for g in (0, 1)
    ]
    expected = play(world, clock, draft, steps + ending, tag)
    out = tmp_path / f"commanditaires-{world.intervention_id}.docx"
    service = ExportService(world.vault, clock)
    in_order = sorted(range(len(draft)), key=lambda n: (n % 2, n))  # sections 0 then 1
    allowed = [expected.texts[n] for n in in_order if expected.exportable(n)]
    if not allowed:
        with pytest.raises(ExportRefused) as refused:
            service.export_commissioners(world.intervention_id, out, lang=lang)
        assert [r.kind for r in refused.value.reasons] == [ReasonKind.NOTHING_APPROVED]
        assert not out.exists()
        return
    outcome = service.export_commissioners(world.intervention_id, out, lang=lang)
    content = out.read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert outcome.items == len(allowed)
    parts = docx_texts(content)
    raw = {name: text for name, text in parts.items()}
    body = parts["word/document.xml"]
    positions = [body.index(text) for text in allowed]
    assert positions == sorted(positions)
    assert_never_in(raw, expected.ever - set(allowed))
    assert_never_in(raw, world.off_record)
    assert_never_in(raw, [n.text for notes in world.notes.values() for n in notes])
    assert_no_names(raw, world.names)
    assert "python-docx" not in "".join(raw.values())


def assert_never_in(parts: dict[str, str], texts: object) -> None:
    for text in texts:  # type: ignore[attr-defined]
        for name, content in parts.items():
            assert text not in content, (text, name)


def assert_no_names(parts: dict[str, str], names: list[str]) -> None:
    folded = {name: fold(content) for name, content in parts.items()}
    for person in names:
        for piece in [person, *person.replace("-", " ").split()]:
            if len(piece) < 3:
                continue
            for part, content in folded.items():
                assert fold(piece) not in content, (piece, part)

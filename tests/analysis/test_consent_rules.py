"""Consent rules hold on every path into the draft, and in the workspace."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appsession.core.draft import EvidenceNote, evidence_refusals
from appsession.core.errors import UserError
from appsession.core.model import Consent, ItemKind, NoteKind
from tests.analysis.conftest import Cast


def ids(cast: Cast, *keys: str) -> list[str]:
    return [cast.notes[k].id for k in keys]


def test_the_workspace_never_shows_off_record_or_withdrawn_notes(cast: Cast) -> None:
    shown = {n.id for n in cast.analysis().notes()}
    assert cast.notes["off-record"].id not in shown
    assert cast.notes["leaving-verbatim"].id in shown
    cast.vault.withdraw(cast.people["leaving"].id)
    shown = {n.id for n in cast.analysis().notes()}
    assert not shown & set(ids(cast, "leaving-verbatim", "leaving-paraphrase", "off-record"))
    assert cast.notes["quotable-verbatim"].id in shown


def test_speakers_appear_by_pseudonym_and_names_are_masked(cast: Cast) -> None:
    person = cast.people["quotable"]
    note = cast.notes["quotable-paraphrase"]
    cast.vault.save_note(note.__class__(**{**note.__dict__, "text": f"{person.name} parle."}))
    found = next(n for n in cast.analysis().notes() if n.id == note.id)
    assert found.speaker == person.pseudonym
    assert person.name not in found.text
    assert found.text.startswith(person.pseudonym)


@pytest.mark.parametrize("kind", list(ItemKind))
def test_nothing_off_record_ever_enters(cast: Cast, kind: ItemKind) -> None:
    with pytest.raises(UserError, match="off-record"):
        cast.draft().create_item("S", kind, ids(cast, "off-record"), "Un texte.")


@pytest.mark.parametrize("kind", list(ItemKind))
def test_nothing_from_a_participant_refusing_restitution(cast: Cast, kind: ItemKind) -> None:
    with pytest.raises(UserError, match="restitution"):
        cast.draft().create_item("S", kind, ids(cast, "private-verbatim"), "Un texte.")


def test_a_quotation_needs_a_quotable_speaker_and_a_verbatim_note(cast: Cast) -> None:
    draft = cast.draft()
    for keys, reason in [
        (("unquotable-verbatim",), "quoted"),
        (("quotable-paraphrase",), "verbatim note"),
        (("facilitator",), "participant's note"),
        (("quotable-verbatim", "other-verbatim"), "exactly one note"),
        ((), "exactly one note"),
    ]:
        with pytest.raises(UserError, match=reason):
            draft.create_item("S", ItemKind.VERBATIM, ids(cast, *keys))
    item = draft.create_item("S", ItemKind.VERBATIM, ids(cast, "quotable-verbatim"))
    assert item.text == cast.notes["quotable-verbatim"].text
    analysis = draft.create_item("S", ItemKind.ANALYSIS, ids(cast, "unquotable-verbatim"), "Texte.")
    assert analysis.evidence == tuple(ids(cast, "unquotable-verbatim"))


def test_adding_evidence_and_changing_kind_are_checked(cast: Cast) -> None:
    draft = cast.draft()
    item = draft.create_item("S", ItemKind.ANALYSIS, ids(cast, "quotable-paraphrase"), "Texte.")
    with pytest.raises(UserError, match="off-record"):
        draft.add_evidence(item.id, ids(cast, "off-record"))
    with pytest.raises(UserError, match="restitution"):
        draft.set_evidence(item.id, ids(cast, "private-paraphrase"))
    with pytest.raises(UserError, match="quotation"):
        draft.change_kind(item.id, ItemKind.VERBATIM)
    assert draft.vault_item(item.id).evidence == tuple(ids(cast, "quotable-paraphrase"))
    action = draft.change_kind(item.id, ItemKind.ACTION)
    assert action.kind is ItemKind.ACTION


def test_a_quotation_can_be_shortened_never_reworded(cast: Cast) -> None:
    draft = cast.draft()
    item = draft.create_item("S", ItemKind.VERBATIM, ids(cast, "quotable-verbatim"))
    shortened = draft.edit_item(
        item.id, "Ce que quotable-verbatim a dit […] les démarches en ligne."
    )
    assert shortened.text.startswith("Ce que")
    with pytest.raises(UserError, match="reword"):
        draft.edit_item(item.id, "Ce que quotable a raconté sur le guichet.")
    with pytest.raises(UserError, match="reword"):
        draft.create_item("S", ItemKind.VERBATIM, ids(cast, "quotable-verbatim"), "Autre chose.")
    assert [r.revision for r in draft.history(item.id)] == [1, 2]


def test_withdrawal_removes_quotations_and_leaves_counts_honest(cast: Cast) -> None:
    draft = cast.draft()
    quote = draft.create_item("S", ItemKind.VERBATIM, ids(cast, "leaving-verbatim"))
    paragraph = draft.create_item(
        "S", ItemKind.ANALYSIS, ids(cast, "leaving-paraphrase", "quotable-paraphrase"), "Texte."
    )
    before = {e.item.id: e for e in draft.entries()}
    assert before[paragraph.id].evidence.participants == 2
    cast.vault.withdraw(cast.people["leaving"].id)
    after = {e.item.id: e for e in cast.draft().entries()}
    assert quote.id not in after
    assert cast.vault.document("draft-revisions", quote.id) is None
    assert after[paragraph.id].evidence.participants == 1
    assert after[paragraph.id].evidence.missing == 1
    with pytest.raises(UserError):
        cast.draft().create_item("S", ItemKind.ANALYSIS, ids(cast, "leaving-paraphrase"), "T.")


def test_a_consent_changed_later_shows_as_a_problem(cast: Cast) -> None:
    draft = cast.draft()
    item = draft.create_item("S", ItemKind.VERBATIM, ids(cast, "quotable-verbatim"))
    person = cast.people["quotable"]
    cast.vault.set_consent(Consent(person.id, note_taking=True, quotable=False, restitution=True))
    entry = next(e for e in cast.draft().entries() if e.item.id == item.id)
    assert entry.problems
    assert cast.draft().summary().problems == (entry.number,)


# -- every combination, against an oracle written from the rules' text -------------------------
consents = st.one_of(
    st.none(),
    st.builds(
        Consent,
        st.just("p"),
        st.sampled_from([None, True, False]),
        st.booleans(),
        st.booleans(),
        st.just(""),
        st.just(""),
        st.sampled_from(["", "2026-03-01"]),
    ),
)
evidence_notes = st.builds(
    EvidenceNote,
    note_id=st.text("abc", min_size=1, max_size=3),
    group_id=st.sampled_from(["g1", "g2"]),
    speaker_id=st.sampled_from(["", "p"]),
    kind=st.sampled_from(list(NoteKind)),
    off_record=st.booleans(),
    consent=consents,
)


def allowed(kind: ItemKind, notes: list[EvidenceNote | None]) -> bool:
    for note in notes:
        if note is None or note.off_record:
            return False
        if note.speaker_id:
            c = note.consent
            if c is None or c.withdrawn_on or c.note_taking is False or not c.restitution:
                return False
    if kind is ItemKind.VERBATIM:
        if len(notes) != 1 or notes[0] is None:
            return False
        only = notes[0]
        return bool(
            only.speaker_id
            and only.kind is NoteKind.VERBATIM
            and only.consent is not None
            and only.consent.quotable
        )
    return True


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(list(ItemKind)), st.lists(st.one_of(st.none(), evidence_notes), max_size=3))
def test_the_rules_agree_with_their_statement(
    kind: ItemKind, notes: list[EvidenceNote | None]
) -> None:
    assert (not evidence_refusals(kind, notes)) == allowed(kind, notes)

"""The commissioners' gate refuses each kind of violation, with a message naming the item."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from appsession.core.gate import (
    GateResult,
    NameHit,
    ReasonKind,
    ResidualHit,
    commissioners_gate,
    name_scan,
)
from appsession.core.model import DecisionState, ItemKind
from appsession.core.validation import ItemStatus, WarningAcceptance, WarningNote, edit_item
from tests.validation.factory import decision, item, status, t

FEW = WarningNote("few-participants", "its evidence comes from 2 participants only")


def clean(_text: str) -> Sequence[ResidualHit]:
    return []


def approved(
    number: int = 1, text: str = "Les équipes manquent de relais.", **kwargs: int
) -> ItemStatus:
    draft = item(f"i{number}", text)
    return status(
        draft, [decision(draft, "g-a", DecisionState.APPROVED, t(1))], number=number, **kwargs
    )


def run(included: list[ItemStatus], **kwargs: object) -> GateResult:
    options: dict[str, object] = {"scan": clean, "warnings": {}}
    options.update(kwargs)
    return commissioners_gate(included, **options)  # type: ignore[arg-type]


def test_a_clean_approved_draft_passes() -> None:
    result = run([approved(1), approved(2)])
    assert result.passed
    assert result.reasons == ()


def test_nothing_approved_is_refused() -> None:
    result = run([])
    assert [r.kind for r in result.reasons] == [ReasonKind.NOTHING_APPROVED]
    assert "no item is approved" in result.reasons[0].message


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: status(d, []), "is not approved (pending)"),
        (
            lambda d: status(d, [decision(d, "g-a", DecisionState.WITHHELD, t(1))]),
            "not approved (withheld)",
        ),
        (
            lambda d: status(d, [decision(d, "g-a", DecisionState.DEFERRED, t(1))]),
            "not approved (deferred)",
        ),
        (
            lambda d: status(
                edit_item(d, "Reformulé."), [decision(d, "g-a", DecisionState.APPROVED, t(1))]
            ),
            "edited after its approval",
        ),
        (
            lambda d: status(
                d, [decision(d, "g-a", DecisionState.APPROVED, t(1))], withdrawn_since=t(2)
            ),
            "participant who withdrew",
        ),
        (
            lambda d: status(
                d, [decision(d, "g-a", DecisionState.APPROVED, t(1))], frozenset({"g-a", "g-b"})
            ),
            "needs the approval of 1 group",
        ),
    ],
)
def test_items_not_approved_at_their_current_text_are_refused(make: object, words: str) -> None:
    included = make(item("i7"))  # type: ignore[operator]
    result = run([approved(1), included])
    assert not result.passed
    [reason] = result.reasons
    assert reason.kind is ReasonKind.NOT_APPROVED
    assert reason.item_number == 1 or "item 1 " in reason.message
    assert words in reason.message


def test_a_residual_hit_is_refused_without_showing_what_was_found() -> None:
    def scan(text: str) -> Sequence[ResidualHit]:
        return [NameHit("PERSON"), NameHit("PERSON"), NameHit("PLACE")] if "Lemaire" in text else []

    result = run([approved(1), approved(2, "Mme Lemaire a dit non.")], scan=scan)
    [reason] = result.reasons
    assert reason.kind is ReasonKind.RESIDUAL
    assert reason.message == "item 2: the anonymisation scan found 2 PERSON, 1 PLACE"
    assert "Lemaire" not in reason.message


def test_other_texts_are_scanned_too() -> None:
    scan = name_scan(["Sophie Lemaire"], ["Riom-ès-Montagnes"])
    result = run(
        [approved()],
        scan=scan,
        other_texts={"the title of section 2": "Le site de Riom-es-Montagnes"},
    )
    [reason] = result.reasons
    assert reason.kind is ReasonKind.RESIDUAL
    assert reason.message == "the title of section 2: the anonymisation scan found 1 TERM"


def test_an_unresolved_warning_is_refused_until_accepted_on_this_wording() -> None:
    included = approved(3)
    warnings = {included.item.id: [FEW]}
    refused = run([included], warnings=warnings)
    [reason] = refused.reasons
    assert reason.kind is ReasonKind.WARNING
    assert reason.message == (
        "item 3: re-identification warning not resolved "
        "(its evidence comes from 2 participants only)"
    )
    stale = WarningAcceptance(included.item.id, FEW.code, "an-older-wording-hash")
    assert not run([included], warnings=warnings, acceptances=[stale]).passed
    accepted = WarningAcceptance(included.item.id, FEW.code, included.text_hash, t(4))
    result = run([included], warnings=warnings, acceptances=[accepted])
    assert result.passed
    assert result.accepted == ((3, accepted),)


def test_off_record_evidence_and_unquotable_speakers_are_refused() -> None:
    off = approved(1, off_record=1)
    quote = item("i2", "On tient grâce au collectif.", kind=ItemKind.VERBATIM)
    unquotable = status(
        quote, [decision(quote, "g-a", DecisionState.APPROVED, t(1))], number=2, unquotable=1
    )
    result = run([off, unquotable])
    assert [r.kind for r in result.reasons] == [ReasonKind.FORBIDDEN_EVIDENCE] * 2
    assert "off the record" in result.reasons[0].message
    assert "did not agree to be quoted" in result.reasons[1].message


def test_every_reason_is_listed_at_once() -> None:
    def scan(text: str) -> Sequence[ResidualHit]:
        return [NameHit("PHONE")] if "06" in text else []

    pending = status(item("i2"), [], number=2)
    leaky = approved(3, "Appeler le 06 12 34 56 78.")
    warned = approved(4)
    result = run([pending, leaky, warned], scan=scan, warnings={warned.item.id: [FEW]})
    assert [(r.kind, r.item_number) for r in result.reasons] == [
        (ReasonKind.NOT_APPROVED, 2),
        (ReasonKind.RESIDUAL, 3),
        (ReasonKind.WARNING, 4),
    ]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("sophie lemaire en a parlé", ["PERSON"]),
        ("SOPHIE LEMAIRE", ["PERSON"]),
        ("Sophie a dit", ["PERSON"]),
        ("un petit groupe", []),
        ("Petit est venu", ["PERSON"]),
        ("à riom-es-montagnes", ["TERM"]),
        ("Zoe Angstrom", ["PERSON"]),
        ("[collègue 2] a répondu", []),
    ],
)
def test_the_fallback_scan_finds_roster_names_and_known_terms(text: str, labels: list[str]) -> None:
    scan = name_scan(["Sophie Lemaire", "Jean-Luc Petit", "Zoë Ångström"], ["Riom-ès-Montagnes"])
    assert [hit.label for hit in scan(text)] == labels

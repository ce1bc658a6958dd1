"""The demo's validation: each group has partly validated the draft, so the exports differ.

Run after ``add_demo_analysis``. Everything goes through the validation service, at each
group's last session: the first analysis and the first lead for action are approved by every
group concerned, one analysis is amended by a group then approved at its new wording, one is
withheld by a group, one waits for the second group, a quotation is approved (the facilitator
explicitly accepts its re-identification warning) and another deferred, the lead that names a
rare role is withheld, and one group adds a lead of its own and approves it.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from appsession.core.clock import FakeClock
from appsession.core.model import DecisionState, ItemKind, Session
from appsession.core.validation import ItemStatus
from appsession.services.validation import ValidationService, ValidationView

if TYPE_CHECKING:
    from appsession.vault import Vault

AMENDMENT = (
    " ; le groupe tient à préciser que ce constat vaut pour toute l'équipe, et pas pour "
    "quelques personnes."
)
GROUP_LEADS = (
    "Inscrire à l'ordre du jour de chaque réunion d'équipe un point court sur les situations "
    "d'accueil difficiles de la semaine.",
    "Organiser, une fois par trimestre, un temps d'échange entre équipes voisines sur les "
    "situations complexes, sans présence hiérarchique.",
)
APPROVE, AMEND, WITHHOLD = DecisionState.APPROVED, DecisionState.AMENDED, DecisionState.WITHHELD
DEFER = DecisionState.DEFERRED


def add_demo_validation(vault: Vault, intervention_id: str, seed: int) -> None:
    """Record the demo groups' decisions on the demo draft (see the module docstring)."""
    chance = random.Random(seed)
    demo = _DemoValidation(vault, intervention_id)
    view = demo.view()
    analyses = [s.item.id for s in view.statuses if s.item.kind is ItemKind.ANALYSIS]
    quotes = [s.item.id for s in view.statuses if s.item.kind is ItemKind.VERBATIM]
    actions = [s.item.id for s in view.statuses if s.item.kind is ItemKind.ACTION]
    rare = [a for a in actions if any(w.code == "rare-role" for w in view.warnings[a])]
    plain = [a for a in actions if a not in rare]
    plan: list[tuple[str, list[DecisionState | None]]] = []
    plan += _take(
        analyses, [[APPROVE, APPROVE], [AMEND, APPROVE], [APPROVE, WITHHOLD], [APPROVE, None]]
    )
    plan += _take(quotes, [[APPROVE], [DEFER]])
    plan += _take(plain, [[APPROVE, APPROVE], []])
    plan += _take(rare, [[WITHHOLD, WITHHOLD]])
    for item_id, states in plan:
        demo.decide(item_id, states)
    demo.group_lead(chance.choice(GROUP_LEADS))
    demo.accept_warnings_of_approved()


def _take(
    ids: list[str], states: list[list[DecisionState | None]]
) -> list[tuple[str, list[DecisionState | None]]]:
    """Pair items with the decisions their groups take, in the groups' order."""
    return list(zip(ids, states, strict=False))


class _DemoValidation:
    """The validation service at each group's last session, on that session's date."""

    def __init__(self, vault: Vault, intervention_id: str) -> None:
        self.vault = vault
        self.intervention_id = intervention_id
        self.minutes = 0

    def view(self) -> ValidationView:
        return self._service(None).load(self.intervention_id)

    def _service(self, session: Session | None) -> ValidationService:
        """A service whose clock reads the session's date, a minute later at each decision.

        Without a session, the date of the latest session of any group (or the vault's clock).
        """
        chosen = session or max(
            (s for g in self.vault.groups(self.intervention_id) for s in self.vault.sessions(g.id)),
            key=lambda s: s.date,
            default=None,
        )
        start = self.vault.clock.now()
        if chosen is not None:
            day = datetime.fromisoformat(chosen.date[:10]).date()
            start = datetime.combine(day, time(11, 0), tzinfo=UTC)
        clock = FakeClock(start)
        clock.advance(60 * self.minutes)
        self.minutes += 1
        return ValidationService(self.vault, clock)

    def _last_session(self, group_id: str) -> Session | None:
        """The group's latest session (validation happens at the end of the cycle)."""
        return max(self.vault.sessions(group_id), key=lambda s: s.number, default=None)

    def decide(self, item_id: str, states: list[DecisionState | None]) -> None:
        """Each concerned group, in order, takes its decision (None: not yet)."""
        required = self.view().status(item_id).required_groups
        for group_id, state in zip(required, states, strict=False):
            session = self._last_session(group_id)
            if state is None or session is None:
                continue
            service = self._service(session)
            status = service.load(self.intervention_id).status(item_id)
            wording = status.item.text.rstrip(". ") + AMENDMENT if state is AMEND else None
            service.record(status, group_id, state, session.id, wording)

    def group_lead(self, text: str) -> None:
        """The last group adds a lead for action of its own, then approves it."""
        view = self.view()
        met = [(g, self._last_session(g.id)) for g in view.groups]
        met = [(g, s) for g, s in met if s is not None]
        if not met:
            return
        group, session = met[-1]
        assert session is not None
        service = self._service(session)
        section = next(
            (s.item.section for s in view.statuses if s.item.kind is ItemKind.ACTION), ""
        )
        item = service.add_group_item(
            self.intervention_id, group.id, section, ItemKind.ACTION, text
        )
        service.record(
            service.load(self.intervention_id).status(item.id), group.id, APPROVE, session.id
        )

    def accept_warnings_of_approved(self) -> None:
        """The facilitator looks at each approved item's warnings and accepts them explicitly."""
        service = self._service(None)
        view = service.load(self.intervention_id)
        approved: list[ItemStatus] = [s for s in view.statuses if s.exportable]
        for status in approved:
            for warning in view.unresolved(status):
                service.accept_warning(status, warning)

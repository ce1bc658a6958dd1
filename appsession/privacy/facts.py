"""Everything the papers state, read once from the vault: settings, counts, rules, measures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from appsession.core.errors import UserError
from appsession.core.model import Group, Intervention
from appsession.core.retention import AuditRule, InterventionFacts, RetentionRule
from appsession.core.search import fold
from appsession.i18n import _
from appsession.privacy.retention import intervention_facts
from appsession.privacy.settings import (
    Controller,
    InterventionPrivacy,
    load_audit_rule,
    load_controller,
    load_privacy,
    load_rule,
)
from appsession.vault.purge import VaultSettings, settings

if TYPE_CHECKING:
    from appsession.vault import Vault


@dataclass(frozen=True)
class PaperFacts:
    """An intervention as its papers describe it, on ``today``."""

    intervention: Intervention
    groups: tuple[Group, ...]
    participants: int
    sessions: int
    rule: RetentionRule
    facts: InterventionFacts = field(repr=False)
    audit: AuditRule
    controller: Controller
    privacy: InterventionPrivacy
    vault: VaultSettings
    today: date


def gather(vault: Vault, intervention: Intervention, today: date) -> PaperFacts:
    """Read the intervention's settings and the vault's real security settings."""
    groups = tuple(vault.groups(intervention.id))
    participants = sum(len(vault.participants(group.id)) for group in groups)
    sessions = sum(len(vault.sessions(group.id)) for group in groups)
    return PaperFacts(
        intervention=intervention,
        groups=groups,
        participants=participants,
        sessions=sessions,
        rule=load_rule(vault, intervention.id),
        facts=intervention_facts(vault, intervention),
        audit=load_audit_rule(vault),
        controller=load_controller(vault),
        privacy=load_privacy(vault, intervention.id),
        vault=settings(vault),
        today=today,
    )


def choose_intervention(vault: Vault, wanted: str | None) -> Intervention:
    """The intervention named by id or part of its title; the only one if none is named."""
    interventions = vault.interventions()
    if wanted is not None:
        interventions = [i for i in interventions if _names(wanted, i.id, i.title)]
    if not interventions:
        raise UserError(_("no intervention matches"), exit_code=2)
    if len(interventions) > 1:
        titles = "; ".join(f"{i.title} ({i.id[:8]})" for i in interventions)
        raise UserError(
            _("several interventions match ({titles}): name one with --intervention").format(
                titles=titles
            ),
            exit_code=2,
        )
    return interventions[0]


def choose_group(groups: tuple[Group, ...], wanted: str | None) -> Group | None:
    """The group named by id or part of its name; None (all groups) if none is named."""
    if wanted is None:
        return None
    found = [g for g in groups if _names(wanted, g.id, g.name)]
    if len(found) != 1:
        raise UserError(_("name exactly one group of this intervention with --group"), exit_code=2)
    return found[0]


def _names(wanted: str, item_id: str, label: str) -> bool:
    """An id, the start of one (8 characters are shown), or a folded part of the label."""
    wanted = wanted.strip()
    by_id = item_id == wanted or (len(wanted) >= 6 and item_id.startswith(wanted))
    return by_id or fold(wanted) in fold(label)

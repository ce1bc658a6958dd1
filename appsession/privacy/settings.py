"""Retention rules and data-protection settings, kept encrypted in the vault as documents.

An intervention's rule and settings are encrypted under its own key, so they go with it when
it is purged. The audit-log rule and the controller's identity belong to the whole vault
(under the data key).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from appsession.core.retention import Anchor, AuditRule, RetentionRule, check_months

if TYPE_CHECKING:
    from appsession.vault import Vault

RULES = "retention"
SETTINGS = "privacy-settings"
VAULT_DOC = "vault"


class Role(StrEnum):
    """Whether the facilitator decides the purposes (controller) or acts for the commissioner."""

    CONTROLLER = "controller"
    PROCESSOR = "processor"


@dataclass(frozen=True)
class Controller:
    """Who answers for the processing (vault-wide): name, contact, data-protection officer."""

    name: str = ""
    contact: str = ""
    dpo: str = ""


@dataclass(frozen=True)
class InterventionPrivacy:
    """An intervention's legal frame: role, legal basis, art. 9 condition, extra recipients."""

    role: Role = Role.CONTROLLER
    legal_basis: str = ""
    health_basis: str = ""
    recipients: str = ""


# -- retention rules ------------------------------------------------------------------------
def load_rule(vault: Vault, intervention_id: str) -> RetentionRule:
    """The intervention's rule, or the default one."""
    data = vault.document(RULES, intervention_id) or {}
    return RetentionRule(
        intervention_id,
        raw_months=int(data.get("raw_months", RetentionRule.raw_months)),
        raw_anchor=Anchor(data.get("raw_anchor", Anchor.CYCLE_END)),
        synthesis_months=int(data.get("synthesis_months", RetentionRule.synthesis_months)),
        cycle_end=_day(data.get("cycle_end")),
        contract_end=_day(data.get("contract_end")),
        hold=bool(data.get("hold", False)),
    )


def save_rule(vault: Vault, rule: RetentionRule) -> None:
    """Store the rule (encrypted under the intervention's key) and log the change."""
    check_months(rule.raw_months)
    check_months(rule.synthesis_months)
    data: dict[str, Any] = {
        "raw_months": rule.raw_months,
        "raw_anchor": str(rule.raw_anchor),
        "synthesis_months": rule.synthesis_months,
        "cycle_end": rule.cycle_end.isoformat() if rule.cycle_end else "",
        "contract_end": rule.contract_end.isoformat() if rule.contract_end else "",
        "hold": rule.hold,
    }
    with vault.batch():
        vault.put_document(RULES, rule.intervention_id, data, intervention_id=rule.intervention_id)
        vault.record_event("retention-set", intervention=rule.intervention_id)


def load_audit_rule(vault: Vault) -> AuditRule:
    """The vault's audit-log rule, or the default."""
    data = vault.document(RULES, VAULT_DOC) or {}
    return AuditRule(int(data.get("audit_months", AuditRule.months)))


def save_audit_rule(vault: Vault, rule: AuditRule) -> None:
    """Store the audit-log rule (vault-wide)."""
    check_months(rule.months)
    with vault.batch():
        vault.put_document(RULES, VAULT_DOC, {"audit_months": rule.months})
        vault.record_event("retention-set", intervention="", audit_months=rule.months)


def _day(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    return date.fromisoformat(value)


# -- controller and legal frame -------------------------------------------------------------
def load_controller(vault: Vault) -> Controller:
    """The recorded controller (empty fields when not set)."""
    data = vault.document(SETTINGS, VAULT_DOC) or {}
    return Controller(**{k: str(data.get(k, "")) for k in ("name", "contact", "dpo")})


def save_controller(vault: Vault, controller: Controller) -> None:
    """Store who answers for the processing."""
    vault.put_document(SETTINGS, VAULT_DOC, asdict(controller))


def load_privacy(vault: Vault, intervention_id: str) -> InterventionPrivacy:
    """The intervention's legal frame; the legal basis defaults to the one consents record."""
    data = vault.document(SETTINGS, intervention_id) or {}
    found = InterventionPrivacy(
        role=Role(data.get("role", Role.CONTROLLER)),
        legal_basis=str(data.get("legal_basis", "")),
        health_basis=str(data.get("health_basis", "")),
        recipients=str(data.get("recipients", "")),
    )
    if not found.legal_basis:
        found = replace(found, legal_basis=recorded_legal_basis(vault, intervention_id))
    return found


def save_privacy(vault: Vault, intervention_id: str, privacy: InterventionPrivacy) -> None:
    """Store the intervention's legal frame (under its key)."""
    data = {**asdict(privacy), "role": str(privacy.role)}
    vault.put_document(SETTINGS, intervention_id, data, intervention_id=intervention_id)


def recorded_legal_basis(vault: Vault, intervention_id: str) -> str:
    """The legal basis most consents of the intervention record ("" if none)."""
    bases = Counter(
        vault.consent(person.id).legal_basis
        for group in vault.groups(intervention_id)
        for person in vault.participants(group.id)
    )
    bases.pop("", None)
    return bases.most_common(1)[0][0] if bases else ""

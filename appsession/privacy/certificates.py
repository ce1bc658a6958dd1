"""Purge certificates: read back from the audit log, checked against the vault, printed.

A certificate holds ids, dates and counts only. Its check proves, on the day it is printed,
that none of the keys it lists exists in the vault and that each is in the erasure ledger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.privacy.document import Block, Document, Fields, Heading, Paragraph
from appsession.privacy.retention import parse_day
from appsession.privacy.texts import Texts
from appsession.vault.purge import EVENT, present_keys

if TYPE_CHECKING:
    from appsession.vault import AuditEvent, Vault


@dataclass(frozen=True)
class Certificate:
    """One purge, as its audit event records it."""

    id: str
    at: str
    data_class: str
    intervention: str
    counts: dict[str, int]
    key_ids: tuple[str, ...]
    key_digest: str
    due_on: str
    months: int
    anchor: str


@dataclass(frozen=True)
class Check:
    """How many of a certificate's keys are gone from the vault and in the erasure ledger."""

    keys: int
    confirmed: int

    @property
    def ok(self) -> bool:
        """Every key is destroyed and recorded."""
        return self.keys == self.confirmed


def _certificate(event: AuditEvent) -> Certificate:
    details = event.details
    key_text = str(details.get("key_ids", ""))
    counts = {
        name: int(details.get(name, 0))
        for name in ("sessions", "situations", "notes", "events", "records", "keys")
    }
    return Certificate(
        id=str(details.get("certificate", event.id)),
        at=event.at,
        data_class=str(details.get("data_class", "")),
        intervention=str(details.get("intervention", "")),
        counts=counts,
        key_ids=tuple(key for key in key_text.split(",") if key),
        key_digest=str(details.get("key_digest", "")),
        due_on=str(details.get("due_on", "")),
        months=int(details.get("months", 0)),
        anchor=str(details.get("anchor", "event")),
    )


def certificates(vault: Vault) -> list[Certificate]:
    """Every purge certificate still in the audit log, oldest first."""
    return [_certificate(event) for event in vault.audit_events() if event.kind == EVENT]


def find(vault: Vault, wanted: str) -> Certificate:
    """The certificate whose id starts with ``wanted`` (8 characters are shown)."""
    found = [c for c in certificates(vault) if wanted and c.id.startswith(wanted.strip())]
    if len(found) != 1:
        raise UserError(_("no single purge certificate has this id"), exit_code=2)
    return found[0]


def check(vault: Vault, certificate: Certificate) -> Check:
    """Count the keys that are both absent from the vault and listed in the ledger."""
    ledger = set(vault.erasure_ledger())
    present = present_keys(vault, certificate.key_ids)
    confirmed = sum(1 for key in certificate.key_ids if key in ledger and key not in present)
    return Check(len(certificate.key_ids), confirmed)


def certificate_document(
    items: Sequence[tuple[Certificate, Check]], texts: Texts, today: date
) -> Document:
    """One or more certificates as a short, content-free document."""
    title = texts.get("certificate.title" if len(items) == 1 else "certificate.list_title")
    blocks: list[Block] = [Heading(title, 0), Paragraph(texts.get("certificate.intro"), small=True)]
    for certificate, result in items:
        if len(items) > 1:
            blocks.append(Heading(f"{texts.get('certificate.id')} {certificate.id}", 1))
        blocks.append(_fields(certificate, result, texts, today))
    blocks += [
        Heading(texts.get("certificate.method_heading"), 1),
        Paragraph(texts.get("certificate.method")),
        Heading(texts.get("certificate.limits_heading"), 1),
        Paragraph(texts.get("certificate.limits")),
    ]
    return Document(title, texts.language, tuple(blocks), texts.get("footer.certificate"))


def _fields(certificate: Certificate, result: Check, texts: Texts, today: date) -> Fields:
    def label(key: str) -> str:
        return texts.get(f"certificate.{key}")

    anchor = texts.get(f"certificate.anchor.{certificate.anchor}")
    data_class = texts.table["data_class"].get(certificate.data_class, certificate.data_class)
    counts = certificate.counts
    pairs = [
        (label("id"), certificate.id),
        (label("purged_at"), texts.date(parse_day(certificate.at))),
        (label("data_class"), str(data_class)),
        (label("intervention"), certificate.intervention or "—"),
        (
            label("rule"),
            texts.fill("certificate.rule_value", months=certificate.months, anchor=anchor),
        ),
        (label("due_on"), texts.date(parse_day(certificate.due_on))),
    ]
    for name in ("sessions", "situations", "notes", "events"):
        if counts[name]:
            pairs.append((label(name), str(counts[name])))
    pairs += [
        (label("records"), str(counts["records"])),
        (label("keys"), str(counts["keys"])),
        (label("digest"), certificate.key_digest),
        (texts.fill("certificate.verified", day=texts.date(today)), _verdict(result, texts)),
    ]
    return Fields(tuple(pairs))


def _verdict(result: Check, texts: Texts) -> str:
    if not result.keys:
        return texts.get("certificate.verified_none")
    if result.ok:
        return texts.fill("certificate.verified_ok", count=result.keys)
    missing = result.keys - result.confirmed
    return texts.fill("certificate.verified_bad", missing=missing, count=result.keys)

"""Parts several papers share: retention periods, security measures, controller, rights…

Each part is built from the facts read in the vault (never from defaults written here), in the
wording of the data file.
"""

from __future__ import annotations

from datetime import date

from appsession.core.retention import (
    Anchor,
    AuditRule,
    InterventionFacts,
    RetentionRule,
    contract_end,
    cycle_deadline,
    cycle_end,
    synthesis_deadline,
)
from appsession.privacy.document import Block, Bullets, Choice, Fields, Paragraph, Table
from appsession.privacy.facts import PaperFacts
from appsession.privacy.settings import Role
from appsession.privacy.texts import Texts
from appsession.vault import KdfAlgorithm
from appsession.vault.purge import VaultSettings


def or_blank(value: str, texts: Texts) -> str:
    """The value, or the "[to complete]" mark."""
    return value.strip() or texts.get("to_complete")


def retention_lines(
    rule: RetentionRule, facts: InterventionFacts, audit: AuditRule, texts: Texts
) -> list[str]:
    """One sentence per class of data, with the dates the rules give today."""
    end_text = _end_text(cycle_end(rule, facts), texts)
    raw_key = (
        "retention.raw_session" if rule.raw_anchor is Anchor.SESSION else "retention.raw_cycle"
    )
    lines = [
        texts.fill(
            raw_key,
            months=rule.raw_months,
            end=end_text,
            deadline=texts.date(cycle_deadline(rule, facts)),
        ),
        texts.fill(
            "retention.synthesis",
            months=rule.synthesis_months,
            end=_end_text(contract_end(rule, facts), texts),
            deadline=texts.date(synthesis_deadline(rule, facts)),
        ),
        texts.fill("retention.audit", months=audit.months),
        texts.get("retention.exports"),
    ]
    if rule.hold:
        lines.insert(0, texts.get("retention.hold"))
    return lines


def _end_text(day: date | None, texts: Texts) -> str:
    return texts.date(day) if day is not None else texts.get("retention.end_unknown")


def measure_lines(vault: VaultSettings, texts: Texts, *, short: bool = False) -> list[str]:
    """The security measures as this vault implements them (read from its header and file)."""
    kdf = vault.kdf
    scrypt = kdf.algorithm is KdfAlgorithm.SCRYPT
    memory = kdf.memory_kib if scrypt else kdf.memory_kib // 1024
    lines = [
        texts.fill(
            "measures.kdf_scrypt" if scrypt else "measures.kdf_argon2",
            memory=memory,
            iterations=kdf.iterations,
            lanes=kdf.lanes,
        ),
        texts.fill(
            "measures.cipher",
            cipher=vault.record_cipher,
            nonce_bits=vault.nonce_bits,
            padding=vault.padding_bytes,
        ),
        _autolock(vault, texts),
        texts.get("measures.offline"),
    ]
    if vault.kdf_below_floor:
        lines.insert(1, texts.get("measures.kdf_weak"))
    if short:
        return lines
    return lines + _full_measures(vault, texts)


def _autolock(vault: VaultSettings, texts: Texts) -> str:
    if vault.auto_lock_seconds <= 0:
        return texts.get("measures.autolock_off")
    minutes = round(vault.auto_lock_seconds / 60, 1)
    shown = int(minutes) if minutes == int(minutes) else minutes
    return texts.fill("measures.autolock", minutes=shown)


def _full_measures(vault: VaultSettings, texts: Texts) -> list[str]:
    pragmas = vault.pragmas
    return [
        texts.fill("measures.keys", erased=vault.erased_keys),
        texts.fill("measures.integrity", key_cap=f"{vault.key_use_cap:,}".replace(",", " ")),
        texts.fill(
            "measures.storage",
            journal_mode=pragmas.get("journal_mode", "?").upper(),
            synchronous=_synchronous(pragmas.get("synchronous", "?")),
            secure_delete=_on_off(pragmas.get("secure_delete", "?")),
            temp_store=_temp_store(pragmas.get("temp_store", "?")),
        ),
        texts.get("measures.recovery_yes" if vault.recovery_key else "measures.recovery_no"),
        texts.fill("measures.backups", backup_format=vault.backup_format),
        texts.get("measures.exports"),
        texts.get("measures.audit"),
        texts.get("measures.prerequisite"),
    ]


def _synchronous(value: str) -> str:
    return {"0": "OFF", "1": "NORMAL", "2": "FULL", "3": "EXTRA"}.get(value, value)


def _on_off(value: str) -> str:
    return {"0": "OFF", "1": "ON", "2": "FAST"}.get(value, value)


def _temp_store(value: str) -> str:
    return {"0": "DEFAULT", "1": "FILE", "2": "MEMORY"}.get(value, value)


def controller_fields(facts: PaperFacts, texts: Texts) -> Fields:
    """Who is responsible, how to reach them, and in what role."""
    controller = facts.controller
    name = controller.name or facts.intervention.facilitator
    role_key = "roles.processor" if facts.privacy.role is Role.PROCESSOR else "roles.controller"
    commissioner = or_blank(facts.intervention.commissioner, texts)
    return Fields(
        (
            (texts.get("controller_fields.name"), or_blank(name, texts)),
            (texts.get("controller_fields.contact"), or_blank(controller.contact, texts)),
            (
                texts.get("controller_fields.dpo"),
                controller.dpo or texts.get("controller_fields.dpo_none"),
            ),
            (texts.get("controller_fields.role"), texts.fill(role_key, commissioner=commissioner)),
        )
    )


def purposes(facts: PaperFacts, texts: Texts) -> Bullets:
    """The three purposes, naming the commissioner."""
    commissioner = or_blank(facts.intervention.commissioner, texts)
    items = texts.table["purposes"]["items"]
    return Bullets(tuple(str(item).format(commissioner=commissioner) for item in items))


def data_categories(texts: Texts) -> list[Block]:
    """Categories of data, special categories and third parties."""
    table = texts.table["data_categories"]
    return [
        Bullets(tuple(str(item) for item in table["items"])),
        Paragraph(str(table["sensitive"])),
        Paragraph(str(table["third_parties"])),
    ]


def recipients(facts: PaperFacts, texts: Texts) -> Bullets:
    """Who sees what: notes, synthesis, report; extra recipients; no transfer."""
    commissioner = or_blank(facts.intervention.commissioner, texts)
    items = [str(i).format(commissioner=commissioner) for i in texts.table["recipients"]["items"]]
    if facts.privacy.recipients.strip():
        items.append(texts.fill("recipients.extra", recipients=facts.privacy.recipients.strip()))
    items.append(texts.get("recipients.no_transfer"))
    return Bullets(tuple(items))


def rights(facts: PaperFacts, texts: Texts) -> list[Block]:
    """Rights, where to write, the CNIL, no automated decision."""
    contact = facts.controller.contact or facts.controller.name or facts.intervention.facilitator
    return [
        Paragraph(texts.fill("rights.text", contact=or_blank(contact, texts))),
        Paragraph(texts.get("rights.complaint")),
        Paragraph(texts.get("rights.automated")),
    ]


def flags(facts: PaperFacts, texts: Texts) -> list[Block]:
    """The three agreement flags the app records, each with yes / no boxes."""
    commissioner = or_blank(facts.intervention.commissioner, texts)
    options = tuple(str(option) for option in texts.table["answers"]["options"])
    blocks: list[Block] = []
    for flag in ("note_taking", "quotable", "restitution"):
        blocks.append(Choice(texts.fill(f"flags.{flag}", commissioner=commissioner), options))
        blocks.append(Paragraph(texts.get(f"flags.{flag}_help"), small=True))
    blocks.append(Paragraph(texts.get("flags.depends")))
    return blocks


def data_table(texts: Texts, name: str, **values: str) -> Table:
    """A table of the data file (header + rows), placeholders filled."""
    table = texts.table[name]
    rows = tuple(tuple(str(cell).format(**values) for cell in row) for row in table["rows"])
    widths = tuple(int(share) for share in table.get("widths", ()))
    return Table(tuple(str(cell) for cell in table["header"]), rows, widths)

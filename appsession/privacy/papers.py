"""The compliance papers of an intervention: consent form, information notice, record of
processing entry (GDPR art. 30) and a DPIA starting template, all from its settings.

Wording comes from ``data/texts.<lang>.toml``; every fact (names, counts, periods, the vault's
security settings) is read from the vault, so the papers say what the app really does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from appsession.core.model import Group
from appsession.privacy.document import Block, Bullets, Document, Fields, Heading, Table
from appsession.privacy.facts import PaperFacts
from appsession.privacy.parts import (
    controller_fields,
    data_categories,
    data_table,
    flags,
    measure_lines,
    or_blank,
    purposes,
    recipients,
    retention_lines,
    rights,
)
from appsession.privacy.texts import Texts

PAPERS = ("consent-form", "notice", "register", "dpia")


def build_paper(kind: str, facts: PaperFacts, texts: Texts, group: Group | None) -> Document:
    """One of ``PAPERS`` for the intervention (``group``: the group a form is for)."""
    name = kind.replace("-", "_")
    values = _values(facts, texts, group)
    blocks = texts.blocks(name, values, _inserts(facts, texts))
    title = next((b.text for b in blocks if isinstance(b, Heading) and b.level == 0), name)
    return Document(str(title), texts.language, tuple(blocks), texts.get(f"footer.{name}"))


def _values(facts: PaperFacts, texts: Texts, group: Group | None) -> dict[str, object]:
    intervention = facts.intervention
    names = [g.name for g in facts.groups]
    privacy = facts.privacy
    health = privacy.health_basis.strip()
    return {
        "intervention": intervention.title,
        "commissioner": or_blank(intervention.commissioner, texts),
        "facilitator": or_blank(intervention.facilitator, texts),
        "group": group.name if group else (", ".join(names) or texts.get("to_complete")),
        "groups_line": group.name if group else ", ".join(names),
        "legal_basis": or_blank(privacy.legal_basis, texts),
        "health_sentence": (
            texts.fill("health.recorded", health_basis=health)
            if health
            else texts.get("health.absent")
        ),
        "contact": or_blank(facts.controller.contact, texts),
        "register_title": texts.get(f"register_titles.{privacy.role}"),
        "today": texts.date(facts.today),
    }


def _inserts(facts: PaperFacts, texts: Texts) -> dict[str, Callable[[], Sequence[Block]]]:
    def one(block: Block) -> Callable[[], Sequence[Block]]:
        return lambda: [block]

    retention = retention_lines(facts.rule, facts.facts, facts.audit, texts)
    return {
        "flags": lambda: flags(facts, texts),
        "controller": one(controller_fields(facts, texts)),
        "purposes": one(purposes(facts, texts)),
        "data_categories": lambda: data_categories(texts),
        "recipients": one(recipients(facts, texts)),
        "retention": one(Bullets(tuple(retention))),
        "measures": one(Bullets(tuple(measure_lines(facts.vault, texts)))),
        "measures_short": one(Bullets(tuple(measure_lines(facts.vault, texts, short=True)))),
        "rights": lambda: rights(facts, texts),
        "persons": one(_persons(facts, texts)),
        "register_identity": one(_identity(facts, texts)),
        "criteria": one(data_table(texts, "dpia_criteria")),
        "proportionality": one(
            data_table(
                texts,
                "dpia_proportionality",
                legal_basis=or_blank(facts.privacy.legal_basis, texts),
            )
        ),
        "risks": lambda: _risks(texts),
        "action_plan": one(_action_plan(texts)),
    }


def _persons(facts: PaperFacts, texts: Texts) -> Bullets:
    names = ", ".join(g.name for g in facts.groups) or texts.get("none")
    return Bullets(
        (
            texts.fill(
                "persons.participants",
                participants=facts.participants,
                groups=len(facts.groups),
                group_names=names,
            ),
            texts.get("persons.third_parties"),
            texts.get("persons.facilitator"),
        )
    )


def _identity(facts: PaperFacts, texts: Texts) -> Fields:
    intervention = facts.intervention

    def label(key: str) -> str:
        return texts.get(f"register_fields.{key}")

    return Fields(
        (
            (
                label("name"),
                texts.fill("register_fields.name_value", intervention=intervention.title),
            ),
            (label("commissioner"), or_blank(intervention.commissioner, texts)),
            (label("period"), or_blank(intervention.period, texts)),
            (label("groups"), str(len(facts.groups))),
            (label("sessions"), str(facts.sessions)),
            (label("support"), texts.get("register_fields.support_value")),
            (label("created"), texts.date(facts.today)),
        )
    )


def _risks(texts: Texts) -> list[Block]:
    table = texts.table["dpia_risks"]
    labels = [str(label) for label in table["fields"]]
    blocks: list[Block] = []
    for risk in ("illegitimate_access", "unwanted_change", "disappearance"):
        title, *cells = (str(cell) for cell in table[risk])
        pairs = list(zip(labels[:4], cells, strict=True))
        pairs += [(labels[4], str(table["to_assess"])), (labels[5], str(table["to_assess"]))]
        blocks += [Heading(title, 2), Fields(tuple(pairs))]
    return blocks


def _action_plan(texts: Texts) -> Table:
    table = texts.table["dpia_actions"]
    header = tuple(str(cell) for cell in table["header"])
    widths = tuple(int(share) for share in table.get("widths", ()))
    return Table(header, tuple(("",) * len(header) for _ in range(4)), widths)

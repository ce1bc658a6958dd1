"""The pseudonym mapping of one intervention: who is "[usager·e 1]", and every decision.

This is the secret that re-identifies people, so it lives in the vault as one encrypted
document (``to_dict``/``from_dict``), apart from the notes. It holds the third parties found so
far with their placeholders (stable numbering per category, renameable), the forms learned
from the notes, and the facilitator's decisions on suggestions: accept, reject, always (a new
known term) and never (a new kept term). Decisions are stored by folded form, so they apply to
past notes (the pseudonymised layer is recomputed) and to future ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from appsession.anonymise.matcher import Case
from appsession.anonymise.normalise import fold_phrase
from appsession.anonymise.roster import KnownTerm
from appsession.anonymise.spans import Label

FORMAT_VERSION = 1

CATEGORIES = {
    "usager": "usager·e",
    "proche": "proche",
    "collegue": "collègue",
    "personne": "personne",
    "commune": "commune",
    "lieu": "lieu",
    "structure": "structure",
}
"""Placeholder words, French like the notes they stand in."""

PATTERN_PLACEHOLDERS = {
    Label.EMAIL: "[e-mail]",
    Label.PHONE: "[téléphone]",
    Label.ID: "[identifiant]",
    Label.DATE: "[date]",
    Label.ADDRESS: "[adresse]",
}


class Verdict(StrEnum):
    """The facilitator's decision on a suggested form."""

    ACCEPT = "accept"
    """Mask it wherever it is suggested."""
    REJECT = "reject"
    """Not a name: never suggest it again."""
    ALWAYS = "always"
    """A known term from now on: masked everywhere, in any spelling."""
    NEVER = "never"
    """A kept term from now on: never masked (roster names excepted)."""


@dataclass
class Entity:
    """A third party, place or structure with its placeholder."""

    key: str
    label: Label
    category: str
    number: int
    rename: str = field(default="", repr=False)
    """The facilitator's own wording ("une usagère âgée"), used as is."""

    @property
    def placeholder(self) -> str:
        """What stands for it in the pseudonymised layer."""
        return self.rename or f"[{CATEGORIES[self.category]} {self.number}]"


@dataclass(frozen=True)
class LearnedForm:
    """A spelling found in one note and looked for in every note of the intervention."""

    keys: tuple[str, ...]
    case: Case
    entity: str
    label: Label


@dataclass
class PseudonymMap:
    """Entities, learned forms and decisions of one intervention (a vault document)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    learned: dict[str, LearnedForm] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    known_terms: list[KnownTerm] = field(default_factory=list)
    never: list[str] = field(default_factory=list)
    revision: int = 0
    """Bumped by every change to what is detected (forms, decisions, terms), so an engine
    knows when to rebuild its index; new entities and renames only change placeholders."""

    def entity(self, key: str) -> Entity | None:
        """The entity with this key, if it exists."""
        return self.entities.get(key)

    def ensure(self, key: str, label: Label, category: str) -> Entity:
        """The entity with this key, created with the next number of its category."""
        found = self.entities.get(key)
        if found is None:
            number = 1 + sum(1 for e in self.entities.values() if e.category == category)
            found = Entity(key, label, category, number)
            self.entities[key] = found
        return found

    def learn(self, form: LearnedForm) -> bool:
        """Remember a spelling; returns False when it was known or rejected."""
        name = " ".join(form.keys)
        if name in self.learned or self.verdicts.get(name) in (Verdict.REJECT, Verdict.NEVER):
            return False
        self.learned[name] = form
        self.revision += 1
        return True

    def verdict(self, form: str) -> Verdict | None:
        """The decision on a folded form, if any."""
        return self.verdicts.get(form)

    def decide(self, text: str, verdict: Verdict, label: Label = Label.PERSON) -> None:
        """Record a decision on a surface text; "always" and "never" extend the lists."""
        form = fold_phrase(text)
        self.verdicts[form] = verdict
        if verdict is Verdict.ALWAYS and all(fold_phrase(t.text) != form for t in self.known_terms):
            self.known_terms.append(KnownTerm(text, label))
        if verdict is Verdict.NEVER and all(fold_phrase(t) != form for t in self.never):
            self.never.append(text)
        if verdict in (Verdict.REJECT, Verdict.NEVER):
            self.learned.pop(form, None)
        self.revision += 1

    def rename(self, key: str, text: str) -> None:
        """Give an entity the facilitator's own placeholder ("" restores the numbered one)."""
        self.entities[key].rename = text.strip()

    def placeholders(self) -> Iterator[str]:
        """Every placeholder text in use (the gate ignores them)."""
        yield from (entity.placeholder for entity in self.entities.values())
        yield from PATTERN_PLACEHOLDERS.values()

    def to_dict(self) -> dict[str, Any]:
        """A plain document for the vault (JSON-compatible)."""
        return {
            "version": FORMAT_VERSION,
            "entities": [
                {"key": e.key, "label": e.label.value, "category": e.category}
                | {"number": e.number, "rename": e.rename}
                for e in self.entities.values()
            ],
            "learned": [
                {"keys": list(f.keys), "case": f.case.value, "entity": f.entity}
                | {"label": f.label.value}
                for f in self.learned.values()
            ],
            "verdicts": {form: verdict.value for form, verdict in self.verdicts.items()},
            "known_terms": [{"text": t.text, "label": t.label.value} for t in self.known_terms],
            "never": list(self.never),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PseudonymMap:
        """Read a document written by ``to_dict``; raises ValueError on an unknown version."""
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"unknown pseudonym mapping version {data.get('version')!r}")
        mapping = cls()
        for e in data.get("entities", ()):
            entity = Entity(e["key"], Label(e["label"]), e["category"], int(e["number"]))
            entity.rename = str(e.get("rename", ""))
            mapping.entities[entity.key] = entity
        for f in data.get("learned", ()):
            form = LearnedForm(tuple(f["keys"]), Case(f["case"]), f["entity"], Label(f["label"]))
            mapping.learned[" ".join(form.keys)] = form
        mapping.verdicts = {k: Verdict(v) for k, v in data.get("verdicts", {}).items()}
        mapping.known_terms = [
            KnownTerm(t["text"], Label(t["label"])) for t in data.get("known_terms", ())
        ]
        mapping.never = [str(term) for term in data.get("never", ())]
        return mapping

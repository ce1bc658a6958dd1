"""Pseudonymisation of session notes: detectors, consistent placeholders, the export gate.

Nothing heavy happens at import: the spaCy model loads only when asked, on a background
thread if wanted (``shared_model().start_loading()``). The public API:

* ``Pseudonymiser(roster, mapping, model=...)``: ``learn(texts)``, ``pseudonymise(text)``,
  ``pseudonymise_many(texts)``, ``detect(text)``;
* ``PseudonymMap``: the vault document (``to_dict``/``from_dict``), ``decide``, ``rename``;
* ``pending``, ``decide``, ``rename`` (``review``): what the review screen lists and does;
* ``residual_scan(text, GateContext(engine))`` and ``scan_items``: the gate before an export.
"""

from __future__ import annotations

from appsession.anonymise.engine import Pseudonymised, Pseudonymiser, Replacement
from appsession.anonymise.gate import GateContext, Hit, Reason, residual_scan, scan_items
from appsession.anonymise.keep import KeepList
from appsession.anonymise.mapping import Entity, PseudonymMap, Verdict
from appsession.anonymise.model import LanguageModel, shared_model
from appsession.anonymise.review import PendingForm, Suggestion, decide, pending, rename
from appsession.anonymise.roster import KnownTerm, Roster, RosterPerson
from appsession.anonymise.spans import Label, Source

__all__ = [
    "Entity",
    "GateContext",
    "Hit",
    "KeepList",
    "KnownTerm",
    "Label",
    "LanguageModel",
    "PendingForm",
    "PseudonymMap",
    "Pseudonymised",
    "Pseudonymiser",
    "Reason",
    "Replacement",
    "Roster",
    "RosterPerson",
    "Source",
    "Suggestion",
    "Verdict",
    "decide",
    "pending",
    "rename",
    "residual_scan",
    "scan_items",
    "shared_model",
]

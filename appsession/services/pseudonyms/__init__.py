"""The pseudonymised layer of the app: one intervention's roster, known terms and pseudonym map.

* ``PseudonymLayer(vault, intervention_id, people=None)``: ``texts(notes)``/``text(note)`` give
  what analysis, drafts and exports read; ``decide``, ``rename``, ``add_known_term``,
  ``add_kept_term``, ``save``, ``refresh``; ``known_terms()``; ``gate_scan(model=None)`` for
  the export gate.
* ``store``: the map in the vault (``pseudonym-map``, and its parts owned like the notes they
  come from, so a withdrawal shreds what was learned from the withdrawn person's words).
* ``review.ReviewService(vault, intervention_id, model=None)``: what the review screen and
  ``appsession review`` list and do (imported from its module: it reads the analysis roster).
"""

from __future__ import annotations

from appsession.services.pseudonyms.layer import PseudonymLayer, shard_of
from appsession.services.pseudonyms.store import MAP_DOCUMENT, PART_DOCUMENT, Shard

__all__ = ["MAP_DOCUMENT", "PART_DOCUMENT", "PseudonymLayer", "Shard", "shard_of"]

"""The pseudonymised layer of the app: one intervention's roster, known terms and pseudonym map.

* ``PseudonymLayer(vault, intervention_id)``: ``texts(notes)``/``text(note)`` give what
  analysis, drafts and exports read; ``decide``, ``rename``, ``add_known_term``,
  ``add_kept_term``, ``save``; ``gate_context(model)`` for the export gate.
* ``store``: the map in the vault (``pseudonym-map`` and its parts owned like the notes).
* ``review``: what the review screen and ``appsession review`` list and do.
"""

from __future__ import annotations

from appsession.services.pseudonyms.layer import PseudonymLayer, shard_of
from appsession.services.pseudonyms.store import MAP_DOCUMENT, PART_DOCUMENT, Shard

__all__ = ["MAP_DOCUMENT", "PART_DOCUMENT", "PseudonymLayer", "Shard", "shard_of"]

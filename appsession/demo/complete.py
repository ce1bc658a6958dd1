"""The whole demo: the raw material of the sessions, then what a facilitator makes of it.

Each stage is its own module (pseudonyms, analysis, validation) so that tests can build only
what they need; ``complete_demo`` runs them in the order a real cycle would.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from appsession.demo.analysis import add_demo_analysis
from appsession.demo.build import DemoSummary, Progress, build_demo
from appsession.demo.plan import DemoSize
from appsession.demo.pseudonyms import NOTES as REVIEW_NOTES
from appsession.demo.pseudonyms import add_demo_pseudonyms
from appsession.demo.validation import add_demo_validation

if TYPE_CHECKING:
    from appsession.vault import Vault


def complete_demo(vault: Vault, size: DemoSize, progress: Progress | None = None) -> DemoSummary:
    """Sessions and notes, pseudonyms, then the codebook and draft, then the groups' decisions.

    The pseudonyms stage adds a few facilitator notes naming third parties, for the review.
    """
    summary = build_demo(vault, size, progress)
    add_demo_pseudonyms(vault, summary.intervention_id, size.seed)
    add_demo_analysis(vault, summary.intervention_id, size.seed)
    add_demo_validation(vault, summary.intervention_id, size.seed)
    return replace(summary, notes=summary.notes + len(REVIEW_NOTES))

"""The whole demo: the raw material of the sessions, then what a facilitator makes of it.

Each stage is its own module (analysis, validation, pseudonyms) so that tests can build only
what they need; ``complete_demo`` runs them in the order a real cycle would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from appsession.demo.analysis import add_demo_analysis
from appsession.demo.build import DemoSummary, Progress, build_demo
from appsession.demo.plan import DemoSize
from appsession.demo.validation import add_demo_validation

if TYPE_CHECKING:
    from appsession.vault import Vault


def complete_demo(vault: Vault, size: DemoSize, progress: Progress | None = None) -> DemoSummary:
    """Sessions and notes, then the codebook and draft, then the groups' decisions."""
    summary = build_demo(vault, size, progress)
    add_demo_analysis(vault, summary.intervention_id, size.seed)
    add_demo_validation(vault, summary.intervention_id, size.seed)
    return summary

"""Words for protocol concepts, shared by the CLI and the TUI."""

from __future__ import annotations

from appsession.core.model import NoteKind
from appsession.core.protocol import PresenterStatus, Protocol
from appsession.i18n import _, pick


def presenter_status_text(status: PresenterStatus) -> str:
    """How the presenter's status reads in the current language."""
    texts = {
        PresenterStatus.SPEAKS: _("the presenter speaks"),
        PresenterStatus.ANSWERS: _("the presenter answers only"),
        PresenterStatus.SILENT: _("the presenter stays silent"),
        PresenterStatus.ABSENT: _("no presenter in this phase"),
    }
    return texts[status]


def note_kind_text(kind: NoteKind) -> str:
    """A note kind's name in the current language."""
    texts = {
        NoteKind.OBSERVATION: _("observation"),
        NoteKind.PARAPHRASE: _("paraphrase"),
        NoteKind.VERBATIM: _("verbatim"),
        NoteKind.QUESTION: _("question"),
        NoteKind.HYPOTHESIS: _("hypothesis"),
        NoteKind.RESONANCE: _("resonance"),
        NoteKind.ACTION: _("action"),
    }
    return texts[kind]


def role_text(protocol: Protocol, role: str) -> str:
    """The protocol's own word for a canonical role (e.g. "exposant·e" for presenter)."""
    labels = protocol.roles.get(role)
    return pick(labels) if labels else role

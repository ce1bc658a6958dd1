"""``appsession import --roster R --notes N``: a corpus becomes a new intervention.

Both files are read and checked whole before the vault is even unlocked, and everything is
written in one transaction: a malformed line, a wrong passphrase or a full disk leaves the vault
as it was.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.vault_access import add_vault_options, guarded, unlocked
from appsession.core.corpus import (
    FACILITATOR,
    CorpusError,
    CorpusNote,
    Roster,
    parse_notes,
    parse_roster,
)
from appsession.core.model import Consent, Note, NoteKind
from appsession.demo.stamp import protocol_stamp
from appsession.i18n import _
from appsession.vault import Vault

PHASE_IDS = {
    "expose": "expose",
    "clarification": "clarification",
    "hypotheses": "hypotheses",
    "retour": "return",
    "synthese": "closing",
    "other": "",
}
"""Corpus phases → phases of the ``app-classique`` protocol ("other": no phase)."""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``import``."""
    parser = subparsers.add_parser(
        "import",
        help=_("import a notes corpus as a new intervention"),
        description=_(
            "Import roster.json and notes.jsonl (the corpus format) as a new intervention with "
            "one group, its participants and their sessions. Nothing is imported if any line is "
            "malformed."
        ),
    )
    add_vault_options(parser)
    parser.add_argument(
        "--roster", type=Path, required=True, metavar=_("FILE"), help=_("the roster.json file")
    )
    parser.add_argument(
        "--notes", type=Path, required=True, metavar=_("FILE"), help=_("the notes.jsonl file")
    )
    parser.add_argument(
        "--title", metavar=_("TITLE"), help=_("the intervention's title (default: the roster's)")
    )
    parser.set_defaults(handler=guarded(import_corpus))


@dataclass(frozen=True)
class Imported:
    """Counts for the report."""

    participants: int
    sessions: int
    notes: int
    without_consent: int


def import_corpus(args: argparse.Namespace, ctx: CliContext) -> int:
    """Check both files, unlock, write everything in one transaction, report."""
    roster = parse_roster(_read(args.roster), args.roster.name)
    notes = parse_notes(_read(args.notes), args.notes.name, roster)
    title = args.title if args.title is not None else roster.intervention
    if not title.strip():
        raise CorpusError(_("the intervention needs a title: give --title"))
    with unlocked(args, ctx) as vault, vault.batch():
        done = _write(vault, ctx, title.strip(), roster, notes)
    ctx.say(
        _(
            "Imported as a new intervention: {notes} notes, {participants} participants, "
            "{sessions} sessions."
        ).format(notes=done.notes, participants=done.participants, sessions=done.sessions)
    )
    if done.without_consent:
        ctx.say(
            _(
                "Participants with no recorded note-taking consent: {count}. Record it before "
                "using their notes."
            ).format(count=done.without_consent)
        )
    return 0


def _read(path: Path) -> str:
    """A corpus file as text; a located error if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(_("no file {path}").format(path=path)) from None
    except UnicodeDecodeError:
        raise CorpusError(_("{path}: not UTF-8 text").format(path=path)) from None
    except OSError as error:
        raise CorpusError(
            _("cannot read {path} ({reason})").format(
                path=path, reason=error.strerror or type(error).__name__
            )
        ) from None


def _write(
    vault: Vault, ctx: CliContext, title: str, roster: Roster, notes: tuple[CorpusNote, ...]
) -> Imported:
    """The intervention, its group, participants with consent, sessions and notes."""
    intervention = vault.add_intervention(title)
    group = vault.add_group(intervention.id, _("Imported group"))
    people = _write_people(vault, group.id, roster)
    stamp = protocol_stamp()
    sessions = {
        number: vault.add_session(group.id, number, "", stamp.id, stamp.version, stamp.sha256).id
        for number in sorted({note.session for note in notes})
    }
    start = ctx.clock.now()
    for index, note in enumerate(notes):
        typed_at = (start + timedelta(microseconds=index)).isoformat(timespec="microseconds")
        vault.save_note(
            Note(
                id="",
                session_id=sessions[note.session],
                text=note.text,
                phase_id=PHASE_IDS[note.phase],
                speaker_id="" if note.speaker == FACILITATOR else people[note.speaker],
                kind=NoteKind(note.kind),
                created_at=typed_at,
            )
        )
    unknown = sum(1 for entry in roster.participants if entry.note_taking is None)
    return Imported(len(people), len(sessions), len(notes), unknown)


def _write_people(vault: Vault, group_id: str, roster: Roster) -> dict[str, str]:
    """Participants with the note-taking consent the roster records; ids by real name."""
    people: dict[str, str] = {}
    for entry in roster.participants:
        person = vault.add_participant(group_id, entry.name, entry.pseudonym)
        people[entry.name] = person.id
        vault.set_consent(Consent(person.id, note_taking=entry.note_taking))
    return people

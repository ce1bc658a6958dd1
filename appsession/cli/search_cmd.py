"""``appsession search QUERY``: every note is decrypted in memory and searched there.

There is no search index on disk: it would hold the notes' words in clear.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.vault_access import add_vault_options, guarded, unlocked
from appsession.core.errors import UserError
from appsession.core.model import Group, Note, Theme
from appsession.core.search import NoteIndex, SearchHit, fold, parse_query
from appsession.i18n import _
from appsession.vault import Vault


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``search``."""
    parser = subparsers.add_parser(
        "search",
        help=_("search every note (in memory, after unlocking)"),
        description=_(
            "Find the notes holding every word of QUERY, whatever their case and accents "
            '("quoted words" must follow each other). Prints the session, phase, speaker '
            "pseudonym and text of each note, best matches first."
        ),
    )
    add_vault_options(parser)
    parser.add_argument("query", metavar=_("QUERY"), help=_("the words to find"))
    parser.add_argument("--group", metavar=_("GROUP"), help=_("only this group (part of its name)"))
    parser.add_argument(
        "--theme", metavar=_("THEME"), help=_("only notes tagged with this theme (or a sub-theme)")
    )
    parser.add_argument("--limit", type=int, metavar=_("N"), help=_("show at most N notes"))
    parser.add_argument("--json", action="store_true", help=_("print JSON for other programs"))
    parser.set_defaults(handler=guarded(search))


@dataclass(frozen=True)
class Directory:
    """What a note's ids mean: groups, session numbers, speakers' pseudonyms, theme names."""

    groups: dict[str, Group]
    group_of_session: dict[str, str]
    session_number: dict[str, int]
    pseudonyms: dict[str, str]
    themes: dict[str, Theme]


def search(args: argparse.Namespace, ctx: CliContext) -> int:
    """Unlock, load every note, search, print."""
    query = parse_query(args.query)
    if query.is_empty and args.theme is None:
        raise UserError(_("give at least one word to search for"), exit_code=2)
    if args.limit is not None and args.limit < 1:
        raise UserError(_("--limit must be at least 1"), exit_code=2)
    with unlocked(args, ctx) as vault:
        directory = _directory(vault)
        index = NoteIndex(
            vault.all_notes(),
            group_of_session=directory.group_of_session,
            session_number=directory.session_number,
        )
    group_ids = _groups_named(directory, args.group) if args.group is not None else None
    theme_ids = _themes_named(directory, args.theme) if args.theme is not None else None
    hits = index.search(query, group_ids=group_ids, theme_ids=theme_ids, limit=args.limit)
    if args.json:
        ctx.say(
            json.dumps([_as_json(hit, directory) for hit in hits], ensure_ascii=False, indent=1)
        )
    else:
        _print_hits(hits, directory, ctx)
    return 0


def _directory(vault: Vault) -> Directory:
    """Read the small records a hit needs, once."""
    groups: dict[str, Group] = {}
    group_of_session: dict[str, str] = {}
    numbers: dict[str, int] = {}
    pseudonyms: dict[str, str] = {}
    themes: dict[str, Theme] = {}
    for intervention in vault.interventions():
        themes.update((theme.id, theme) for theme in vault.themes(intervention.id))
        for group in vault.groups(intervention.id):
            groups[group.id] = group
            for session in vault.sessions(group.id):
                group_of_session[session.id] = group.id
                numbers[session.id] = session.number
            pseudonyms.update((p.id, p.pseudonym) for p in vault.participants(group.id))
    return Directory(groups, group_of_session, numbers, pseudonyms, themes)


def _groups_named(directory: Directory, wanted: str) -> set[str]:
    """Groups whose id is ``wanted`` or whose name contains it (case and accents ignored)."""
    needle = fold(wanted).strip()
    found = {
        group.id
        for group in directory.groups.values()
        if group.id == wanted or (needle and needle in fold(group.name))
    }
    if not found:
        raise UserError(_("no group matches {name}").format(name=wanted), exit_code=2)
    return found


def _themes_named(directory: Directory, wanted: str) -> set[str]:
    """Themes named ``wanted`` (exactly, else in part), with all their sub-themes."""
    needle = fold(wanted)
    exact = {t.id for t in directory.themes.values() if fold(t.name) == needle or t.id == wanted}
    partial = {t.id for t in directory.themes.values() if needle.strip() in fold(t.name)}
    chosen = exact or partial
    if not chosen or not needle.strip():
        raise UserError(_("no theme matches {name}").format(name=wanted), exit_code=2)
    return _with_descendants(chosen, directory.themes.values())


def _with_descendants(roots: set[str], themes: Iterable[Theme]) -> set[str]:
    """The themes and, level after level, their children."""
    children: dict[str, list[str]] = {}
    for theme in themes:
        children.setdefault(theme.parent_id, []).append(theme.id)
    found, frontier = set(roots), list(roots)
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def _speaker(note: Note, directory: Directory) -> str:
    if not note.speaker_id:
        return _("facilitator")
    return directory.pseudonyms.get(note.speaker_id, "?")


def _print_hits(hits: list[SearchHit], directory: Directory, ctx: CliContext) -> None:
    """One paragraph a note: where it was said, by whom, then the text."""
    several_groups = len(directory.groups) > 1
    for hit in hits:
        note = hit.note
        where = _("session {number}").format(
            number=directory.session_number.get(note.session_id, "?")
        )
        if several_groups:
            group = directory.groups.get(directory.group_of_session.get(note.session_id, ""))
            where = f"{group.name if group else '?'} · {where}"
        phase = note.phase_id or "—"
        off = " " + _("(off the record)") if note.off_record else ""
        ctx.say(f"{where} · {phase} · {_speaker(note, directory)}{off}")
        ctx.say(f"  {note.text}")
    ctx.say(_("Notes found: {count}").format(count=len(hits)))


def _as_json(hit: SearchHit, directory: Directory) -> dict[str, object]:
    note = hit.note
    group = directory.groups.get(directory.group_of_session.get(note.session_id, ""))
    return {
        "note_id": note.id,
        "group": group.name if group else None,
        "session": directory.session_number.get(note.session_id),
        "phase": note.phase_id,
        "speaker": _speaker(note, directory),
        "kind": str(note.kind),
        "themes": [directory.themes[t].name for t in note.themes if t in directory.themes],
        "off_record": note.off_record,
        "text": note.text,
        "score": hit.score,
    }

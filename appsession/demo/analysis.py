"""The demo's analysis: a codebook, coded notes, memos and a draft of a few sections.

Everything goes through the analysis and draft services, so the demo obeys the consent rules
like a facilitator would: evidence only from participants who agreed to the restitution, a
quotation only from a verbatim note of someone who agreed to be quoted. One lead for action
names a rare role and a month on purpose, so that the draft shows a re-identification warning.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from appsession.core.matrix import AnalysisNote
from appsession.core.model import ItemKind, NoteKind
from appsession.core.reidentification import neutral
from appsession.core.search import fold
from appsession.services.analysis import AnalysisService, Memo, MemoTarget
from appsession.services.draft import DraftService

if TYPE_CHECKING:
    from appsession.vault import Vault

CODING_SAMPLE = 400
"""Uncoded notes the demo codes by keyword (enough to show it, quick on a big vault)."""
EVIDENCE = 8
PALETTE = ("#2E86C1", "#CA6F1E", "#138D75", "#B03A2E", "#7D3C98", "#D4AC0D", "#566573")

SECTIONS = (
    "Ce qui se joue avec les usagers",
    "Organisation du travail et partenaires",
    "Pistes d'action",
)
ANALYSES = (
    "Dans les deux groupes, « {theme} » revient d'une séance à l'autre : les situations "
    "apportées décrivent un travail d'accueil qui déborde du cadre prévu, tenu au prix d'un "
    "engagement personnel que l'institution voit peu.",
    "« {theme} » traverse le cycle : les professionnelles et professionnels disent manquer de "
    "relais et de temps pour reprendre les situations difficiles, et construisent entre pairs "
    "des manières de faire qui ne sont écrites nulle part.",
)
ACTIONS = (
    "Réunir deux fois par an les partenaires du territoire pour clarifier qui fait quoi et "
    "établir des contacts directs, afin de limiter les renvois de guichet en guichet.",
    "Prévoir un temps d'échange régulier avec l'encadrement sur les situations difficiles "
    "rencontrées à l'accueil.",
)
RARE_ROLE_ACTION = (
    "Le poste « {role} » reste isolé : depuis mars, les demandes s'accumulent sans relais ; "
    "prévoir un binôme ou une suppléance."
)


def add_demo_analysis(vault: Vault, intervention_id: str, seed: int) -> None:
    """Write the demo's codebook colours, coding, memos and draft into ``vault``."""
    chance = random.Random(seed)
    analysis = AnalysisService(vault, intervention_id, vault.clock)
    if not len(analysis.codebook()):
        analysis.seed_default_codebook("fr")
    _colour(analysis)
    _code_by_keyword(analysis, chance)
    notes = sorted(analysis.notes(), key=_reading_order)
    ranked = _themes_by_use(analysis, notes)
    _memos(analysis, notes, ranked)
    _draft(DraftService(analysis), notes, ranked, chance)


def _reading_order(note: AnalysisNote) -> tuple[int, str, str]:
    """An order that does not depend on the vault's random ids (same seed, same demo)."""
    return note.session_number, note.note.created_at, note.text


def _colour(analysis: AnalysisService) -> None:
    """Give top-level themes a colour for QDA tools, their sub-themes the same."""
    if analysis.colors():
        return
    book = analysis.codebook()
    colours: dict[str, str] = {}
    for index, root in enumerate(book.children()):
        colour = PALETTE[index % len(PALETTE)]
        colours[root.id] = colour
        colours.update(dict.fromkeys(book.descendants(root.id), colour))
    from appsession.core.codebook import CodebookChange

    analysis.apply(CodebookChange(themes=book.themes), colours)


def _code_by_keyword(analysis: AnalysisService, chance: random.Random) -> None:
    """Code a sample of uncoded notes with the theme whose name shares a word with them."""
    book = analysis.codebook()
    words = {
        t.id: {w for w in fold(t.name).split() if len(w) >= 6}
        for t, _depth in book.walk()
        if not book.children(t.id)
    }
    uncoded = sorted((n for n in analysis.notes() if not n.note.themes), key=_reading_order)
    sample = chance.sample(uncoded, min(CODING_SAMPLE, len(uncoded)))
    by_theme: dict[str, list[str]] = {}
    for note in sample:
        folded = fold(note.text)
        for theme_id, keys in words.items():
            if any(f" {w}" in folded for w in keys):
                by_theme.setdefault(theme_id, []).append(note.id)
                break
    for theme_id, note_ids in by_theme.items():
        analysis.tag(note_ids, [theme_id])


def _themes_by_use(analysis: AnalysisService, notes: Sequence[AnalysisNote]) -> list[str]:
    """Theme ids, most used first (among notes usable in the restitution)."""
    counts: dict[str, int] = {}
    for note in notes:
        if note.usable:
            for theme_id in set(note.note.themes):
                counts[theme_id] = counts.get(theme_id, 0) + 1
    book = analysis.codebook()
    return sorted((t for t in counts if t in book), key=lambda t: (-counts[t], book.label(t)))


def _memos(analysis: AnalysisService, notes: Sequence[AnalysisNote], ranked: list[str]) -> None:
    if ranked:
        analysis.save_memo(
            Memo(
                "",
                MemoTarget.THEME,
                ranked[0],
                "Thème le plus présent : vérifier s'il recouvre deux réalités distinctes "
                "(charge ressentie et organisation effective) avant la restitution.",
            )
        )
    if notes:
        analysis.save_memo(
            Memo(
                "",
                MemoTarget.SESSION,
                notes[0].note.session_id,
                "Première séance : beaucoup de précautions sur la confidentialité ; "
                "le cadre a été redit deux fois.",
            )
        )
    situated = next((n for n in notes if n.note.situation_id), None)
    if situated is not None:
        analysis.save_memo(
            Memo(
                "",
                MemoTarget.SITUATION,
                situated.note.situation_id,
                "Situation emblématique du renvoi entre organismes ; à relier aux pistes "
                "sur le partenariat.",
            )
        )


def _evidence(notes: Sequence[AnalysisNote], theme_id: str) -> list[str]:
    """Usable notes of a theme from distinct speakers, alternating between groups."""
    by_group: dict[str, list[AnalysisNote]] = {}
    for note in notes:
        if note.usable and note.note.speaker_id and theme_id in note.note.themes:
            by_group.setdefault(note.group_id, []).append(note)
    picked: list[str] = []
    speakers: set[str] = set()
    queues = list(by_group.values())
    while len(picked) < EVIDENCE and any(queues):
        for queue in queues:
            while queue and queue[0].note.speaker_id in speakers:
                queue.pop(0)
            if queue and len(picked) < EVIDENCE:
                note = queue.pop(0)
                speakers.add(note.note.speaker_id)
                picked.append(note.id)
    return picked


def _draft(
    draft: DraftService,
    notes: Sequence[AnalysisNote],
    ranked: list[str],
    chance: random.Random,
) -> None:
    book = draft.analysis.codebook()
    for section in SECTIONS:
        draft.add_section(section)
    for index, theme_id in enumerate(ranked[:4]):
        section = SECTIONS[0] if index % 2 == 0 else SECTIONS[1]
        text = ANALYSES[index % len(ANALYSES)].format(theme=book.get(theme_id).name)
        draft.create_item(section, ItemKind.ANALYSIS, _evidence(notes, theme_id), text)
    quotable = sorted(
        (n for n in notes if n.quotable and n.note.kind is NoteKind.VERBATIM),
        key=lambda n: (n.session_number, n.note.created_at, n.text),
    )
    for note in chance.sample(quotable, min(2, len(quotable))):
        draft.create_item(SECTIONS[0], ItemKind.VERBATIM, [note.id])
    for index, text in enumerate(ACTIONS):
        theme_id = ranked[index % len(ranked)] if ranked else ""
        evidence = _evidence(notes, theme_id) if theme_id else []
        draft.create_item(SECTIONS[2], ItemKind.ACTION, evidence, text)
    _rare_role_action(draft, notes)


def _rare_role_action(draft: DraftService, notes: Sequence[AnalysisNote]) -> None:
    """A lead for action that names a role held by one person (it will be flagged)."""
    rare = set(draft.facts().rare_roles)
    for person in sorted(draft.analysis.roster.people, key=lambda p: (p.role, p.pseudonym)):
        role = person.role.split(",")[0].strip()
        if not role or neutral(role).strip() not in rare:
            continue
        spoken = [n.id for n in notes if n.usable and n.note.speaker_id == person.id][:2]
        if spoken:
            text = RARE_ROLE_ACTION.format(role=role)
            draft.create_item(SECTIONS[2], ItemKind.ACTION, spoken, text)
            return

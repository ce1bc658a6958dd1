"""The matrix equals a count computed independently from the notes."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from appsession.core.codebook import Codebook
from appsession.core.matrix import (
    AnalysisIndex,
    AnalysisNote,
    Axis,
    Column,
    NoteFilter,
    build_matrix,
    matrix_csv,
)
from appsession.core.model import Note, NoteKind, Theme
from tests.analysis.conftest import Demo

THEMES = [
    Theme("a", "i", "Alpha"),
    Theme("b", "i", "Beta", parent_id="a"),
    Theme("c", "i", "=Gamma"),
    Theme("d", "i", "Delta", parent_id="b"),
]


@st.composite
def analysis_notes(draw: st.DrawFn) -> list[AnalysisNote]:
    count = draw(st.integers(0, 60))
    notes = []
    for k in range(count):
        note = Note(
            f"n{k}",
            f"s{draw(st.integers(1, 4))}",
            "texte",
            situation_id=draw(st.sampled_from(["", "x", "y", "z"])),
            themes=tuple(draw(st.lists(st.sampled_from(["a", "b", "c", "d", "gone"]), max_size=3))),
        )
        group = draw(st.sampled_from(["g1", "g2"]))
        notes.append(AnalysisNote(note, note.text, group, int(note.session_id[1:])))
    return notes


def brute_force(
    notes: list[AnalysisNote], axis: Axis, rollup: bool
) -> tuple[Counter[tuple[str, str]], dict[tuple[str, str], set[str]]]:
    """Counts written the long way, without the module's helpers."""
    parents = {"a": "", "b": "a", "c": "", "d": "b"}
    counts: Counter[tuple[str, str]] = Counter()
    situations: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in notes:
        column = str(n.session_number) if axis is Axis.SESSION else n.group_id
        themes = {t for t in n.note.themes if t in parents}
        if rollup:
            for t in list(themes):
                while parents[t]:
                    t = parents[t]
                    themes.add(t)
        for t in themes:
            counts[(t, column)] += 1
            if n.note.situation_id:
                situations[(t, column)].add(n.note.situation_id)
    return counts, situations


@settings(max_examples=150, deadline=None)
@given(analysis_notes(), st.sampled_from(list(Axis)), st.booleans())
def test_matrix_equals_an_independent_count(
    notes: list[AnalysisNote], axis: Axis, rollup: bool
) -> None:
    columns = (
        [Column(str(k), f"S{k}") for k in range(1, 5)]
        if axis is Axis.SESSION
        else [Column("g1", "G1"), Column("g2", "G2")]
    )
    matrix = build_matrix(notes, Codebook(THEMES), axis, columns, rollup=rollup)
    counts, situations = brute_force(notes, axis, rollup)
    for theme in "abcd":
        for column in columns:
            cell = matrix.cell(theme, column.key)
            assert cell.count == counts[(theme, column.key)]
            assert cell.situations == len(situations[(theme, column.key)])
            assert len(set(cell.notes)) == cell.count
    for column in columns:
        assert matrix.totals[column.key] == sum(
            1
            for n in notes
            if (str(n.session_number) if axis is Axis.SESSION else n.group_id) == column.key
        )
    rows = list(csv.reader(io.StringIO(matrix_csv(matrix, Codebook(THEMES)))))
    assert len(rows) == 1 + len(THEMES)
    assert rows[1 + [t.id for t in Codebook(THEMES).themes].index("c")][0] == "'=Gamma"


def test_trend_is_the_share_of_each_session() -> None:
    notes = [
        AnalysisNote(Note(f"n{k}", "s", "t", themes=("a",) if k % 2 else ()), "t", "g", 1 + k // 4)
        for k in range(8)
    ]
    matrix = build_matrix(
        notes,
        Codebook(THEMES),
        Axis.SESSION,
        [Column("1", "S1"), Column("2", "S2"), Column("3", "S3")],
    )
    assert matrix.counts("a") == (2, 2, 0)
    assert matrix.trend("a") == (0.5, 0.5, 0.0)


def test_filters_keep_exactly_what_they_say() -> None:
    notes = [
        AnalysisNote(
            Note(
                f"n{k}",
                f"s{k % 3}",
                f"Démarche numéro {k} à l'ÉCOLE",
                phase_id=["expose", "hypotheses"][k % 2],
                situation_id=f"x{k % 4}",
                kind=[NoteKind.VERBATIM, NoteKind.QUESTION][k % 2],
                themes=("a",) if k % 5 == 0 else (),
            ),
            f"Démarche numéro {k} à l'ÉCOLE",
            f"g{k % 2}",
            k % 3,
            speaker=f"P{k % 3}",
        )
        for k in range(30)
    ]
    index = AnalysisIndex(notes)
    wanted = NoteFilter(
        group_ids=frozenset({"g0"}),
        kinds=frozenset({NoteKind.VERBATIM}),
        speakers=frozenset({"P1"}),
        text="ecole demarche",
    )
    expected = {n.id for n in notes if n.group_id == "g0" and n.speaker == "P1"}
    assert {n.id for n in index.select(wanted)} == expected
    assert {n.id for n in index.select(NoteFilter(untagged=True))} == {
        n.id for n in notes if not n.note.themes
    }
    assert {n.id for n in index.select(NoteFilter(theme_ids=frozenset({"a"}), text="12"))} == set()
    assert len(index.select(NoteFilter(text="numero 15"))) == 1


def test_the_service_matrix_matches_the_vault(demo: Demo) -> None:
    """Independent count from the vault's own records, off-record notes and refusers left out."""
    service = demo.analysis()
    vault = demo.vault
    groups = vault.groups(demo.intervention_id)
    sessions = {s.id: s for g in groups for s in vault.sessions(g.id)}
    excluded = {
        p.id
        for g in groups
        for p in vault.participants(g.id)
        if vault.consent(p.id).note_taking is False or vault.consent(p.id).withdrawn_on
    }
    expected: Counter[tuple[str, str]] = Counter()
    for note in vault.all_notes():
        if note.off_record or note.speaker_id in excluded or note.session_id not in sessions:
            continue
        for theme in set(note.themes):
            expected[(theme, str(sessions[note.session_id].number))] += 1
    matrix = service.matrix(Axis.SESSION)
    found = Counter(
        {
            (row.theme_id, column.key): matrix.cell(row.theme_id, column.key).count
            for row in matrix.rows
            for column in matrix.columns
            if matrix.cell(row.theme_id, column.key).count
        }
    )
    assert found == expected
    assert sum(expected.values()) > 50

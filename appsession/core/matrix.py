"""The analysis layer: analysable notes, the workspace filters, and the theme matrix.

The workspace works on pseudonymised notes only (``AnalysisNote.text``); off-record notes and
notes of withdrawn participants never get here (the service leaves them out). The matrix counts,
for each theme and each session number of the cycle (or each group), the notes coded with it and
the distinct situations they come from; it also keeps the note ids so that a cell opens at once.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from appsession.core.codebook import Codebook
from appsession.core.model import Note, NoteKind
from appsession.core.search import fold, parse_query
from appsession.i18n import _


@dataclass(frozen=True)
class AnalysisNote:
    """A note as the analysis sees it: pseudonymised text and where it comes from."""

    note: Note
    text: str = field(repr=False)
    group_id: str
    session_number: int
    speaker: str = field(repr=False, default="")
    """The speaker's pseudonym; "" for the facilitator."""
    usable: bool = True
    """The speaker agreed to appear in the restitution (always true for the facilitator)."""
    quotable: bool = False
    """A verbatim note of a speaker who agreed to be quoted: it can become a quotation."""

    @property
    def id(self) -> str:
        """The note's id."""
        return self.note.id


@dataclass(frozen=True)
class NoteFilter:
    """What the facilitator narrows the notes to; an empty criterion keeps everything."""

    group_ids: frozenset[str] = frozenset()
    session_ids: frozenset[str] = frozenset()
    situation_ids: frozenset[str] = frozenset()
    phase_ids: frozenset[str] = frozenset()
    kinds: frozenset[NoteKind] = frozenset()
    speakers: frozenset[str] = frozenset()
    """Pseudonyms; "" stands for the facilitator."""
    theme_ids: frozenset[str] = frozenset()
    """Notes coded with at least one of these themes."""
    untagged: bool = False
    """Only notes without any theme (for coding what is left)."""
    text: str = ""
    note_ids: frozenset[str] = frozenset()
    """Only these notes (an opened matrix cell, a draft item's evidence)."""


class AnalysisIndex:
    """The analysable notes of an intervention, kept in memory while the vault is unlocked.

    Each criterion of a filter reads one plain list (a column) rather than the note objects,
    so that filtering 72,000 notes stays a few list comprehensions.
    """

    def __init__(self, notes: Iterable[AnalysisNote]) -> None:
        self.notes = sorted(notes, key=lambda n: (n.session_number, n.group_id, n.note.created_at))
        self._position = {n.id: i for i, n in enumerate(self.notes)}
        self._folded: list[str] | None = None
        self._columns: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
        for note in self.notes:
            for name, value in zip(_COLUMNS, _row(note), strict=True):
                self._columns[name].append(value)

    def __len__(self) -> int:
        return len(self.notes)

    def get(self, note_id: str) -> AnalysisNote | None:
        """One note by id, if analysable."""
        position = self._position.get(note_id)
        return None if position is None else self.notes[position]

    def replace(self, updated: Iterable[Note]) -> None:
        """Take saved notes back in (after tagging), keeping their place and context."""
        for note in updated:
            position = self._position.get(note.id)
            if position is None:
                continue
            fresh = dataclasses.replace(self.notes[position], note=note)
            self.notes[position] = fresh
            for name, value in zip(_COLUMNS, _row(fresh), strict=True):
                self._columns[name][position] = value

    def _texts(self) -> list[str]:
        if self._folded is None:
            self._folded = [fold(n.text) for n in self.notes]
        return self._folded

    def prepare(self) -> None:
        """Fold every text now rather than on the first search."""
        self._texts()

    def positions(self, wanted: NoteFilter) -> list[int]:
        """Places (in cycle order) of the notes that pass every criterion of ``wanted``."""
        keep: Sequence[int] = range(len(self.notes))
        if wanted.note_ids:
            keep = sorted(self._position[i] for i in wanted.note_ids if i in self._position)
        for name, values in _criteria(wanted):
            column = self._columns[name]
            keep = [i for i in keep if column[i] in values]
        themes = self._columns["themes"]
        if wanted.theme_ids:
            keep = [i for i in keep if not wanted.theme_ids.isdisjoint(themes[i])]
        if wanted.untagged:
            keep = [i for i in keep if not themes[i]]
        if wanted.text.strip():
            texts = self._texts()
            for term in parse_query(wanted.text).terms:
                keep = [i for i in keep if term in texts[i]]
        return list(keep)

    def select(self, wanted: NoteFilter) -> list[AnalysisNote]:
        """The notes that pass every criterion of ``wanted``, in cycle order."""
        notes = self.notes
        return [notes[i] for i in self.positions(wanted)]


_COLUMNS = ("group", "session", "situation", "phase", "kind", "speaker", "themes")


def _row(note: AnalysisNote) -> tuple[Any, ...]:
    record = note.note
    return (
        note.group_id,
        record.session_id,
        record.situation_id,
        record.phase_id,
        record.kind,
        note.speaker,
        record.themes,
    )


def _criteria(wanted: NoteFilter) -> list[tuple[str, Collection[Any]]]:
    """(column, accepted values) for every set-valued criterion in use."""
    pairs: list[tuple[str, Collection[Any]]] = [
        ("group", wanted.group_ids),
        ("session", wanted.session_ids),
        ("situation", wanted.situation_ids),
        ("phase", wanted.phase_ids),
        ("kind", wanted.kinds),
        ("speaker", wanted.speakers),
    ]
    return [(name, values) for name, values in pairs if values]


class Axis(StrEnum):
    """What the matrix columns are: session numbers across the cycle, or groups."""

    SESSION = "session"
    GROUP = "group"


@dataclass(frozen=True)
class Column:
    """A matrix column: a session number (as text) or a group id, and its heading."""

    key: str
    label: str = field(repr=False)


@dataclass(frozen=True)
class Row:
    """A matrix row: a theme, its label and its depth in the codebook."""

    theme_id: str
    label: str = field(repr=False)
    depth: int = 0


@dataclass(frozen=True)
class Cell:
    """What a cell counts: the notes (ids) and how many distinct situations they come from."""

    notes: tuple[str, ...] = ()
    situations: int = 0

    @property
    def count(self) -> int:
        """Number of notes."""
        return len(self.notes)


EMPTY = Cell()


@dataclass(frozen=True)
class Matrix:
    """Themes × columns. ``totals`` are all analysable notes per column (for shares)."""

    axis: Axis
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    cells: Mapping[tuple[str, str], Cell] = field(repr=False)
    totals: Mapping[str, int] = field(repr=False)
    row_totals: Mapping[str, Cell] = field(repr=False)

    def cell(self, theme_id: str, column_key: str) -> Cell:
        """The cell at a theme and a column (empty if no note)."""
        return self.cells.get((theme_id, column_key), EMPTY)

    def counts(self, theme_id: str) -> tuple[int, ...]:
        """Notes of a theme in each column, in column order."""
        return tuple(self.cell(theme_id, c.key).count for c in self.columns)

    def trend(self, theme_id: str) -> tuple[float, ...]:
        """The theme's share of each column's notes (0 where a column has none)."""
        return tuple(
            self.cell(theme_id, c.key).count / self.totals[c.key] if self.totals.get(c.key) else 0.0
            for c in self.columns
        )

    @property
    def highest(self) -> int:
        """The largest note count of any cell (for shading)."""
        return max((cell.count for cell in self.cells.values()), default=0)


def column_key(note: AnalysisNote, axis: Axis) -> str:
    """The column a note falls in."""
    return str(note.session_number) if axis is Axis.SESSION else note.group_id


def build_matrix(
    notes: Iterable[AnalysisNote],
    codebook: Codebook,
    axis: Axis,
    columns: Sequence[Column],
    *,
    rollup: bool = False,
) -> Matrix:
    """Count notes and distinct situations per theme and column.

    With ``rollup`` a theme also counts the notes of its sub-themes (each note once).
    """
    totals = {c.key: 0 for c in columns}
    lineage = {t.id: (t.id, *codebook.ancestors(t.id)) for t in codebook.themes}
    expanded: dict[tuple[str, ...], tuple[str, ...]] = {}
    by_session = axis is Axis.SESSION
    keys: dict[int, str] = {}
    found: dict[tuple[str, str], tuple[list[str], set[str]]] = {}
    for note in notes:
        if by_session:
            number = note.session_number
            key = keys.get(number) or keys.setdefault(number, str(number))
        else:
            key = note.group_id
        if key not in totals:
            continue
        totals[key] += 1
        record = note.note
        if not record.themes:
            continue
        themes = expanded.get(record.themes)
        if themes is None:
            themes = expanded.setdefault(record.themes, _themes_of(record.themes, lineage, rollup))
        for theme_id in themes:
            place = (theme_id, key)
            cell = found.get(place)
            if cell is None:
                cell = found.setdefault(place, ([], set()))
            cell[0].append(record.id)
            if record.situation_id:
                cell[1].add(record.situation_id)
    return _assembled(axis, columns, codebook, found, totals)


def _themes_of(
    tags: tuple[str, ...], lineage: Mapping[str, tuple[str, ...]], rollup: bool
) -> tuple[str, ...]:
    """The themes a note counts for: its own (known) tags, and their ancestors with rollup."""
    if not rollup:
        return tuple(t for t in dict.fromkeys(tags) if t in lineage)
    return tuple(dict.fromkeys(a for t in tags if t in lineage for a in lineage[t]))


def _assembled(
    axis: Axis,
    columns: Sequence[Column],
    codebook: Codebook,
    found: Mapping[tuple[str, str], tuple[list[str], set[str]]],
    totals: dict[str, int],
) -> Matrix:
    cells = {place: Cell(tuple(ids), len(situations)) for place, (ids, situations) in found.items()}
    per_theme: dict[str, tuple[list[str], set[str]]] = {}
    for (theme_id, _key), (ids, situations) in found.items():
        row = per_theme.setdefault(theme_id, ([], set()))
        row[0].extend(ids)
        row[1].update(situations)
    row_totals = {t: Cell(tuple(ids), len(sits)) for t, (ids, sits) in per_theme.items()}
    rows = tuple(Row(t.id, t.name, depth) for t, depth in codebook.walk())
    return Matrix(axis, tuple(columns), rows, cells, totals, row_totals)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Neutralise text a spreadsheet would run as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def matrix_csv(matrix: Matrix, codebook: Codebook) -> str:
    """The matrix as CSV: per column, notes and distinct situations; then the row totals."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = [_("theme")]
    for column in matrix.columns:
        header += [
            _("{column} notes").format(column=column.label),
            _("{column} situations").format(column=column.label),
        ]
    header += [_("total notes"), _("total situations")]
    writer.writerow([spreadsheet_safe(h) for h in header])
    for row in matrix.rows:
        line = [spreadsheet_safe(codebook.label(row.theme_id))]
        for column in matrix.columns:
            cell = matrix.cell(row.theme_id, column.key)
            line += [str(cell.count), str(cell.situations)]
        total = matrix.row_totals.get(row.theme_id, EMPTY)
        writer.writerow([*line, str(total.count), str(total.situations)])
    return buffer.getvalue()

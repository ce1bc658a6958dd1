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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

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
    """The analysable notes of an intervention, kept in memory while the vault is unlocked."""

    def __init__(self, notes: Iterable[AnalysisNote]) -> None:
        self.notes = sorted(notes, key=lambda n: (n.session_number, n.group_id, n.note.created_at))
        self._by_id = {n.id: n for n in self.notes}
        self._position = {n.id: i for i, n in enumerate(self.notes)}
        self._folded: list[str] | None = None

    def __len__(self) -> int:
        return len(self.notes)

    def get(self, note_id: str) -> AnalysisNote | None:
        """One note by id, if analysable."""
        return self._by_id.get(note_id)

    def replace(self, updated: Iterable[Note]) -> None:
        """Take saved notes back in (after tagging), keeping their place and context."""
        changed = {note.id: note for note in updated}
        for index, item in enumerate(self.notes):
            note = changed.get(item.id)
            if note is not None:
                fresh = dataclasses.replace(item, note=note)
                self.notes[index] = fresh
                self._by_id[item.id] = fresh

    def _texts(self) -> list[str]:
        if self._folded is None:
            self._folded = [fold(n.text) for n in self.notes]
        return self._folded

    def prepare(self) -> None:
        """Fold every text now rather than on the first search."""
        self._texts()

    def select(self, wanted: NoteFilter) -> list[AnalysisNote]:
        """The notes that pass every criterion of ``wanted``, in cycle order."""
        notes = self.notes
        keep: Sequence[int] = range(len(notes))
        if wanted.note_ids:
            keep = sorted(self._position[i] for i in wanted.note_ids if i in self._position)
        if wanted.text.strip():
            texts = self._texts()
            for term in parse_query(wanted.text).terms:
                keep = [i for i in keep if term in texts[i]]
        found = [notes[i] for i in keep]
        tests = _tests(wanted)
        if not tests:
            return found
        return [n for n in found if all(test(n) for test in tests)]


_Test = Callable[[AnalysisNote], bool]


def _tests(wanted: NoteFilter) -> list[_Test]:
    tests: list[_Test] = []
    if wanted.group_ids:
        tests.append(lambda n: n.group_id in wanted.group_ids)
    if wanted.session_ids:
        tests.append(lambda n: n.note.session_id in wanted.session_ids)
    if wanted.situation_ids:
        tests.append(lambda n: n.note.situation_id in wanted.situation_ids)
    if wanted.phase_ids:
        tests.append(lambda n: n.note.phase_id in wanted.phase_ids)
    if wanted.kinds:
        tests.append(lambda n: n.note.kind in wanted.kinds)
    if wanted.speakers:
        tests.append(lambda n: n.speaker in wanted.speakers)
    if wanted.theme_ids:
        tests.append(lambda n: not wanted.theme_ids.isdisjoint(n.note.themes))
    if wanted.untagged:
        tests.append(lambda n: not n.note.themes)
    return tests


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
    wanted_columns = {c.key for c in columns}
    lineage = {t.id: (t.id, *codebook.ancestors(t.id)) for t in codebook.themes}
    found: dict[tuple[str, str], list[AnalysisNote]] = {}
    totals = dict.fromkeys(wanted_columns, 0)
    for note in notes:
        key = column_key(note, axis)
        if key not in wanted_columns:
            continue
        totals[key] += 1
        for theme_id in _themes_of(note.note.themes, lineage, rollup):
            found.setdefault((theme_id, key), []).append(note)
    cells = {place: _cell(items) for place, items in found.items()}
    by_theme: dict[str, list[AnalysisNote]] = {}
    for (theme_id, _key), items in found.items():
        by_theme.setdefault(theme_id, []).extend(items)
    rows = tuple(Row(t.id, t.name, depth) for t, depth in codebook.walk())
    return Matrix(
        axis, tuple(columns), rows, cells, totals, {t: _cell(i) for t, i in by_theme.items()}
    )


def _themes_of(
    tags: Collection[str], lineage: Mapping[str, tuple[str, ...]], rollup: bool
) -> Collection[str]:
    if not rollup:
        return [t for t in dict.fromkeys(tags) if t in lineage]
    return {a for t in tags if t in lineage for a in lineage[t]}


def _cell(notes: Sequence[AnalysisNote]) -> Cell:
    situations = {n.note.situation_id for n in notes if n.note.situation_id}
    return Cell(tuple(n.id for n in notes), len(situations))


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

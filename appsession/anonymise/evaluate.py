"""How well the engine masks a gold-annotated corpus, and how fast.

A must-mask span counts as masked when the predicted spans cover every one of its characters;
a KEEP span counts as touched when any predicted span overlaps it. Shares are given per label,
split between spans whose text is in the roster and spans that are not, and overall.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from appsession.anonymise.corpus import KEEP, CorpusNote, read_notes, read_roster
from appsession.anonymise.engine import Pseudonymiser
from appsession.anonymise.model import LanguageModel
from appsession.anonymise.roster import Roster
from appsession.anonymise.spans import Label

LABEL_ORDER = tuple(label.value for label in Label)


@dataclass(frozen=True)
class Prediction:
    """The engine's answer for one note: masked spans (original offsets) and the new text."""

    id: str
    spans: tuple[tuple[int, int, str], ...]
    text: str = field(repr=False)

    def to_json(self) -> dict[str, object]:
        """The batch command's output line."""
        return {
            "id": self.id,
            "spans": [{"start": s, "end": e, "label": label} for s, e, label in self.spans],
            "text": self.text,
        }


@dataclass
class Tally:
    """How many spans, and how many of them met the target."""

    total: int = 0
    hits: int = 0

    def add(self, hit: bool) -> None:
        """Count one span."""
        self.total += 1
        self.hits += hit

    @property
    def share(self) -> float:
        """hits / total (1.0 when there is nothing to count)."""
        return self.hits / self.total if self.total else 1.0


@dataclass
class Report:
    """Masking, over-masking and speed figures for one corpus."""

    roster: dict[str, Tally] = field(default_factory=dict)
    outside: dict[str, Tally] = field(default_factory=dict)
    keep: Tally = field(default_factory=Tally)
    """KEEP spans; ``hits`` counts those left untouched."""
    words: int = 0
    seconds: float = 0.0
    """Processor time of the engine (one core's work, whatever else the machine runs)."""
    wall_seconds: float = 0.0

    def overall(self, in_roster: bool | None = None) -> Tally:
        """All must-mask spans, or only those in (True) or outside (False) the roster."""
        tables = [self.roster, self.outside]
        if in_roster is not None:
            tables = [self.roster if in_roster else self.outside]
        total = Tally()
        for table in tables:
            for tally in table.values():
                total.total += tally.total
                total.hits += tally.hits
        return total

    @property
    def keep_touched(self) -> float:
        """Share of KEEP spans that something overlapped."""
        return 1.0 - self.keep.share

    @property
    def words_per_second(self) -> float:
        """Words per second of processor time, model already loaded: one core's throughput."""
        return self.words / self.seconds if self.seconds else float("inf")


def fully_masked(start: int, end: int, masked: Sequence[tuple[int, int]]) -> bool:
    """Whether the union of ``masked`` covers every character of ``[start, end)``."""
    position = start
    for left, right in sorted(masked):
        if left <= position < right:
            position = right
        if position >= end:
            return True
    return position >= end


def touched(start: int, end: int, masked: Sequence[tuple[int, int]]) -> bool:
    """Whether any masked span overlaps ``[start, end)``."""
    return any(left < end and start < right for left, right in masked)


def score(notes: Sequence[CorpusNote], predictions: Sequence[Prediction]) -> Report:
    """Compare predictions with the gold spans, note by note (same order)."""
    report = Report()
    for note, prediction in zip(notes, predictions, strict=True):
        masked = [(start, end) for start, end, _label in prediction.spans]
        for span in note.spans:
            if span.label == KEEP:
                report.keep.add(not touched(span.start, span.end, masked))
                continue
            table = report.roster if span.in_roster else report.outside
            table.setdefault(span.label, Tally()).add(fully_masked(span.start, span.end, masked))
    return report


def anonymise_notes(
    roster: Roster, notes: Sequence[CorpusNote], model: LanguageModel | None
) -> list[Prediction]:
    """Run the engine on a whole intervention: learn from every note, then mask each one."""
    engine = Pseudonymiser(roster, model=model)
    texts = [note.text for note in notes]
    engine.learn(texts)
    results = engine.pseudonymise_many(texts)
    return [
        Prediction(
            note.id,
            tuple((r.start, r.end, r.label.value) for r in result.replacements),
            result.text,
        )
        for note, result in zip(notes, results, strict=True)
    ]


def evaluate_corpus(folder: Path, model: LanguageModel | None, repeats: int = 3) -> Report:
    """Score the engine on ``folder`` (roster.json + notes.jsonl); speed is the best of runs.

    The model, if any, should be loaded already: its loading time is not counted.
    """
    roster = read_roster(folder / "roster.json")
    notes = read_notes(folder / "notes.jsonl", with_spans=True)
    cpu, wall = float("inf"), float("inf")
    predictions: list[Prediction] = []
    for _ in range(max(1, repeats)):
        started, started_cpu = time.perf_counter(), time.process_time()
        predictions = anonymise_notes(roster, notes, model)
        cpu = min(cpu, time.process_time() - started_cpu)
        wall = min(wall, time.perf_counter() - started)
    report = score(notes, predictions)
    report.words = sum(len(note.text.split()) for note in notes)
    report.seconds, report.wall_seconds = cpu, wall
    return report

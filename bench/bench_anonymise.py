"""Anonymiser figures: import cost, model load, and words per second on one core.

The process pins itself to one CPU (where the system allows it) and asks the numeric
libraries for one thread, then pseudonymises the shared dev corpus (``../shared/corpus/dev``)
or, when it is absent, a built-in sample: the whole intervention is learned, then every note
is pseudonymised, as ``appsession anonymise`` does. Texts are made unique per round so that
no cache helps. Printed with their targets; exit 1 below the speed target.
``--quick`` (or ``APPSESSION_BENCH_QUICK=1``): fewer rounds.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from appsession.anonymise.corpus import CorpusNote  # noqa: E402
from appsession.anonymise.evaluate import anonymise_notes  # noqa: E402
from appsession.anonymise.model import LanguageModel  # noqa: E402
from appsession.anonymise.roster import Roster  # noqa: E402

TARGET_WORDS_PER_SECOND = 5000
DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
SAMPLE_ROSTER = {
    "participants": [
        {"name": "Rose Martin", "pseudonym": "P1"},
        {"name": "Karima Benali", "pseudonym": "P2"},
        {"name": "Aurélie Petit", "pseudonym": "P3"},
    ],
    "known_terms": [{"text": "Montbrugnac", "label": "PLACE"}],
}
SAMPLE = [
    "Rose expose : M. Delpuech vient un jour sur deux à la France services de Montbrugnac. "
    "Il a appelé 14 fois depuis le 06 39 98 41 27 et écrit depuis jm.delpuech63@orange.fr.",
    "Karima : est-ce que l'assistante sociale du Département le suit ? Petit retour de la CAF, "
    "rien. Son numéro allocataire c'est le 2847193, né le 21/11/1963.",
    "hypothèse d'Aurélie : il prend Rose pour la CAF. Le maire de Montbrugnac ne répond pas. "
    "La mairie de Condat a prêté la salle, Mme Lavigne a la clé.",
]


def pin_to_one_core() -> str:
    """Run on a single CPU when the system allows it; says what was done."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def corpus() -> tuple[Roster, list[str], str]:
    """The dev corpus when present, else the built-in sample."""
    if (DEV / "notes.jsonl").is_file():
        roster = Roster.from_dict(json.loads((DEV / "roster.json").read_text(encoding="utf-8")))
        lines = (DEV / "notes.jsonl").read_text(encoding="utf-8").splitlines()
        return roster, [json.loads(line)["text"] for line in lines if line.strip()], str(DEV)
    return Roster.from_dict(SAMPLE_ROSTER), SAMPLE * 20, "built-in sample"


def import_seconds() -> float:
    """Time to import the anonymiser in a fresh process (the app's start-up cost)."""
    code = "import time; t = time.perf_counter(); import appsession.anonymise.engine; "
    code += "import sys; print(time.perf_counter() - t, 'spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, spacy_loaded = done.stdout.split()
    if spacy_loaded != "False":
        raise SystemExit("importing the anonymiser loaded spaCy: the app start would wait")
    return float(seconds)


def run_round(roster: Roster, texts: list[str], model: LanguageModel, number: int) -> float:
    """Processor seconds to learn and pseudonymise every note (texts made unique)."""
    notes = [
        CorpusNote(f"{number}-{i}", f"{text} (tour {number}.{i})") for i, text in enumerate(texts)
    ]
    started = time.process_time()
    anonymise_notes(roster, notes, model)
    return time.process_time() - started


def main(argv: list[str]) -> int:
    """Print the figures; 1 below the speed target."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    quick = parser.parse_args(argv).quick or bool(os.environ.get("APPSESSION_BENCH_QUICK"))
    print(pin_to_one_core())
    print(
        f"import of the anonymiser: {import_seconds() * 1000:.0f} ms, no model loaded (target: "
        "the model never delays the start)"
    )
    model = LanguageModel()
    started = time.perf_counter()
    model.load()
    print(f"model load (done off the UI thread in the app): {time.perf_counter() - started:.1f} s")
    if model.error:
        print(f"model unavailable: {model.error}")
        return 1
    roster, texts, source = corpus()
    words = sum(len(text.split()) for text in texts)
    rounds = 2 if quick else 5
    best = min(run_round(roster, texts, model, number) for number in range(rounds))
    speed = words / best
    print(f"corpus: {source}, {len(texts)} notes, {words} words, best of {rounds} rounds")
    print(f"speed: {speed:,.0f} words/s on one core (target: >= {TARGET_WORDS_PER_SECOND:,})")
    return 0 if speed >= TARGET_WORDS_PER_SECOND else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

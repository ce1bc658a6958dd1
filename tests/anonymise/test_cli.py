"""``appsession anonymise`` and ``appsession eval-anon``: outputs, exit codes, bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from appsession.anonymise.model import LanguageModel
from appsession.cli.context import CliContext
from appsession.cli.main import run
from appsession.paths import Paths

ROSTER = {
    "intervention": "test",
    "participants": [{"name": "Karima Benali", "pseudonym": "P3"}],
    "known_terms": [{"text": "Condat", "label": "PLACE"}],
}
NOTES = [
    {
        "id": "a",
        "text": "Karima habite à Condat, 06 39 98 41 27.",
        "spans": [
            {"start": 0, "end": 6, "label": "PERSON", "in_roster": True},
            {"start": 16, "end": 22, "label": "PLACE", "in_roster": True},
            {"start": 24, "end": 38, "label": "PHONE", "in_roster": False},
        ],
    },
    {
        "id": "b",
        "text": "Elle a écrit à la CAF et à Mme Lestrade.",
        "spans": [
            {"start": 18, "end": 21, "label": "KEEP", "in_roster": False},
            {"start": 31, "end": 39, "label": "PERSON", "in_roster": False},
        ],
    },
]


def call(argv: list[str], paths: Paths) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, CliContext(paths=paths, stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def corpus(folder: Path, notes: list[Any] | None = None, lines: list[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roster.json").write_text(json.dumps(ROSTER), encoding="utf-8")
    text = lines if lines is not None else [json.dumps(n) for n in notes or NOTES]
    (folder / "notes.jsonl").write_text("\n".join(text) + "\n", encoding="utf-8")
    return folder


def test_anonymise_writes_one_line_per_note(
    tmp_path: Path, paths: Paths, model: LanguageModel
) -> None:
    folder = corpus(tmp_path / "c")
    out = tmp_path / "predictions.jsonl"
    argv = [
        "anonymise",
        "--roster",
        str(folder / "roster.json"),
        "--notes",
        str(folder / "notes.jsonl"),
        "--out",
        str(out),
    ]
    code, stdout, _err = call(argv, paths)
    assert code == 0, stdout
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["text"] == "P3 habite à [commune 1], [téléphone]."
    assert lines[0]["spans"][0] == {"start": 0, "end": 6, "label": "PERSON"}
    assert lines[1]["text"] == "Elle a écrit à la CAF et à Mme [personne 1]."


def test_anonymise_works_without_the_model(tmp_path: Path, paths: Paths) -> None:
    folder = corpus(tmp_path / "c")
    out = tmp_path / "p.jsonl"
    argv = [
        "anonymise",
        "--no-model",
        "--roster",
        str(folder / "roster.json"),
        "--notes",
        str(folder / "notes.jsonl"),
        "--out",
        str(out),
    ]
    assert call(argv, paths)[0] == 0
    assert "P3" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lines", "words"),
    [
        (['{"id": "a", "text": "ok"}', "{not json", '{"id": "c", "text": "x"}'], "line 2"),
        (['{"id": "a", "text": "ok"}', '{"id": "b"}'], "line 2: missing key 'text'"),
        (['{"id": "a", "text": "ok"}', '["a", "b"]'], "line 2: expected a JSON object"),
        (['{"id": "a", "text": "ok"}', "", '{"id": "a", "text": "ok"}'], "line 3: duplicate id"),
        (['{"id": "a", "text": 3}'], "line 1"),
    ],
)
def test_malformed_notes_stop_everything_with_the_line_number(
    tmp_path: Path, paths: Paths, lines: list[str], words: str
) -> None:
    folder = corpus(tmp_path / "c", lines=lines)
    out = tmp_path / "p.jsonl"
    argv = [
        "anonymise",
        "--no-model",
        "--roster",
        str(folder / "roster.json"),
        "--notes",
        str(folder / "notes.jsonl"),
        "--out",
        str(out),
    ]
    code, _out, err = call(argv, paths)
    assert code == 2
    assert words in err
    assert err.count("\n") == 1
    assert not out.exists()
    assert not list(tmp_path.glob(".predictions-*"))


@pytest.mark.parametrize(
    ("roster", "words"),
    [
        ("{", "line 1: not valid JSON"),
        ('{"participants": [{"name": "A B"}]}', "participants 1: missing key 'pseudonym'"),
        ('{"known_terms": [{"text": "X", "label": "TOWN"}]}', "unknown label 'TOWN'"),
    ],
)
def test_a_malformed_roster_is_refused(
    tmp_path: Path, paths: Paths, roster: str, words: str
) -> None:
    folder = corpus(tmp_path / "c")
    (folder / "roster.json").write_text(roster, encoding="utf-8")
    out = tmp_path / "p.jsonl"
    argv = [
        "anonymise",
        "--no-model",
        "--roster",
        str(folder / "roster.json"),
        "--notes",
        str(folder / "notes.jsonl"),
        "--out",
        str(out),
    ]
    code, _out, err = call(argv, paths)
    assert (code, not out.exists()) == (2, True)
    assert words in err


def test_a_missing_file_is_a_one_line_error(tmp_path: Path, paths: Paths) -> None:
    argv = [
        "anonymise",
        "--roster",
        str(tmp_path / "no.json"),
        "--notes",
        str(tmp_path / "no.jsonl"),
        "--out",
        str(tmp_path / "p.jsonl"),
    ]
    code, _out, err = call(argv, paths)
    assert code == 2
    assert "no such file" in err


def test_eval_anon_prints_figures_and_passes(
    tmp_path: Path, paths: Paths, model: LanguageModel
) -> None:
    folder = corpus(tmp_path / "c")
    code, out, _err = call(
        ["eval-anon", "--corpus", str(folder), "--repeats", "1", "--min-words-per-second", "0"],
        paths,
    )
    assert code == 0, out
    assert "PERSON" in out
    assert "must-mask spans fully masked: 4/4 100.0%" in out
    assert "KEEP spans left untouched: 1/1 100.0%" in out
    assert "words/s" in out
    assert "all targets met" in out


def test_eval_anon_fails_below_a_target(tmp_path: Path, paths: Paths, model: LanguageModel) -> None:
    folder = corpus(tmp_path / "c")
    code, out, _err = call(
        ["eval-anon", "--corpus", str(folder), "--repeats", "1", "--min-words-per-second", "1e15"],
        paths,
    )
    assert code == 1
    assert "below target: words per second" in out


def test_eval_anon_counts_what_it_misses(tmp_path: Path, paths: Paths) -> None:
    notes = [
        {
            "id": "a",
            "text": "on a vu kévin lavergne hier",
            "spans": [{"start": 8, "end": 22, "label": "PERSON", "in_roster": False}],
        }
    ]
    folder = corpus(tmp_path / "c", notes=notes)
    code, out, _err = call(
        ["eval-anon", "--no-model", "--corpus", str(folder), "--repeats", "1"], paths
    )
    assert code == 1
    assert "not in the roster: 0/1   0.0%" in out


def test_eval_anon_in_french(tmp_path: Path, paths: Paths, model: LanguageModel) -> None:
    folder = corpus(tmp_path / "c")
    code, out, _err = call(
        [
            "eval-anon",
            "--lang",
            "fr",
            "--corpus",
            str(folder),
            "--repeats",
            "1",
            "--min-words-per-second",
            "0",
        ],
        paths,
    )
    assert code == 0
    assert "objectifs atteints" in out

"""``appsession protocols`` and the help, in French and English."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from appsession.cli.context import CliContext
from appsession.cli.main import run
from appsession.paths import Paths
from tests.protocols.sample import SAMPLE


def call(argv: list[str], paths: Paths) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, CliContext(paths=paths, stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def user_protocol(paths: Paths) -> Path:
    paths.user_protocols.mkdir(parents=True)
    target = paths.user_protocols / "sample.toml"
    target.write_text(SAMPLE, encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["usage: ", "options:", "show this help message"]),
        ("fr", ["usage : ", "afficher cette aide"]),
    ],
)
def test_help_in_both_languages(
    capsys: pytest.CaptureFixture[str], paths: Paths, lang: str, words: list[str]
) -> None:
    code, _out, _err = call(["--lang", lang, "--help"], paths)
    shown = capsys.readouterr().out
    assert code == 0
    for word in words:
        assert word in shown


def test_language_follows_the_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], paths: Paths
) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    call(["--help"], paths)
    assert "afficher cette aide" in capsys.readouterr().out


def test_list_shows_user_protocols_in_the_current_language(
    paths: Paths, user_protocol: Path
) -> None:
    code, out, _ = call(["protocols", "list"], paths)
    assert code == 0
    assert "sample" in out
    assert "Sample" in out
    code, out, _ = call(["--lang", "fr", "protocols", "list"], paths)
    assert "Exemple" in out
    assert "NOM" in out


def test_show_prints_the_timed_plan(paths: Paths, user_protocol: Path) -> None:
    code, out, _ = call(
        ["protocols", "show", "sample", "--minutes", "180", "--situations", "2"], paths
    )
    assert code == 0
    assert "Plan: 180 min, 2 situation(s)" in out
    assert "the presenter stays silent" in out
    assert out.count("Hypotheses [") == 2


def test_show_unknown_protocol_is_one_line(paths: Paths) -> None:
    code, _out, err = call(["protocols", "show", "nope"], paths)
    assert code == 2
    assert err.count("\n") == 1
    assert "unknown protocol 'nope'" in err


def test_check_reports_each_problem_on_one_line(paths: Paths, tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(SAMPLE, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(
        SAMPLE.replace("min = 45", "").replace("min = 15, max = 40", "min = 50, max = 40"),
        encoding="utf-8",
    )
    syntax = tmp_path / "syntax.toml"
    syntax.write_text("id = \n", encoding="utf-8")
    missing = tmp_path / "missing.toml"
    code, out, err = call(
        ["protocols", "check", str(good), str(bad), str(syntax), str(missing)], paths
    )
    assert code == 2
    assert f"{good}: ok" in out
    lines = err.strip().splitlines()
    assert f"{bad}: phases[2].timebox.min: expected min ≤ max (50 > 40)" in lines
    assert any(line.startswith(f"{syntax}: line 1: invalid TOML") for line in lines)
    assert any(line.startswith(f"{missing}: file: ") for line in lines)
    assert "Traceback" not in err


def test_check_in_french(paths: Paths, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(SAMPLE.replace('presenter = "silent"', 'presenter = "muet"'), encoding="utf-8")
    code, _out, err = call(["--lang", "fr", "protocols", "check", str(bad)], paths)
    assert code == 2
    assert "phases[4].presenter: attendu : l'une des valeurs speaks, answers, silent, absent" in err


def test_version(capsys: pytest.CaptureFixture[str], paths: Paths) -> None:
    assert call(["--version"], paths)[0] == 0
    assert capsys.readouterr().out.startswith("appsession ")


@pytest.mark.parametrize("argv", [[], ["--lang", "fr"], ["--lang=en"]])
def test_no_command_opens_the_app_without_building_every_command(
    monkeypatch: pytest.MonkeyPatch, paths: Paths, argv: list[str]
) -> None:
    from appsession.cli import main

    opened: list[CliContext] = []

    def refuse() -> None:
        raise AssertionError("the whole parser was built")

    monkeypatch.setattr(main, "build_parser", refuse)
    monkeypatch.setattr(main, "open_app", lambda ctx: opened.append(ctx) or 0)
    assert call(argv, paths)[0] == 0
    assert len(opened) == 1

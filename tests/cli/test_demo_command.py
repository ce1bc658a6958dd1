"""``appsession demo``: sizes, seeds, passphrases, where the vault goes, opening the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from appsession.cli import demo_cmd
from appsession.cli.passphrase_words import WORDS
from appsession.demo.plan import DemoSize
from appsession.demo.pseudonyms import NOTES as REVIEW_NOTES
from appsession.tui import launch as tui_launch
from appsession.vault import StorageError, Vault
from tests.cli.vault_helpers import FLOOR, Cli, one_line_error

EXTRA = len(REVIEW_NOTES)
"""Facilitator notes naming third parties that the demo adds for the review screen."""


def notes_in(cli: Cli, vault: Path, passphrase: str | None = None) -> list[str]:
    """Every note's text, group by group (by name), session by session (by number)."""
    opened = cli.open(vault) if passphrase is None else cli.open(vault, passphrase)
    texts: list[str] = []
    with opened:
        for intervention in opened.interventions():
            for group in sorted(opened.groups(intervention.id), key=lambda g: g.name):
                for session in opened.sessions(group.id):
                    texts.extend(note.text for note in opened.notes(session.id))
    return texts


def test_demo_into_a_named_vault(cli: Cli) -> None:
    vault = cli.tmp / "demo" / "v.db"
    result = cli.run(
        "demo",
        "--vault",
        str(vault),
        "--passphrase-file",
        str(cli.secret_file()),
        "--sessions",
        "3",
        "--notes-per-session",
        "25",
        "--no-tui",
        *FLOOR,
    )
    assert result.code == 0, result.err
    assert f"Demo vault: {vault}" in result.out
    assert "sessions: 3, situations: " in result.out
    assert f"notes: {75 + EXTRA}." in result.out
    assert "passphrase" not in result.out.lower()
    assert len(notes_in(cli, vault)) == 75 + EXTRA


def test_same_seed_same_notes_other_seed_other_notes(cli: Cli) -> None:
    vaults = {}
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        vaults[name] = cli.tmp / f"{name}.db"
        assert (
            cli.run(
                "demo",
                "--vault",
                str(vaults[name]),
                "--passphrase-file",
                str(cli.secret_file()),
                "--sessions",
                "2",
                "--notes-per-session",
                "20",
                "--seed",
                seed,
                "--no-tui",
                *FLOOR,
            ).code
            == 0
        )
    texts = {name: notes_in(cli, path) for name, path in vaults.items()}
    assert texts["a"] == texts["b"]
    assert texts["a"] != texts["c"]


def test_generated_passphrase_is_printed_and_opens_the_vault(cli: Cli) -> None:
    vault = cli.tmp / "v.db"
    result = cli.run(
        "demo",
        "--vault",
        str(vault),
        "--sessions",
        "1",
        "--notes-per-session",
        "5",
        "--no-tui",
        *FLOOR,
    )
    assert result.code == 0, result.err
    line = next(x for x in result.out.splitlines() if x.startswith("Demo passphrase"))
    passphrase = line.rsplit(": ", 1)[1]
    words = passphrase.split("-")
    assert len(words) == 5
    assert all(word in WORDS for word in words)
    assert len(notes_in(cli, vault, passphrase)) == 5 + EXTRA


def test_default_demo_lives_apart_and_is_rebuilt(cli: Cli) -> None:
    for _ in range(2):
        result = cli.run(
            "demo",
            "--passphrase-file",
            str(cli.secret_file()),
            "--sessions",
            "1",
            "--notes-per-session",
            "4",
            "--no-tui",
            *FLOOR,
        )
        assert result.code == 0, result.err
    vault = cli.paths.data_dir / "demo" / "demo-vault.db"
    assert all(p.name.startswith(vault.name) for p in vault.parent.iterdir())
    assert not cli.paths.vault.exists()
    assert len(notes_in(cli, vault)) == 4 + EXTRA


def test_demo_never_overwrites_a_named_file(cli: Cli) -> None:
    existing = cli.tmp / "mine.db"
    existing.write_bytes(b"precious")
    result = cli.run(
        "demo",
        "--vault",
        str(existing),
        "--passphrase-file",
        str(cli.secret_file()),
        "--no-tui",
        *FLOOR,
    )
    assert result.code == 2
    assert "already exists" in one_line_error(result)
    assert existing.read_bytes() == b"precious"


@pytest.mark.parametrize(
    "argv",
    [["--sessions", "0"], ["--notes-per-session", "0"], ["--sessions", "100000"]],
)
def test_demo_sizes_out_of_bounds(cli: Cli, argv: list[str]) -> None:
    result = cli.run(
        "demo",
        "--vault",
        str(cli.tmp / "v.db"),
        "--passphrase-file",
        str(cli.secret_file()),
        *argv,
        "--no-tui",
        *FLOOR,
    )
    assert result.code == 2
    assert "must be between" in one_line_error(result)
    assert not (cli.tmp / "v.db").exists()


def test_demo_opens_the_app_when_it_can(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[Path, str]] = []

    def launch_demo(_ctx: object, path: Path, passphrase: str) -> int:
        opened.append((path, passphrase))
        return 0

    monkeypatch.setattr(tui_launch, "launch_demo", launch_demo, raising=False)
    vault = cli.tmp / "v.db"
    result = cli.run(
        "demo",
        "--vault",
        str(vault),
        "--passphrase-file",
        str(cli.secret_file()),
        "--sessions",
        "1",
        "--notes-per-session",
        "3",
        *FLOOR,
    )
    assert result.code == 0, result.err
    assert opened == [(vault, "correct horse battery staple")]


def test_demo_without_the_app_says_how_to_look_inside(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(tui_launch, "launch_demo", raising=False)
    result = cli.run(
        "demo",
        "--vault",
        str(cli.tmp / "v.db"),
        "--passphrase-file",
        str(cli.secret_file()),
        "--sessions",
        "1",
        "--notes-per-session",
        "3",
        *FLOOR,
    )
    assert result.code == 0, result.err
    assert "appsession search --vault" in result.out


def test_a_failed_build_leaves_no_half_vault(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_build(vault: Vault, size: DemoSize) -> None:
        vault.add_intervention("half built")
        raise StorageError()

    monkeypatch.setattr(demo_cmd, "complete_demo", failing_build)
    folder = cli.tmp / "demo"
    folder.mkdir()
    (folder / "other.txt").write_text("kept", encoding="utf-8")
    result = cli.run(
        "demo",
        "--vault",
        str(folder / "v.db"),
        "--passphrase-file",
        str(cli.secret_file()),
        "--no-tui",
        *FLOOR,
    )
    assert result.code == 2
    assert "disk full" in one_line_error(result)
    assert [p.name for p in folder.iterdir()] == ["other.txt"]

"""``import`` a corpus, then ``search`` it (and a demo's codebook) from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appsession.cli.import_cmd import PHASE_IDS
from appsession.core.corpus import PHASES
from appsession.core.model import NoteKind
from appsession.demo.stamp import protocol_stamp
from tests.cli.vault_helpers import FLOOR, Cli, Result, fingerprint, one_line_error

DEV_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
ROSTER = {
    "intervention": "APP fictive, cycle 2025",
    "participants": [
        {"name": "Rose Martin", "pseudonym": "P1", "note_taking": True},
        {"name": "Karima Benali", "pseudonym": "P2"},
        {"name": "Gisèle Aymard", "pseudonym": "P3", "note_taking": False},
    ],
    "known_terms": [{"text": "Montbrugnac", "label": "PLACE"}],
}
NOTES = [
    {
        "id": "s01-n001",
        "session": 1,
        "phase": "other",
        "speaker": "facilitator",
        "kind": "observation",
        "text": "Neige vers Montbrugnac, démarrage en retard.",
    },
    {
        "id": "s01-n002",
        "session": 1,
        "phase": "expose",
        "speaker": "Rose Martin",
        "kind": "verbatim",
        "text": "Elle attendait sa réponse de la CAF depuis deux mois.",
    },
    {
        "id": "s02-n001",
        "session": 2,
        "phase": "retour",
        "speaker": "Karima Benali",
        "kind": "paraphrase",
        "text": "Dit que la CAF l'a rappelée ; soulagement.",
    },
    {
        "id": "s02-n002",
        "session": 2,
        "phase": "synthese",
        "speaker": "facilitator",
        "kind": "observation",
        "text": "Le groupe reprend la question de la CAF.",
    },
]


def write_corpus(folder: Path, notes: list[dict[str, object]] | None = None) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    roster, lines = folder / "roster.json", folder / "notes.jsonl"
    roster.write_text(json.dumps(ROSTER, ensure_ascii=False), encoding="utf-8")
    lines.write_text(
        "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in (notes or NOTES)),
        encoding="utf-8",
    )
    return roster, lines


@pytest.fixture
def vault(cli: Cli) -> Path:
    return cli.init(cli.tmp / "vaults" / "v.db")


def search(cli: Cli, vault: Path, *argv: str) -> tuple[int, str, str]:
    result = cli.run(
        "search", *argv, "--vault", str(vault), "--passphrase-file", str(cli.secret_file())
    )
    return result.code, result.out, result.err


def import_corpus(cli: Cli, vault: Path, roster: Path, notes: Path, *argv: str) -> Result:
    secret = str(cli.secret_file())
    common = ("--vault", str(vault), "--passphrase-file", secret)
    return cli.run("import", *common, "--roster", str(roster), "--notes", str(notes), *argv)


def test_import_makes_a_new_intervention(cli: Cli, vault: Path) -> None:
    roster, notes = write_corpus(cli.tmp / "corpus")
    result = import_corpus(cli, vault, roster, notes, "--title", "Cycle importé")
    assert result.code == 0, result.err
    assert "4 notes, 3 participants, 2 sessions" in result.out
    assert "no recorded note-taking consent: 1" in result.out
    with cli.open(vault) as opened:
        (intervention,) = opened.interventions()
        assert intervention.title == "Cycle importé"
        (group,) = opened.groups(intervention.id)
        people = {p.pseudonym: p for p in opened.participants(group.id)}
        assert people["P1"].name == "Rose Martin"
        assert opened.consent(people["P1"].id).note_taking is True
        assert opened.consent(people["P2"].id).note_taking is None
        assert opened.consent(people["P3"].id).note_taking is False
        first, second = opened.sessions(group.id)
        assert (first.number, second.number) == (1, 2)
        assert first.protocol_id == "app-classique"
        notes_1 = opened.notes(first.id)
        assert [n.text for n in notes_1] == [NOTES[0]["text"], NOTES[1]["text"]]
        assert [n.phase_id for n in notes_1] == ["", "expose"]
        assert notes_1[0].speaker_id == ""
        assert notes_1[1].speaker_id == people["P1"].id
        assert notes_1[1].kind is NoteKind.VERBATIM
        assert [n.phase_id for n in opened.notes(second.id)] == ["return", "closing"]


def test_import_title_defaults_to_the_roster(cli: Cli, vault: Path) -> None:
    roster, notes = write_corpus(cli.tmp / "corpus")
    result = import_corpus(cli, vault, roster, notes)
    assert result.code == 0, result.err
    with cli.open(vault) as opened:
        assert [i.title for i in opened.interventions()] == [ROSTER["intervention"]]


@pytest.mark.parametrize(
    ("bad_note", "expected"),
    [
        ({"kind": "rumour"}, 'line 3: "kind"'),
        ({"speaker": "Gisèle Aymard"}, "line 3: P3 refused note-taking"),
        ({"session": "two"}, 'line 3: "session"'),
    ],
)
def test_a_malformed_line_imports_nothing(
    cli: Cli, vault: Path, bad_note: dict[str, object], expected: str
) -> None:
    notes = [*NOTES[:2], {**NOTES[2], **bad_note}, NOTES[3]]
    roster, lines = write_corpus(cli.tmp / "corpus", notes)
    before = fingerprint(vault.parent)
    result = import_corpus(cli, vault, roster, lines)
    assert result.code == 2
    message = one_line_error(result)
    assert message.startswith("appsession: notes.jsonl: ")
    assert expected in message
    assert fingerprint(vault.parent) == before


def test_import_of_a_missing_file(cli: Cli, vault: Path) -> None:
    roster, _notes = write_corpus(cli.tmp / "corpus")
    result = import_corpus(cli, vault, roster, cli.tmp / "absent.jsonl")
    assert result.code == 2
    assert "no file" in one_line_error(result)


def test_import_into_a_missing_vault(cli: Cli) -> None:
    roster, notes = write_corpus(cli.tmp / "corpus")
    result = import_corpus(cli, cli.tmp / "none.db", roster, notes)
    assert result.code == 2
    assert "no vault" in one_line_error(result)


def test_import_the_dev_corpus_and_search_it(cli: Cli, vault: Path) -> None:
    result = import_corpus(cli, vault, DEV_CORPUS / "roster.json", DEV_CORPUS / "notes.jsonl")
    assert result.code == 0, result.err
    assert "173 notes, 18 participants, 6 sessions" in result.out
    code, out, _err = search(cli, vault, "NEIGE condat")
    assert code == 0
    assert "session 1 · — · facilitator" in out
    assert "Notes found: 1" in out


def test_search_matches_every_word_whatever_case_and_accents(cli: Cli, vault: Path) -> None:
    roster, notes = write_corpus(cli.tmp / "corpus")
    assert import_corpus(cli, vault, roster, notes).code == 0
    code, out, _err = search(cli, vault, "caf REPONSE")
    assert code == 0
    assert out.splitlines() == [
        "session 1 · expose · P1",
        "  Elle attendait sa réponse de la CAF depuis deux mois.",
        "Notes found: 1",
    ]
    code, out, _err = search(cli, vault, "soulagement", "--lang", "fr")
    assert "séance 2 · return · P2" in out
    assert "Notes trouvées : 1" in out
    code, out, _err = search(cli, vault, "introuvable")
    assert code == 0
    assert out.strip() == "Notes found: 0"


def test_search_json_and_limit(cli: Cli, vault: Path) -> None:
    roster, notes = write_corpus(cli.tmp / "corpus")
    assert import_corpus(cli, vault, roster, notes).code == 0
    code, out, _err = search(cli, vault, "caf", "--json")
    assert code == 0
    hits = json.loads(out)
    assert {hit["session"] for hit in hits} == {1, 2}
    assert len(hits) == 3
    assert {hit["speaker"] for hit in hits} == {"P1", "P2", "facilitator"}
    assert set(hits[0]) >= {"session", "phase", "speaker", "text", "kind", "themes", "group"}
    code, out, _err = search(cli, vault, "caf", "--json", "--limit", "1")
    assert len(json.loads(out)) == 1


def demo_vault(cli: Cli) -> Path:
    vault = cli.tmp / "demo.db"
    result = cli.run(
        "demo",
        "--vault",
        str(vault),
        "--passphrase-file",
        str(cli.secret_file()),
        "--sessions",
        "4",
        "--notes-per-session",
        "30",
        "--no-tui",
        *FLOOR,
    )
    assert result.code == 0, result.err
    return vault


def test_search_filters_by_group_and_theme_with_sub_themes(cli: Cli) -> None:
    vault = demo_vault(cli)
    code, every, _err = search(cli, vault, "", "--theme", "numerique", "--json")
    assert code == 0
    themes = {name for hit in json.loads(every) for name in hit["themes"]}
    assert themes
    assert themes & {"Dématérialisation des démarches", "Fracture numérique"}
    one_group = json.loads(
        search(cli, vault, "", "--theme", "Numérique", "--group", "sociaux", "--json")[1]
    )
    assert one_group
    assert {hit["group"] for hit in one_group} == {
        "Travailleuses et travailleurs sociaux du territoire"
    }
    assert len(one_group) < len(json.loads(every))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([" ,; "], "at least one word"),
        (["caf", "--limit", "0"], "--limit"),
        (["caf", "--group", "nowhere"], "no group matches"),
        (["caf", "--theme", "nothing like it"], "no theme matches"),
    ],
)
def test_search_bad_input(cli: Cli, argv: list[str], expected: str) -> None:
    vault = demo_vault(cli)
    code, _out, err = search(cli, vault, *argv)
    assert code == 2
    assert expected in err
    assert len(err.strip().splitlines()) == 1


def test_corpus_phases_map_to_phases_of_the_shipped_protocol() -> None:
    stamp = protocol_stamp()
    assert stamp.sha256 != "unknown", "protocols/app-classique.toml is not shipped"
    assert set(PHASES) == set(PHASE_IDS)
    assert {phase for phase in PHASE_IDS.values() if phase} <= set(stamp.phases)

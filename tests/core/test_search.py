"""Search in memory: folding, matching every word, filters and ranking."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from appsession.core.model import Note
from appsession.core.search import NoteIndex, fold, parse_query


def note(note_id: str, text: str, session: str = "s1", themes: tuple[str, ...] = ()) -> Note:
    return Note(id=note_id, session_id=session, text=text, themes=themes)


def ids(index: NoteIndex, query: str, **filters: object) -> list[str]:
    return [hit.note.id for hit in index.search(query, **filters)]  # type: ignore[arg-type]


def test_fold_drops_case_accents_and_punctuation() -> None:
    folded = fold("L’Œuvre de Saint-Genès-la-Vèze, ÉLODIE !")
    assert folded == " l oeuvre de saint genes la veze elodie "


def test_fold_keeps_letters_of_other_scripts() -> None:
    assert fold("Zoë Ångström-Δέλτα") == " zoe angstrom δελτα "


@given(st.text())
def test_fold_is_idempotent_and_spaced(text: str) -> None:
    folded = fold(text)
    assert folded.startswith(" ")
    assert folded.endswith(" ")
    assert "  " not in folded
    assert fold(folded) == folded


@given(st.text(alphabet="aeiouéèêëàâîïôöùûüçœÉÈÀÇ -’'"))
def test_fast_and_general_paths_agree_on_french(text: str) -> None:
    # A Greek letter forces the general path; the French part must fold the same way.
    assert fold(text + " Ω") == fold(text)[:-1] + " ω "


def test_query_keeps_quoted_phrases_together() -> None:
    assert parse_query('« Carte grise » "France services" Élodie élodie').terms == (
        "carte grise",
        "france services",
        "elodie",
    )


def test_empty_query() -> None:
    assert parse_query(" ,;! ").is_empty


def test_every_word_must_match_in_any_order_case_and_accent() -> None:
    index = NoteIndex(
        [
            note("a", "La famille attend la réponse de la CAF."),
            note("b", "Réponse rapide du Département."),
            note("c", "FAMILLE reçue, reponse donnée"),
        ]
    )
    assert sorted(ids(index, "réponse famille")) == ["a", "c"]
    assert ids(index, "departement") == ["b"]
    assert ids(index, "absent") == []


def test_a_word_finds_longer_words_but_whole_words_rank_first() -> None:
    index = NoteIndex([note("plural", "des familles"), note("whole", "une famille")])
    assert ids(index, "famille") == ["whole", "plural"]


def test_phrase_must_be_contiguous() -> None:
    index = NoteIndex([note("a", "la carte grise"), note("b", "carte vitale grise")])
    assert ids(index, '"carte grise"') == ["a"]
    assert sorted(ids(index, "carte grise")) == ["a", "b"]


def test_more_occurrences_rank_higher_then_session_then_order() -> None:
    notes = [
        note("late-once", "colère", session="s2"),
        note("early-once", "colère", session="s1"),
        note("twice", "colère et encore colère", session="s2"),
        note("early-once-bis", "colère", session="s1"),
    ]
    index = NoteIndex(notes, session_number={"s1": 1, "s2": 2})
    assert ids(index, "colere") == ["twice", "early-once", "early-once-bis", "late-once"]


def test_group_filter() -> None:
    index = NoteIndex(
        [note("g1", "accueil", session="s1"), note("g2", "accueil", session="s2")],
        group_of_session={"s1": "group-1", "s2": "group-2"},
    )
    assert ids(index, "accueil", group_ids={"group-2"}) == ["g2"]
    assert ids(index, "accueil", group_ids=set()) == []


def test_theme_filter_and_empty_query_lists_the_theme() -> None:
    index = NoteIndex(
        [
            note("coded", "appel difficile", themes=("t-aggr", "t-num")),
            note("other", "appel simple", themes=("t-num",)),
            note("none", "appel"),
        ]
    )
    assert ids(index, "appel", theme_ids={"t-aggr"}) == ["coded"]
    assert sorted(ids(index, "", theme_ids={"t-num"})) == ["coded", "other"]


def test_limit_keeps_the_best() -> None:
    index = NoteIndex([note(str(i), "mot " * (i + 1)) for i in range(5)])
    assert ids(index, "mot", limit=2) == ["4", "3"]


def test_scores_are_reported() -> None:
    index = NoteIndex([note("a", "logement logements")])
    (hit,) = index.search("logement")
    assert hit.score == 2 + 2  # two occurrences, one of them a whole word


def test_index_folds_lazily_and_once() -> None:
    index = NoteIndex([note("a", "Mot")])
    assert index._folded is None
    index.prepare()
    folded = index._folded
    index.search("mot")
    assert index._folded is folded
    assert len(index) == 1


def test_compatibility_capitals_fold_to_lower_case() -> None:
    assert fold("ᴬ 🄰 Ⓐ") == " a a a "

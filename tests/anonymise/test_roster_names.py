"""Participants and known terms are masked in every spelling, and common words are left alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from appsession.anonymise.engine import Pseudonymiser
from appsession.anonymise.roster import Roster


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Présentes : Rose Martin et Nathalie Bonnefoy.", ["Rose Martin", "Nathalie Bonnefoy"]),
        ("Absente : CHASSANG Élodie (formation).", ["CHASSANG Élodie"]),
        ("Martin, Bonnefoy, Benali étaient là.", ["Martin", "Bonnefoy", "Benali"]),
        ("Elodie pleure, Celine lui passe un mouchoir.", ["Elodie", "Celine"]),
        ("karima relit la liste avec marie-claude.", ["karima", "marie-claude"]),
        ("le numéro d'Amandine, l'avis d'Élodie", ["Amandine", "Élodie"]),
        ("Marie Claude arrive en retard.", ["Marie Claude"]),
        ("Sandrine P. et S. Pierre, c'est la même.", ["Sandrine P.", "S. Pierre"]),
        ("Virginie F-L conduit le bus, Virginie F.-L. aussi.", ["Virginie F-L", "Virginie F.-L."]),
        ("MC s'excuse, M.-C. aussi.", ["MC", "M.-C."]),
        ("Rose M. et Céline B. sont là.", ["Rose M.", "Céline B."]),
        ("Nath trouve qu'on a bien tenu les phases, Jess aussi.", ["Nath", "Jess"]),
        ("Séance 2 : Natahlie est là.", ["Natahlie"]),
        (
            "Fabre-Lacoste répond, Da Silva aussi, da silva encore.",
            ["Fabre-Lacoste", "Da Silva", "da silva"],
        ),
        ("Yann Le Gall a dit que Le Gall viendrait.", ["Yann Le Gall", "Le Gall"]),
        (
            "Nguyen Thi Lan expose, Oluwaseun Adeyemi écoute.",
            ["Nguyen Thi Lan", "Oluwaseun Adeyemi"],
        ),
        ("Sylvie Fargeix, puis Sylvie, puis Fargeix.", ["Sylvie Fargeix", "Sylvie", "Fargeix"]),
        ("Présents : Chris, Amandine R., Élo.", ["Chris", "Amandine R.", "Élo"]),
    ],
)
def test_participant_and_known_person_variants_are_masked(
    masked: Callable[[str], list[str]], note: str, expected: list[str]
) -> None:
    found = masked(note)
    for name in expected:
        assert name in found, (name, found)


@pytest.mark.parametrize(
    ("note", "name"),
    [
        ("Rose est à la France services depuis 2 ans.", "Rose"),
        ("rose note quelque chose.", "rose"),
        ("Présentes : rose, Natahlie, Karima.", "rose"),
        ("Pierre dit que c'est dur.", "Pierre"),
        ("Un long silence après l'intervention de Petit.", "Petit"),
        ("Céline Blanc et Blanc encore.", "Blanc"),
        ("Thierry Olive, travailleur social. Olive couvre le nord.", "Olive"),
        ("Je demande à rose de relire.", "rose"),
    ],
)
def test_names_that_are_words_are_masked_where_a_name_stands(
    masked: Callable[[str], list[str]], note: str, name: str
) -> None:
    assert name in masked(note)


@pytest.mark.parametrize(
    "note",
    [
        "faut voir aussi que c'est pas tout rose de l'autre côté",
        "je vais écrire à ma directrice, noir sur blanc, ce que j'ai vu",
        "Un blanc assez long après l'intervention.",
        "une maison en pierre isolée",
        "elle a même pris de l'huile d'olive",
        "Petit retour : tout s'est bien passé.",
        "une petite maison, un pull roux",
    ],
)
def test_common_words_that_are_names_are_left_alone(
    masked: Callable[[str], list[str]], note: str
) -> None:
    assert masked(note) == []


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        ("Son père est à Saint-Martin-Valmeroux.", "Martin"),
        ("la secrétaire de mairie, Nadine Martinez.", "P1"),
        ("en citant Mme Petitjean.", "P8"),
        ("la coopérative laitière de Pierrefort", "P4"),
        ("avec les Oliveira, pareil", "P11"),
    ],
)
def test_names_containing_roster_names_get_their_own_placeholder(
    pseudonymise: Callable[[str], str], note: str, kept: str
) -> None:
    assert kept not in pseudonymise(note)


def test_participants_become_their_pseudonym(pseudonymise: Callable[[str], str]) -> None:
    text = pseudonymise("Karima propose une situation, Mme Benali relit, karima valide.")
    assert text == "P3 propose une situation, Mme P3 relit, P3 valide."


def test_an_elided_name_reads_well(pseudonymise: Callable[[str], str]) -> None:
    assert pseudonymise("après l'intervention d'Amandine") == "après l'intervention de P12"


def test_a_lone_initial_is_the_only_participant_with_it(
    pseudonymise: Callable[[str], str],
) -> None:
    assert pseudonymise("Ne pas faire remonter (demande de K.).") == (
        "Ne pas faire remonter (demande de P3)."
    )


def test_a_lone_initial_shared_by_two_participants_is_not_guessed(
    engine: Pseudonymiser,
) -> None:
    result = engine.pseudonymise("Ne pas faire remonter (demande de C.).")
    assert "P7" not in result.text
    assert "P10" not in result.text


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("neige vers Riom-ès-Montagnes, puis à Riom", ["Riom-ès-Montagnes", "Riom"]),
        ("au monsieur à St-Genès, à Saint Genès", ["St-Genès", "Saint Genès"]),
        ("au lieu-dit La Bessaire, à la Bessaire", ["La Bessaire", "Bessaire"]),
        ("elle est venue à La Cagette avec les petits", ["La Cagette"]),
        ("au centre social des Hauts de Rhue", ["centre social des Hauts de Rhue"]),
    ],
)
def test_known_places_and_structures_in_short_forms(
    masked: Callable[[str], list[str]], note: str, expected: list[str]
) -> None:
    found = masked(note)
    for term in expected:
        assert any(term in span for span in found), (term, found)


def test_a_town_that_is_a_first_name_is_masked_as_a_known_place(
    engine: Pseudonymiser,
) -> None:
    result = engine.pseudonymise("le bus passe à Laurie le lundi")
    assert result.text == "le bus passe à [commune 1] le lundi"


def test_aliases_from_the_roster_are_names_too() -> None:
    roster = Roster.from_dict(
        {"participants": [{"name": "Nguyen Thi Lan", "pseudonym": "P1", "aliases": ["Lan"]}]}
    )
    assert Pseudonymiser(roster).pseudonymise("Lan expose.").text == "P1 expose."


def test_roster_names_are_found_without_the_model(roster: Roster) -> None:
    engine = Pseudonymiser(roster)
    result = engine.pseudonymise("Présentes : rose, Karima, S. Pierre, MC. Natahlie aussi.")
    assert result.text == "Présentes : P1, P3, P4, P5. P2 aussi."


def test_a_roster_from_the_vaults_participants() -> None:
    from appsession.core.model import Participant

    people = [Participant("id1", "g1", "Hélène Cros", "P18")]
    roster = Roster.from_participants(people)
    assert Pseudonymiser(roster).pseudonymise("Cros et hélène").text == "P18 et P18"


def test_a_known_nickname_points_to_its_participant() -> None:
    roster = Roster.from_dict(
        {
            "participants": [
                {"name": "Véronique Aubert", "pseudonym": "P1"},
                {"name": "Nathalie Roy", "pseudonym": "P2"},
            ],
            "known_terms": [
                {"text": "Véro", "label": "PERSON"},
                {"text": "Doudou", "label": "PERSON"},
            ],
        }
    )
    engine = Pseudonymiser(roster)
    assert engine.pseudonymise("Véro et Doudou sont là").text == "P1 et [personne 1] sont là"

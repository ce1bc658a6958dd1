"""One placeholder per third party, stable across notes and spellings; overlaps resolved."""

from __future__ import annotations

import pytest

from appsession.anonymise.engine import Pseudonymiser
from appsession.anonymise.spans import Label, Source

NOTES = [
    "Y a ce monsieur, M. Delpuech, il vient un jour sur deux.",
    "Petit retour : delpuech est revenu lundi, calme.",
    "Au 3230, on répond à M. D. que le dossier est en cours.",
    "En parallèle, un jeune, Jordan, 22 ans, vient tous les jours.",
    "Jordan il a quelqu'un ? la mission locale ?",
    "ma responsable, Sylvie Fargeix, elle me dit « tu gères ».",
]


def test_the_same_person_gets_the_same_placeholder_in_every_note(
    engine: Pseudonymiser,
) -> None:
    engine.learn(NOTES)
    texts = [result.text for result in engine.pseudonymise_many(NOTES)]
    assert texts[0] == "Y a ce monsieur, M. [usager·e 1], il vient un jour sur deux."
    assert texts[1] == "Petit retour : [usager·e 1] est revenu lundi, calme."
    assert texts[2] == "Au 3230, on répond à [usager·e 1] que le dossier est en cours."
    assert texts[3] == "En parallèle, un jeune, [usager·e 2], 22 ans, vient tous les jours."
    assert texts[4] == "[usager·e 2] il a quelqu'un ? la mission locale ?"
    assert texts[5] == "ma responsable, [collègue 1], elle me dit « tu gères »."


def test_numbering_is_per_category_and_stable_once_given(engine: Pseudonymiser) -> None:
    first = engine.pseudonymise("à Issoire, chez Mme Prat, à Lyon").text
    again = engine.pseudonymise("Mme Prat vit à Lyon, pas à Issoire").text
    assert first == "à [commune 1], chez Mme [personne 1], à [commune 2]"
    assert again == "Mme [personne 1] vit à [commune 2], pas à [commune 1]"


def test_a_renamed_placeholder_is_used_everywhere(engine: Pseudonymiser) -> None:
    result = engine.pseudonymise("Mme Vernière, 86 ans, veuve.")
    entity = result.replacements[0].entity
    engine.mapping.rename(entity, "une usagère âgée")
    assert engine.pseudonymise("depuis que Mme Vernière est tombée").text == (
        "depuis que Mme une usagère âgée est tombée"
    )


def test_a_full_name_and_its_parts_are_one_person(engine: Pseudonymiser) -> None:
    notes = ["le fils d'un conseiller, Kévin Lavergne, passe devant.", "le fils Lavergne, encore."]
    engine.learn(notes)
    first, second = engine.pseudonymise_many(notes)
    assert first.replacements[0].entity == second.replacements[0].entity


def test_an_email_that_contains_a_name_is_one_email(engine: Pseudonymiser) -> None:
    result = engine.pseudonymise("mon adresse, virginie.fabrelacoste@gmail.com, traîne")
    assert result.text == "mon adresse, [e-mail], traîne"


def test_a_structure_swallows_the_known_town_it_names(engine: Pseudonymiser) -> None:
    result = engine.pseudonymise("salle prêtée par la mairie de Riom-ès-Montagnes")
    assert [(r.label, r.source) for r in result.replacements] == [(Label.ORG, Source.RULE)]


def test_a_suggestion_never_swallows_a_participant(engine: Pseudonymiser) -> None:
    result = engine.pseudonymise("Présentes : Josette Karima et Nadège.")
    assert "P3" in result.text
    assert "Josette" not in result.text
    assert "Nadège" not in result.text


def test_offsets_point_into_the_original_note(engine: Pseudonymiser) -> None:
    note = "Elle m'a laissé son numéro, 06.39.98.62.14, et Mme Benali le sait."
    result = engine.pseudonymise(note)
    assert [note[r.start : r.end] for r in result.replacements] == ["06.39.98.62.14", "Benali"]


def test_certain_sources_are_decided_and_suggestions_are_not(engine: Pseudonymiser) -> None:
    result = engine.pseudonymise("Karima a vu l'usager, M. Lestrade, au 06 39 98 41 27.")
    decided = {r.placeholder: r.decided for r in result.replacements}
    assert decided == {"P3": True, "[usager·e 1]": False, "[téléphone]": True}


def test_the_engine_works_before_the_model_is_loaded(roster: object) -> None:
    from appsession.anonymise.model import LanguageModel
    from appsession.anonymise.roster import Roster

    assert isinstance(roster, Roster)
    engine = Pseudonymiser(roster, model=LanguageModel())
    result = engine.pseudonymise("Karima appelle le 06 39 98 41 27 pour Mme Lestrade.")
    assert result.text == "P3 appelle le [téléphone] pour Mme [personne 1]."


@pytest.mark.parametrize(
    ("note", "name"),
    [
        ("la secrétaire de mairie, Nadine Martinez, a dit", "Nadine Martinez"),
        ("il a vu Claire Fontaine hier", "Claire Fontaine"),
        ("le dossier de M. Dupont et de Mme Rousseau", "Dupont"),
        ("avec Durand et Lefebvre, les voisins", "Lefebvre"),
        ("selon Le Goff, tout va bien", "Le Goff"),
        ("l'appelante, Josiane Ferrand, rappelle", "Josiane Ferrand"),
    ],
)
def test_third_parties_with_common_names_are_found(
    engine: Pseudonymiser, note: str, name: str
) -> None:
    result = engine.pseudonymise(note)
    assert name not in result.text
    assert any(name in note[r.start : r.end] for r in result.replacements)


def test_a_given_name_typed_in_lower_case_is_found(engine: Pseudonymiser) -> None:
    result = engine.pseudonymise("on a vu kévin lavergne hier, avec aminata")
    assert result.text == "on a vu [personne 1] hier, avec [personne 2]"


@pytest.mark.parametrize(
    "note", ["il est en france depuis mars", "une bague en jade, claire et douce", "le max 3 fois"]
)
def test_lower_case_words_that_are_given_names_stay(engine: Pseudonymiser, note: str) -> None:
    assert engine.pseudonymise(note).text == note


def test_a_title_is_never_masked_on_its_own(engine: Pseudonymiser) -> None:
    assert engine.pseudonymise("le Dr Fargeix et le Dr Hamon").text == (
        "le Dr [collègue 1] et le Dr [collègue 2]"
    )

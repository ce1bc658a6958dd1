"""Generic institutions and roles are kept; titles, families, structures and streets are read."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from appsession.anonymise.keep import NEVER, ROLE, STRUCTURE, KeepList
from appsession.anonymise.normalise import units


@pytest.mark.parametrize(
    "note",
    [
        "Elle a écrit à la CAF, relancé la MSA, puis France Travail et les impôts.",
        "l'assistante sociale du Département, le maire, l'ASE et le rectorat",
        "la PMI, l'ARS, France services, Pôle emploi, le 115 et le 3230",
        "t'as saisi l'ARS ou c'est la mairie ? la DGS de la com com a refusé",
        "un courrier de la Banque de France, le Défenseur des droits, l'ADIL",
        "le juge des enfants, la CRIP, l'AEMO, l'AESH, le RASED et la MDPH",
        "Il l'a orienté vers Agri'écoute et vers la cellule de la MSA.",
        "je suis pas AS, je suis CESF, ma cheffe le sait",
    ],
)
def test_generic_institutions_programmes_and_roles_are_never_masked(
    masked: Callable[[str], list[str]], note: str
) -> None:
    assert masked(note) == []


@pytest.mark.parametrize(
    "note",
    [
        "Thèmes : Solitude, Fatigue, Colère, Impuissance face à la Direction.",
        "Selon le Protocole, il faut prévenir le Médecin de garde et la Famille.",
        "RAS sur le secteur Nord. Le Comité de direction a validé.",
        "le gamin a dit « Maman elle pleure ». Papa est parti en Algérie.",
        "Noël approche, les Fêtes sont dures. Le Conseil Départemental a refusé.",
        "Ordre du jour : Point Covid, Planning, Questions diverses.",
    ],
)
def test_capitalised_common_words_are_not_names(
    masked: Callable[[str], list[str]], note: str
) -> None:
    assert masked(note) == []


@pytest.mark.parametrize(
    ("note", "name"),
    [
        ("on a saisi la Maison Bleue et la CAF", "Maison Bleue"),
        ("on se retrouve au Café des Sports après", "Café des Sports"),
    ],
)
def test_a_named_establishment_after_an_article_is_masked(
    masked: Callable[[str], list[str]], note: str, name: str
) -> None:
    assert masked(note) == [name]


def test_a_role_before_a_town_keeps_the_role_and_masks_the_town(
    masked: Callable[[str], list[str]],
) -> None:
    assert masked("le maire de Saint-Genès-la-Vèze lui a demandé") == ["Saint-Genès-la-Vèze"]


def test_kept_acronyms_must_be_written_in_capitals() -> None:
    keep = KeepList.default()
    text = "tu as vu l'AS ? la Caf a répondu"
    found = keep.find(text, units(text))
    assert [text[k.start : k.end] for k in found] == ["AS", "Caf"]


def test_kinds_come_from_the_shipped_sections() -> None:
    keep = KeepList.default()
    assert STRUCTURE in keep.kinds_of("mairie")
    assert ROLE in keep.kinds_of("maire")
    assert keep.numbers >= {"115", "3230", "119"}


def test_the_facilitator_extends_the_keep_list() -> None:
    keep = KeepList.default(extra=["Maison Bleue"])
    text = "la Maison Bleue accueille"
    assert [k.kinds for k in keep.find(text, units(text))] == [frozenset({NEVER})]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Y a ce monsieur, M. Delpuech, il vient", ["Delpuech"]),
        ("chez Mme Lavigne au secrétariat", ["Lavigne"]),
        ("Au 3230, on répond à M. D. que le dossier", ["M. D."]),
        ("avec l'argent de Mme L.-R., c'est ton adresse", ["Mme L.-R."]),
        ("Le vétérinaire, Dr Mazeyrat, a fait un signalement", ["Mazeyrat"]),
        ("« M. BOUYSSOU Gilbert, né le", ["BOUYSSOU Gilbert"]),
        ("et le proprio c'est M. Bonhomme, conseiller municipal", ["Bonhomme"]),
        ("elle a appelé mme vernière hier", ["vernière"]),
    ],
)
def test_titles_introduce_a_person(
    masked: Callable[[str], list[str]], note: str, expected: list[str]
) -> None:
    assert masked(note) == expected


@pytest.mark.parametrize(
    ("note", "name"),
    [
        ("Situation de la famille Keita : une mère seule", "Keita"),
        ("quand on a eu le souci avec le fils Chabrier, c'est", "Chabrier"),
        ("la petite Maïmouna, 6 ans, elle tousse", "Maïmouna"),
        ("Ma femme dit que j'habite chez les Bouyssou maintenant.", "Bouyssou"),
        ("pareil, avec les Oliveira. Ça s'est fini", "Oliveira"),
    ],
)
def test_family_words_introduce_a_person(
    masked: Callable[[str], list[str]], note: str, name: str
) -> None:
    assert name in masked(note)


@pytest.mark.parametrize(
    ("note", "structure"),
    [
        ("salle prêtée par la mairie de Condat, clé", "mairie de Condat"),
        ("sa voiture est en panne au garage Vidalenc. Il dit", "garage Vidalenc"),
        ("Je tiens la permanence MSA d'Allanche le jeudi", "permanence MSA d'Allanche"),
        ("Le conseiller de l'agence bancaire de Riom menace", "agence bancaire de Riom"),
        ("La coopérative laitière de Pierrefort a suspendu", "coopérative laitière de Pierrefort"),
        ("à l'EHPAD Les Glycines on a mis des binômes", "EHPAD Les Glycines"),
        ("le SIP de Saint-Flour répond plus", "SIP de Saint-Flour"),
        ("scolarisé à l'école Jules-Ferry de Douarnenez.", "école Jules-Ferry de Douarnenez"),
        ("en ULIS au collège Jean Jaurès, suivi par", "collège Jean Jaurès"),
    ],
)
def test_a_local_structure_with_its_name_or_town_is_one_span(
    masked: Callable[[str], list[str]], note: str, structure: str
) -> None:
    assert structure in masked(note)


@pytest.mark.parametrize(
    "note",
    ["installée dans les locaux de la mairie.", "la mission locale c'est loin", "à l'école"],
)
def test_a_structure_alone_is_kept(masked: Callable[[str], list[str]], note: str) -> None:
    assert masked(note) == []


def test_a_street_without_a_number_is_a_place(pseudonymise: Callable[[str], str]) -> None:
    assert pseudonymise("c'est dans la rue des Tilleuls »") == "c'est dans la [lieu 1] »"


def test_a_street_named_after_a_person_is_a_place(pseudonymise: Callable[[str], str]) -> None:
    assert pseudonymise("ils habitent rue Victor Hugo à Lorient") == (
        "ils habitent [lieu 1] à [commune 1]"
    )


def test_someones_school_is_not_named_after_them(pseudonymise: Callable[[str], str]) -> None:
    assert pseudonymise("l'école de Jordan appelle") == "l'école de [personne 1] appelle"


def test_a_name_after_a_role_is_a_person(pseudonymise: Callable[[str], str]) -> None:
    assert pseudonymise("et le juge Moreau a tranché") == "et le juge [collègue 1] a tranché"


def test_doing_in_someones_place_is_not_a_street(pseudonymise: Callable[[str], str]) -> None:
    assert pseudonymise("faire à la place de Rose") == "faire à la place de P1"


def test_without_the_model_rules_stay_conservative(roster: object) -> None:
    from appsession.anonymise.engine import Pseudonymiser
    from appsession.anonymise.roster import Roster

    assert isinstance(roster, Roster)
    engine = Pseudonymiser(roster)
    assert engine.pseudonymise("chez les Fêtes, les Dupont et Mme Lestrade").text == (
        "chez les Fêtes, les [personne 1] et Mme [personne 2]"
    )

"""Re-identification warnings fire on planted cases and stay quiet on general statements."""

from __future__ import annotations

import pytest

from appsession.core.model import Participant
from appsession.core.reidentification import (
    Risk,
    RosterFacts,
    item_warnings,
    neutral,
    roster_facts,
    text_warnings,
)

ROSTER = [
    Participant("1", "g", "Mireille Castagné", "P1", "conseillère France services, Brumerolles"),
    Participant("2", "g", "Laëtitia Besse", "P2", "conseillère France services, bus itinérant"),
    Participant("3", "g", "Nadia Ferrand", "P3", "conseillère France services, Val-d'Orgues"),
    Participant("4", "g", "Gisèle Aymard", "P4", "agente d'accueil, mairie de Fontclaire"),
    Participant("5", "g", "Kévin Delmas", "P5", "conseiller numérique"),
    Participant("6", "g", "Océane Lapeyre", "P6", "conseillère France services"),
]
KNOWN = [
    ("Saint-Ormel-sur-Lande", "PLACE"),
    ("épicerie La Cagette", "ORG"),
    ("Mme Varennes", "PERSON"),
]


@pytest.fixture
def facts() -> RosterFacts:
    return roster_facts(ROSTER, KNOWN)


def risks(text: str, facts: RosterFacts) -> set[Risk]:
    return {w.risk for w in text_warnings(text, facts)}


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("Le conseiller numérique se retrouve seul face aux demandes.", Risk.RARE_ROLE),
        ("Une conseillère numérique évoque la fatigue.", Risk.RARE_ROLE),
        ("L'agent d'accueil reçoit toutes les colères.", Risk.RARE_ROLE),
        ("Sur le bus itinérant, les rendez-vous s'enchaînent.", Risk.RARE_ROLE),
        ("La directrice n'est jamais disponible.", Risk.RARE_ROLE),
        ("Notre cheffe de service a refusé.", Risk.RARE_ROLE),
        ("La seule à connaître le logiciel s'épuise.", Risk.SINGLING_OUT),
        ("La plus ancienne de l'équipe, en poste depuis 25 ans, résiste.", Risk.SINGLING_OUT),
        ("The only coordinator left the team.", Risk.SINGLING_OUT),
        ("À Brumerolles, l'accueil ferme à midi.", Risk.SITE),
        ("Une usagère venue de Saint-Ormel-sur-Lande.", Risk.SITE),
        ("Les bénévoles de l'épicerie La Cagette orientent.", Risk.SITE),
        ("À la mairie de Fontclaire, pas de bureau fermé.", Risk.SITE),
        ("La mairie de Rochebelle ferme le guichet.", Risk.SITE),
        ("Au [commune 2], la permanence est supprimée.", Risk.SITE),
        ("Le 12 mars, un usager est revenu.", Risk.DATE),
        ("Depuis le 03/02/2025 le guichet est fermé.", Risk.DATE),
        ("Lundi dernier, la file débordait.", Risk.DATE),
        ("Since March, the queue has doubled.", Risk.DATE),
        ("La réorganisation de 2024 a tout changé.", Risk.DATE),
        ("Après l'agression au guichet, personne n'a appelé.", Risk.EVENT),
        ("Une collègue en arrêt maladie n'a pas été remplacée.", Risk.EVENT),
        ("She was assaulted at the desk.", Risk.EVENT),
        ("Nadia pense que le cadre manque.", Risk.NAME),
        ("Comme le dit P3, le cadre manque.", Risk.NAME),
        ("Mme Varennes a insisté.", Risk.NAME),
        ("[collègue 1] a fini seule.", Risk.NAME),
    ],
)
def test_planted_cases_are_flagged(text: str, risk: Risk, facts: RosterFacts) -> None:
    assert risk in risks(text, facts)


@pytest.mark.parametrize(
    "text",
    [
        "Les conseillères France services décrivent une charge croissante liée aux démarches.",
        "Les professionnels orientent vers la CAF, France Travail ou la MSA sans réponse rapide.",
        "Le travail d'accueil demande de tenir le cadre face à des attentes impossibles.",
        "Plusieurs participants disent manquer de temps pour se former aux nouvelles plateformes.",
        "Les groupes souhaitent un temps d'échange régulier avec l'encadrement.",
    ],
)
def test_general_statements_raise_nothing(text: str, facts: RosterFacts) -> None:
    assert text_warnings(text, facts) == []


def test_common_roles_are_not_rare(facts: RosterFacts) -> None:
    assert neutral("conseillère France services").strip() not in facts.rare_roles
    assert neutral("conseiller numérique").strip() in facts.rare_roles
    assert "Brumerolles" in facts.sites
    assert "France" not in facts.sites


@pytest.mark.parametrize(
    ("participants", "flagged"), [(0, False), (1, True), (2, True), (3, False)]
)
def test_evidence_from_one_or_two_participants(
    participants: int, flagged: bool, facts: RosterFacts
) -> None:
    warnings = item_warnings("Un constat partagé.", participants, facts)
    assert (Risk.FEW_PARTICIPANTS in {w.risk for w in warnings}) is flagged


def test_warnings_are_unique_and_labelled(facts: RosterFacts) -> None:
    warnings = text_warnings("À Brumerolles, à Brumerolles, le 12 mars et le 12 mars.", facts)
    keys = [(w.risk, w.detail.casefold()) for w in warnings]
    assert len(keys) == len(set(keys))
    assert all(w.label for w in warnings)

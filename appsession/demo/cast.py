"""The demo's invented world: a rural community of communes, its facilitator and two groups.

Everything here is fictional. The communes, the community of communes and every site are
invented; names are ordinary French first names and surnames put together at random, and no
sentence describes a real person or place.
"""

from __future__ import annotations

from dataclasses import dataclass

COMMISSIONER = "Communauté de communes des Hautes-Combes du Vélorgue"
INTERVENTION_TITLE = "APP France services et accueil social — Hautes-Combes du Vélorgue"
FACILITATOR = "Anne Roussel, sociologue, intervenante APP"
LEGAL_BASIS = (
    "Intérêt légitime (art. 6.1.f RGPD) : convention d'intervention avec la communauté de "
    "communes ; notes de travail de l'intervenante, non transmises."
)

COMMUNES = (
    "Vélorgue-le-Haut",
    "Saint-Aulaire-des-Combes",
    "Laveyssière",
    "Chambrelade",
    "Puy-Sarrasin",
    "Montcalvet",
    "La Croix-de-Fenouillet",
)
"""Invented communes of the invented community of communes."""


@dataclass(frozen=True)
class Member:
    """A demo participant and the agreement they gave at the first session."""

    name: str
    role: str
    note_taking: bool = True
    quotable: bool = True
    restitution: bool = True


@dataclass(frozen=True)
class Circle:
    """A demo group: its name, its members and the weekday it meets (0 = Monday)."""

    key: str
    name: str
    members: tuple[Member, ...]
    weekday: int


COUNSELLORS = Circle(
    key="fs",
    name="Conseillères et conseillers France services",
    weekday=1,
    members=(
        Member("Mireille Castagné", "conseillère France services, Vélorgue-le-Haut"),
        Member("Laëtitia Besse", "conseillère France services, bus itinérant"),
        Member("Nadia Ferrand", "conseillère France services, Saint-Aulaire-des-Combes"),
        Member("Sébastien Vialard", "conseiller numérique, Laveyssière"),
        Member(
            "Gisèle Aymard",
            "agente d'accueil, mairie de Chambrelade",
            note_taking=False,
            quotable=False,
            restitution=False,
        ),
        Member("Océane Lapeyre", "conseillère France services, Puy-Sarrasin"),
        Member("Josiane Teyssèdre", "conseillère France services, Montcalvet", quotable=False),
        Member("Kévin Delmas", "conseiller France services, renfort volant"),
        Member("Farida Mansouri", "conseillère France services, La Croix-de-Fenouillet"),
        Member("Corinne Faucher", "référente France services de la communauté de communes"),
    ),
)
"""Group 1: one member refused note-taking, one agreed to notes but not to being quoted."""

SOCIAL_WORKERS = Circle(
    key="ts",
    name="Travailleuses et travailleurs sociaux du territoire",
    weekday=3,
    members=(
        Member("Hélène Bouyssou", "assistante sociale de secteur"),
        Member("Pascale Rigal", "conseillère en économie sociale et familiale"),
        Member("Thomas Vergnes", "éducateur spécialisé, prévention"),
        Member("Amina Diallo", "assistante sociale, centre social intercommunal"),
        Member("Claire Monteil", "référente RSA", restitution=False),
        Member("Julien Couderc", "travailleur social, accueil de jour"),
        Member("Sylvie Granier", "conseillère ESF, bailleur social"),
        Member("Marc Estival", "animateur, centre social intercommunal"),
        Member("Élise Chabrier", "assistante sociale, MSA"),
        Member("Yannick Pouget", "coordinateur de l'épicerie solidaire"),
        Member("Sarah Benhamou", "médiatrice sociale"),
    ),
)
"""Group 2: everyone agreed to note-taking; one member keeps out of the restitution."""

CIRCLES = (COUNSELLORS, SOCIAL_WORKERS)

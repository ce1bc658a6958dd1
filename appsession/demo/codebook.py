"""The demo's small French codebook: the themes a facilitator would code APP notes with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One theme of the codebook; ``parent`` is the key of its parent theme ("" at the top)."""

    key: str
    name: str
    definition: str
    parent: str = ""


CODEBOOK = (
    Code("usager", "Relation à l'usager", "Ce qui se joue dans la rencontre avec le public."),
    Code(
        "tension",
        "Tensions, agressivité",
        "Haussements de ton, menaces, situations où le professionnel se sent en danger.",
        "usager",
    ),
    Code(
        "detresse",
        "Détresse, urgence sociale",
        "Personnes sans ressources, sans logement, en souffrance psychique.",
        "usager",
    ),
    Code(
        "attentes",
        "Attentes impossibles à satisfaire",
        "Demandes qui dépassent ce que le service peut faire.",
        "usager",
    ),
    Code("cadre", "Cadre et limites du rôle", "Jusqu'où aller, ce qui n'est pas du ressort."),
    Code(
        "faire-a-la-place",
        "Faire à la place",
        "Remplir, signer, cliquer pour la personne ; question du mandat.",
        "cadre",
    ),
    Code(
        "secret",
        "Secret et confidentialité",
        "Informations confiées, partage avec les partenaires, discrétion au guichet.",
        "cadre",
    ),
    Code("numerique", "Numérique", "Démarches en ligne et leurs effets sur le travail d'accueil."),
    Code(
        "dematerialisation",
        "Dématérialisation des démarches",
        "Plateformes, identifiants, pièces à téléverser, rendez-vous en ligne.",
        "numerique",
    ),
    Code(
        "fracture",
        "Fracture numérique",
        "Personnes sans équipement, sans connexion ou sans aisance avec l'écrit.",
        "numerique",
    ),
    Code("institution", "Institution et partenaires", "Rapports avec les organismes et les élus."),
    Code(
        "partenariat",
        "Partenariat et relais",
        "Trouver le bon interlocuteur, être rappelé, passer le relais.",
        "institution",
    ),
    Code(
        "charge",
        "Charge de travail",
        "Affluence, remplacements non assurés, tâches qui s'ajoutent.",
        "institution",
    ),
    Code("vecu", "Vécu professionnel", "Ce que le travail fait aux professionnels."),
    Code(
        "isolement",
        "Isolement professionnel",
        "Seul au guichet ou sur la route, sans collègue à qui parler.",
        "vecu",
    ),
    Code(
        "emotions",
        "Émotions du professionnel",
        "Colère, impuissance, culpabilité, satisfaction.",
        "vecu",
    ),
)

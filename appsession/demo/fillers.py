"""Words that fill the demo's templates: who came, for what, to which office, feeling what."""

from __future__ import annotations

from appsession.demo.cast import COMMUNES

FILLERS: dict[str, tuple[str, ...]] = {
    "usager": (
        "une dame de 82 ans",
        "un agriculteur à la retraite",
        "une jeune mère seule",
        "un couple de retraités",
        "un homme qui sort de l'hôpital",
        "une femme récemment veuve",
        "un jeune de 19 ans",
        "un artisan en difficulté",
        "une famille arrivée depuis peu",
        "un monsieur qui ne sait pas lire",
    ),
    "demarche": (
        "son dossier de retraite",
        "sa demande de RSA",
        "sa carte grise",
        "sa prime d'activité",
        "sa déclaration de revenus",
        "son dossier MDPH",
        "son chèque énergie",
        "sa complémentaire santé solidaire",
        "son inscription à France Travail",
        "son dossier d'aide au logement",
    ),
    "organisme": (
        "la CAF",
        "la MSA",
        "la CARSAT",
        "France Travail",
        "la CPAM",
        "l'ANTS",
        "la préfecture",
        "la caisse de retraite",
    ),
    "emotion": (
        "de la colère",
        "de l'impuissance",
        "de la fatigue",
        "de la honte",
        "de l'inquiétude",
        "du découragement",
        "de la culpabilité",
        "du soulagement",
    ),
    "delai": ("trois semaines", "deux mois", "dix jours", "six mois", "le début de l'été"),
    "commune": COMMUNES,
}

SITUATIONS = (
    "{usager} exige que je finisse {demarche} à sa place",
    "{usager} revient chaque semaine pour {demarche}",
    "Un appel de {organisme} qui contredit ce que j'avais dit à {usager}",
    "{usager} s'est mis en colère au guichet de {commune}",
    "Je n'ai pas su dire non à {usager} pour {demarche}",
    "{usager} m'a confié quelque chose que je ne sais pas où ranger",
    "Seule à l'accueil de {commune} un jour d'affluence",
    "Un élu de {commune} me demande des nouvelles de {usager}",
)
"""Titles of situations proposed at the start of a session."""

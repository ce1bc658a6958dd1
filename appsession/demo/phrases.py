"""Sentences a facilitator might type during an APP session, as templates with slots.

Each template says who speaks (the facilitator, the presenter of the situation or another
member), the kind of note, and the codebook themes a facilitator would tag it with. Slots in
braces are filled from ``FILLERS`` (and ``{prenom}``, the presenter's first name).
"""

from __future__ import annotations

from dataclasses import dataclass

from appsession.demo.cast import COMMUNES


@dataclass(frozen=True)
class Phrase:
    """A note template for one phase."""

    who: str
    """"facilitator", "presenter" or "member"."""
    kind: str
    text: str
    themes: tuple[str, ...] = ()


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

PHRASES: dict[str, tuple[Phrase, ...]] = {
    "opening": (
        Phrase(
            "facilitator",
            "observation",
            "Rappel du cadre : confidentialité, bienveillance, "
            "pas de conseil pendant les hypothèses.",
        ),
        Phrase(
            "facilitator",
            "observation",
            "Météo du groupe : fatigue de fin de mois, plusieurs remplacements non assurés.",
            ("charge",),
        ),
        Phrase(
            "member",
            "paraphrase",
            "Revient sur la situation précédente : {usager} a fini "
            "par obtenir {demarche}, soulagement.",
            ("emotions",),
        ),
        Phrase(
            "member",
            "paraphrase",
            "Dit arriver avec {emotion} après une semaine chargée à {commune}.",
            ("emotions", "charge"),
        ),
        Phrase(
            "facilitator",
            "observation",
            "Salle prêtée par la mairie de {commune}, démarrage avec dix minutes de retard.",
        ),
    ),
    "choice": (
        Phrase(
            "facilitator",
            "observation",
            "Situations proposées ; le groupe choisit celle de "
            "{prenom}, l'autre est gardée pour la prochaine fois.",
        ),
        Phrase(
            "member", "paraphrase", "Propose une situation puis la retire : « ce n'est pas mûr »."
        ),
        Phrase("facilitator", "observation", "Choix rapide, {prenom} se dit prête à exposer."),
    ),
    "expose": (
        Phrase(
            "presenter",
            "verbatim",
            "Elle est arrivée sans rendez-vous pour {demarche}, "
            "elle m'a dit que {organisme} ne répondait plus.",
            ("partenariat",),
        ),
        Phrase(
            "presenter",
            "verbatim",
            "J'avais quatre personnes qui attendaient, et lui qui haussait le ton.",
            ("tension", "charge"),
        ),
        Phrase(
            "presenter",
            "paraphrase",
            "Raconte avoir rempli {demarche} pour {usager} « pour aller plus vite ».",
            ("faire-a-la-place",),
        ),
        Phrase(
            "presenter",
            "verbatim",
            "Sur le site il fallait un identifiant qu'elle n'avait "
            "pas, et un téléphone qu'elle n'a pas non plus.",
            ("dematerialisation", "fracture"),
        ),
        Phrase(
            "presenter",
            "verbatim",
            "Je suis restée seule une heure avec elle, je ne savais plus quoi faire.",
            ("isolement", "detresse"),
        ),
        Phrase(
            "facilitator",
            "observation",
            "{prenom} parle vite, les mains serrées ; silence du groupe à la fin du récit.",
            ("emotions",),
        ),
        Phrase(
            "presenter",
            "paraphrase",
            "Décrit la venue de {usager} pour {demarche}, "
            "après {delai} sans réponse de {organisme}.",
            ("attentes", "partenariat"),
        ),
        Phrase(
            "presenter",
            "verbatim",
            "C'était la troisième fois qu'il venait pour {demarche}, "
            "toujours avec les mêmes papiers.",
            ("attentes",),
        ),
        Phrase(
            "presenter",
            "paraphrase",
            "Explique que {organisme} a demandé une pièce de plus, que {usager} n'avait pas.",
            ("dematerialisation", "partenariat"),
        ),
        Phrase(
            "presenter",
            "verbatim",
            "En sortant j'ai pleuré dans la voiture, je ne l'avais jamais fait.",
            ("emotions",),
        ),
    ),
    "clarification": (
        Phrase("member", "question", "Qu'est-ce que tu lui as répondu exactement ?"),
        Phrase(
            "member", "question", "Est-ce que ta responsable était au courant ?", ("institution",)
        ),
        Phrase(
            "member",
            "question",
            "Tu avais un numéro direct pour joindre {organisme} ?",
            ("partenariat",),
        ),
        Phrase("member", "question", "Combien de temps a duré l'entretien ?", ("charge",)),
        Phrase(
            "presenter", "verbatim", "Non, j'ai attendu {delai} avant d'en parler.", ("isolement",)
        ),
        Phrase(
            "presenter",
            "paraphrase",
            "Précise que la personne avait déjà été reçue à {commune} sans suite.",
            ("partenariat",),
        ),
        Phrase(
            "facilitator",
            "observation",
            "Une question glisse vers le conseil, recadrée : on reste sur les faits.",
        ),
    ),
    "hypotheses": (
        Phrase(
            "member",
            "hypothesis",
            "Peut-être qu'elle attendait de toi ce que {organisme} ne lui donnait plus.",
            ("attentes", "partenariat"),
        ),
        Phrase(
            "member",
            "hypothesis",
            "On pourrait penser que faire à sa place était la seule "
            "façon de tenir le rythme ce jour-là.",
            ("faire-a-la-place", "charge"),
        ),
        Phrase(
            "member",
            "hypothesis",
            "Il se pourrait que sa colère vise l'écran plus que toi.",
            ("tension", "dematerialisation"),
        ),
        Phrase(
            "member",
            "hypothesis",
            "Peut-être que tu as senti {emotion} sans pouvoir la dire sur le moment.",
            ("emotions",),
        ),
        Phrase(
            "member",
            "resonance",
            "Ça me rappelle une dame à {commune}, même impasse avec {organisme}.",
            ("partenariat",),
        ),
        Phrase(
            "facilitator",
            "observation",
            "Les hypothèses restent au conditionnel ; une piste institutionnelle émerge.",
            ("institution",),
        ),
    ),
    "return": (
        Phrase(
            "presenter",
            "verbatim",
            "Ce que je retiens, c'est que je n'étais pas obligée de tout régler ce jour-là.",
            ("cadre",),
        ),
        Phrase(
            "presenter",
            "paraphrase",
            "Dit que l'hypothèse sur la colère contre l'écran l'a touchée.",
            ("tension", "emotions"),
        ),
        Phrase(
            "presenter",
            "action",
            "Appeler le référent de {organisme} avant la prochaine permanence.",
            ("partenariat",),
        ),
        Phrase(
            "presenter",
            "action",
            "Poser la question du mandat pour {demarche} en réunion d'équipe.",
            ("faire-a-la-place", "cadre"),
        ),
    ),
    "resonances": (
        Phrase(
            "member",
            "resonance",
            "Moi aussi je fais à la place quand la file s'allonge.",
            ("faire-a-la-place", "charge"),
        ),
        Phrase(
            "member",
            "resonance",
            "Je repars avec l'idée de dire plus tôt ce que je ne peux pas faire.",
            ("cadre",),
        ),
        Phrase(
            "member",
            "verbatim",
            "Ça fait du bien de voir que je ne suis pas la seule.",
            ("isolement",),
        ),
    ),
    "meta": (
        Phrase(
            "member",
            "paraphrase",
            "Trouve que les questions étaient moins orientées que la dernière fois.",
        ),
        Phrase(
            "facilitator",
            "observation",
            "Temps des hypothèses un peu court ; groupe plus à l'aise avec le silence.",
        ),
        Phrase("member", "paraphrase", "Demande un apport sur le secret partagé.", ("secret",)),
    ),
    "closing": (
        Phrase(
            "facilitator",
            "action",
            "Prochaine séance : {prenom} présentera la situation gardée aujourd'hui.",
        ),
        Phrase("facilitator", "observation", "Rappel : ce qui est dit ici reste ici.", ("secret",)),
        Phrase(
            "facilitator", "action", "Envoyer au groupe la trame du secret partagé.", ("secret",)
        ),
    ),
}
"""Templates by phase id of the ``app-classique`` protocol."""

PHASE_WEIGHTS: dict[str, int] = {
    "opening": 8,
    "choice": 5,
    "expose": 15,
    "clarification": 22,
    "hypotheses": 24,
    "return": 8,
    "resonances": 7,
    "meta": 6,
    "closing": 5,
}
"""How a session's notes spread over its phases (in the protocol's order)."""

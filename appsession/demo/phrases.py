"""Sentences a facilitator might type during an APP session, as templates with slots.

Each template says who speaks (the facilitator, the presenter of the situation or another
member), the kind of note, and the codebook themes a facilitator would tag it with. Slots in
braces are filled from ``fillers.FILLERS``, ``{prenom}`` (the presenter's first name) and
``{suivant}`` (the first name of whoever presents the situation kept for next time).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phrase:
    """A note template for one phase."""

    who: str
    """"facilitator", "presenter" or "member"."""
    kind: str
    text: str
    themes: tuple[str, ...] = ()


_F, _P, _M = "facilitator", "presenter", "member"

_TABLE: dict[str, tuple[tuple[str, str, str, tuple[str, ...]], ...]] = {
    "opening": (
        (
            _F,
            "observation",
            "Rappel du cadre : confidentialité, bienveillance, pas de conseil "
            "pendant les hypothèses.",
            (),
        ),
        (
            _F,
            "observation",
            "Météo du groupe : fatigue de fin de mois, plusieurs remplacements non assurés.",
            ("charge",),
        ),
        (
            _F,
            "observation",
            "Nouvelles de la dernière situation : {usager} a fini par obtenir {demarche}.",
            ("partenariat",),
        ),
        (
            _F,
            "observation",
            "Tour de table : beaucoup arrivent avec {emotion} après une semaine chargée.",
            ("emotions", "charge"),
        ),
        (
            _F,
            "observation",
            "Salle prêtée par la mairie de {commune}, démarrage avec dix minutes de retard.",
            (),
        ),
    ),
    "choice": (
        (
            _F,
            "observation",
            "Situations proposées ; le groupe choisit celle de {prenom}, "
            "l'autre est gardée pour la prochaine fois.",
            (),
        ),
        (_M, "paraphrase", "Propose une situation puis la retire : « ce n'est pas mûr ».", ()),
        (
            _M,
            "paraphrase",
            "Propose une situation avec {usager} autour de {demarche}.",
            ("attentes",),
        ),
        (_F, "observation", "Choix rapide, {prenom} se dit prête à exposer.", ()),
    ),
    "expose": (
        (
            _P,
            "verbatim",
            "Elle est arrivée sans rendez-vous pour {demarche}, elle m'a dit que "
            "{organisme} ne répondait plus.",
            ("partenariat",),
        ),
        (
            _P,
            "verbatim",
            "J'avais quatre personnes qui attendaient, et lui qui haussait le ton.",
            ("tension", "charge"),
        ),
        (
            _P,
            "paraphrase",
            "Raconte avoir rempli {demarche} pour {usager} « pour aller plus vite ».",
            ("faire-a-la-place",),
        ),
        (
            _P,
            "verbatim",
            "Sur le site il fallait un identifiant qu'elle n'avait pas, et un "
            "téléphone qu'elle n'a pas non plus.",
            ("dematerialisation", "fracture"),
        ),
        (
            _P,
            "verbatim",
            "Je suis restée seule une heure avec elle, je ne savais plus quoi faire.",
            ("isolement", "detresse"),
        ),
        (
            _F,
            "observation",
            "{prenom} parle vite, les mains serrées ; silence du groupe à la fin du récit.",
            ("emotions",),
        ),
        (
            _P,
            "paraphrase",
            "Décrit la venue de {usager} pour {demarche}, après {delai} sans "
            "réponse de {organisme}.",
            ("attentes", "partenariat"),
        ),
        (
            _P,
            "verbatim",
            "C'était la troisième fois qu'il venait pour {demarche}, toujours avec "
            "les mêmes papiers.",
            ("attentes",),
        ),
        (
            _P,
            "paraphrase",
            "Explique que {organisme} a demandé une pièce de plus, que {usager} n'avait pas.",
            ("dematerialisation", "partenariat"),
        ),
        (
            _P,
            "verbatim",
            "En sortant j'ai pleuré dans la voiture, je ne l'avais jamais fait.",
            ("emotions",),
        ),
    ),
    "clarification": (
        (_M, "question", "Qu'est-ce que tu lui as répondu exactement ?", ()),
        (_M, "question", "Est-ce que ta responsable était au courant ?", ("institution",)),
        (_M, "question", "Tu avais un numéro direct pour joindre {organisme} ?", ("partenariat",)),
        (_M, "question", "Combien de temps a duré l'entretien ?", ("charge",)),
        (_M, "question", "Tu étais seule à l'accueil ce jour-là ?", ("isolement",)),
        (_P, "verbatim", "Non, j'ai attendu {delai} avant d'en parler.", ("isolement",)),
        (
            _P,
            "paraphrase",
            "Précise que la personne avait déjà été reçue à {commune} sans suite.",
            ("partenariat",),
        ),
        (
            _F,
            "observation",
            "Une question glisse vers le conseil, recadrée : on reste sur les faits.",
            (),
        ),
    ),
    "hypotheses": (
        (
            _M,
            "hypothesis",
            "Peut-être qu'elle attendait de toi ce que {organisme} ne lui donnait plus.",
            ("attentes", "partenariat"),
        ),
        (
            _M,
            "hypothesis",
            "On pourrait penser que faire à sa place était la seule façon de tenir "
            "le rythme ce jour-là.",
            ("faire-a-la-place", "charge"),
        ),
        (
            _M,
            "hypothesis",
            "Il se pourrait que sa colère vise l'écran plus que toi.",
            ("tension", "dematerialisation"),
        ),
        (
            _M,
            "hypothesis",
            "Peut-être que tu as senti {emotion} sans pouvoir la dire sur le moment.",
            ("emotions",),
        ),
        (
            _M,
            "resonance",
            "Ça me rappelle une dame à {commune}, même impasse avec {organisme}.",
            ("partenariat",),
        ),
        (_M, "verbatim", "Moi, à ta place, j'aurais eu peur aussi.", ("emotions",)),
        (
            _F,
            "observation",
            "Les hypothèses restent au conditionnel ; une piste institutionnelle émerge.",
            ("institution",),
        ),
    ),
    "break": (
        (
            _F,
            "observation",
            "Pause ; {prenom} sort prendre l'air, le groupe parle d'autre chose.",
            (),
        ),
        (
            _F,
            "observation",
            "Pendant la pause, une remarque sur la situation : rappel du cadre à la reprise.",
            (),
        ),
    ),
    "return": (
        (
            _P,
            "verbatim",
            "Ce que je retiens, c'est que je n'étais pas obligée de tout régler ce jour-là.",
            ("cadre",),
        ),
        (
            _P,
            "paraphrase",
            "Dit que l'hypothèse sur la colère contre l'écran l'a touchée.",
            ("tension", "emotions"),
        ),
        (
            _P,
            "verbatim",
            "Je vais appeler le référent de {organisme} avant la prochaine permanence.",
            ("partenariat",),
        ),
        (
            _P,
            "paraphrase",
            "Veut poser la question du mandat pour {demarche} en réunion d'équipe.",
            ("faire-a-la-place", "cadre"),
        ),
        (_F, "observation", "{prenom} garde le dernier mot ; le groupe n'y revient pas.", ()),
    ),
    "closing": (
        (
            _M,
            "resonance",
            "Moi aussi je fais à la place quand la file s'allonge.",
            ("faire-a-la-place", "charge"),
        ),
        (
            _M,
            "resonance",
            "Je repars avec l'idée de dire plus tôt ce que je ne peux pas faire.",
            ("cadre",),
        ),
        (_M, "resonance", "Ça fait du bien de voir que je ne suis pas la seule.", ("isolement",)),
        (
            _F,
            "observation",
            "Prochaine séance : {suivant} présentera la situation gardée aujourd'hui.",
            (),
        ),
        (_F, "observation", "Rappel : ce qui est dit ici reste ici.", ("secret",)),
        (_F, "observation", "Le groupe demande un apport sur le secret partagé.", ("secret",)),
    ),
}

PHRASES: dict[str, tuple[Phrase, ...]] = {
    phase: tuple(Phrase(who, kind, text, themes) for who, kind, text, themes in rows)
    for phase, rows in _TABLE.items()
}
"""Templates by phase id of the ``app-classique`` protocol (note kinds it allows there)."""

PHASE_WEIGHTS: dict[str, int] = {
    "opening": 8,
    "choice": 5,
    "expose": 16,
    "clarification": 24,
    "hypotheses": 26,
    "break": 2,
    "return": 10,
    "closing": 9,
}
"""How a session's notes spread over its phases (in the protocol's order)."""

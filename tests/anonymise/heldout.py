"""A small held-out corpus of other professions, to check that the engine generalises.

Teachers, nurses, helpline listeners and child-protection workers, each with their own
roster, written with the dev corpus's conventions (``[[LABEL:text]]`` markers, ``[[O:…]]`` for a
common-word trap) but never used to tune the detectors. Everything is fictional; phone
numbers follow the ARCEP ranges reserved for fiction where the format allows.
"""

from __future__ import annotations

import re
from typing import Any

MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\]")
ARTICLE = re.compile(r"(?:la |le |les |l'|l’)", re.IGNORECASE)

TEACHERS = {
    "intervention": "APP enseignants de collège (fictif)",
    "participants": [
        {"name": "Camille Lefebvre", "pseudonym": "E1"},
        {"name": "Thomas Girard", "pseudonym": "E2"},
        {"name": "Nadia Belkacem", "pseudonym": "E3"},
        {"name": "Julien Moreau", "pseudonym": "E4"},
        {"name": "Sophie Marchand", "pseudonym": "E5"},
        {"name": "Léa Fontaine", "pseudonym": "E6"},
        {"name": "Olivier Lebrun", "pseudonym": "E7"},
        {"name": "Awa Traoré", "pseudonym": "E8"},
    ],
    "known_terms": [
        {"text": "collège Jean-Moulin", "label": "ORG"},
        {"text": "école Pasteur", "label": "ORG"},
        {"text": "Vierzon", "label": "PLACE"},
        {"text": "Mehun-sur-Yèvre", "label": "PLACE"},
        {"text": "Inès Carpentier", "label": "PERSON"},
    ],
}

TEACHER_NOTES = [
    "Séance 1. Présents : [[PERSON:Camille Lefebvre]], [[PERSON:Thomas Girard]], "
    "[[PERSON:Nadia Belkacem]], [[PERSON:Julien Moreau]], [[PERSON:Sophie Marchand]], "
    "[[PERSON:Léa Fontaine]], [[PERSON:Olivier Lebrun]]. Absente : [[PERSON:Awa]].",
    "[[PERSON:Thomas]] expose : un élève de 4e, [[PERSON:Enzo]], qui refuse tout travail écrit "
    "depuis la rentrée. Le [[KEEP:CPE]] dit qu'il faut attendre l'[[KEEP:ESS]].",
    "la mère d'[[PERSON:Enzo]], Mme [[PERSON:Duval]], m'a écrit sur [[KEEP:Pronote]] à 23h, puis "
    "sur mon mail perso [[EMAIL:t.girard.prof@gmail.com]]. Elle dit que je l'humilie devant la "
    "classe",
    "il est suivi au [[ORG:CMP de Bourges]] depuis le [[DATE:12 septembre]], d'après "
    "l'[[KEEP:infirmière scolaire]].",
    "[[PERSON:Nadia]] : est-ce que l'[[KEEP:AESH]] est là sur tes heures ? Non, Mme "
    "[[PERSON:Rivière]] est sur deux établissements, le [[ORG:collège Jean-Moulin]] et "
    "l'[[ORG:école Pasteur]].",
    "hypothèse de [[PERSON:Julien]] : [[PERSON:Enzo]] teste si l'adulte tient. Comme "
    "[[PERSON:Kylian]] l'an dernier à [[PLACE:Mehun]].",
    "[[PERSON:sophie]] : je me demande si la [[KEEP:principale]] ne te laisse pas seul. "
    "[[PERSON:Inès Carpentier]] elle-même l'avait dit en conseil pédagogique.",
    "Le père, [[PERSON:Fabrice Duval]], a appelé le secrétariat depuis le "
    "[[PHONE:07 81 22 45 90]] pour demander un rendez-vous avec [[PERSON:Carpentier]].",
    "l'élève a volé des bonbons chez le [[O:marchand]] de journaux en face, une "
    "[[O:fontaine]] de la cour est cassée depuis des mois.",
    "[[PERSON:Léa]] : au [[ORG:lycée de Saint-Amand-Montrond]] on avait un protocole avec la "
    "[[KEEP:PMI]] et la [[KEEP:MDPH]].",
    "[[PERSON:Awa]] arrive à 10h15. [[PERSON:Olivier]] résume pour elle.",
    "Retour de [[PERSON:Thomas]] : je vais demander une équipe éducative avec le "
    "[[KEEP:RASED]] et [[PERSON:Mme D.]], sans passer par mon mail perso.",
    "Élève né le [[DATE:3 février 2011]], domicilié [[ADDRESS:14 allée des Lilas, 18100 Vierzon]], "
    "INE [[ID:1234567890F]].",
    "[[PERSON:Juju]] (c'est [[PERSON:Julien]]) propose de garder la situation de [[PERSON:Léa]] "
    "pour la prochaine fois.",
    "[[PERSON:Moreau]] note que le [[KEEP:rectorat]] n'a jamais répondu. [[PERSON:Belkacem]] "
    "confirme.",
    "[[PERSON:Fontaine]] a vécu la même chose avec un élève, [[PERSON:Yanis]], en [[KEEP:ULIS]].",
    "la maman de [[PERSON:Yanis]] travaille chez [[ORG:Leclerc]] à [[PLACE:Vierzon]], tout le "
    "monde la connaît",
    "Synthèse : isolement face aux familles, place de l'[[KEEP:AESH]], rôle du [[KEEP:CPE]], "
    "frontière pro / perso ([[KEEP:Pronote]] le soir).",
]

NURSES = {
    "intervention": "Analyse de pratiques, soignants d'EHPAD (fictif)",
    "participants": [
        {"name": "Martine Lopez", "pseudonym": "S1"},
        {"name": "Karine Dubois", "pseudonym": "S2"},
        {"name": "Aïcha Mansouri", "pseudonym": "S3"},
        {"name": "Grégory Petitjean", "pseudonym": "S4"},
        {"name": "Isabelle Roy", "pseudonym": "S5"},
        {"name": "Coralie Meunier", "pseudonym": "S6"},
        {"name": "Jean-Pierre Bonnet", "pseudonym": "S7"},
    ],
    "known_terms": [
        {"text": "EHPAD Les Glycines", "label": "ORG"},
        {"text": "Aurillac", "label": "PLACE"},
        {"text": "Gérard Hamon", "label": "PERSON"},
    ],
}

NURSE_NOTES = [
    "Séance 2. Présents : [[PERSON:Martine]], [[PERSON:Karine]], [[PERSON:Aïcha]], "
    "[[PERSON:Greg]], [[PERSON:Isabelle]], [[PERSON:Coralie]], [[PERSON:JP]].",
    "[[PERSON:Coralie]] expose : une résidente, Mme [[PERSON:Vasseur]], 91 ans, qui refuse la "
    "toilette depuis la mort de son mari le [[DATE:2 janvier]].",
    "la fille de Mme [[PERSON:Vasseur]] appelle tous les jours le poste de soins, du "
    "[[PHONE:06 39 98 12 77]], et menace de porter plainte auprès de l'[[KEEP:ARS]].",
    "[[PERSON:Bonnet]] : est-ce que le [[KEEP:médecin coordonnateur]] est au courant ?",
    "[[PERSON:Coralie]] : oui, le Dr [[PERSON:Hamon]], mais il passe le mardi et c'est tout. La "
    "[[KEEP:cadre de santé]] dit de tout noter dans le dossier.",
    "[[PERSON:Aïcha]] : à l'[[ORG:hôpital de Saint-Flour]] on avait une équipe mobile de "
    "gériatrie pour ça.",
    "Mme [[PERSON:Vasseur]] était institutrice à [[PLACE:Arpajon-sur-Cère]], elle parle encore de "
    "ses élèves.",
    "hypothèse d'[[PERSON:Isabelle]] : ce n'est pas la toilette qu'elle refuse, c'est l'équipe qui "
    "change tout le temps.",
    "[[PERSON:Martine Lopez]] : chez nous à l'[[ORG:EHPAD Les Glycines]] on a mis des binômes "
    "fixes, ça a tout changé.",
    "[[PERSON:Karine]] pense que la fille, [[PERSON:Nathalie Vasseur]], culpabilise de l'avoir "
    "placée.",
    "Le fils vit à [[PLACE:Clermont-Ferrand]], il a écrit à la direction depuis "
    "[[EMAIL:vasseur.pierre@orange.fr]].",
    "Retour : [[PERSON:Coralie]] va proposer une réunion avec la famille, le Dr [[PERSON:Hamon]] "
    "et la [[KEEP:psychologue]].",
    "[[PERSON:Roy]] raconte une situation proche au [[ORG:SSIAD de Maurs]] : M. "
    "[[PERSON:Delmas]], qui refusait les soins et a fini aux [[ORG:urgences d'Aurillac]]. Les "
    "[[KEEP:urgences]] ont appelé le [[KEEP:SAMU]].",
    "On a ri, [[PERSON:JP]] avait mis son [[O:bonnet]] de laine, et le [[O:meunier]] du "
    "village a apporté de la farine.",
    "[[PERSON:Meunier]] demande que rien ne sorte sur la résidente. Son numéro de sécu noté par "
    "erreur sur la feuille : [[ID:2 33 05 15 014 021 39]], à barrer.",
    "[[PERSON:Aïcha Mansouri]] garde sa situation pour la prochaine fois : un patient en "
    "[[KEEP:HAD]] à [[PLACE:Vic-sur-Cère]], M. [[PERSON:Bouchard]], qui l'appelle sur son portable "
    "perso.",
    "[[PERSON:Petitjean]] rappelle que le [[KEEP:Ségur]] n'a rien changé pour les nuits.",
]

LISTENERS = {
    "intervention": "Supervision d'écoutants bénévoles (fictif)",
    "participants": [
        {"name": "Hélène Garnier", "pseudonym": "B1"},
        {"name": "Samuel Cohen", "pseudonym": "B2"},
        {"name": "Fatima Idrissi", "pseudonym": "B3"},
        {"name": "Paul Lambert", "pseudonym": "B4"},
        {"name": "Chloé Perrin", "pseudonym": "B5"},
        {"name": "Mathieu Blanchard", "pseudonym": "B6"},
        {"name": "Noémie Lacroix", "pseudonym": "B7"},
    ],
    "known_terms": [
        {"text": "antenne de Tourcoing", "label": "ORG"},
        {"text": "Lille", "label": "PLACE"},
    ],
}

LISTENER_NOTES = [
    "Supervision, séance 3. Présents : [[PERSON:Hélène]], [[PERSON:Samuel]], [[PERSON:Fatima]], "
    "[[PERSON:Paul]], [[PERSON:Chloé]], [[PERSON:Mathieu]], [[PERSON:Noémie]].",
    "[[PERSON:Samuel]] expose un appel de nuit : un jeune homme, il dit s'appeler "
    "[[PERSON:Kevin]], 19 ans, qui appelle d'une cabine à [[PLACE:Roubaix]] et parle du pont.",
    "il a donné son numéro pour qu'on le rappelle, [[PHONE:+33 7 68 12 90 44]], alors que la ligne "
    "est anonyme. Le [[KEEP:régulateur]] a dit de ne pas rappeler.",
    "[[PERSON:Paul]] : est-ce que tu as pensé au [[KEEP:3114]] ? [[PERSON:Samuel]] : oui, il "
    "avait déjà appelé.",
    "[[PERSON:Chloé]] : ça me rappelle une appelante, [[PERSON:Maryse]], qui appelait tous les "
    "soirs de [[PLACE:Tourcoing]] et qui donnait son adresse, [[ADDRESS:8 rue Pasteur]].",
    "hypothèse d'[[PERSON:Hélène Garnier]] : en donnant son numéro il te demande de ne pas être "
    "anonyme pour lui.",
    "[[PERSON:Lambert]] trouve que la règle protège les écoutants. [[PERSON:Perrin]] pas d'accord.",
    "Le [[KEEP:SAMU]] a été appelé à 2h10 par le [[KEEP:superviseur]], [[PERSON:Bruno]], qui a "
    "donné une localisation approximative.",
    "[[PERSON:Noémie]] : l'an dernier à l'[[ORG:antenne de Tourcoing]], un écoutant avait "
    "reconnu la voix de son voisin, M. [[PERSON:Leroy]].",
    "[[PERSON:Fatima]] : je me demande ce que tu as fait de ton inquiétude, en rentrant chez toi "
    "à 4h.",
    "[[PERSON:Samuel]] : j'ai même tapé son prénom sur Facebook le lendemain. Rien.",
    "[[PERSON:Blanchard]] propose d'écrire à la coordination de [[KEEP:SOS Amitié]] pour un "
    "débriefing après les appels suicidaires.",
    "mail de l'appelante transmis par erreur : [[EMAIL:maryse.d59 at laposte.net]]",
    "[[PERSON:Paul]] dit que ce n'est pas tout noir ni tout [[O:blanc]], et [[PERSON:chloé]] "
    "note qu'elle est épuisée.",
    "Retour de [[PERSON:Samuel]] : je vais en parler à [[PERSON:Bruno]], et à [[PERSON:Mme G.]] "
    "qui coordonne [[PLACE:Lille]].",
]

CHILD_PROTECTION = {
    "intervention": "APP protection de l'enfance (fictif)",
    "participants": [
        {"name": "Sandra Gomes", "pseudonym": "A1"},
        {"name": "Yann Le Gall", "pseudonym": "A2"},
        {"name": "Amina Diallo", "pseudonym": "A3"},
        {"name": "Frédéric Marchal", "pseudonym": "A4"},
        {"name": "Élise Charpentier", "pseudonym": "A5"},
        {"name": "Laurent Dupuis", "pseudonym": "A6"},
        {"name": "Myriam Benhamou", "pseudonym": "A7"},
    ],
    "known_terms": [
        {"text": "foyer Les Marronniers", "label": "ORG"},
        {"text": "Quimper", "label": "PLACE"},
    ],
}

CHILD_NOTES = [
    "Séance 4. Présents : [[PERSON:Sandra]], [[PERSON:Yann]], [[PERSON:Amina]], "
    "[[PERSON:Fred]], [[PERSON:Élise]], [[PERSON:Laurent]], [[PERSON:Myriam]].",
    "[[PERSON:Amina]] expose : une fratrie, [[PERSON:Lucas]] (8 ans), [[PERSON:Chloé]] (6 ans) "
    "et [[PERSON:Théo]] (3 ans), placés depuis le [[DATE:14 mars 2023]] au "
    "[[ORG:foyer Les Marronniers]].",
    "La mère, Mme [[PERSON:Kerbrat]], a un droit de visite médiatisé. Le [[KEEP:juge des enfants]] "
    "de [[PLACE:Quimper]] a renouvelé le placement.",
    "Elle est arrivée deux fois alcoolisée. Le père, M. [[PERSON:Le Goff]], est incarcéré à "
    "[[PLACE:Brest]].",
    "[[PERSON:Le Gall]] : est-ce que l'[[KEEP:éducatrice]] du foyer a fait une note ? "
    "[[PERSON:Amina]] : oui, [[PERSON:Gwenaëlle]] a tout écrit.",
    "Contact de la grand-mère : [[ADDRESS:3 chemin de Kerlaouen, 29000 Quimper]], "
    "[[PHONE:02 98 55 61 20]].",
    "[[PERSON:Marchal]] : hypothèse, tu portes la culpabilité du placement à la place du "
    "[[KEEP:juge]].",
    "[[PERSON:Charpentier]] : à la [[ORG:MECS de Landerneau]] on avait une famille pareille, les "
    "[[PERSON:Guéguen]], et ça s'est fini par une [[KEEP:tutelle]].",
    "[[PERSON:Lucas]] a dit à l'[[KEEP:assistante familiale]] qu'il voulait retourner chez sa mère "
    "à [[PLACE:Douarnenez]].",
    "[[PERSON:Dupuis]] rappelle la procédure : [[KEEP:information préoccupante]] à la "
    "[[KEEP:CRIP]], puis évaluation. Dossier n° [[ID:2023-004521]].",
    "[[PERSON:Myriam Benhamou]] : je me demande si le foyer n'est pas devenu la famille. "
    "[[PERSON:Théo]] appelle l'éducatrice maman.",
    "[[PERSON:Élise]] a apporté un gâteau fait par le [[O:charpentier]] de son village.",
    "Retour d'[[PERSON:Amina]] : je vais demander une synthèse avec le [[KEEP:référent ASE]] et la "
    "[[KEEP:psychologue]] du [[KEEP:CMPP]].",
    "Né le [[DATE:21/06/2015]], [[PERSON:Lucas Kerbrat]] est scolarisé à l'"
    "[[ORG:école Jules-Ferry de Douarnenez]].",
    "[[PERSON:Sandra Gomes]] : la mère m'a donné son mail, [[EMAIL:kerbrat.s@free.fr]], et son "
    "IBAN pour la cantine, [[ID:FR14 2004 1010 0505 0001 3M02 606]].",
]

CORPORA = {
    "teachers": (TEACHERS, TEACHER_NOTES),
    "nurses": (NURSES, NURSE_NOTES),
    "listeners": (LISTENERS, LISTENER_NOTES),
    "child-protection": (CHILD_PROTECTION, CHILD_NOTES),
}


def parse(marked: str) -> tuple[str, list[dict[str, Any]]]:
    """Strip the markers; return the text and its gold spans (articles cut from ORG/KEEP)."""
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    position = 0
    length = 0
    for match in MARK.finditer(marked):
        before = marked[position : match.start()]
        out.append(before)
        length += len(before)
        label, surface = match.group(1), match.group(2)
        start, end = length, length + len(surface)
        if label != "O":
            cut = ARTICLE.match(surface) if label in ("ORG", "KEEP") else None
            skip = cut.end() if cut else 0
            spans.append(
                {"start": start + skip, "end": end, "label": label, "text": surface[skip:]}
            )
        out.append(surface)
        length = end
        position = match.end()
    out.append(marked[position:])
    return "".join(out), spans


def roster_forms(roster: dict[str, Any]) -> set[str]:
    """What counts as "in the roster" (the dev corpus's mechanical rule)."""
    forms: set[str] = set()
    for person in roster["participants"]:
        first, _, last = person["name"].partition(" ")
        forms.update({person["name"].casefold(), first.casefold(), last.casefold()})
    forms.update(term["text"].casefold() for term in roster["known_terms"])
    return forms


def corpus(name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The roster and the notes (corpus format) of one held-out profession."""
    roster, marked_notes = CORPORA[name]
    forms = roster_forms(roster)
    notes = []
    for number, marked in enumerate(marked_notes, start=1):
        text, spans = parse(marked)
        for span in spans:
            span["in_roster"] = span["text"].casefold() in forms
        notes.append(
            {
                "id": f"{name}-{number:03d}",
                "session": 1,
                "phase": "other",
                "speaker": "facilitator",
                "kind": "observation",
                "text": text,
                "spans": spans,
            }
        )
    return roster, notes

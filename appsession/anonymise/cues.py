"""Which placeholder a third party gets: the words around their first mention say.

"un usager, M. Delpuech" gives "[usager·e 1]", "ma responsable, Sylvie Fargeix" gives
"[collègue 1]", "sa mère" or "le voisin" give "[proche 1]"; nothing clear gives "[personne 1]".
The facilitator can rename any placeholder afterwards.
"""

from __future__ import annotations

from appsession.anonymise.normalise import Unit
from appsession.anonymise.spans import Label

USER_WORDS = frozenset(
    {"usager", "usagere", "usagers", "beneficiaire", "allocataire", "monsieur", "dame", "jeune"}
    | {"famille", "enfant", "eleve", "patient", "patiente", "resident", "residente", "appelant"}
    | {"appelante", "locataire", "eleveur", "agriculteur", "client", "cliente", "gamin", "gamine"}
    | {"mamie", "papy", "ado", "adolescent", "adolescente", "mineur", "mineure", "petite"}
    | {"petit", "proprio", "proprietaire", "veuve", "veuf", "demandeur"}
)
KIN_WORDS = frozenset(
    {"mere", "pere", "fils", "fille", "frere", "soeur", "mari", "epouse", "femme", "voisin"}
    | {"voisine", "niece", "neveu", "tante", "oncle", "cousin", "cousine", "papa", "maman"}
    | {"conjoint", "conjointe", "compagnon", "compagne", "proche", "belle-mere", "beau-pere"}
)
COLLEAGUE_WORDS = frozenset(
    {"collegue", "collegues", "binome", "responsable", "cheffe", "chef", "directrice"}
    | {"directeur", "referente", "referent", "secretaire", "adjointe", "adjoint", "conseiller"}
    | {"conseillere", "veterinaire", "dr", "docteur", "medecin", "infirmiere", "infirmier"}
    | {"educatrice", "educateur", "enseignant", "enseignante", "professeur", "maire", "elu"}
    | {"elue", "juge", "avocat", "avocate", "superviseur", "coordinatrice", "psychologue"}
    | {"cadre", "agent", "agente", "standardiste", "guichet", "municipal", "collaboratrice"}
)
_WINDOW_BEFORE = 4
_WINDOW_AFTER = 3


def category(label: Label, units: list[Unit], first: int, last: int) -> str:
    """The placeholder category of a new entity, from its label and the nearby words."""
    if label is Label.ORG:
        return "structure"
    if label is Label.PLACE:
        street = units[first].key in _STREET_KEYS
        return "lieu" if street else "commune"
    nearby = _nearby(units, first, last)
    for key in nearby:
        if key in KIN_WORDS:
            return "proche"
        if key in COLLEAGUE_WORDS:
            return "collegue"
        if key in USER_WORDS:
            return "usager"
    return "personne"


def _nearby(units: list[Unit], first: int, last: int) -> list[str]:
    """Unit keys around a span, nearest first (before and after interleaved)."""
    before = [units[i].key for i in range(first - 1, max(-1, first - 1 - _WINDOW_BEFORE), -1)]
    after = [units[i].key for i in range(last + 1, min(len(units), last + 1 + _WINDOW_AFTER))]
    mixed: list[str] = []
    for index in range(max(len(before), len(after))):
        mixed += before[index : index + 1] + after[index : index + 1]
    return mixed


_STREET_KEYS = frozenset(
    {"rue", "avenue", "boulevard", "chemin", "impasse", "place", "route", "allee", "cours"}
    | {"quai", "square", "lieu-dit", "hameau", "residence", "lotissement", "cite", "quartier"}
)

"""The demo's pseudonym map: what a facilitator knows of the territory, and a review begun.

Run after ``build_demo`` (before or after the analysis). The facilitator has typed the
invented communes and two invented local structures as known terms, and kept the
commissioner's territory (named on the title page) unmasked. A few notes of early sessions
name invented third parties; the review has begun on them: two are accepted, one placeholder
is renamed, and some are left undecided for the review screen. Everything here is fictional.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from appsession.anonymise import Label, Verdict
from appsession.anonymise.normalise import fold_phrase
from appsession.core.model import Note, NoteKind, Session
from appsession.demo.cast import COMMUNES
from appsession.services.pseudonyms.review import ReviewService, Scope

if TYPE_CHECKING:
    from appsession.vault import Vault

TITLE_TERRITORY = "Hautes-Combes du Vélorgue"
"""The commissioner's own territory, on the title page: kept, never masked."""
KNOWN_PLACES = tuple(c for c in COMMUNES if not c.startswith("Vélorgue"))
"""Communes as known terms; "Vélorgue-le-Haut" would mask the territory's name everywhere
("Vélorgue" is its short name), so the rule on "la mairie de …" covers it instead."""
KNOWN_STRUCTURES = ("épicerie solidaire Le Panier des Combes", "foyer-logement Les Genêts")
KNOWN_PERSON = "Odette Ginestet"
"""A user the whole territory knows, typed by the facilitator, renamed below."""
RENAMED = "une usagère âgée"
ACCEPTED = ("roumegoux",)
REJECTED = ("rappelle",)
"""A word the context rules took for a name in "qu'on la rappelle": rejected in the review."""
NOTES = (
    "Odette Ginestet est revenue à l'accueil de Chambrelade, toujours pour sa retraite.",
    "Ginestet a encore appelé deux fois ; son fils passe à l'épicerie solidaire Le Panier "
    "des Combes.",
    "M. Roumégoux, secrétaire de mairie à Montcalvet, renvoie tout vers France services.",
    "La famille Laborie attend toujours sa réponse de la CAF ; on en reparle au "
    "foyer-logement Les Genêts.",
    "Mme Teulier a laissé son numéro, le 06 41 27 83 90, pour qu'on la rappelle.",
    "Roumégoux n'a pas répondu au courrier ; ginestet non plus.",
)
"""Notes of the facilitator naming invented people (early sessions of each group)."""


def add_demo_pseudonyms(vault: Vault, intervention_id: str, seed: int) -> None:
    """Known terms, a few notes naming third parties, and a review begun on them."""
    chance = random.Random(seed)
    review = ReviewService(vault, intervention_id)
    layer = review.layer
    for place in KNOWN_PLACES:
        layer.add_known_term(place, Label.PLACE)
    for structure in KNOWN_STRUCTURES:
        layer.add_known_term(structure, Label.ORG)
    layer.add_known_term(KNOWN_PERSON, Label.PERSON)
    layer.add_kept_term(TITLE_TERRITORY)
    layer.save()
    sessions = _early_sessions(review)
    with vault.batch():
        for index, text in enumerate(NOTES):
            session = sessions[index % len(sessions)]
            moment = _at(session, chance)
            vault.save_note(
                Note("", session.id, text, kind=NoteKind.OBSERVATION, created_at=moment)
            )
    for session in dict.fromkeys(sessions):
        _review(review, Scope(session.id))


def _early_sessions(review: ReviewService) -> list[Session]:
    """Sessions 2 and 3 of each group (or whatever the group has, for a tiny demo)."""
    chosen: list[Session] = []
    for group in review.roster.groups:
        own = sorted(
            (s for s in review.roster.sessions if s.group_id == group.id), key=lambda s: s.number
        )
        chosen += own[1:3] or own[:1]
    return chosen


def _at(session: Session, chance: random.Random) -> str:
    """A moment during the session's morning."""
    day = datetime.combine(datetime.fromisoformat(session.date).date(), time(9), tzinfo=UTC)
    return (day + timedelta(minutes=chance.randrange(10, 170))).isoformat(timespec="seconds")


def _review(review: ReviewService, scope: Scope) -> None:
    """Accept a third party, reject a false alarm, rename the known user's placeholder; leave
    the rest for the review screen."""
    for candidate in review.scan(scope):
        if candidate.form in ACCEPTED:
            review.decide(candidate, Verdict.ACCEPT)
        elif candidate.form in REJECTED:
            review.decide(candidate, Verdict.REJECT)
    key = f"k:{fold_phrase(KNOWN_PERSON)}"
    entity = review.layer.mapping.entities.get(key)
    if entity is not None and not entity.rename:
        review.rename(key, RENAMED)

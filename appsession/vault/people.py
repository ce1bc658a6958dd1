"""Interventions, groups, participants and consents."""

from __future__ import annotations

from appsession.core.model import Consent, Group, Intervention, Participant

from .base import VaultBase
from .codec import from_payload, to_payload
from .keyring import new_id
from .owners import intervention_key, intervention_of_group, participant_key


class PeopleMixin(VaultBase):
    """Who the notes are about: encrypted under IK (structure) and PK (each person)."""

    def add_intervention(
        self, title: str, commissioner: str = "", period: str = "", facilitator: str = ""
    ) -> Intervention:
        """A new commissioned cycle, with its own intervention key."""
        item = Intervention(new_id(), title, commissioner, period, facilitator)
        self.update_intervention(item)
        return item

    def update_intervention(self, item: Intervention) -> None:
        """Save changed fields (revision + 1)."""
        store = self._store()
        with store.transaction():
            store.put(
                "interventions",
                item.id,
                {},
                to_payload(item, ("id",)),
                intervention_key(store, item.id),
            )

    def interventions(self) -> list[Intervention]:
        """Every readable intervention, oldest first by title."""
        rows = self._store().rows("interventions")
        items = [from_payload(Intervention, row.payload, {"id": row.row_id}) for row in rows]
        return sorted(items, key=lambda item: (item.title, item.id))

    def intervention(self, intervention_id: str) -> Intervention:
        """One intervention (``NotFound``/``IntegrityError``)."""
        row = self._store().get("interventions", intervention_id)
        return from_payload(Intervention, row.payload, {"id": row.row_id})

    def add_group(self, intervention_id: str, name: str) -> Group:
        """A group of the intervention (encrypted under its IK)."""
        item = Group(new_id(), intervention_id, name)
        self.update_group(item)
        return item

    def update_group(self, item: Group) -> None:
        """Rename a group."""
        store = self._store()
        with store.transaction():
            store.put(
                "groups",
                item.id,
                {"intervention_id": item.intervention_id},
                to_payload(item, ("id", "intervention_id")),
                intervention_key(store, item.intervention_id),
            )

    def groups(self, intervention_id: str) -> list[Group]:
        """The intervention's groups, by name."""
        rows = self._store().rows("groups", intervention_id=intervention_id)
        items = [from_payload(Group, row.payload, {"id": row.row_id, **row.owners}) for row in rows]
        return sorted(items, key=lambda item: (item.name, item.id))

    def add_participant(
        self, group_id: str, name: str, pseudonym: str, role: str = ""
    ) -> Participant:
        """A member with a fresh random participant key (withdrawal destroys it)."""
        item = Participant(new_id(), group_id, name, pseudonym, role)
        self.update_participant(item)
        return item

    def update_participant(self, item: Participant) -> None:
        """Save a changed name, pseudonym or role."""
        store = self._store()
        with store.transaction():
            intervention_of_group(store, item.group_id)
            store.put(
                "participants",
                item.id,
                {"group_id": item.group_id},
                to_payload(item, ("id", "group_id")),
                participant_key(store, item.id, item.group_id),
            )

    def participants(self, group_id: str) -> list[Participant]:
        """The group's (not withdrawn) participants, by pseudonym."""
        rows = self._store().rows("participants", group_id=group_id)
        items = [
            from_payload(Participant, row.payload, {"id": row.row_id, **row.owners}) for row in rows
        ]
        return sorted(items, key=lambda item: (item.pseudonym, item.id))

    def participant(self, participant_id: str) -> Participant:
        """One participant (``NotFound`` once withdrawn)."""
        row = self._store().get("participants", participant_id)
        return from_payload(Participant, row.payload, {"id": row.row_id, **row.owners})

    def set_consent(self, consent: Consent) -> None:
        """Record the participant's agreement flags (under PK_p)."""
        store = self._store()
        with store.transaction():
            store.put(
                "consents",
                consent.participant_id,
                {"participant_id": consent.participant_id},
                to_payload(consent, ("participant_id",)),
                participant_key(store, consent.participant_id),
            )

    def consent(self, participant_id: str) -> Consent:
        """The recorded consent, or an empty one (nobody asked yet)."""
        row = self._store().find("consents", participant_id)
        if row is None:
            return Consent(participant_id)
        return from_payload(Consent, row.payload, {"participant_id": participant_id})

"""Which key encrypts what: the crypto-shredding map of the vault.

(participant, session) → contribution key CK; participant → PK; session → SK; intervention →
IK; anything else → the vault data key DK. Clear owner ids (random) link the rows.
"""

from __future__ import annotations

from .errors import NotFound
from .keyring import Cipher, KeyKind, Owners
from .store import Store


def _clear(store: Store, table: str, column: str, row_id: str) -> str:
    row = store.conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise NotFound(table, row_id)
    return str(row[0])


def intervention_of_group(store: Store, group_id: str) -> str:
    """The intervention a group belongs to."""
    return _clear(store, "groups", "intervention_id", group_id)


def group_of_session(store: Store, session_id: str) -> str:
    """The group a session belongs to."""
    return _clear(store, "sessions", "group_id", session_id)


def group_of_participant(store: Store, participant_id: str) -> str:
    """The group a participant belongs to."""
    return _clear(store, "participants", "group_id", participant_id)


def data_key(store: Store) -> Cipher:
    """DK: records that no withdrawal or purge targets (audit log, vault manifest)."""
    return store.keyring.current(KeyKind.DATA, Owners(), None)


def intervention_key(store: Store, intervention_id: str) -> Cipher:
    """IK_i: wraps every PK and SK of the intervention (a retention purge drops it)."""
    return store.keyring.current(KeyKind.INTERVENTION, Owners(intervention_id), None)


def participant_key(store: Store, participant_id: str, group_id: str = "") -> Cipher:
    """PK_p: the participant's profile, consent, situations and own draft items."""
    intervention = intervention_of_group(
        store, group_id or group_of_participant(store, participant_id)
    )
    parent = intervention_key(store, intervention)
    return store.keyring.current(
        KeyKind.PARTICIPANT, Owners(intervention, "", participant_id), parent.key_id
    )


def session_key(store: Store, session_id: str, group_id: str = "") -> Cipher:
    """SK_s: the session record, facilitator notes, pending text and the manifest."""
    intervention = intervention_of_group(store, group_id or group_of_session(store, session_id))
    parent = intervention_key(store, intervention)
    return store.keyring.current(KeyKind.SESSION, Owners(intervention, session_id), parent.key_id)


def contribution_key(store: Store, participant_id: str, session_id: str) -> Cipher:
    """CK_{p,s}: what p said in session s (wrapped by PK_p)."""
    parent = participant_key(store, participant_id)
    intervention = intervention_of_group(store, group_of_participant(store, participant_id))
    return store.keyring.current(
        KeyKind.CONTRIBUTION, Owners(intervention, session_id, participant_id), parent.key_id
    )


def owner_key(
    store: Store, *, intervention_id: str = "", session_id: str = "", participant_id: str = ""
) -> Cipher:
    """The narrowest key for a record with these owners."""
    if participant_id and session_id:
        return contribution_key(store, participant_id, session_id)
    if participant_id:
        return participant_key(store, participant_id)
    if session_id:
        return session_key(store, session_id)
    if intervention_id:
        return intervention_key(store, intervention_id)
    return data_key(store)

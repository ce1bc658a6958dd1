"""Hypothesis fuzzing: every parser raises only the vault's defined errors."""

from __future__ import annotations

import contextlib
import os
import struct

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appsession.vault import (
    FLOOR,
    FormatError,
    HeaderCorrupted,
    IntegrityError,
    UnsupportedParameters,
    aead,
    manifest,
)
from appsession.vault import backup as sealed
from appsession.vault import header as hdr
from appsession.vault.aead import AuthenticationFailed
from appsession.vault.store import decode_payload

FAST = settings(
    max_examples=600, deadline=1000, database=None, suppress_health_check=[HealthCheck.too_slow]
)
KEY = AESGCM(bytes(32))
VALID_BLOB = aead.seal(KEY, 1, b'{"text":"x"}', b"aad")
SLOT = hdr.Keyslot(hdr.SlotKind.PASSPHRASE, FLOOR, os.urandom(16), os.urandom(12), bytes(48))
VALID_HEADER = hdr.encode(hdr.Header(os.urandom(16), (SLOT,)))
WRAP_KEY = bytes(range(32))
VALID_BACKUP = sealed.seal(b"SQLite format 3\0" + os.urandom(70_000), VALID_HEADER, WRAP_KEY)


def mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    raw = bytearray(data)
    for position, value in edits:
        raw[position % len(raw)] = value
    return bytes(raw[:cut] if cut is not None else raw)


edits = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4)
cuts = st.one_of(st.none(), st.integers(0, 200_000))


@FAST
@given(st.binary(max_size=600))
def test_header_parser_on_random_bytes(data: bytes) -> None:
    with contextlib.suppress(FormatError, HeaderCorrupted, UnsupportedParameters):
        hdr.decode(data)


@FAST
@given(edits, cuts)
def test_header_parser_on_mutated_headers(changes: list[tuple[int, int]], cut: int | None) -> None:
    data = mutate(VALID_HEADER, changes, cut)
    with contextlib.suppress(FormatError, HeaderCorrupted, UnsupportedParameters):
        hdr.decode(data)
    import hashlib

    body = data[:-32]
    resealed = body + hashlib.sha256(body).digest()
    with contextlib.suppress(FormatError, UnsupportedParameters):
        hdr.decode(resealed)


@FAST
@given(st.binary(max_size=400), st.binary(max_size=40))
def test_blob_parser_on_random_bytes(data: bytes, aad: bytes) -> None:
    with contextlib.suppress(FormatError, AuthenticationFailed):
        aead.unseal(KEY, data, aad)


@FAST
@given(edits, cuts)
def test_blob_parser_on_mutated_blobs(changes: list[tuple[int, int]], cut: int | None) -> None:
    data = mutate(VALID_BLOB, changes, cut)
    try:
        plain = aead.unseal(KEY, data, b"aad")
    except (FormatError, AuthenticationFailed):
        return
    assert data == VALID_BLOB
    assert decode_payload(plain) == {"text": "x"}


@FAST
@given(st.binary(max_size=300))
def test_padding_and_payload_decoders(data: bytes) -> None:
    framed = struct.pack(">I", len(data)) + data
    try:
        aead.unpad(framed + bytes(-len(framed) % 256))
        decode_payload(data)
    except FormatError:
        pass


@FAST
@given(
    st.lists(
        st.one_of(st.text(max_size=20), st.integers(0, 10**12), st.binary(max_size=20)), max_size=8
    )
)
def test_aad_encoder_is_injective(fields: list[str | int | bytes]) -> None:
    encoded = aead.encode_aad(*fields)
    decoded, offset = [], 0
    while offset < len(encoded):
        (length,) = struct.unpack_from(">H", encoded, offset)
        decoded.append(encoded[offset + 2 : offset + 2 + length])
        offset += 2 + length
    assert decoded == [f if isinstance(f, bytes) else str(f).encode() for f in fields]


@FAST
@given(st.binary(max_size=400))
def test_manifest_decoder(data: bytes) -> None:
    try:
        manifest.decode_entries(data)
        manifest.Root.decode(data)
    except FormatError:
        pass


@settings(
    max_examples=300, deadline=2000, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(edits, cuts)
def test_backup_parser_on_mutated_containers(
    changes: list[tuple[int, int]], cut: int | None
) -> None:
    data = mutate(VALID_BACKUP, changes, cut)
    try:
        image = sealed.open_container(sealed.parse(data), WRAP_KEY)
    except (FormatError, IntegrityError):
        return
    assert data == VALID_BACKUP
    assert image.startswith(b"SQLite format 3")


@FAST
@given(st.binary(max_size=2000))
def test_backup_parser_on_random_bytes(data: bytes) -> None:
    for candidate in (data, b"PGVB1" + data):
        with contextlib.suppress(FormatError, IntegrityError):
            sealed.open_container(sealed.parse(candidate), WRAP_KEY)

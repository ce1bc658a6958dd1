"""Known-answer tests, the AAD encoding, padding buckets and the Secret wrapper."""

from __future__ import annotations

import copy
import pickle

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from appsession.vault import aead
from appsession.vault.aead import AuthenticationFailed
from appsession.vault.errors import FormatError
from appsession.vault.kdf import normalize
from appsession.vault.secret import Secret


def test_argon2id_matches_rfc9106_vector() -> None:
    kdf = Argon2id(
        salt=b"\x02" * 16,
        length=32,
        iterations=3,
        lanes=4,
        memory_cost=32,
        ad=b"\x04" * 12,
        secret=b"\x03" * 8,
    )
    expected = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
    assert kdf.derive(b"\x01" * 32).hex() == expected


def test_aes256_gcm_matches_nist_vector() -> None:
    # McGrew & Viega GCM specification, test case 16 (256-bit key, 60-byte plaintext, AAD).
    key = bytes.fromhex("feffe9928665731c6d6a8f9467308308" * 2)
    nonce = bytes.fromhex("cafebabefacedbaddecaf888")
    plaintext = bytes.fromhex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
        "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
    )
    aad = bytes.fromhex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
    expected = (
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
        "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
        "76fc6ece0f4e1768cddf8853bb2d551b"
    )
    assert AESGCM(key).encrypt(nonce, plaintext, aad).hex() == expected


def test_aad_encoding_is_golden() -> None:
    encoded = aead.record_aad("v1", "notes", "body", "ab", 3, "k", 1, ["s", ""])
    assert encoded.hex() == (
        "0004706776310002763100056e6f7465730004626f64790002616200013300016b0001310001730000"
    )


def test_aad_fields_cannot_slide_into_each_other() -> None:
    assert aead.encode_aad("a", "bc") != aead.encode_aad("ab", "c")
    assert aead.encode_aad("1") == aead.encode_aad(1)
    with pytest.raises(TypeError):
        aead.encode_aad(True)


@pytest.mark.parametrize(("lengths", "same"), [((1, 50, 150), True), ((200, 260), False)])
def test_padding_hides_lengths_within_a_bucket(lengths: tuple[int, ...], same: bool) -> None:
    cipher = AESGCM(AESGCM.generate_key(256))
    sizes = {len(aead.seal(cipher, 1, b"x" * n, b"")) for n in lengths}
    assert (len(sizes) == 1) is same
    assert all((size - aead.OVERHEAD) % aead.BUCKET == 0 for size in sizes)


def test_crossing_a_bucket_adds_exactly_256_bytes() -> None:
    cipher = AESGCM(AESGCM.generate_key(256))
    small = len(aead.seal(cipher, 1, b"x" * 252, b""))
    large = len(aead.seal(cipher, 1, b"x" * 253, b""))
    assert (small, large) == (33 + 256, 33 + 512)


def test_every_encryption_uses_a_fresh_nonce() -> None:
    cipher = AESGCM(AESGCM.generate_key(256))
    nonces = {aead.parse(aead.seal(cipher, 1, b"same", b"aad"))[1] for _ in range(2000)}
    assert len(nonces) == 2000


def test_key_version_in_the_blob_is_authenticated() -> None:
    cipher = AESGCM(AESGCM.generate_key(256))
    blob = bytearray(aead.seal(cipher, 7, b"text", b"aad"))
    assert aead.parse(bytes(blob))[0] == 7
    blob[4] ^= 1
    with pytest.raises(AuthenticationFailed):
        aead.unseal(cipher, bytes(blob), b"aad")


def test_unpad_rejects_inconsistent_frames() -> None:
    framed = aead.pad(b"abc")
    assert aead.unpad(framed) == b"abc"
    for bad in (framed[:-1], b"\0\0\1\0" + framed[4:], framed[:-1] + b"\1"):
        with pytest.raises(FormatError):
            aead.unpad(bad)


def test_secret_never_shows_its_bytes() -> None:
    secret = Secret(b"\x01\x02key-material")
    assert repr(secret) == str(secret) == f"{secret}" == "<Secret redacted>"
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        copy.copy(secret)
    with pytest.raises(TypeError):
        copy.deepcopy(secret)
    assert secret == Secret(b"\x01\x02key-material")
    assert secret != Secret(b"other")


def test_wiped_secret_is_empty() -> None:
    secret = Secret(b"abc")
    secret.wipe()
    assert len(secret) == 0
    with pytest.raises(ValueError, match="wiped"):
        secret.reveal()


def test_passphrases_are_normalised_to_nfc_but_keep_whitespace() -> None:
    nfc, nfd = "Zo\u00eb \u00c5ngstr\u00f6m", "Zoe\u0308 A\u030angstro\u0308m"
    assert normalize(nfc) == normalize(nfd) == nfc.encode("utf-8")
    assert normalize(nfc + " ") != normalize(nfc)

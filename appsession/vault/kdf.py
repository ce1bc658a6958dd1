"""Passphrase → key-encryption key: Argon2id with calibrated parameters, a floor and read caps.

The header is attacker-controlled, so ``check_caps`` runs before any derivation: absurd
parameters are refused without allocating anything. scrypt is used only when this system's
OpenSSL lacks Argon2id, and the choice is recorded in the header.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from enum import IntEnum

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from appsession.i18n import _

from .errors import UnsupportedParameters, VaultError, WeakParameters
from .secret import Secret

KEY_BYTES = 32
SALT_BYTES = 16
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_ITERATIONS = 10
MAX_LANES = 16
CALIBRATION_STEPS_KIB = (65536, 131072, 262144, 524288, 1048576)
SLOW_SECONDS = 1.0
FAST_SECONDS = 0.25


class KdfAlgorithm(IntEnum):
    """Algorithm ids as stored in the header (never negotiated, only recorded)."""

    ARGON2ID = 1
    SCRYPT = 2
    HKDF_SHA256 = 3
    """Recovery-key slots only: a full-entropy key needs no memory-hard stretching."""


@dataclass(frozen=True)
class KdfParams:
    """Work factors of the passphrase KDF.

    For Argon2id: ``memory_kib`` (m), ``iterations`` (t), ``lanes`` (p).
    For scrypt: ``memory_kib`` holds N, ``iterations`` holds r, ``lanes`` holds p.
    """

    algorithm: KdfAlgorithm
    memory_kib: int
    iterations: int
    lanes: int


FLOOR = KdfParams(KdfAlgorithm.ARGON2ID, 65536, 3, 4)
"""RFC 9106's second recommended option; unit tests use it, creation refuses anything lower."""
DEFAULT = KdfParams(KdfAlgorithm.ARGON2ID, 262144, 3, 4)
"""Where calibration starts (256 MiB, t=3, p=4)."""
SCRYPT_FALLBACK = KdfParams(KdfAlgorithm.SCRYPT, 2**18, 8, 1)


def normalize(passphrase: str) -> bytes:
    """NFC then UTF-8, so the same passphrase typed on macOS and Linux gives the same key.

    Whitespace is kept exactly as given (leading, trailing and inner spaces all count).
    """
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_caps(params: KdfParams) -> None:
    """Refuse parameters no legitimate vault uses, before any memory is allocated."""
    m, t, p = params.memory_kib, params.iterations, params.lanes
    if params.algorithm is KdfAlgorithm.HKDF_SHA256:
        ok = False
    elif params.algorithm is KdfAlgorithm.ARGON2ID:
        ok = 1 <= p <= MAX_LANES and 8 * p <= m <= MAX_MEMORY_KIB and 1 <= t <= MAX_ITERATIONS
    else:
        power_of_two = m >= 2 and m & (m - 1) == 0
        ok = power_of_two and m <= 2**22 and 1 <= t <= 32 and 1 <= p <= MAX_LANES
        ok = ok and 128 * m * t <= MAX_MEMORY_KIB * 1024
    if not ok:
        raise UnsupportedParameters()


def below_floor(params: KdfParams) -> bool:
    """True for parameters weaker than the floor (opening warns, creating refuses)."""
    if params.algorithm is KdfAlgorithm.SCRYPT:
        return params.memory_kib < SCRYPT_FALLBACK.memory_kib or params.iterations < 8
    return params.memory_kib < FLOOR.memory_kib or params.iterations < FLOOR.iterations


def require_floor(params: KdfParams) -> None:
    """Creation and passphrase change refuse parameters below the floor."""
    check_caps(params)
    if below_floor(params):
        raise WeakParameters()


def derive(passphrase: bytes, salt: bytes, params: KdfParams) -> Secret:
    """Run the KDF (caps already checked by the caller's parser, checked again here)."""
    check_caps(params)
    try:
        return Secret(_kdf(salt, params).derive(passphrase))
    except UnsupportedAlgorithm:
        raise VaultError(
            _("this system cannot compute the vault's key-derivation function")
        ) from None


def _kdf(salt: bytes, params: KdfParams) -> Argon2id | Scrypt:
    if params.algorithm is KdfAlgorithm.ARGON2ID:
        return Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=params.iterations,
            lanes=params.lanes,
            memory_cost=params.memory_kib,
        )
    return Scrypt(
        salt=salt, length=KEY_BYTES, n=params.memory_kib, r=params.iterations, p=params.lanes
    )


def argon2id_available() -> bool:
    """False only when this OpenSSL build lacks Argon2id (then scrypt is recorded instead)."""
    try:
        Argon2id(salt=b"\0" * SALT_BYTES, length=KEY_BYTES, iterations=1, lanes=1, memory_cost=8)
    except UnsupportedAlgorithm:
        return False
    return True


@dataclass(frozen=True)
class Calibration:
    """The parameters chosen at creation, the key they gave and how long it took."""

    params: KdfParams
    key: Secret
    seconds: float


def timed_derive(passphrase: bytes, salt: bytes, params: KdfParams) -> Calibration:
    """Derive and measure, so that creation can report the unlock time."""
    start = time.perf_counter()
    key = derive(passphrase, salt, params)
    return Calibration(params, key, time.perf_counter() - start)


def calibrate(passphrase: bytes, salt: bytes) -> Calibration:
    """Start at 256 MiB; step down while slower than 1 s, up while faster than 0.25 s.

    The last run is the real derivation (same salt and passphrase), so nothing is wasted.
    """
    if not argon2id_available():
        return timed_derive(passphrase, salt, SCRYPT_FALLBACK)
    index = CALIBRATION_STEPS_KIB.index(DEFAULT.memory_kib)
    result = timed_derive(passphrase, salt, DEFAULT)
    step = -1 if result.seconds > SLOW_SECONDS else 1 if result.seconds < FAST_SECONDS else 0
    while step and 0 <= index + step < len(CALIBRATION_STEPS_KIB):
        index += step
        params = KdfParams(KdfAlgorithm.ARGON2ID, CALIBRATION_STEPS_KIB[index], 3, 4)
        result = timed_derive(passphrase, salt, params)
        if (step < 0 and result.seconds <= SLOW_SECONDS) or (
            step > 0 and result.seconds >= FAST_SECONDS
        ):
            break
    return result

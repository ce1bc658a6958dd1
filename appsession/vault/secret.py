"""Key material that never shows up in reprs, logs, tracebacks or pickles."""

from __future__ import annotations

import hmac
from typing import NoReturn


class Secret:
    """Bytes held in a ``bytearray`` that can be wiped (best effort, see docs/security.md).

    ``repr``/``str`` are redacted, pickling and copying raise, comparison is constant-time.
    """

    __slots__ = ("__weakref__", "_buffer")

    def __init__(self, data: bytes | bytearray) -> None:
        self._buffer = bytearray(data)

    def reveal(self) -> bytes:
        """The key bytes, for the one call that needs them (a cipher or a KDF)."""
        if not self._buffer:
            raise ValueError("secret was wiped")
        return bytes(self._buffer)

    def __len__(self) -> int:
        return len(self._buffer)

    def wipe(self) -> None:
        """Overwrite the buffer with zeros and empty it."""
        for index in range(len(self._buffer)):
            self._buffer[index] = 0
        self._buffer = bytearray()

    def __repr__(self) -> str:
        return "<Secret redacted>"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return "<Secret redacted>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(bytes(self._buffer), bytes(other._buffer))

    def __hash__(self) -> int:
        raise TypeError("Secret is not hashable")

    def __reduce__(self) -> NoReturn:
        raise TypeError("Secret cannot be pickled")

    def __copy__(self) -> NoReturn:
        raise TypeError("Secret cannot be copied")

    def __deepcopy__(self, memo: object) -> NoReturn:
        raise TypeError("Secret cannot be copied")

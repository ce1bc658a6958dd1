"""Dataclasses of ``core.model`` to JSON payloads and back (clear ids stay out of payloads)."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar, cast

T = TypeVar("T")
Converter = Callable[[Any], Any]


def to_payload(item: Any, clear: tuple[str, ...]) -> dict[str, Any]:
    """Every field except the clear ids, tuples as lists, enums as their values."""
    payload: dict[str, Any] = {}
    for field in dataclasses.fields(item):
        if field.name in clear:
            continue
        value = getattr(item, field.name)
        payload[field.name] = list(value) if isinstance(value, tuple) else value
    return payload


def from_payload(
    cls: type[T],
    payload: Mapping[str, Any],
    clear: Mapping[str, Any],
    converters: Mapping[str, Converter] | None = None,
) -> T:
    """Rebuild a dataclass; unknown keys (from a newer version) are ignored."""
    converters = converters or {}
    kwargs: dict[str, Any] = {}
    for name in _field_names(cast(Hashable, cls)):
        if name in clear:
            kwargs[name] = clear[name]
        elif name in payload:
            convert = converters.get(name)
            value = payload[name]
            kwargs[name] = convert(value) if convert else value
    return cls(**kwargs)


@functools.cache
def _field_names(cls: Any) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def as_tuple(value: Any) -> tuple[Any, ...]:
    """JSON lists back to tuples."""
    return tuple(value)

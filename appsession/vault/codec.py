"""Dataclasses of ``core.model`` to JSON payloads and back (clear ids stay out of payloads)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

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
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name in clear:
            kwargs[field.name] = clear[field.name]
        elif field.name in payload:
            convert = converters.get(field.name)
            value = payload[field.name]
            kwargs[field.name] = convert(value) if convert else value
    return cls(**kwargs)


def as_tuple(value: Any) -> tuple[Any, ...]:
    """JSON lists back to tuples."""
    return tuple(value)

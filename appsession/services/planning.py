"""Planning a session: its number, date, protocol, length and situations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from appsession.core.errors import UserError
from appsession.core.model import Session
from appsession.core.plan import SessionPlan, plan_session
from appsession.core.protocol import Protocol
from appsession.i18n import _

if TYPE_CHECKING:
    from appsession.vault import Vault


@dataclass(frozen=True)
class SessionRequest:
    """What the New session form collects."""

    group_id: str
    day: str
    protocol: Protocol
    length_minutes: int
    situations: int


def parse_day(text: str) -> date:
    """A date typed as YYYY-MM-DD or DD/MM/YYYY.

    Raises:
        UserError: the text is not a date.
    """
    text = text.strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(_("“{text}” is not a date (use YYYY-MM-DD)").format(text=text)) from None


def check_request(request: SessionRequest) -> SessionPlan:
    """The plan the request gives, or the reason it cannot be run.

    Raises:
        UserError: a bad date, length or number of situations.
    """
    parse_day(request.day)
    return plan_session(request.protocol, request.length_minutes, request.situations)


def create_session(vault: Vault, request: SessionRequest) -> Session:
    """A new session numbered after the group's last one.

    Raises:
        UserError: see ``check_request``.
    """
    check_request(request)
    number = max((s.number for s in vault.sessions(request.group_id)), default=0) + 1
    protocol = request.protocol
    session = vault.add_session(
        request.group_id,
        number,
        parse_day(request.day).isoformat(),
        protocol.id,
        protocol.version,
        protocol.sha256,
        length_minutes=request.length_minutes,
        situations=request.situations,
    )
    vault.record_event("session-planned", session_id=session.id, group_id=request.group_id)
    return session

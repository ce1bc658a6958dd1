"""``appsession withdraw PSEUDONYM``: a participant withdraws consent; their words are shredded.

The vault destroys the participant's keys and records (crypto-shredding, crash-safe). The
command says plainly what this reaches and what it cannot reach: copies made before, and DOCX
files already exported.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.vault_access import add_vault_options, guarded, unlocked
from appsession.core.errors import UserError
from appsession.core.model import Group, Participant, Session
from appsession.core.search import fold
from appsession.i18n import _
from appsession.vault import Vault, WithdrawalReport

YES = frozenset({"yes", "y", "oui", "o"})


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``withdraw``."""
    parser = subparsers.add_parser(
        "withdraw",
        help=_("withdraw a participant's consent and destroy their contributions"),
        description=_(
            "Destroy everything a participant said, everywhere or in one session, by erasing "
            "their keys. This cannot be undone. Copies of the vault made before, and DOCX files "
            "already exported, are not reached."
        ),
    )
    add_vault_options(parser)
    parser.add_argument("pseudonym", metavar=_("PSEUDONYM"), help=_("the participant's pseudonym"))
    parser.add_argument(
        "--session",
        type=int,
        metavar=_("N"),
        help=_("withdraw from session number N only (default: from every session)"),
    )
    parser.add_argument(
        "--group", metavar=_("GROUP"), help=_("the group, when several use the same pseudonym")
    )
    parser.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    parser.set_defaults(handler=guarded(withdraw))


@dataclass(frozen=True)
class Target:
    """Who withdraws, from which group, and from which session (None: all)."""

    participant: Participant
    group: Group
    session: Session | None


def withdraw(args: argparse.Namespace, ctx: CliContext) -> int:
    """Find the participant, say what will happen, confirm, shred, report."""
    with unlocked(args, ctx) as vault:
        target = _find(vault, args.pseudonym, args.group, args.session)
        _announce(vault, target, ctx)
        if not args.yes and not _confirmed(ctx):
            raise UserError(_("withdrawal cancelled; nothing was changed"), exit_code=1)
        report = vault.withdraw(
            target.participant.id, target.session.id if target.session else None
        )
    _report(report, ctx)
    return 0


def _find(vault: Vault, pseudonym: str, group_name: str | None, number: int | None) -> Target:
    """The one participant with this pseudonym (in the named group, if given)."""
    matches = [
        (participant, group)
        for intervention in vault.interventions()
        for group in vault.groups(intervention.id)
        if group_name is None or _same_group(group, group_name)
        for participant in vault.participants(group.id)
        if participant.pseudonym.casefold() == pseudonym.strip().casefold()
    ]
    if not matches:
        raise UserError(_("no participant with this pseudonym"), exit_code=2)
    if len(matches) > 1:
        names = "; ".join(group.name for _participant, group in matches)
        raise UserError(
            _("several groups have this pseudonym ({groups}): name one with --group").format(
                groups=names
            ),
            exit_code=2,
        )
    participant, group = matches[0]
    return Target(participant, group, _session(vault, group, number))


def _same_group(group: Group, wanted: str) -> bool:
    """A group is named by its id or by (a folded part of) its name."""
    return group.id == wanted or fold(wanted).strip() in fold(group.name)


def _session(vault: Vault, group: Group, number: int | None) -> Session | None:
    if number is None:
        return None
    for session in vault.sessions(group.id):
        if session.number == number:
            return session
    raise UserError(_("this group has no session {number}").format(number=number), exit_code=2)


def _announce(vault: Vault, target: Target, ctx: CliContext) -> None:
    """What will be destroyed, and what cannot be reached."""
    who, group = target.participant.pseudonym, target.group.name
    notes = _notes_spoken(vault, target)
    if target.session is None:
        ctx.say(
            _("Withdraw {who} (group {group}) from every session.").format(who=who, group=group)
        )
        lost = _(
            "Destroyed for good: their name, consent record, the situations they presented "
            "and their notes ({count})."
        )
    else:
        ctx.say(
            _("Withdraw {who} (group {group}) from session {number}.").format(
                who=who, group=group, number=target.session.number
            )
        )
        lost = _("Destroyed for good: their notes in that session ({count}).")
    ctx.say(lost.format(count=notes))
    ctx.say(_("Draft items quoting these notes will be flagged for review."))
    _say_not_reached(ctx)


def _notes_spoken(vault: Vault, target: Target) -> int:
    """How many notes hold the participant's words where the withdrawal reaches."""
    sessions = [target.session] if target.session else vault.sessions(target.group.id)
    return sum(
        1
        for session in sessions
        for note in vault.notes(session.id)
        if note.speaker_id == target.participant.id
    )


def _say_not_reached(ctx: CliContext) -> None:
    ctx.say(
        _(
            "Not reached: copies of the vault made before now (backups, cloud sync, "
            "snapshots), which the passphrase still opens, and DOCX files already exported."
        )
    )


def _confirmed(ctx: CliContext) -> bool:
    """Ask on standard output, read one line of standard input."""
    print(_('Type "yes" to withdraw: '), end="", file=ctx.stdout, flush=True)
    answer = ctx.stdin.readline()
    if not ctx.stdin.isatty():
        ctx.say("")
    return answer.strip().casefold() in YES


def _report(report: WithdrawalReport, ctx: CliContext) -> None:
    ctx.say(
        _("Withdrawn in {seconds:.2f} s. Records deleted: {records}; keys erased: {keys}.").format(
            records=report.records, keys=len(report.key_ids), seconds=report.seconds
        )
    )
    if report.flagged_items:
        ctx.say(
            _("Draft items that cited these notes, now flagged for review: {count}.").format(
                count=len(report.flagged_items)
            )
        )
    ctx.say(_("Reached: this vault, and every copy of its files made from now on."))
    _say_not_reached(ctx)

"""``appsession protocols list|show|check``: the methods a session can follow."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.parser import add_lang_option
from appsession.core.countdown import format_clock
from appsession.core.plan import plan_session
from appsession.core.protocol import Protocol
from appsession.i18n import _, current_language, pick
from appsession.protocol_library import ProtocolFileInvalid, ProtocolLibrary, read_protocol_file
from appsession.protocol_texts import note_kind_text, presenter_status_text, role_text


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``protocols`` and its sub-commands."""
    parser = subparsers.add_parser(
        "protocols", help=_("list, show and check protocols"), description=_("Protocols.")
    )
    add_lang_option(parser)
    actions = parser.add_subparsers(title=_("commands"), metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("list the protocols you can run"))
    add_lang_option(listing)
    listing.set_defaults(handler=list_protocols)
    show = actions.add_parser("show", help=_("show a protocol's phases, timings and rules"))
    add_lang_option(show)
    show.add_argument("protocol_id", metavar="ID", help=_("the protocol's id"))
    show.add_argument("--minutes", type=int, help=_("session length in minutes"))
    show.add_argument("--situations", type=int, help=_("number of situations"))
    show.set_defaults(handler=show_protocol)
    check = actions.add_parser("check", help=_("validate protocol files"))
    add_lang_option(check)
    check.add_argument("files", metavar=_("FILE"), nargs="+", type=Path, help=_("protocol file"))
    check.set_defaults(handler=check_files)


def _library(ctx: CliContext) -> ProtocolLibrary:
    return ProtocolLibrary(user_folder=ctx.paths.user_protocols)


def list_protocols(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print id, version, name and number of phases of each protocol."""
    protocols, problems = _library(ctx).load()
    rows = [(_("ID"), _("VERSION"), _("PHASES"), _("NAME"))]
    rows += [(p.id, p.version, str(len(p.phases)), pick(p.label)) for p in protocols.values()]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        ctx.say(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            + "  "
            + row[3]
        )
    for problem in problems:
        print(_("skipped: {problem}").format(problem=problem), file=ctx.stderr)
    return 0


def show_protocol(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print a protocol readably: description, roles, frame and the timed plan."""
    protocol = _library(ctx).get(args.protocol_id)
    plan = plan_session(protocol, args.minutes, args.situations)
    ctx.say(f"{pick(protocol.label)} ({protocol.id} {protocol.version})")
    ctx.say(pick(protocol.description))
    ctx.say("")
    _say_roles(protocol, ctx)
    ctx.say(_("Frame:"))
    for rule in pick_rules(protocol):
        ctx.say(f"  • {rule}")
    ctx.say("")
    ctx.say(
        _("Plan: {minutes} min, {situations} situation(s)").format(
            minutes=plan.length_minutes, situations=plan.situations
        )
    )
    for start, step in zip(plan.starts(), plan.steps, strict=True):
        phase = step.phase
        situation = f" [{step.situation}]" if step.situation else ""
        ctx.say(
            f"  {format_clock(start * 60)}  {step.minutes:>3} min  {pick(phase.label)}{situation}"
        )
        ctx.say(f"      {pick(phase.purpose)}")
        advice = _("advice allowed") if phase.advice_allowed else _("no advice")
        speakers = ", ".join(role_text(protocol, role) for role in phase.speakers)
        status = presenter_status_text(phase.presenter)
        ctx.say(f"      {status}; {advice}; " + _("who speaks: {roles}").format(roles=speakers))
        kinds = ", ".join(note_kind_text(kind) for kind in phase.note_kinds)
        ctx.say("      " + _("notes: {kinds}").format(kinds=kinds))
    if not plan.fits:
        ctx.say(
            _("Note: the phases' limits give {total} min, not {length}.").format(
                total=plan.total_minutes, length=plan.length_minutes
            )
        )
    return 0


def pick_rules(protocol: Protocol) -> tuple[str, ...]:
    """The frame rules in the current language."""
    return protocol.frame.get(current_language()) or protocol.frame.get("en", ())


def _say_roles(protocol: Protocol, ctx: CliContext) -> None:
    names = ", ".join(f"{role}: {role_text(protocol, role)}" for role in protocol.roles)
    ctx.say(_("Roles: {names}").format(names=names))


def check_files(args: argparse.Namespace, ctx: CliContext) -> int:
    """Validate each file; one line per problem on stderr, exit 2 if any."""
    failed = False
    for path in args.files:
        try:
            protocol = read_protocol_file(path)
        except ProtocolFileInvalid as invalid:
            failed = True
            for problem in invalid.problems:
                print(problem, file=ctx.stderr)
            continue
        ctx.say(
            _("{file}: ok ({id} {version}, {count} phases)").format(
                file=path, id=protocol.id, version=protocol.version, count=len(protocol.phases)
            )
        )
    return 2 if failed else 0

"""``appsession review``: the anonymisation review from the command line.

The same review as the screen: list what the detectors found that nobody decided yet (for one
session or the whole intervention, notes and draft), then accept, reject, always mask, never
mask a form by its id, or rename a placeholder. Only the candidate itself is printed in clear;
the rest of each note stays pseudonymised.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from appsession.cli.context import CliContext
from appsession.cli.vault_access import add_vault_options, unlocked
from appsession.core.errors import UserError
from appsession.i18n import _
from appsession.services.analysis import choose_intervention

if TYPE_CHECKING:
    from appsession.anonymise import LanguageModel
    from appsession.services.pseudonyms.review import Candidate, ReviewService, Scope

VERDICTS = ("accept", "reject", "always", "never")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``review``."""
    parser = subparsers.add_parser(
        "review",
        help=_("review what the anonymisation found (accept, reject, always, never, rename)"),
        description=_(
            "List the names, places and structures the detectors found that nobody has decided "
            "yet, then decide by id: accept (mask it everywhere), reject (not a name), always "
            "(a known term from now on), never (add it to the keep-list), or rename a "
            "placeholder. Decisions apply to every past and future note."
        ),
    )
    add_vault_options(parser)
    parser.add_argument(
        "--intervention", metavar=_("ID"), help=_("the intervention (needed when several)")
    )
    parser.add_argument(
        "--session", type=int, metavar=_("N"), help=_("only the notes of session N")
    )
    parser.add_argument("--group", metavar=_("NAME"), help=_("the group of --session, if needed"))
    parser.add_argument(
        "--no-model",
        action="store_true",
        help=_("without the statistical language model (faster, fewer suggestions)"),
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--list", action="store_true", help=_("list what is to decide"))
    for verdict, text in _verdict_help().items():
        action.add_argument(f"--{verdict}", metavar=_("ID"), help=text)
    action.add_argument(
        "--rename", nargs=2, metavar=(_("ID"), _("TEXT")), help=_("rename a placeholder")
    )
    parser.set_defaults(handler=review_command)


def _verdict_help() -> dict[str, str]:
    return {
        "accept": _("mask this form in every note"),
        "reject": _("this form is not identifying: show it as written"),
        "always": _("mask it in every spelling from now on (a known term)"),
        "never": _("never mask it (add it to the keep-list)"),
    }


def review_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """List, decide or rename, then save."""
    from appsession.services.pseudonyms.review import ReviewService

    with unlocked(args, ctx) as vault:
        intervention_id = choose_intervention(vault, args.intervention)
        service = ReviewService(vault, intervention_id, _model(args, ctx))
        scope = _scope(service, args.session, args.group)
        if args.rename:
            return _rename(service, scope, args.rename[0], args.rename[1], ctx)
        candidates = service.scan(scope)
        verdict = next((v for v in VERDICTS if getattr(args, v)), None)
        if verdict is None:
            _print_list(service, candidates, ctx)
            return 0
        return _decide(service, getattr(args, verdict), verdict, ctx)


def _model(args: argparse.Namespace, ctx: CliContext) -> LanguageModel | None:
    """The language model, loaded now (a few seconds), unless ``--no-model``."""
    if args.no_model:
        return None
    from appsession.anonymise import shared_model

    model = shared_model()
    if not model.ready:
        print(_("Loading the French language model…"), file=ctx.stderr)
        model.load()
    if model.error:
        print(
            _("appsession: warning: the language model is unavailable ({reason})").format(
                reason=model.error
            ),
            file=ctx.stderr,
        )
    return model


def _scope(service: ReviewService, number: int | None, group: str | None) -> Scope:
    """The whole intervention, or the one session ``--session`` (and ``--group``) name."""
    from appsession.services.pseudonyms.review import Scope

    if number is None:
        if group:
            raise UserError(_("--group goes with --session"), exit_code=2)
        return Scope()
    found = [
        (session, name)
        for session, name in service.sessions()
        if session.number == number and (not group or name.casefold() == group.casefold())
    ]
    if not found:
        raise UserError(_("no session with this number"), exit_code=2)
    if len(found) > 1:
        raise UserError(
            _("several groups have a session {number}: name one with --group ({groups})").format(
                number=number, groups=", ".join(name for _session, name in found)
            ),
            exit_code=2,
        )
    return Scope(found[0][0].id)


def _print_list(service: ReviewService, candidates: list[Candidate], ctx: CliContext) -> None:
    from appsession.services.pseudonyms.review import label_name, source_name

    if not candidates:
        ctx.say(_("Nothing to decide."))
    else:
        ctx.say(_("To decide ({count}):").format(count=len(candidates)))
    for candidate in candidates:
        times = _("{count}×").format(count=len(candidate.occurrences))
        kind, source = label_name(candidate.label), source_name(candidate.source)
        ctx.say(
            f"  {candidate.id}  {candidate.text}  ({kind}, {source})  → "
            f"{candidate.placeholder}  {times}"
        )
        place = candidate.occurrences[0]
        context = service.context(place)
        line = f"{context.before}⟦{context.candidate}⟧{context.after}".replace("\n", " ")
        ctx.say(f"      {service.where(place)}: {line}")
    placeholders = service.placeholders()
    if placeholders:
        ctx.say(_("Placeholders (rename with --rename ID TEXT):"))
    for entry in placeholders:
        ctx.say(f"  {entry.id}  {entry.placeholder}  ({label_name(entry.label)})")


def _decide(service: ReviewService, candidate_id: str, verdict: str, ctx: CliContext) -> int:
    from appsession.anonymise import Verdict

    candidate = service.find(candidate_id.strip())
    if candidate is None:
        raise UserError(_("no undecided form with this id here (see --list)"), exit_code=2)
    service.decide(candidate, Verdict(verdict))
    count = len(candidate.occurrences)
    messages = {
        "accept": _("Accepted: masked in every note ({count} here)."),
        "reject": _("Rejected: shown as written ({count} here)."),
        "always": _("Always masked from now on, in every spelling ({count} here)."),
        "never": _("Never masked from now on ({count} here)."),
    }
    ctx.say(messages[verdict].format(count=count))
    return 0


def _rename(service: ReviewService, scope: Scope, wanted: str, text: str, ctx: CliContext) -> int:
    """Rename by a placeholder's id, or by the id of a form to decide."""
    wanted = wanted.strip()
    key = next((p.key for p in service.placeholders() if p.id == wanted), None)
    if key is None and wanted.startswith("f"):
        candidate = next((c for c in service.scan(scope) if c.id == wanted), None)
        if candidate is not None and candidate.entity in service.layer.mapping.entities:
            key = candidate.entity
    if key is None:
        raise UserError(_("no placeholder with this id (see --list)"), exit_code=2)
    service.rename(key, text)
    shown = service.layer.mapping.entities[key].placeholder
    ctx.say(_("Every note now says: {placeholder}").format(placeholder=shown))
    return 0

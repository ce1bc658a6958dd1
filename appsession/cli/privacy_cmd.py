"""Data protection from the command line: ``purge``, ``retention``, ``participant``, ``papers``.

The work is done by ``appsession.privacy``; this module parses, confirms and reports.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.parser import Parser
from appsession.cli.vault_access import add_vault_options, unlocked
from appsession.cli.withdraw_cmd import YES
from appsession.core.errors import UserError
from appsession.core.retention import Anchor, AuditRule, DataClass, RetentionRule
from appsession.i18n import _, current_language, ngettext
from appsession.privacy import access, certificates, papers, report, retention, settings
from appsession.privacy.access_doc import access_document
from appsession.privacy.facts import choose_group, choose_intervention, gather
from appsession.privacy.output import FORMATS, choose_format, save
from appsession.privacy.texts import load_texts
from appsession.vault import Vault


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``purge``, ``retention``, ``participant`` and ``papers``."""
    _register_purge(subparsers)
    _register_retention(subparsers)
    _register_participant(subparsers)
    _register_papers(subparsers)


def _add_output(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--out", type=Path, required=required, metavar=_("FILE"), help=_("the file to write")
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help=_("docx or md (default: from the file name, else docx)"),
    )
    parser.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))


def _today(ctx: CliContext) -> date:
    return ctx.clock.now().date()


def _confirmed(ctx: CliContext, prompt: str) -> bool:
    print(prompt, end="", file=ctx.stdout, flush=True)
    answer = ctx.stdin.readline()
    if not ctx.stdin.isatty():
        ctx.say("")
    return answer.strip().casefold() in YES


# -- purge ------------------------------------------------------------------------------------
def _register_purge(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "purge",
        help=_("destroy the data whose retention period is over"),
        description=_(
            "Destroy, by erasing their keys, the data whose retention period is over; each "
            "purge leaves a content-free certificate in the audit log."
        ),
    )
    add_vault_options(parser)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--due", action="store_true", help=_("purge everything due today"))
    what.add_argument("--list", action="store_true", help=_("list the purge certificates"))
    what.add_argument(
        "--certificate", metavar=_("ID"), help=_("write the purge certificate ID to --out")
    )
    parser.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    _add_output(parser, required=False)
    parser.set_defaults(handler=purge)


def purge(args: argparse.Namespace, ctx: CliContext) -> int:
    """``--due``, ``--list`` or ``--certificate``."""
    with unlocked(args, ctx) as vault:
        if args.list:
            return _list_certificates(vault, ctx)
        if args.certificate:
            if args.out is None:
                raise UserError(_("--certificate needs --out FILE"), exit_code=2)
            found = certificates.find(vault, args.certificate)
            _write_certificates(vault, [found], args, ctx)
            return 0
        return _purge_due(vault, args, ctx)


def _check_out(args: argparse.Namespace) -> None:
    """Refuse a destination that cannot be written before anything irreversible happens."""
    out: Path | None = args.out
    if out is None:
        return
    if not out.parent.is_dir():
        raise UserError(_("no folder {path}").format(path=out.parent), exit_code=2)
    if out.exists() and not args.force:
        raise UserError(
            _("{path} already exists (use --force to replace it)").format(path=out), exit_code=2
        )


def _purge_due(vault: Vault, args: argparse.Namespace, ctx: CliContext) -> int:
    _check_out(args)
    today = _today(ctx)
    due = retention.due(vault, today)
    if not due:
        ctx.say(_("Nothing is due for purge today."))
        return 0
    ctx.say(_("Due for purge on {day}:").format(day=today.isoformat()))
    for item in due:
        ctx.say("  - " + report.due_line(item))
        for warning in report.warning_lines(item):
            ctx.say("    " + warning)
    ctx.say(_("Destroyed for good, by erasing their keys; this cannot be undone."))
    ctx.say(report.not_reached())
    if not args.yes and not _confirmed(ctx, _('Type "yes" to purge: ')):
        raise UserError(_("purge cancelled; nothing was changed"), exit_code=1)
    done = [retention.run(vault, item, today) for item in due]
    for outcome in done:
        ctx.say(report.purged_line(outcome))
    ctx.say(report.not_reached())
    if args.out is not None:
        wanted = {outcome.certificate for outcome in done}
        found = [c for c in certificates.certificates(vault) if c.id in wanted]
        _write_certificates(vault, found, args, ctx)
    return 0


def _list_certificates(vault: Vault, ctx: CliContext) -> int:
    found = certificates.certificates(vault)
    if not found:
        ctx.say(_("No purge certificate in the audit log."))
        return 0
    for certificate in found:
        ctx.say(
            _("{id}  {day}  {data}: {records} records, {keys} keys erased").format(
                id=certificate.id[:8],
                day=certificate.at[:10],
                data=_class_name(certificate.data_class),
                records=certificate.counts["records"],
                keys=certificate.counts["keys"],
            )
        )
    return 0


def _class_name(code: str) -> str:
    try:
        return report.class_label(DataClass(code))
    except ValueError:
        return code


def _write_certificates(
    vault: Vault, found: list[certificates.Certificate], args: argparse.Namespace, ctx: CliContext
) -> None:
    today = _today(ctx)
    items = [(c, certificates.check(vault, c)) for c in found]
    document = certificates.certificate_document(items, load_texts(), today)
    fmt = choose_format(args.out, args.format)
    save(vault, document, args.out, fmt=fmt, paper="certificate", overwrite=args.force)
    ctx.say(_("Certificate written to {path}.").format(path=args.out))


# -- retention --------------------------------------------------------------------------------
def _register_retention(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "retention",
        help=_("show or set how long each class of data is kept"),
        description=_("Show or set how long each class of data is kept."),
    )
    actions = parser.add_subparsers(
        title=_("commands"), metavar=_("ACTION"), required=True, parser_class=Parser
    )
    show = actions.add_parser("show", help=_("show the rules, deadlines and what is due"))
    add_vault_options(show)
    show.add_argument("--intervention", metavar=_("ID"), help=_("one intervention (id or title)"))
    show.set_defaults(handler=retention_show)
    change = actions.add_parser("set", help=_("change an intervention's rules"))
    add_vault_options(change)
    change.add_argument("--intervention", metavar=_("ID"), help=_("the intervention (id or title)"))
    _add_rule_options(change)
    change.set_defaults(handler=retention_set)


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cycle-end", metavar=_("DATE"), help=_("last session (YYYY-MM-DD, or none)")
    )
    parser.add_argument(
        "--contract-end", metavar=_("DATE"), help=_("end of the contract (YYYY-MM-DD, or none)")
    )
    parser.add_argument("--raw-months", type=int, metavar=_("N"), help=_("keep raw notes N months"))
    parser.add_argument(
        "--raw-from",
        choices=[str(anchor) for anchor in Anchor],
        help=_("count the raw-notes months from the end of the cycle or from each session"),
    )
    parser.add_argument(
        "--synthesis-months",
        type=int,
        metavar=_("N"),
        help=_("keep the intervention N months after the end of the contract"),
    )
    parser.add_argument(
        "--audit-months", type=int, metavar=_("N"), help=_("keep audit events N months (vault)")
    )
    hold = parser.add_mutually_exclusive_group()
    hold.add_argument("--hold", action="store_true", help=_("suspend purges (dispute, report)"))
    hold.add_argument("--release", action="store_true", help=_("lift a hold"))


def retention_show(args: argparse.Namespace, ctx: CliContext) -> int:
    """Rules, deadlines, problems, and the purges due today."""
    today = _today(ctx)
    with unlocked(args, ctx) as vault:
        chosen = (
            [choose_intervention(vault, args.intervention)]
            if args.intervention
            else vault.interventions()
        )
        for intervention in chosen:
            for line in report.rule_lines(vault, intervention, today):
                ctx.say(line)
        ctx.say(report.audit_line(vault))
        due = retention.due(vault, today)
        if due:
            ctx.say(
                ngettext(
                    "Due today: {count} purge; run `appsession purge --due`.",
                    "Due today: {count} purges; run `appsession purge --due`.",
                    len(due),
                ).format(count=len(due))
            )
        else:
            ctx.say(_("Nothing is due for purge today."))
    return 0


def retention_set(args: argparse.Namespace, ctx: CliContext) -> int:
    """Change the given fields of the rule; the others stay."""
    with unlocked(args, ctx) as vault:
        if args.audit_months is not None:
            settings.save_audit_rule(vault, AuditRule(args.audit_months))
        if _rule_options_given(args) or args.intervention:
            intervention = choose_intervention(vault, args.intervention)
            rule = _changed_rule(settings.load_rule(vault, intervention.id), args)
            settings.save_rule(vault, rule)
            for line in report.rule_lines(vault, intervention, _today(ctx)):
                ctx.say(line)
        ctx.say(report.audit_line(vault))
    return 0


def _rule_options_given(args: argparse.Namespace) -> bool:
    names = ("cycle_end", "contract_end", "raw_months", "raw_from", "synthesis_months")
    return any(getattr(args, name) is not None for name in names) or args.hold or args.release


def _changed_rule(rule: RetentionRule, args: argparse.Namespace) -> RetentionRule:
    changes: dict[str, Any] = {}
    if args.cycle_end is not None:
        changes["cycle_end"] = _date_option(args.cycle_end)
    if args.contract_end is not None:
        changes["contract_end"] = _date_option(args.contract_end)
    if args.raw_months is not None:
        changes["raw_months"] = args.raw_months
    if args.raw_from is not None:
        changes["raw_anchor"] = Anchor(args.raw_from)
    if args.synthesis_months is not None:
        changes["synthesis_months"] = args.synthesis_months
    if args.hold or args.release:
        changes["hold"] = bool(args.hold)
    return replace(rule, **changes)


def _date_option(text: str) -> date | None:
    if text.strip().casefold() in ("none", "aucune", ""):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            _("{text} is not a date (YYYY-MM-DD)").format(text=text), exit_code=2
        ) from None


# -- participant ------------------------------------------------------------------------------
def _register_participant(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "participant",
        help=_("a participant's rights: access to their data"),
        description=_("A participant's rights: access to their data."),
    )
    actions = parser.add_subparsers(
        title=_("commands"), metavar=_("ACTION"), required=True, parser_class=Parser
    )
    export = actions.add_parser(
        "export",
        help=_("write everything the vault holds about a participant"),
        description=_(
            "Write everything the vault holds about a participant (GDPR right of access): "
            "agreements, attendance, their notes, notes naming them, draft items citing them."
        ),
    )
    add_vault_options(export)
    export.add_argument("pseudonym", metavar=_("PSEUDONYM"), help=_("the participant's pseudonym"))
    export.add_argument(
        "--group", metavar=_("GROUP"), help=_("the group, when several use the same pseudonym")
    )
    _add_output(export, required=True)
    export.set_defaults(handler=participant_export)


def participant_export(args: argparse.Namespace, ctx: CliContext) -> int:
    """Gather, build, write, log."""
    with unlocked(args, ctx) as vault:
        person = access.find_person(vault, args.pseudonym, args.group)
        record = access.gather(vault, person)
        facts = gather(vault, person.intervention, _today(ctx))
        document = access_document(record, facts, load_texts())
        fmt = choose_format(args.out, args.format)
        save(
            vault,
            document,
            args.out,
            fmt=fmt,
            paper="access",
            overwrite=args.force,
            participant=person.participant.id,
        )
    ctx.say(_("Written to {path} (readable by you only).").format(path=args.out))
    if record.mentions:
        count = len(record.mentions)
        ctx.say(
            ngettext(
                "It quotes {count} note by someone else that names this participant: read it "
                "before sending, and remove what concerns others (GDPR art. 15(4)).",
                "It quotes {count} notes by other people that name this participant: read them "
                "before sending, and remove what concerns others (GDPR art. 15(4)).",
                count,
            ).format(count=count)
        )
    ctx.say(_("This file is outside the vault's protection: hand it over, then delete it."))
    return 0


# -- papers -----------------------------------------------------------------------------------
def _register_papers(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "papers",
        help=_("consent form, information notice, record of processing, DPIA"),
        description=_(
            "Write an intervention's data-protection papers from its settings and the vault's "
            "real security settings."
        ),
    )
    actions = parser.add_subparsers(
        title=_("commands"), metavar=_("PAPER"), required=True, parser_class=Parser
    )
    helps = {
        "consent-form": _("the agreement form for a group (the three flags the app records)"),
        "notice": _("the information notice for participants (GDPR art. 13)"),
        "register": _("the record of processing entry (GDPR art. 30)"),
        "dpia": _("a data protection impact assessment, pre-filled"),
    }
    for kind in papers.PAPERS:
        paper = actions.add_parser(kind, help=helps[kind], description=helps[kind])
        add_vault_options(paper)
        paper.add_argument("--intervention", metavar=_("ID"), help=_("the intervention"))
        paper.add_argument("--group", metavar=_("GROUP"), help=_("one group (forms, notice)"))
        _add_output(paper, required=True)
        paper.set_defaults(handler=write_paper, paper=kind)
    _register_settings(actions)


def write_paper(args: argparse.Namespace, ctx: CliContext) -> int:
    """Build one paper from the vault and write it."""
    with unlocked(args, ctx) as vault:
        intervention = choose_intervention(vault, args.intervention)
        facts = gather(vault, intervention, _today(ctx))
        group = choose_group(facts.groups, args.group)
        document = papers.build_paper(args.paper, facts, load_texts(current_language()), group)
        fmt = choose_format(args.out, args.format)
        save(
            vault,
            document,
            args.out,
            fmt=fmt,
            paper=args.paper,
            overwrite=args.force,
            intervention=intervention.id,
        )
    ctx.say(_("Written to {path}.").format(path=args.out))
    return 0


def _register_settings(actions: argparse._SubParsersAction[Any]) -> None:
    parser = actions.add_parser(
        "settings",
        help=_("show or set what the papers say about the controller and the legal basis"),
    )
    add_vault_options(parser)
    parser.add_argument("--intervention", metavar=_("ID"), help=_("the intervention"))
    for name, text in (
        ("--controller", _("who answers for the processing (name)")),
        ("--contact", _("where participants write to exercise their rights")),
        ("--dpo", _("the data protection officer, if any")),
        ("--legal-basis", _("the GDPR legal basis of the intervention")),
        ("--health-basis", _("the art. 9 condition, if health data are kept")),
        ("--recipients", _("other recipients, if any")),
    ):
        parser.add_argument(name, metavar=_("TEXT"), help=text)
    parser.add_argument(
        "--role",
        choices=[str(role) for role in settings.Role],
        help=_("controller, or processor for the commissioner"),
    )
    parser.set_defaults(handler=paper_settings)


def paper_settings(args: argparse.Namespace, ctx: CliContext) -> int:
    """Update the given fields, then show them all."""
    with unlocked(args, ctx) as vault:
        intervention = choose_intervention(vault, args.intervention)
        controller = settings.load_controller(vault)
        named = {"name": args.controller, "contact": args.contact, "dpo": args.dpo}
        changes = {key: value for key, value in named.items() if value is not None}
        if changes:
            controller = replace(controller, **changes)
            settings.save_controller(vault, controller)
        frame = settings.load_privacy(vault, intervention.id)
        fields = {
            "legal_basis": args.legal_basis,
            "health_basis": args.health_basis,
            "recipients": args.recipients,
            "role": settings.Role(args.role) if args.role else None,
        }
        updates = {key: value for key, value in fields.items() if value is not None}
        if updates:
            frame = replace(frame, **updates)
            settings.save_privacy(vault, intervention.id, frame)
        _show_settings(ctx, intervention.title, controller, frame)
    return 0


def _show_settings(
    ctx: CliContext,
    title: str,
    controller: settings.Controller,
    frame: settings.InterventionPrivacy,
) -> None:
    missing = _("(not set)")
    ctx.say(title)
    for label, value in (
        (_("controller"), controller.name),
        (_("contact"), controller.contact),
        (_("data protection officer"), controller.dpo),
        (_("role"), str(frame.role)),
        (_("legal basis"), frame.legal_basis),
        (_("art. 9 condition"), frame.health_basis),
        (_("other recipients"), frame.recipients),
    ):
        ctx.say(_("  {label}: {value}").format(label=label, value=value or missing))

"""``appsession export`` (a group's or the commissioners' DOCX) and ``appsession audit``.

The commissioners' export goes through the gate: anything not approved at its current wording,
any residual identifier and any unresolved re-identification warning refuses it, with every
reason listed. The audit log is content-free: kinds, times, ids and counts.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from appsession import i18n
from appsession.cli.context import CliContext
from appsession.cli.vault_access import add_vault_options, guarded, unlocked
from appsession.core.errors import UserError
from appsession.core.gate import fold
from appsession.core.model import Group
from appsession.i18n import _
from appsession.protocol_library import ProtocolLibrary
from appsession.services.analysis import choose_intervention
from appsession.services.export import ExportOutcome, ExportService
from appsession.vault import AuditEvent, Vault

AUDIENCES = ("group", "commissioners")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``export`` and ``audit``."""
    export = subparsers.add_parser(
        "export",
        help=_("write the restitution as a DOCX for a group or for the commissioners"),
        description=_(
            "Write the group's working document (the whole draft that concerns the group, with "
            "a decision column) or the commissioners' document (approved items only, at their "
            "approved wording). The commissioners' export is refused, with every reason, while "
            "anything is not approved at its current text, identifies someone, or carries an "
            "unresolved re-identification warning. The file is readable by you only; it is "
            "outside the vault's protection."
        ),
    )
    add_vault_options(export)
    export.add_argument(
        "--audience", required=True, choices=AUDIENCES, help=_("who the document is for")
    )
    export.add_argument(
        "--intervention",
        metavar=_("ID"),
        help=_("the intervention (needed when the vault holds several)"),
    )
    export.add_argument(
        "--group", metavar=_("GROUP"), help=_("the group (id or name) for --audience group")
    )
    export.add_argument(
        "--out", required=True, type=Path, metavar=_("FILE.docx"), help=_("the file to write")
    )
    export.add_argument(
        "--template",
        type=Path,
        metavar=_("T.docx"),
        help=_("a letterhead whose styles the document takes"),
    )
    export.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    export.set_defaults(handler=guarded(export_command))
    audit = subparsers.add_parser(
        "audit",
        help=_("list the content-free audit log"),
        description=_(
            "List what happened to the vault (exports, decisions, withdrawals…) with times, ids "
            "and counts only: never a name or a note."
        ),
    )
    add_vault_options(audit)
    audit.add_argument("--json", action="store_true", help=_("print JSON for other programs"))
    audit.set_defaults(handler=guarded(audit_command))


def export_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """Export for the chosen audience and say where the file is and what it holds."""
    lang = i18n.current_language()
    if args.template is not None and args.audience != "commissioners":
        raise UserError(_("--template is for the commissioners' document"), exit_code=2)
    with unlocked(args, ctx) as vault:
        intervention_id = choose_intervention(vault, args.intervention)
        service = ExportService(
            vault, ctx.clock, ProtocolLibrary(user_folder=ctx.paths.user_protocols)
        )
        if args.audience == "group":
            group = choose_group(vault, intervention_id, args.group)
            outcome = service.export_group(
                intervention_id, group.id, args.out, lang=lang, overwrite=args.force
            )
        else:
            outcome = service.export_commissioners(
                intervention_id, args.out, lang=lang, template=args.template, overwrite=args.force
            )
    report(outcome, ctx)
    return 0


def choose_group(vault: Vault, intervention_id: str, wanted: str | None) -> Group:
    """The group named by id or name, or the only one."""
    groups = vault.groups(intervention_id)
    if wanted:
        found = [g for g in groups if g.id == wanted or fold(g.name) == fold(wanted)]
        if len(found) == 1:
            return found[0]
        raise UserError(
            _("no group of this intervention is called {name}").format(name=wanted), exit_code=2
        )
    if len(groups) == 1:
        return groups[0]
    if not groups:
        raise UserError(_("this intervention has no group yet"), exit_code=2)
    raise UserError(
        _("the intervention has several groups; choose one with --group: {names}").format(
            names=", ".join(g.name for g in groups)
        ),
        exit_code=2,
    )


def report(outcome: ExportOutcome, ctx: CliContext) -> None:
    """Where the file is, how many items, its fingerprint, and the warning about copies."""
    audience = _("the commissioners") if outcome.audience == "commissioners" else _("the group")
    ctx.say(
        i18n.ngettext(
            "Wrote {path} for {audience}: {count} item.",
            "Wrote {path} for {audience}: {count} items.",
            outcome.items,
        ).format(path=outcome.path, audience=audience, count=outcome.items)
    )
    ctx.say(_("SHA-256: {digest} (recorded in the audit log)").format(digest=outcome.sha256))
    if outcome.accepted:
        ctx.say(
            _("{count} re-identification warning(s) accepted by you are recorded.").format(
                count=outcome.accepted
            )
        )
    ctx.say(
        _(
            "This file is outside the vault's protection: readable by you only, but not "
            "encrypted. Send it, keep it and delete it with care."
        )
    )


def audit_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the audit log, one event a line (or as JSON)."""
    with unlocked(args, ctx) as vault:
        events = vault.audit_events()
    if args.json:
        listing = [{"at": e.at, "kind": e.kind, "details": e.details} for e in events]
        ctx.say(json.dumps(listing, ensure_ascii=False, indent=1))
        return 0
    if not events:
        ctx.say(_("The audit log is empty."))
    for event in events:
        ctx.say(audit_line(event))
    return 0


def audit_line(event: AuditEvent) -> str:
    """ "2026-06-19T14:30:00+00:00  export  audience=commissioners items=12 …"."""
    details = []
    for key, value in sorted(event.details.items()):
        if key.endswith("_ids"):
            count = len(str(value).split(",")) if value else 0
            details.append(f"{key}=[{count}]")
        else:
            details.append(f"{key}={value}")
    return f"{event.at}  {kind_label(event.kind)}  {' '.join(details)}".rstrip()


def kind_label(kind: str) -> str:
    """The event's kind in the user's language (its code if unknown)."""
    labels = {
        "export": _("export"),
        "export-refused": _("export refused"),
        "decision": _("decision"),
        "group-item": _("group item"),
        "warning-accepted": _("warning accepted"),
        "withdrawal": _("withdrawal"),
        "unlock": _("unlock"),
    }
    return labels.get(kind, kind)

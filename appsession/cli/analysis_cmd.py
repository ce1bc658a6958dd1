"""``appsession analysis matrix``, ``appsession draft list`` and ``appsession codebook …``.

Everything is read from the unlocked vault, on the pseudonymised layer: the matrix holds counts
only, the draft listing the draft's own texts, the codebook its themes (never a note).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from appsession.cli.context import CliContext
from appsession.cli.vault_access import add_vault_options, unlocked
from appsession.core.errors import UserError
from appsession.core.matrix import Axis, Matrix, matrix_csv
from appsession.i18n import _
from appsession.services.analysis import AnalysisService, choose_intervention
from appsession.services.draft import DraftEntry, DraftService

MAX_IMPORT_BYTES = 5_000_000


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``analysis``, ``draft`` and ``codebook``."""
    _register_analysis(subparsers)
    _register_draft(subparsers)
    _register_codebook(subparsers)


def _group(subparsers: argparse._SubParsersAction[Any], name: str, text: str) -> Any:
    parser = subparsers.add_parser(name, help=text, description=text)
    parser.set_defaults(handler=_missing_command)
    return parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))


def _missing_command(args: argparse.Namespace, ctx: CliContext) -> int:
    raise UserError(_("choose a command (see --help)"), exit_code=2)


def _leaf(commands: Any, name: str, text: str, description: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=text, description=description)
    add_vault_options(parser)
    parser.add_argument(
        "--intervention",
        metavar=_("ID"),
        help=_("the intervention (needed when the vault holds several)"),
    )
    return parser


def _register_analysis(subparsers: argparse._SubParsersAction[Any]) -> None:
    commands = _group(subparsers, "analysis", _("transversal analysis of an intervention"))
    parser = _leaf(
        commands,
        "matrix",
        _("print the theme × session (or group) matrix"),
        _(
            "Count, for each theme of the codebook, the notes coded with it and the distinct "
            "situations they come from, per session number of the cycle or per group. "
            "Off-record notes and notes of withdrawn participants are never counted."
        ),
    )
    parser.add_argument(
        "--by",
        choices=[a.value for a in Axis],
        default=Axis.SESSION.value,
        help=_("columns: session numbers or groups (default: %(default)s)"),
    )
    parser.add_argument("--csv", action="store_true", help=_("print CSV for a spreadsheet"))
    parser.add_argument(
        "--rollup", action="store_true", help=_("count the notes of sub-themes in their parent")
    )
    parser.set_defaults(handler=matrix_command)


def _register_draft(subparsers: argparse._SubParsersAction[Any]) -> None:
    commands = _group(subparsers, "draft", _("the restitution draft"))
    parser = _leaf(
        commands,
        "list",
        _("list the draft's items"),
        _(
            "List the items of the restitution draft in order, with their evidence (groups, "
            "number of distinct participants), re-identification warnings and group decision."
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON for other programs"))
    parser.set_defaults(handler=draft_list_command)


def _register_codebook(subparsers: argparse._SubParsersAction[Any]) -> None:
    commands = _group(subparsers, "codebook", _("export, import or start the codebook"))
    export = _leaf(
        commands,
        "export",
        _("write the codebook to a file"),
        _(
            "Write the intervention's codebook as CSV or as a REFI-QDA codebook (.qdc) that QDA "
            "tools open. Only themes and their definitions leave, never a note."
        ),
    )
    export.add_argument("--format", choices=("csv", "qdc"), default="qdc", help=_("file format"))
    export.add_argument(
        "--out", required=True, metavar=_("FILE"), help=_("the file to write (- for stdout)")
    )
    export.set_defaults(handler=codebook_export_command)
    load = _leaf(
        commands,
        "import",
        _("add or update themes from a file"),
        _(
            "Read a codebook (CSV or REFI-QDA .qdc) and add its themes to the intervention's "
            "codebook; themes already there (same id or same path) are updated, none is deleted."
        ),
    )
    load.add_argument("file", metavar=_("FILE"), help=_("a .csv or .qdc codebook"))
    load.add_argument("--format", choices=("csv", "qdc"), help=_("file format (default: by name)"))
    load.set_defaults(handler=codebook_import_command)
    starter = _leaf(
        commands,
        "starter",
        _("add the starting codebook"),
        _(
            "Add the themes of the starting codebook drawn from the practice (limits of the job, "
            "relationship with users, failing partners…) that the codebook does not have yet."
        ),
    )
    starter.set_defaults(handler=codebook_starter_command)


# -- handlers ---------------------------------------------------------------------------------
def matrix_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the matrix as a table or CSV."""
    with unlocked(args, ctx) as vault:
        service = AnalysisService(vault, choose_intervention(vault, args.intervention), ctx.clock)
        matrix = service.matrix(Axis(args.by), rollup=args.rollup)
        codebook = service.codebook()
    if args.csv:
        ctx.stdout.write(matrix_csv(matrix, codebook))
    else:
        for line in matrix_lines(matrix):
            ctx.say(line)
    return 0


def matrix_lines(matrix: Matrix) -> list[str]:
    """An aligned text table: "notes/situations" in each cell."""
    headings = [_("theme"), *(c.label for c in matrix.columns), _("total")]
    rows = []
    for row in matrix.rows:
        cells = [matrix.cell(row.theme_id, c.key) for c in matrix.columns]
        total = matrix.row_totals.get(row.theme_id)
        rows.append(
            [
                "  " * row.depth + row.label,
                *(f"{c.count}/{c.situations}" if c.count else "·" for c in cells),
                f"{total.count}/{total.situations}" if total else "·",
            ]
        )
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]
    lines = [_format_row(headings, widths)]
    lines += [_format_row(r, widths) for r in rows]
    lines.append(_("cells: notes/distinct situations"))
    return lines


def _format_row(cells: list[str], widths: list[int]) -> str:
    first = cells[0].ljust(widths[0])
    rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
    return "  ".join([first, *rest]).rstrip()


def draft_list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the draft's items."""
    with unlocked(args, ctx) as vault:
        intervention = choose_intervention(vault, args.intervention)
        service = DraftService(AnalysisService(vault, intervention, ctx.clock))
        if args.json:
            ctx.say(json.dumps(service.listing(), ensure_ascii=False, indent=1))
            return 0
        entries = service.entries()
    for entry in entries:
        ctx.say(_entry_line(entry))
    if not entries:
        ctx.say(_("The draft has no item yet."))
    return 0


def _entry_line(entry: DraftEntry) -> str:
    warnings = ", ".join(dict.fromkeys(w.risk.value for w in entry.warnings))
    head = _("{number}. [{section}] {kind}, {participants} participant(s), {groups}").format(
        number=entry.number,
        section=entry.item.section,
        kind=entry.item.kind.value,
        participants=entry.evidence.participants,
        groups=", ".join(entry.group_names) or "—",
    )
    lines = [head, "   " + entry.item.text]
    if warnings:
        lines.append("   " + _("warnings: {codes}").format(codes=warnings))
    lines.append("   " + _("state: {state}").format(state=entry.state.value))
    return "\n".join(lines)


def codebook_export_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the codebook file (owner-only permissions, never over an existing file)."""
    with unlocked(args, ctx) as vault:
        service = AnalysisService(vault, choose_intervention(vault, args.intervention), ctx.clock)
        text = service.export_codebook(args.format)
        count = len(service.codebook())
    if args.out == "-":
        ctx.stdout.write(text)
        return 0
    write_private(Path(args.out), text)
    ctx.say(_("Codebook written: {path} ({count} themes)").format(path=args.out, count=count))
    return 0


def write_private(path: Path, text: str) -> None:
    """Create ``path`` readable by its owner only; refuse to overwrite."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise UserError(
            _("{path} already exists; nothing was overwritten").format(path=path), exit_code=2
        ) from error
    except OSError as error:
        raise UserError(_("cannot write {path}").format(path=path), exit_code=1) from error
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(text)


def codebook_import_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """Read a codebook file into the intervention's codebook."""
    path = Path(args.file)
    fmt = args.format or ("qdc" if path.suffix.lower() in (".qdc", ".xml") else "csv")
    text = _read_text(path)
    with unlocked(args, ctx) as vault:
        service = AnalysisService(vault, choose_intervention(vault, args.intervention), ctx.clock)
        added, updated = service.import_codebook(text, fmt)
    ctx.say(
        _("Codebook imported: {added} added, {updated} updated.").format(
            added=added, updated=updated
        )
    )
    return 0


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise UserError(_("{path} is too large for a codebook").format(path=path), exit_code=2)
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise UserError(_("{path} does not exist").format(path=path), exit_code=2) from error
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(
            _("cannot read {path} as UTF-8 text").format(path=path), exit_code=2
        ) from error


def codebook_starter_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """Add the starting codebook's missing themes."""
    with unlocked(args, ctx) as vault:
        service = AnalysisService(vault, choose_intervention(vault, args.intervention), ctx.clock)
        added = service.seed_default_codebook()
    ctx.say(_("Starting codebook: {count} themes added.").format(count=added))
    return 0

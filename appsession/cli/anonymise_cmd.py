"""``appsession anonymise`` (batch pseudonymisation) and ``appsession eval-anon`` (its figures)."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appsession.cli.context import CliContext
from appsession.cli.parser import add_lang_option
from appsession.core.errors import UserError
from appsession.i18n import _

if TYPE_CHECKING:
    from appsession.anonymise.evaluate import Prediction, Report, Tally
    from appsession.anonymise.model import LanguageModel


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``anonymise`` and ``eval-anon``."""
    batch = subparsers.add_parser(
        "anonymise",
        help=_("pseudonymise a corpus of notes (roster.json + notes.jsonl)"),
        description=_(
            "Run the anonymiser on every note of a corpus and write one JSON line per note: "
            "its id, the masked spans (offsets into the original text) and the pseudonymised "
            "text. Nothing is written if any input line is malformed."
        ),
    )
    add_lang_option(batch)
    batch.add_argument("--roster", type=Path, required=True, help=_("the roster file"))
    batch.add_argument("--notes", type=Path, required=True, help=_("the notes file (JSON lines)"))
    batch.add_argument("--out", type=Path, required=True, help=_("where to write predictions"))
    _model_option(batch)
    batch.set_defaults(handler=run_anonymise)
    evaluation = subparsers.add_parser(
        "eval-anon",
        help=_("measure the anonymiser on an annotated corpus"),
        description=_(
            "Print, per label and overall, the share of spans to mask that are fully masked "
            "(in the roster or not), the share of KEEP spans left untouched and the speed in "
            "words per second after the model is loaded. Exits with 1 below the targets."
        ),
    )
    add_lang_option(evaluation)
    evaluation.add_argument("--corpus", type=Path, required=True, help=_("the corpus folder"))
    _targets(evaluation)
    _model_option(evaluation)
    evaluation.set_defaults(handler=run_evaluation)


def _model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-model",
        action="store_true",
        help=_("without the spaCy model: roster, known terms, patterns and rules only"),
    )


def _targets(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("--min-must-mask", type=float, default=0.97, help=_("target share of spans masked"))
    add("--min-roster", type=float, default=1.0, help=_("target share of roster spans masked"))
    add(
        "--min-not-in-roster",
        type=float,
        default=0.95,
        help=_("target share of spans masked that are not in the roster"),
    )
    add(
        "--max-keep-touched",
        type=float,
        default=0.03,
        help=_("largest share of KEEP spans touched"),
    )
    add("--min-words-per-second", type=float, default=5000.0, help=_("target speed"))
    add("--repeats", type=int, default=3, help=_("timed runs (the best one counts)"))


def _model(args: argparse.Namespace, ctx: CliContext) -> LanguageModel | None:
    """Load the model now (the batch has nothing else to do meanwhile)."""
    if args.no_model:
        return None
    from appsession.anonymise.model import shared_model

    model = shared_model()
    started = time.perf_counter()
    model.load()
    if model.error:
        print(
            _("warning: the spaCy model could not be loaded; suggestions are off"), file=ctx.stderr
        )
        return None
    ctx.say(_("model loaded in {seconds:.1f} s").format(seconds=time.perf_counter() - started))
    return model


def run_anonymise(args: argparse.Namespace, ctx: CliContext) -> int:
    """Read and check everything, pseudonymise, then write the predictions in one go."""
    from appsession.anonymise.corpus import read_notes, read_roster
    from appsession.anonymise.evaluate import anonymise_notes

    roster = read_roster(args.roster)
    notes = read_notes(args.notes)
    model = _model(args, ctx)
    predictions = anonymise_notes(roster, notes, model)
    _write(args.out, predictions)
    ctx.say(_("{count} notes written to {path}").format(count=len(predictions), path=args.out))
    return 0


def _write(path: Path, predictions: list[Prediction]) -> None:
    """Write to a temporary file next to ``path``, then rename it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=".predictions-", dir=folder)
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for prediction in predictions:
                out.write(json.dumps(prediction.to_json(), ensure_ascii=False) + "\n")
        os.replace(temporary, path)
    except OSError as problem:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        message = _("cannot write {path}: {problem}").format(path=path, problem=problem)
        raise UserError(message) from None


def run_evaluation(args: argparse.Namespace, ctx: CliContext) -> int:
    """Score the engine on a corpus; 1 when a target is missed."""
    from appsession.anonymise.evaluate import evaluate_corpus

    if not (args.corpus / "notes.jsonl").is_file():
        raise UserError(_("{path}: no notes.jsonl in this folder").format(path=args.corpus), 2)
    report = evaluate_corpus(args.corpus, _model(args, ctx), repeats=args.repeats)
    _print_table(report, ctx)
    failures = _failures(report, args)
    for failure in failures:
        ctx.say(_("below target: {what}").format(what=failure))
    ctx.say(_("all targets met") if not failures else _("targets missed"))
    return 1 if failures else 0


def _share(tally: Tally) -> str:
    if not tally.total:
        return "-"
    return f"{tally.hits}/{tally.total} {100 * tally.share:5.1f}%"


def _print_table(report: Report, ctx: CliContext) -> None:
    from appsession.anonymise.evaluate import LABEL_ORDER, Tally

    header = (_("label"), _("in roster"), _("not in roster"))
    ctx.say(f"{header[0]:<9} {header[1]:>18} {header[2]:>18}")
    for label in LABEL_ORDER:
        inside, outside = report.roster.get(label, Tally()), report.outside.get(label, Tally())
        if inside.total or outside.total:
            ctx.say(f"{label:<9} {_share(inside):>18} {_share(outside):>18}")
    ctx.say(_("must-mask spans fully masked: {share}").format(share=_share(report.overall())))
    ctx.say(_("  in the roster: {share}").format(share=_share(report.overall(True))))
    ctx.say(_("  not in the roster: {share}").format(share=_share(report.overall(False))))
    ctx.say(
        _("KEEP spans left untouched: {share} (touched: {touched:.1f}%)").format(
            share=_share(report.keep), touched=100 * report.keep_touched
        )
    )
    ctx.say(
        _(
            "speed: {speed:.0f} words/s on one core ({words} words in {seconds:.2f} s of "
            "processor time, {wall:.2f} s elapsed, model already loaded)"
        ).format(
            speed=report.words_per_second,
            words=report.words,
            seconds=report.seconds,
            wall=report.wall_seconds,
        )
    )


def _failures(report: Report, args: argparse.Namespace) -> list[str]:
    checks = [
        (report.overall().share >= args.min_must_mask, _("must-mask spans")),
        (report.overall(True).share >= args.min_roster, _("roster spans")),
        (report.overall(False).share >= args.min_not_in_roster, _("spans not in the roster")),
        (report.keep_touched <= args.max_keep_touched, _("KEEP spans touched")),
        (report.words_per_second >= args.min_words_per_second, _("words per second")),
    ]
    return [name for ok, name in checks if not ok]

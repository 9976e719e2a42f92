"""The `claimcheck` command line: check, batch, eval, tui.

Exit codes (CONTRACT.md): 0 checked; 1 findings at or above `--fail-on`; 2 bad usage or an
input that could not be read (one line on stderr naming the input and the reason).
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import __version__
from .errors import ClaimcheckError
from .models import Report

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimcheck",
        description="Check the quantitative claims, defects and cited sources of health-news articles.",
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check one or more articles (files or URLs)")
    check.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    check.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    check.add_argument("--offline", action="store_true", default=None, help="no network at all")
    check.add_argument("--checks", type=_csv, default=None, metavar="A,B", help="run only these flag checks")
    check.add_argument("--skip", type=_csv, default=None, metavar="A,B", help="skip these flag checks")
    check.add_argument("--fail-on", choices=("error", "warning"), default=None,
                       help="exit 1 when a flag at or above this severity is found")
    check.add_argument("--model", default=None, help="spaCy model to run (default: rules only)")

    batch = sub.add_parser("batch", help="check many saved articles into a JSONL file")
    batch.add_argument("inputs", nargs="+", metavar="DIR_OR_GLOB")
    batch.add_argument("--out", required=True, help="JSONL file, appended to and resumable")
    batch.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
    batch.add_argument("--offline", action="store_true", default=None)
    batch.add_argument("--executor", choices=("local", "dask"), default="local")
    batch.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a local cluster)")
    batch.add_argument("--summary", choices=("text", "json"), default="text")

    evaluate = sub.add_parser("eval", help="score the checker against a gold-annotated corpus")
    evaluate.add_argument("corpus", metavar="CORPUS_DIR")
    evaluate.add_argument("--json", action="store_true", help="machine-readable scores")
    evaluate.add_argument("--details", action="store_true", help="list every miss and false alarm")

    tui = sub.add_parser("tui", help="open the terminal UI")
    tui.add_argument("input", nargs="?", metavar="PATH_OR_URL")
    tui.add_argument("--offline", action="store_true", default=None)
    return parser


def fail(message: str) -> int:
    print(f"claimcheck: {message}", file=sys.stderr)
    return 2


def run_check(args: argparse.Namespace) -> int:
    from .check import check_input
    from .checks.registry import select_checks
    from .nlp.pipeline import get_nlp
    from .settings import get_settings

    try:
        select_checks(args.checks, args.skip)
    except ValueError as err:
        return fail(str(err))
    settings = get_settings(offline=args.offline)
    try:
        nlp = get_nlp(args.model)
    except OSError as err:
        return fail(str(err))
    reports: list[Report] = []
    failed = False
    for source in args.inputs:
        try:
            reports.append(check_input(source, settings, nlp, args.checks, args.skip))
        except ClaimcheckError as err:
            print(f"claimcheck: {err}", file=sys.stderr)
            failed = True
            reports.append(Report.failed(source, err.reason))
    if not (failed and len(reports) == 1):
        emit(reports, args.format)
    if failed:
        return 2
    if args.fail_on:
        threshold = SEVERITY_RANK[args.fail_on]
        if any(SEVERITY_RANK.get(f.severity, 0) >= threshold for r in reports for f in r.flags):
            return 1
    return 0


def emit(reports: list[Report], fmt: str) -> None:
    if fmt == "json":
        from .render.json import render_json

        sys.stdout.write(render_json(reports) + "\n")
    elif fmt == "markdown":
        from .render.markdown import render_markdown

        sys.stdout.write("\n".join(render_markdown(r) for r in reports))
    else:
        from rich.console import Console

        from .render.text import render_text

        console = Console(highlight=False, soft_wrap=True)
        for i, report in enumerate(reports):
            if i:
                console.rule()
            console.print(render_text(report))


def run_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_corpus, format_scores

    try:
        scores = evaluate_corpus(args.corpus)
    except ClaimcheckError as err:
        return fail(str(err))
    if args.json:
        import json

        print(json.dumps(scores, indent=2))
    else:
        print(format_scores(scores, details=args.details))
    return 0


def run_batch(args: argparse.Namespace) -> int:
    try:
        from .batch import run_batch as batch_main
    except ImportError:
        return fail("batch: not available in this build")
    return batch_main(args)


def run_tui(args: argparse.Namespace) -> int:
    from tui.app import main as tui_main

    return tui_main([args.input] if args.input else [], offline=args.offline)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    handlers = {"check": run_check, "eval": run_eval, "batch": run_batch, "tui": run_tui}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

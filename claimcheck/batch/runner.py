"""`claimcheck batch`: find the articles, skip those already done, check the rest on an
executor, append each report to the JSONL output as it arrives, summarise.

Exit codes: 0 the batch ran to the end (articles that could not be read have their `error`
line and are counted in the summary; they are data, not a failure of the batch); 2 bad usage
(no articles found, a named input that matches nothing, an output that cannot be opened or is
in use, workers that cannot start); 130 interrupted (Ctrl-C / SIGTERM: what is written stays
valid, re-run the same command to finish).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from ..settings import get_settings
from .executors import BatchAborted, DaskExecutor, LocalExecutor
from .inputs import discover
from .results import ResultsFile, ResultsLocked
from .summary import Summary, make_progress
from .work import hash_file


def _fail(message: str) -> int:
    print(f"claimcheck: {message}", file=sys.stderr)
    return 2


class StopFlag:
    """Set by the first Ctrl-C or SIGTERM; a second Ctrl-C interrupts at once."""

    def __init__(self) -> None:
        self.stopping = False

    def __call__(self) -> bool:
        return self.stopping

    def _handle(self, signum, frame) -> None:
        if self.stopping and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.stopping = True

    @contextmanager
    def installed(self) -> Iterator[StopFlag]:
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {sig: signal.signal(sig, self._handle) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield self
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def make_executor(args: argparse.Namespace, jobs: int, offline: bool):
    if args.executor == "dask":
        return DaskExecutor(jobs, offline, args.scheduler)
    return LocalExecutor(jobs, offline)


def available_cpus() -> int:
    """CPUs this process may run on (cgroup/affinity aware where the OS tells)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(args: argparse.Namespace) -> int:
    jobs = args.jobs if args.jobs is not None else available_cpus()
    if jobs < 1:
        return _fail("batch: --jobs must be at least 1")
    if args.scheduler and args.executor != "dask":
        return _fail("batch: --scheduler needs --executor dask")
    offline = get_settings(offline=args.offline).offline
    stdin = sys.stdin if "-" in args.inputs else None
    found = discover(args.inputs, stdin=stdin)
    for arg in found.missing:
        print(f"claimcheck: {arg}: no such file or directory, or no match", file=sys.stderr)
    if not found.files and not found.unsupported:
        return _fail("batch: no articles found (.txt, .md, .html, .htm)") if not found.missing else 2
    try:
        results = ResultsFile.open(args.out)
    except ResultsLocked as err:
        return _fail(str(err))
    except OSError as err:
        return _fail(f"{args.out}: cannot open for writing: {err.strerror or err}")

    summary = Summary(out=args.out, found=len(found.files), unsupported=found.unsupported, missing=found.missing)
    summary.repaired_bytes = results.scanned.torn_bytes
    summary.invalid_lines = results.scanned.invalid_lines
    todo = []
    done_inputs = {input for input, _ in results.done}
    for input, real in found.files:
        if input in done_inputs and results.is_done(input, hash_file(real)):
            summary.already_done += 1
        else:
            todo.append((real, input))
    summary.to_check = len(todo)

    console = Console(stderr=True)
    if not offline and todo and (jobs > 1 or args.executor == "dask"):
        console.print("claimcheck: online: every worker resolves cited sources itself, so the APIs' "
                      "per-host rate limits apply per worker; --offline for analysis only", highlight=False, soft_wrap=True)
    show_progress = console.is_terminal and bool(todo)
    executor = make_executor(args, min(jobs, max(1, len(todo))), offline)
    stop = StopFlag()
    try:
        with results, stop.installed():
            progress = make_progress(console) if show_progress else None
            task = progress.add_task("checking", total=len(todo), errors=0) if progress else None
            if progress:
                progress.start()
            try:
                if todo:
                    for result in executor.run(todo, stop):
                        if result is None:
                            continue
                        results.append(result.line)
                        summary.add(result)
                        if result.internal:
                            console.print(f"claimcheck: {result.input}: {result.error}", highlight=False, soft_wrap=True)
                        if progress:
                            progress.update(task, advance=1, errors=summary.error_count)
            finally:
                if progress:
                    progress.stop()
    except BatchAborted as err:
        summary.aborted = str(err)
    except KeyboardInterrupt:
        stop.stopping = True
    summary.interrupted = stop.stopping
    summary.finish()
    if args.summary == "json":
        print(summary.to_json())
    else:
        print(summary.to_text())
    if summary.aborted:
        return _fail(f"batch: {summary.aborted}")
    if summary.interrupted:
        print("claimcheck: interrupted; re-run the same command to finish", file=sys.stderr)
        return 130
    return 2 if found.missing else 0

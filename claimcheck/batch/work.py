"""The per-article work of a batch, the same on every executor.

`check_file(path, input, offline)` reads one file, checks it with `check.check_input` (the
function the `check` command uses) and returns an `ArticleResult`: the JSON line to write and
the counts the summary needs. It never raises for a bad article: a file that cannot be read or
parsed gives a `Report.failed` line, and an unexpected exception inside the checker gives an
error line too (`internal error: ...`), so one article never stops a batch.

The pipeline is built once per process (`get_nlp` is cached); `init_worker` builds it up front
in each local worker, and on a Dask worker the first article builds it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import ClaimcheckError
from ..models import Report, json_default

# Characters that JSON leaves raw but that some line readers (str.splitlines, JavaScript)
# treat as line breaks. Escaped so that one record is always exactly one line.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# One encoder for every line (`json.dumps` with options builds a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=json_default)


class PipelineUnavailable(Exception):
    """The worker cannot build the pipeline (a broken install or check module): the batch
    stops, rather than write an error line for every article."""


@dataclass(frozen=True)
class ArticleResult:
    """What a worker sends back: the line to append and what the summary counts."""

    input: str
    content_hash: str | None
    line: str
    claims: dict[str, int] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    internal: bool = False


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_file(path: str) -> str | None:
    """sha256 of the file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def record_line(report: Report, input: str, digest: str | None) -> str:
    """The JSONL line of a report: `Report.to_dict()` with `input` as found and `content_hash`.

    Written from `Report.to_json_fields()` (the claims, flags... encoded straight from the
    model objects by `json_default`): the same line as from `to_dict()`, without its copy.
    """
    data = report.to_json_fields()
    record: dict[str, Any] = {"schema": data.pop("schema"), "input": input, "content_hash": digest}
    data.pop("input")
    record.update(data)
    line = _ENCODER.encode(record)
    for char, escaped in _LINE_BREAKS.items():
        if char in line:
            line = line.replace(char, escaped)
    return line


def pipeline():
    """This process's pipeline, built on first use; `PipelineUnavailable` if it cannot be."""
    try:
        from ..check import check_input  # noqa: F401 - a broken import is a broken pipeline too
        from ..nlp.pipeline import get_nlp

        return get_nlp()
    except Exception as err:  # noqa: BLE001 - whatever broke, it is not this article's fault
        raise PipelineUnavailable(f"cannot build the pipeline: {type(err).__name__}: {err}") from None


def _settings(offline: bool):
    from ..settings import get_settings

    return get_settings(offline=True) if offline else get_settings()


def check_file(path: str, input: str, offline: bool) -> ArticleResult:
    """Check the file at `path` (reported as `input`); never raises for a bad article."""
    nlp = pipeline()
    from ..check import check_input

    digest = hash_file(path)
    try:
        report = check_input(path, _settings(offline), nlp)
    except ClaimcheckError as err:
        return _failed(input, digest, err.reason)
    except Exception as err:  # noqa: BLE001 - a checker bug must not stop a 5,000-article batch
        reason = f"internal error: {type(err).__name__}: {err}".splitlines()[0][:300]
        return _failed(input, digest, reason, internal=True)
    return ArticleResult(
        input=input,
        content_hash=digest,
        line=record_line(report, input, digest),
        claims=dict(Counter(c.kind for c in report.claims)),
        flags=dict(Counter(f.kind for f in report.flags)),
    )


def _failed(input: str, digest: str | None, reason: str, internal: bool = False) -> ArticleResult:
    line = record_line(Report.failed(input, reason), input, digest)
    return ArticleResult(input=input, content_hash=digest, line=line, error=reason, internal=internal)


def check_files(items: list[tuple[str, str]], offline: bool) -> list[ArticleResult]:
    """A chunk of (path, input) pairs, one after the other in this worker."""
    return [check_file(path, input, offline) for path, input in items]


# --- local worker processes ------------------------------------------------------------


def init_worker(parent_pid: int) -> None:
    """Process initializer: ignore Ctrl-C (the parent stops us), die with the parent, build
    the pipeline once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    try:
        pipeline()
    except PipelineUnavailable:
        pass  # raised again by the first check_file, where the parent can read the reason
        # (an initializer that raises only breaks the pool, and says nothing about why)
    # The pipeline (vocabulary, patterns, word lists) lives as long as the worker: the garbage
    # collector need not walk it again at every full collection.
    gc.freeze()


def _exit_with_parent(parent_pid: int, interval: float = 0.5) -> None:
    """After a `kill -9` of the batch, its workers would wait on their queue for ever."""
    while True:
        time.sleep(interval)
        if os.getppid() != parent_pid:
            os._exit(1)

"""What a batch did, counted as results arrive, printed at the end (text or JSON), and the
progress bar shown meanwhile on a terminal."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .work import ArticleResult


@dataclass
class Summary:
    out: str
    found: int = 0
    unsupported: Counter = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)
    already_done: int = 0
    to_check: int = 0
    checked: int = 0
    errors: Counter = field(default_factory=Counter)
    internal_errors: int = 0
    claims: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    repaired_bytes: int = 0
    invalid_lines: int = 0
    interrupted: bool = False
    aborted: str | None = None
    started: float = field(default_factory=time.perf_counter)
    elapsed: float = 0.0

    def add(self, result: ArticleResult) -> None:
        self.checked += 1
        if result.error is not None:
            self.errors[result.error] += 1
            self.internal_errors += result.internal
        self.claims.update(result.claims)
        self.flags.update(result.flags)

    def finish(self) -> None:
        self.elapsed = time.perf_counter() - self.started

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def remaining(self) -> int:
        return self.to_check - self.checked

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "articles": {
                "found": self.found,
                "already_done": self.already_done,
                "checked": self.checked,
                "remaining": self.remaining,
                "errors": self.error_count,
            },
            "unsupported": {"total": sum(self.unsupported.values()), "by_suffix": dict(self.unsupported.most_common())},
            "missing_inputs": self.missing,
            "claims": {"total": sum(self.claims.values()), "by_kind": dict(self.claims.most_common())},
            "flags": {"total": sum(self.flags.values()), "by_kind": dict(self.flags.most_common())},
            "errors": {"total": self.error_count, "internal": self.internal_errors, "by_reason": dict(self.errors.most_common())},
            "output_repair": {"torn_bytes_removed": self.repaired_bytes, "invalid_lines_kept": self.invalid_lines},
            "interrupted": self.interrupted,
            "aborted": self.aborted,
            "elapsed_s": round(self.elapsed, 3),
            "articles_per_s": round(self.checked / self.elapsed, 2) if self.elapsed > 0 and self.checked else None,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def to_text(self) -> str:
        rate = f" ({self.checked / self.elapsed:.1f}/s)" if self.elapsed > 0 and self.checked else ""
        lines = [
            f"{self.checked} article(s) checked in {self.elapsed:.1f}s{rate} -> {self.out}",
            f"  already in the output: {self.already_done}; files of other types skipped: {sum(self.unsupported.values())}"
            + (f" ({_counts(self.unsupported)})" if self.unsupported else ""),
        ]
        if self.remaining:
            lines.append(f"  not checked ({'interrupted' if self.interrupted else 'stopped'}): {self.remaining}; re-run the same command to finish")
        lines.append(f"  claims: {sum(self.claims.values())}" + (f" ({_counts(self.claims)})" if self.claims else ""))
        lines.append(f"  flags: {sum(self.flags.values())}" + (f" ({_counts(self.flags)})" if self.flags else ""))
        lines.append(f"  errors: {self.error_count}")
        for reason, count in self.errors.most_common():
            lines.append(f"    {count:>5}  {reason}")
        if self.repaired_bytes:
            lines.append(f"  removed an incomplete last record ({self.repaired_bytes} bytes) from {self.out}; redone")
        if self.invalid_lines:
            lines.append(f"  {self.invalid_lines} invalid line(s) in {self.out} ignored (their articles redone)")
        for arg in self.missing:
            lines.append(f"  no such file or no match: {arg}")
        if self.aborted:
            lines.append(f"  aborted: {self.aborted}")
        return "\n".join(lines)


def _counts(counter: Counter) -> str:
    return ", ".join(f"{key} {count}" for key, count in counter.most_common())


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} art/s" if speed else "-- art/s", style="progress.data.speed")


def make_progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]checking"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[errors]} error(s)"),
        console=console,
        transient=False,
        speed_estimate_period=30.0,
    )

"""Messages the TUI's parts send each other: small dataclasses, no behaviour.

    CheckRequested   the input bar asks for a check (a path/URL, or pasted article text)
    StageChanged     the check worker entered a stage ("reading", "analysing", ...)
    AnalysisReady    the worker analysed the article; its sources are being resolved
    CheckFinished    the worker produced the full report
    CheckFailed      the input could not be checked; `reason` is the CLI's one-line message
    ItemHighlighted  a table row (claim, flag or source) became the current item
    ItemChosen       a table row was chosen (Enter): show its details
    FiltersChanged   the findings' filters changed: the article shows what the tables show
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from claimcheck.models import Claim, Flag, Report, Source

Item = Claim | Flag | Source


@dataclass
class CheckRequested(Message):
    source: str
    text: str | None = None  # pasted article text: checked directly, `source` is only a label


@dataclass
class StageChanged(Message):
    run: int
    stage: str


@dataclass
class AnalysisReady(Message):
    run: int
    report: Report


@dataclass
class CheckFinished(Message):
    run: int
    report: Report


@dataclass
class CheckFailed(Message):
    run: int
    reason: str


@dataclass
class ItemHighlighted(Message):
    item: Item


@dataclass
class ItemChosen(Message):
    item: Item


@dataclass
class FiltersChanged(Message):
    pass

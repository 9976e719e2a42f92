"""Running one check for the TUI: the library's steps, with progress stages in between.

No checking logic here. The steps are the ones `claimcheck.check.check_input` runs (load the
input, analyse it, resolve its sources unless offline), called one by one so that the UI
can say which stage it is in and show the analysis as soon as it is ready: resolving
sources politely takes seconds, the analysis a fraction of one. Pasted text skips loading.
A test pins that the result equals `check_input`'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from spacy.language import Language

from claimcheck.check import check_article
from claimcheck.ingest import load_article
from claimcheck.ingest.files import first_line, is_url, normalise_newlines
from claimcheck.models import Article, Report
from claimcheck.nlp.pipeline import get_nlp
from claimcheck.settings import Settings

PASTED = "<pasted>"


class Cancelled(Exception):
    """The user cancelled the check; raised at the next stage boundary."""


def clean_source(raw: str) -> str:
    """What the user typed, as a path or URL: trimmed, unquoted (drag-and-drop), `~` expanded."""
    source = raw.strip()
    if len(source) >= 2 and source[0] == source[-1] and source[0] in "'\"":
        source = source[1:-1].strip()
    if source.startswith("~") and not is_url(source):
        source = str(Path(source).expanduser())
    return source


def pasted_article(text: str) -> Article:
    return Article(text=normalise_newlines(text), input=PASTED, title=first_line(text))


def run_check(
    source: str,
    text: str | None,
    settings: Settings,
    nlp: Language | None,
    on_stage: Callable[[str], None],
    on_analysis: Callable[[Report], None] = lambda report: None,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> Report:
    """Check `source` (a path or URL) or the pasted `text`; returns the full report.

    `on_stage(name)` announces each stage; `on_analysis(report)` gets the analysed report
    before its sources are resolved (online only, and only when it cites sources).
    Raises `ClaimcheckError` for unusable input, `Cancelled` once `is_cancelled()` is true.
    """

    def stage(name: str) -> None:
        if is_cancelled():
            raise Cancelled()
        on_stage(name)

    if text is not None:
        stage("reading the pasted text")
        article = pasted_article(text)
    else:
        stage(f"fetching {source}" if is_url(source) else f"reading {source}")
        article = load_article(source, settings)
    if nlp is None:
        stage("preparing the language pipeline")
        nlp = get_nlp()
    stage("analysing the text")
    report = check_article(article, nlp)
    if settings.offline or not report.sources:
        return report
    on_analysis(report)
    stage("resolving sources")
    from claimcheck.sources import resolve  # heavy (httpx, scikit-learn): only when online

    resolved = Report.from_dict(report.to_dict())  # the UI is showing `report`: work on a copy
    resolve.resolve_report(resolved, settings)
    if is_cancelled():
        raise Cancelled()
    return resolved

"""Running one check for the TUI: the library's entry points plus progress stages.

No checking logic here: a path or URL goes to `claimcheck.check.check_input` (exactly what
the CLI runs), pasted text to `check_article`. The stages the UI shows come from where the
library is in its work: loading the input, running the spaCy pipeline (observed through a
thin wrapper around `nlp`), then finding/resolving sources.
"""

from __future__ import annotations

from typing import Any, Callable

from spacy.language import Language

from claimcheck.check import check_article, check_input
from claimcheck.ingest.files import first_line, is_url, normalise_newlines
from claimcheck.models import Article, Report
from claimcheck.nlp.pipeline import get_nlp
from claimcheck.settings import Settings

PASTED = "<pasted>"

OnStage = Callable[[str], None]


class Cancelled(Exception):
    """The user cancelled the check; raised at the next stage boundary."""


class _StageReportingNLP:
    """Wraps a spaCy `Language` so that calling it announces the analysing stage."""

    def __init__(self, nlp: Language, before: Callable[[], None], after: Callable[[], None]) -> None:
        self._nlp = nlp
        self._before = before
        self._after = after

    def __call__(self, text: str, *args: Any, **kwargs: Any):
        self._before()
        doc = self._nlp(text, *args, **kwargs)
        self._after()
        return doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def clean_source(raw: str) -> str:
    """What the user typed, as a path or URL: trimmed, unquoted (drag-and-drop), `~` expanded."""
    source = raw.strip()
    if len(source) >= 2 and source[0] == source[-1] and source[0] in "'\"":
        source = source[1:-1].strip()
    if source.startswith("~") and not is_url(source):
        from pathlib import Path

        source = str(Path(source).expanduser())
    return source


def run_check(
    source: str,
    text: str | None,
    settings: Settings,
    nlp: Language | None,
    on_stage: OnStage,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> Report:
    """Check `source` (or the pasted `text`), announcing stages. Raises `ClaimcheckError`
    for unusable input and `Cancelled` when `is_cancelled()` turns true between stages."""

    def stage(name: str) -> None:
        if is_cancelled():
            raise Cancelled()
        on_stage(name)

    if nlp is None:
        stage("preparing the language pipeline")
        nlp = get_nlp()
    resolving = "resolving sources" if not settings.offline else "finding sources"
    wrapped = _StageReportingNLP(nlp, lambda: stage("analysing the text"), lambda: stage(resolving))
    if text is not None:
        stage("reading the pasted text")
        article = Article(text=normalise_newlines(text), input=PASTED, title=first_line(text))
        report = check_article(article, wrapped)  # type: ignore[arg-type]
    else:
        stage(f"fetching {source}" if is_url(source) else f"reading {source}")
        report = check_input(source, settings, wrapped)  # type: ignore[arg-type]
    if is_cancelled():
        raise Cancelled()
    return report

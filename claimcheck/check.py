"""Checking an article: Article -> spaCy Doc -> Report. The one entry point every front end uses.

    report = check_article(article)             # offline analysis of an Article
    report = check_input("story.html")          # load + analyse (+ resolve sources online)
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .ingest import load_article
from .models import Article, Claim, Flag, Report
from .nlp.claims import claim_records
from .nlp.extensions import FLAGS
from .nlp.pipeline import get_nlp
from .nlp.sentences import doc_text, sentence_finder
from .settings import Settings, get_settings
from .sources.mentions import find_sources


def claims_from_doc(doc: Doc) -> list[Claim]:
    claims = []
    sentence_of = sentence_finder(doc)
    text = doc_text(doc)
    for i, match in enumerate(claim_records(doc), 1):
        claims.append(
            Claim(
                id=f"c{i}",
                kind=match.kind,
                text=text[match.start:match.end],
                start=match.start,
                end=match.end,
                value=match.value,
                unit=match.unit,
                sentence=text[slice(*sentence_of(match.start))].strip(),
                qualifier=match.qualifier,
            )
        )
    return claims


def flags_from_doc(doc: Doc, only: Iterable[str] | None = None, skip: Iterable[str] | None = None) -> list[Flag]:
    wanted = set(only) if only else None
    skipped = set(skip or ())
    flags = []
    for span in doc.spans.get(FLAGS, []):
        if (wanted is not None and span.label_ not in wanted) or span.label_ in skipped:
            continue
        flags.append(
            Flag(
                id=f"f{len(flags) + 1}",
                kind=span.label_,
                severity=span._.flag_severity or "warning",
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                message=span._.flag_message or "",
                suggestion=span._.flag_suggestion,
            )
        )
    return flags


def report_from_doc(
    doc: Doc, article: Article, only: Iterable[str] | None = None, skip: Iterable[str] | None = None
) -> Report:
    claims = claims_from_doc(doc)
    return Report(
        input=article.input,
        text=doc_text(doc),
        title=article.title,
        claims=claims,
        flags=flags_from_doc(doc, only, skip),
        sources=find_sources(doc, article, claims),
        url=article.url,
        final_url=article.final_url,
        published=article.published,
        author=article.author,
        site=article.site,
        links=article.links,
        warnings=list(article.warnings),
    )


def check_article(
    article: Article,
    nlp: Language | None = None,
    only: Iterable[str] | None = None,
    skip: Iterable[str] | None = None,
) -> Report:
    """Offline analysis: claims, flags and detected (unresolved) sources."""
    nlp = nlp or get_nlp()
    return report_from_doc(nlp(article.text), article, only, skip)


def check_input(
    source: str,
    settings: Settings | None = None,
    nlp: Language | None = None,
    only: Iterable[str] | None = None,
    skip: Iterable[str] | None = None,
) -> Report:
    """Load `source` (path or URL) and check it. Raises `ClaimcheckError` for unusable input."""
    settings = settings or get_settings()
    article = load_article(source, settings)
    report = check_article(article, nlp, only, skip)
    if not settings.offline:
        from .sources.resolve import resolve_report

        resolve_report(report, settings)
    return report

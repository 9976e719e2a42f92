"""Checking an article: Article -> spaCy Doc -> Report. The one entry point every front end uses.

    report = check_article(article)             # offline analysis of an Article
    report = check_input("story.html")          # load + analyse (+ resolve sources online)
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .ingest import load_article
from .models import Article, Claim, Flag, Report
from .nlp.claims import claim_records
from .nlp.extensions import FLAGS
from .nlp.pipeline import get_nlp
from .nlp.sentences import original_text, sentence_bounds
from .settings import Settings, get_settings
from .sources.mentions import find_sources


def claims_from_doc(doc: Doc) -> list[Claim]:
    """The Doc's claims as report `Claim`s (ids c1, c2 ... in order), each with its sentence's
    text; a sentence holding several claims is cut out and stripped once. A number inside page
    furniture the residue check flagged ("Rewind the last 7 days") is the page's, not a claim."""
    text = original_text(doc)
    bounds = sentence_bounds(doc)
    starts = [start for start, _ in bounds]
    sentence_texts: dict[int, str] = {}  # sentence index -> its stripped text
    claims = []
    records = claim_records(doc)
    furniture = _furniture_spans(doc)
    if furniture:
        records = [r for r in records if not any(a <= r.start and r.end <= b for a, b in furniture)]
    for i, match in enumerate(records, 1):
        k = max(0, bisect_right(starts, match.start) - 1)
        sentence = sentence_texts.get(k)
        if sentence is None:
            sentence = sentence_texts[k] = text[slice(*bounds[k])].strip()
        # (positional: a dataclass takes them ~2x faster than by keyword)
        claims.append(Claim(
            f"c{i}",  # id
            match.kind,
            text[match.start:match.end],  # text
            match.start,
            match.end,
            match.value,
            match.unit,
            sentence,
            match.qualifier,
        ))
    return claims


def _furniture_spans(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) of each residue flag of the Doc."""
    group = doc.spans.get(FLAGS)
    if not group:
        return []
    return [(span.start_char, span.end_char) for span in group if span.label_ == "residue"]


def _flag_extension_reader(doc: Doc):
    """A function (name, start_char, end_char) -> the value of a flag span's extension
    `span._.name`, read without making a `Span` and its `span._` accessor (~1 us each).

    spaCy keeps a span's extension values in `doc.user_data` under ("._.", name, start_char,
    end_char) (`spacy.tokens.underscore.Underscore._get_key`); our flag extensions are plain
    values with the default None (`nlp.extensions.register_extensions`)."""
    user_data = doc.user_data

    def read(name: str, start: int, end: int):
        return user_data.get(("._.", name, start, end))

    return read


def flags_from_doc(doc: Doc, only: Iterable[str] | None = None, skip: Iterable[str] | None = None) -> list[Flag]:
    """The Doc's flags as report `Flag`s (ids f1, f2 ... in order), those of the kinds `only`
    (all if None) and not `skip`. A flag's text is cut from the Doc's text (what `span.text`
    gives) and its extensions are read from `doc.user_data` (`_flag_extension_reader`)."""
    wanted = set(only) if only else None
    skipped = set(skip or ())
    group = doc.spans.get(FLAGS)
    if not group:
        return []
    text = original_text(doc)
    extension = _flag_extension_reader(doc)
    flags = []
    for span in group:
        kind = span.label_
        if (wanted is not None and kind not in wanted) or kind in skipped:
            continue
        start, end = span.start_char, span.end_char
        flags.append(Flag(
            f"f{len(flags) + 1}",  # id
            kind,
            extension("flag_severity", start, end) or "warning",  # severity
            text[start:end],  # text
            start,
            end,
            extension("flag_message", start, end) or "",  # message
            extension("flag_suggestion", start, end),  # suggestion
        ))
    return flags


def report_from_doc(
    doc: Doc, article: Article, only: Iterable[str] | None = None, skip: Iterable[str] | None = None
) -> Report:
    claims = claims_from_doc(doc)
    return Report(
        input=article.input,
        text=original_text(doc),
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

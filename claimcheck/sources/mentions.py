"""Finding the sources an article cites (journals, preprint servers, DOIs).

Minimal first version: journal names from a short list. The sources work (issue 5) replaces
this with the shipped journal list, DOIs, links and claim linking.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..models import Article, Claim, Source

_JOURNALS = (
    "Scientific Reports", "The Lancet", "Lancet", "JAMA", "BMJ", "New England Journal of Medicine",
    "NEJM", "Nature Medicine", "Nature", "Science", "Cell", "PLOS ONE", "PLOS Medicine",
    "Annals of Internal Medicine", "medRxiv", "bioRxiv",
)
_JOURNAL_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _JOURNALS), key=len, reverse=True)) + r")\b")


def find_sources(doc: Doc, article: Article, claims: list[Claim]) -> list[Source]:
    """The sources `doc` cites, one per journal; links each claim to a source in its sentence."""
    sources: dict[str, Source] = {}
    for m in _JOURNAL_RE.finditer(doc.text):
        name = m.group(1)
        if name not in sources:
            sources[name] = Source(id=f"s{len(sources) + 1}", mention=name, start=m.start(), end=m.end(), journal=name)
    return list(sources.values())

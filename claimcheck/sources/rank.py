"""Ranking search hits against what the article says about the study.

    ranked = rank_candidates(context, query, candidates)   # best first, each with its score parts

score = 0.45 * text + 0.20 * journal + 0.15 * year + 0.20 * authors, each part in [0, 1]:

- text: TF-IDF cosine (scikit-learn) between the article's paragraphs about the study and the
  candidate's title + abstract, scaled so that a cosine of 0.4 or more counts as full agreement
  (news prose and an abstract share few exact words even when they describe one study);
- journal: 1 when the article names the candidate's journal, 0 when it names another one,
  0.5 when it names none;
- year: 1 for the same year, 0.5 for one year off (online vs print) or no year given, else 0;
- authors: the share of the researchers the article names found among the authors (0.5 when
  it names none).

A match is accepted at `ACCEPT` or more; the runner-up is kept so a reader sees how sure it is.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .journals import normalise_journal
from .records import Candidate, Query, fold

ACCEPT = 0.45
WEIGHTS = {"text": 0.45, "journal": 0.20, "year": 0.15, "authors": 0.20}
TEXT_FULL = 0.4

# Words of news prose that say nothing about which study it is.
NEWS_WORDS = {
    "study", "studies", "research", "researchers", "researcher", "said", "says", "according", "new", "found",
    "finds", "published", "journal", "percent", "people", "patients", "participants", "team", "university",
    "results", "result", "data", "findings", "showed", "shows", "dr", "professor", "author", "authors",
    "lead", "year", "years", "week", "weeks", "month", "months", "today", "told", "added", "explained",
    "article", "paper", "report", "reported", "scientists", "experts", "expert", "news", "like", "just",
    "really", "way", "use", "used", "using", "help", "helps", "make", "made", "time", "times", "including",
    "number", "known", "called", "sense", "second", "first", "good", "well", "scientific", "reports",
    "similar", "previous", "conducted", "examined", "examining", "role", "hope", "larger", "different",
    "citing", "cited", "common", "received", "receive", "treatments", "conditions", "less", "likely",
    "analysis", "meta", "also", "could", "would", "might", "still", "even", "much", "many", "group",
    "groups", "other", "others", "same", "show", "shown", "suggest", "suggests", "suggested",
    "effect", "effects", "field", "based", "state", "states", "work", "works", "need",
}
STOP = ENGLISH_STOP_WORDS | NEWS_WORDS


@dataclass
class Ranked:
    candidate: Candidate
    score: float
    parts: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=1)
def brand_names() -> dict[str, str]:
    """Brand -> generic drug names (data/brand_names.json): "Botox" is "botulinum toxin" in abstracts."""
    raw = json.loads(resources.files("claimcheck.data").joinpath("brand_names.json").read_text("utf-8"))
    if set(raw) - {"about", "brands"} or not all(isinstance(v, str) for v in raw["brands"].values()):
        raise ValueError("brand_names.json: expected {'about', 'brands': {brand: generic}}")
    return {k.lower(): v for k, v in raw["brands"].items()}


def with_generic_names(text: str) -> str:
    """`text` with the generic name after each brand name it uses."""
    brands = brand_names()

    def expand(m: re.Match) -> str:
        generic = brands.get(m.group(0).lower())
        return f"{m.group(0)} {generic}" if generic else m.group(0)

    return re.sub(r"[A-Za-z]+", expand, text)


def content_words(text: str) -> list[str]:
    """Lowercase words of four letters or more, hyphenated words split, stop and news words out."""
    return [w for w in re.findall(r"[a-z]{4,}", fold(text)) if w not in STOP]


def topic_terms(mention_sentence: str, context: str, limit: int = 8) -> list[str]:
    """Search words for a study: the mention sentence's content words (those the context repeats
    first), then the context's most frequent words."""
    mention_sentence, context = with_generic_names(mention_sentence), with_generic_names(context)
    counts = Counter(content_words(context + " " + mention_sentence))
    own = list(dict.fromkeys(content_words(mention_sentence)))
    own.sort(key=lambda w: -counts[w])
    terms = own[: limit // 2 + 1]
    for word, _ in counts.most_common():
        if len(terms) >= limit:
            break
        if word not in terms:
            terms.append(word)
    return terms


def main_topic(mention_sentence: str, context: str) -> list[str]:
    """The word the article repeats most about the study, with its brand or generic names:
    ["botox", "botulinum toxin"]. A search requires one of them."""
    counts = Counter(content_words(with_generic_names(context + " " + mention_sentence)))
    if not counts:
        return []
    top = counts.most_common(1)[0][0]
    brands = brand_names()
    if top in brands:
        return [top, brands[top]]
    named = [b for b, generic in brands.items() if top in generic.split() and b in counts]
    if named:
        return [named[0], brands[named[0]]]
    return [top]


def text_similarity(context: str, documents: list[str]) -> list[float]:
    """TF-IDF cosine between `context` and each document (fitted on these texts alone)."""
    if not documents:
        return []
    corpus = [fold(with_generic_names(context))] + [fold(d) for d in documents]
    vectorizer = TfidfVectorizer(stop_words=sorted(STOP), sublinear_tf=True, token_pattern=r"(?u)\b[a-z][a-z\-]{2,}\b")
    try:
        matrix = vectorizer.fit_transform(corpus)
    except ValueError:  # every word was a stop word
        return [0.0] * len(documents)
    return [float(x) for x in cosine_similarity(matrix[0], matrix[1:])[0]]


def _journal_part(query: Query, candidate: Candidate) -> float:
    if not query.journal:
        return 0.5
    if not candidate.journal:
        return 0.25
    return 1.0 if normalise_journal(query.journal) == normalise_journal(candidate.journal) else 0.0


def _year_part(query: Query, candidate: Candidate) -> float:
    if not query.year or not candidate.year:
        return 0.5
    gap = abs(query.year - candidate.year)
    return 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0


def _authors_part(query: Query, candidate: Candidate) -> float:
    if not query.authors:
        return 0.5
    theirs = {fold(s) for s in candidate.surnames}
    return sum(1 for a in query.authors if fold(a) in theirs) / len(query.authors)


def rank_candidates(context: str, query: Query, candidates: list[Candidate]) -> list[Ranked]:
    """The candidates best first, each with its score and the parts it is made of."""
    unique: dict[str, Candidate] = {}
    for c in candidates:
        unique.setdefault((c.doi or c.pmid or c.title).lower(), c)
    pool = list(unique.values())
    sims = text_similarity(context, [f"{c.title}. {c.title}. {c.abstract}" for c in pool])
    ranked = []
    for c, sim in zip(pool, sims, strict=True):
        parts = {
            "text": round(min(1.0, sim / TEXT_FULL), 4),
            "journal": _journal_part(query, c),
            "year": _year_part(query, c),
            "authors": round(_authors_part(query, c), 4),
        }
        score = sum(WEIGHTS[k] * v for k, v in parts.items())
        ranked.append(Ranked(c, round(score, 4), parts))
    ranked.sort(key=lambda r: -r.score)
    return ranked

"""Finding the sources an article cites and linking each claim to the source it rests on.

Offline, rules only, fast enough to run on every article:

    sources = find_sources(doc, article, claims)   # Source list; sets claim.source in place

What counts as a mention of a cited study:

- a journal or preprint server from the shipped list (`data/journals.json`), in any of its
  spellings: "published in the journal Scientific Reports", "a study in JAMA", "posted on
  medRxiv". Names that are also ordinary words (Nature, Science, Cell, Circulation ...) count
  only next to a citation cue ("published in", "the journal", "a study in" + a word that
  cannot continue a noun phrase), so "human nature" and "cell phone" are not journals;
- a journal not on the list, after a citation cue: a title-case name holding Journal, Annals,
  Archives, Proceedings, Bulletin or Acta ("published in the Irish Journal of Medical
  Science"), or any title-case name after "the journal", or a Markdown emphasis after a strong
  cue ("published in *Molecular Therapy*"); newspapers are not journals;
- a listed name going on in title case is the longer journal, recorded as written ("The Lancet
  Regional Health - Southeast Asia" is "The Lancet Regional Health – Southeast Asia", not The
  Lancet; "Nature Reviews Cardiology"); not across a stop word ("the BMJ Editor", "The Lancet
  Commission", "JAMA Monday"), a country ("Diabetes Ireland") or in a title-case headline, and
  only after a cue unless the name has a dash or was cited before;
- a dated study without a journal: "a 2021 meta-analysis", "similar research was conducted
  in 2020", "a study published in 2019";
- a database analysed in a study sentence: "data in a US Food and Drug Administration
  database", "the UK Biobank" (names in `data/databases.json`);
- a DOI or a PubMed/PMC/Europe PMC/publisher URL in the text or in the article's links, and
  the page's `citation_doi` meta tag.

Mentions of one study become one `Source`: mentions in one sentence that agree (journal, year,
DOI) are one study; a journal named again later is the same study unless the year differs or
the wording says another one ("a separate study in JAMA"). Each claim gets the source
mentioned in its sentence, else the study its paragraph is about (the source mentioned last
before it, in the paragraph or earlier; the lead paragraphs before any mention belong to the
first source), else none.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

from spacy.tokens import Doc

from ..ingest.html import identifiers_in_url
from ..models import Article, Claim, Link, Source
from ..nlp.regex import alternation, find_all, find_starts, matches_at, search_near
from ..nlp.sentences import original_text, sentence_bounds
from .journals import (
    Journal,
    journal_for_doi,
    journal_for_url,
    journal_named,
    journals,
    normalise_journal,
    not_journals,
)

YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
STUDY_NOUNS = (
    "study", "studies", "trial", "trials", "analysis", "analyses", "meta-analysis", "meta-analyses",
    "metaanalysis", "review", "reviews", "paper", "papers", "report", "reports", "survey", "research",
    "preprint", "experiment", "article", "letter", "commentary", "editorial", "findings", "results",
    "data", "work", "investigation", "cohort",
)
# Nouns that, with a year, name one study: "a 2021 meta-analysis" (not "2021 data", "2020 results").
DATED_NOUNS = (
    "study", "trial", "analysis", "meta-analysis", "metaanalysis", "review", "systematic review", "paper",
    "report", "survey", "research", "preprint", "experiment", "investigation",
)
_STUDY_NOUN = "|".join(sorted(map(re.escape, DATED_NOUNS), key=len, reverse=True))
CITE_VERBS = {
    "published", "publish", "publishes", "publishing", "appear", "appears", "appeared", "appearing",
    "reported", "report", "reports", "reporting", "described", "describe", "describes", "detailed",
    "details", "outlined", "presented", "featured", "printed", "posted", "posting", "writing", "wrote",
    "write", "writes", "out", "released", "uploaded", "shared", "submitted", "accepted", "forthcoming",
}
AUXILIARIES = {"was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will", "just", "now", "also"}
DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "one", "another", "its", "their", "his", "her"}
TIME_WORDS = {
    "online", "today", "yesterday", "recently", "simultaneously", "earlier", "later", "this", "last",
    "week", "month", "year", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "early", "late", "next", "in", "at", "the", "end", "of", "mid",
} | {m.lower() for m in MONTHS.split("|")}
VENUE_WORDS = {"journal", "magazine", "server", "repository", "website", "site", "platform", "archive", "issue", "edition"}
# Words that continue a noun phrase after an ordinary-word journal name: "Cell phone", "Heart disease".
COMPOUND_HEADS = {
    "phone", "phones", "disease", "diseases", "failure", "attack", "attacks", "health", "cells", "cell",
    "culture", "cultures", "tissue", "tissues", "injury", "injuries", "damage", "tumour", "tumor",
    "tumours", "tumors", "bacteria", "rate", "rates", "pressure", "reserve", "reserves", "fiction",
    "teacher", "teachers", "class", "classes", "fair", "museum", "center", "centre", "line", "lines",
    "membrane", "count", "counts", "sugar", "test", "tests", "type", "types", "level", "levels", "clot",
    "clots", "vessel", "vessels", "flow", "surgery", "scan", "scans", "wave", "waves", "activity",
    "function", "development", "problem", "problems", "condition", "conditions", "patients", "care",
    "medicine", "therapy", "therapies", "treatment", "treatments", "drug", "drugs", "relief", "killer",
    "killers", "management", "medication", "medications", "walk", "walks", "lovers", "lover", "trail",
    "trails", "documentary", "program", "programme", "research", "researchers", "experts", "expert",
    "scientists", "writer", "writers", "journalist", "journalists", "fog", "bank", "donor",
    "donors", "transfusion", "transfusions", "biology", "division", "signalling", "signaling",
}
# After a weak cue ("a study in Nature ..."), the next word must be one that cannot continue a name.
FOLLOWERS = {
    "found", "finds", "find", "showed", "shows", "show", "suggests", "suggested", "suggest", "reported",
    "reports", "concluded", "concludes", "published", "last", "this", "on", "in", "by", "from", "and",
    "that", "which", "earlier", "recently", "online", "today", "journal", "was", "is", "were", "has",
    "had", "also", "said", "says", "the", "a", "an", "for", "with", "of", "to", "describes", "described",
    "adds", "added", "noted", "notes", "revealed", "reveals", "estimated", "estimates", "indicated",
    "indicates", "linked", "links", "looked", "examined", "followed", "tracked", "involving", "involved",
    "led", "yesterday", "at", "but", "or", "as", "now", "back", "late", "early", "then",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "over", "among",
    # what a study did ("a survey in Human Fertility asked 1,046 adults")
    "asked", "surveyed", "compared", "analysed", "analyzed", "assessed", "measured", "recruited", "enrolled",
    "randomised", "randomized", "tested", "interviewed",
}
NEW_STUDY_WORDS = {
    "another", "separate", "different", "earlier", "previous", "second", "other", "older", "newer", "later",
    "follow-up", "similar",
}

_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*(?:[.,]\d+)*|[,;:()\u2013\u2014]")


@dataclass
class Mention:
    """One place in the text that points at a cited study."""

    start: int
    end: int
    kind: str  # "journal", "study", "database", "doi", "url"
    journal: str | None = None
    year: int | None = None
    doi: str | None = None
    url: str | None = None
    new_study: bool = False  # the wording says another study ("a separate analysis in ...")


@dataclass
class SourceGroup:
    """The mentions of one cited study, in reading order."""

    mentions: list[Mention] = field(default_factory=list)

    # (plain loops: these are read for every mention grouped, and a generator costs more)
    @property
    def journal(self) -> str | None:
        """The journal a journal or dated-study mention names, else any mention's."""
        for m in self.mentions:
            if m.journal and m.kind in ("journal", "study"):
                return m.journal
        for m in self.mentions:
            if m.journal:
                return m.journal
        return None

    @property
    def year(self) -> int | None:
        for m in self.mentions:
            if m.year:
                return m.year
        return None

    @property
    def doi(self) -> str | None:
        for m in self.mentions:
            if m.doi:
                return m.doi
        return None

    @property
    def url(self) -> str | None:
        for m in self.mentions:
            if m.url:
                return m.url
        return None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def lead(self) -> Mention:
        """The mention the report shows: the first naming a journal, else the first one."""
        for kind in ("journal", "study", "database", "doi", "url"):
            for m in self.mentions:
                if m.kind == kind:
                    return m
        return self.mentions[0]

    def agrees(self, m: Mention) -> bool:
        """Whether `m` can name this study: its journal, year and DOI (any case) differ from none known."""
        return _same(self.journal, m.journal) and _same(self.year, m.year) \
            and _same(self.doi and self.doi.lower(), m.doi and m.doi.lower())


def _same(a, b) -> bool:
    """Whether two values agree: equal, or one unknown (None)."""
    return a is None or b is None or a == b


# --- text structure ----------------------------------------------------------------------

_SENT_END = re.compile(r"(?P<stop>[.!?][\"'”’)\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|al|vs|Jr|Sr|No|Fig|Vol|U\.S|e\.g|i\.e)|\b[A-Z])\.$")


Sentences = Sequence[tuple[int, int]]


@lru_cache(maxsize=16)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence: a stop followed by a capital, or a line break."""
    spans = []
    pos = 0
    for m in _SENT_END.finditer(text):
        end = m.end("stop") if m.group("stop") else m.start()
        # "Dr. Smith", "et al. 2021", "U.S. Food": an abbreviation, not the end of a sentence.
        # (no abbreviation ends a word of five letters or more: "Prof." has four, and a
        # text starting "Dr." has fewer than four letters before its stop)
        if m.group("stop") and not (m.start() >= 5 and text[m.start() - 5:m.start()].isalpha()) \
                and _ABBREVIATION.search(text[max(0, m.start() - 5):m.start() + 1]):
            continue
        if end > pos:
            spans.append((pos, end))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return tuple(spans)


@lru_cache(maxsize=16)
def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph: the text between line breaks (`str.find`, faster than
    a regex `[^\n]+`)."""
    spans = []
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if end > start:
            spans.append((start, end))
        start = end + 1
    return tuple(spans)


def span_index(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """The index of the span holding `offset` (in a gap: the span before it; before the
    first: 0). `spans` are in order and do not overlap."""
    return max(0, bisect.bisect_right(spans, (offset, math.inf)) - 1)


def first_letter_patterns(words: Iterable[str]) -> tuple[re.Pattern, ...]:
    """The literal `words` as one pattern per first character ("F(?:DA|AERS|ood)").

    A pattern that starts with one literal character is searched at memchr speed, about the
    cost of one `str.find`; so the words sharing a first character cost one search instead of
    one each. (One pattern for all would start with a character set, which `re` tests at every
    character: ~10x slower.)"""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word)
    return tuple(
        re.compile("|".join(re.escape(w) for w in sorted(group, key=len, reverse=True)))
        for _, group in sorted(by_first.items())
    )


def holds_any(text: str, patterns: Sequence[re.Pattern]) -> bool:
    """Whether `text` holds one of the words of `first_letter_patterns`."""
    return any(pattern.search(text) for pattern in patterns)


def literal_spans(text: str, patterns: Sequence[re.Pattern]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of the words of `first_letter_patterns`, in order: what
    `find_all` gives, for words that cannot overlap one another (no word holds its group's
    first character again, see `_spans_exact`)."""
    return sorted(m.span() for pattern in patterns for m in pattern.finditer(text))


def _spans_exact(words: Iterable[str]) -> bool:
    """Whether `literal_spans` finds every occurrence of `words`: no word holds its first character
    again (so no two occurrences of the words sharing it overlap) and none starts another."""
    words = list(words)
    return all(w[0] not in w[1:] for w in words) and not any(
        a != b and b.startswith(a) for a in words for b in words)


# --- journal mentions ---------------------------------------------------------------------


# Before a listed name: not a letter, digit, dash, slash, dot or "@" ("bio-Nature", "x.com/Cell").
_NAME_NOT_AFTER = r"[\w\-/.@]"
# After it: not a word going on, nor a domain ("Nature.com").
_NAME_END = r"(?![\w\-]|\.[a-z]{2,})"


@dataclass(frozen=True)
class _JournalIndex:
    """The listed spellings, and the patterns that find them in a text (see `journal_name_matches`)."""

    by_spelling: dict[str, Journal]
    capitalised: re.Pattern  # the spellings starting with a capital (all but a few)
    others: re.Pattern  # the rest: "eLife", "medRxiv", "npj Digital Medicine"
    # their first words ("eLife", "npj", "medRxiv"), found with str.find, each under a substring
    # that a text must hold for it to be searched (`_first_word_gate`)
    others_first_words: tuple[tuple[str, tuple[str, ...]], ...]


def _first_word_gate(word: str) -> str:
    """The substring tested before `word` is searched for: "xiv" or "Xiv" for the preprint
    servers (one test spares five searches of ~1.5 us: "arXiv", "bioRxiv", "medrxiv" ...),
    else the word itself."""
    for common in ("xiv", "Xiv"):
        if common in word:
            return common
    return word


def _spellings_pattern(spellings: Iterable[str]) -> re.Pattern:
    """The spellings as one pattern, one branch per first letter, each a trie (`alternation`).

    The lookbehind comes after the literal first letter (looking back over it), so the pattern
    starts with a literal and `re` skips straight to those letters instead of trying the
    lookbehind at every character (~3x faster than a leading lookbehind).
    """
    return re.compile("|".join(_spelling_branches(spellings)))


def _spelling_branches(spellings: Iterable[str]) -> list[str]:
    """The branches of `_spellings_pattern`: one per first letter, starting with it."""
    by_first: dict[str, list[str]] = {}
    for spelling in spellings:
        by_first.setdefault(spelling[0], []).append(spelling[1:])
    return [
        re.escape(first) + rf"(?<!{_NAME_NOT_AFTER}.)" + alternation(rests) + _NAME_END
        for first, rests in sorted(by_first.items())
    ]


def _gated(words: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(gate, the words under it) for `words`, in order of their first word (`_first_word_gate`);
    a word alone under its gate is its own gate (a longer string is found faster)."""
    by_gate: dict[str, list[str]] = {}
    for word in words:
        by_gate.setdefault(_first_word_gate(word), []).append(word)
    return tuple((gate if len(under) > 1 else under[0], tuple(under)) for gate, under in by_gate.items())


@lru_cache(maxsize=1)
def _journal_index() -> _JournalIndex:
    by_spelling: dict[str, Journal] = {}
    for journal in journals():
        for spelling in journal.spellings:
            by_spelling.setdefault(spelling, journal)
    capitalised = [s for s in by_spelling if s[0].isupper()]
    others = [s for s in by_spelling if not s[0].isupper()]
    return _JournalIndex(
        by_spelling=by_spelling,
        capitalised=_spellings_pattern(capitalised),
        others=_spellings_pattern(others),
        others_first_words=_gated(sorted({s.split()[0] for s in others})),
    )


@dataclass(frozen=True)
class _NameScan:
    """One search for the capitalised journal names, the databases without anchors, most of
    the lower-case first words of the other names and the key words of the unlisted journals
    (`_scan_text`)."""

    pattern: re.Pattern
    database_letters: re.Pattern  # the letters a database name without anchors starts with
    # the groups of the pattern marking a lower-case first word, a "Journal" or "journal", another
    # key word of the unlisted journals ("Annals"); the others mark a database
    first_word_groups: range
    journal_word_groups: range
    keyword_groups: range
    # the gates (`_gated`) of the first words the pattern does not find, tested with `in`
    first_word_gates: tuple[str, ...]
    # the key words as one pattern, for the few characters of the journal names (group 1:
    # "Journal" or "journal", 2: another)
    key_words: re.Pattern


@dataclass
class _TextScan:
    """What `_scan_text` found in a text."""

    names: list[re.Match]  # `journal_name_matches(text)`
    database: bool  # whether a database without anchors may be named
    # (start, end) of each "Journal" or "journal" and of each other key word of the unlisted
    # journals, in order (`find_unlisted_journals`); None where not known
    journal_words: list[tuple[int, int]] | None
    keywords: list[tuple[int, int]] | None


# Letters rare in prose: a branch starting with one is tried only a few times in a text.
_RARE_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZjqxz")


def _rare_letter(word: str, taken: Iterable[str]) -> int | None:
    """The index in `word` of its first rare letter (`_RARE_LETTERS`) not in `taken` ("eLife":
    1, "medrxiv": 4), else None."""
    return next((i for i, ch in enumerate(word) if ch in _RARE_LETTERS and ch not in taken), None)


@lru_cache(maxsize=1)
def _name_scan() -> _NameScan:
    """The branches of `_JournalIndex.capitalised`; then one per lower-case first word of the
    other names, at its first letter that is rare in prose (a capital, j, q, x, z: "arXiv",
    "medrxiv", "npj"): that letter, a look back and ahead at the rest of the word, an empty
    group ("X(?<=arX)(?=iv)()"); then one per letter that a database name without anchors
    starts with (`_database_branches`: "V()(?<=(?=VAERS|Vaccine ...)V)"); then one per first
    letter of the key words of the unlisted journals, with the rest of the word looked ahead
    at in a group ("A(?=(nnals|rchives|cta))").

    Every branch starts with a letter, so `re` tries the pattern only at those letters (a
    search of a whole text costs ~15 us, most of it reaching the letters: one search instead
    of the name search, the database search, a `str` test (~1.5 us) per first word and four
    searches for the key words). A first word's branch is tried only where no journal name
    starts (none starts after a letter or with a lower-case one), a database's where neither
    does (the first words' letters are not the databases'), a key word's where none of those
    does (`_scan_text` looks for those it misses); each matches one character and holds the
    only group (`lastindex`). The first words whose rare letters all start database names too
    ("eClinicalMedicine") are left to `in` tests."""
    index = _journal_index()
    capitalised = [s for s in index.by_spelling if s[0].isupper()]
    by_letter = _databases().by_letter
    database_branches = _database_branches(by_letter, group=True)
    first_words = sorted({word for _, words in index.others_first_words for word in words})
    at = {w: _rare_letter(w, by_letter) for w in first_words}
    scanned = [w for w in first_words if at[w] is not None]
    # a first word inside a journal name would be passed over with it
    assert not any(w in spelling for w in scanned for spelling in capitalised)
    first_word_branches = [
        rf"{re.escape(w[i])}(?<={re.escape(w[:i + 1])})(?={re.escape(w[i + 1:])})()"
        for w in scanned for i in [at[w]]
    ]
    journal_word_branches = [rf"{first}(?=({re.escape(word[1:])}))" for word in _JOURNAL_WORDS for first in [word[0]]]
    by_first: dict[str, list[str]] = {}
    for word in _UNLISTED_KEYWORDS[1:]:
        by_first.setdefault(word[0], []).append(word[1:])
    keyword_branches = [rf"{re.escape(first)}(?=({'|'.join(map(re.escape, rests))}))" for first, rests in sorted(by_first.items())]
    letters = f"[{''.join(sorted(by_letter))}]" if by_letter else "(?!)"
    groups = [len(first_word_branches), len(database_branches), len(journal_word_branches), len(keyword_branches)]
    ends = [1 + sum(groups[:k + 1]) for k in range(4)]
    return _NameScan(
        pattern=re.compile("|".join(
            _spelling_branches(capitalised) + first_word_branches + database_branches + journal_word_branches
            + keyword_branches
        )),
        database_letters=re.compile(letters),
        first_word_groups=range(1, ends[0]),
        journal_word_groups=range(ends[1], ends[2]),
        keyword_groups=range(ends[2], ends[3]),
        first_word_gates=tuple(gate for gate, _ in _gated(w for w in first_words if w not in scanned)),
        key_words=re.compile(f"({'|'.join(_JOURNAL_WORDS)})|({'|'.join(_UNLISTED_KEYWORDS[1:])})"),
    )


def _scan_names(text: str) -> tuple[list[re.Match], bool]:
    """(`journal_name_matches(text)`, whether a database without anchors may be named in `text`)."""
    scan = _scan_text(text)
    return scan.names, scan.database


def _scan_text(text: str) -> _TextScan:
    """The journal names, whether a database may be named and the key words of the unlisted
    journals, from one search (`_name_scan`) and an `in` test in most texts.

    A journal name hides the key words and databases inside it, and a branch that matches one
    character the branches after it at that character: the key words and databases are looked
    for inside the journal names, and the key words where a database branch matched."""
    scan = _name_scan()
    names = []
    journal_words = []
    keywords = []
    database = first_word = False
    for m in scan.pattern.finditer(text):
        group = m.lastindex
        if group is None:
            names.append(m)
        elif group in scan.journal_word_groups:
            journal_words.append((m.start(), m.end(group)))
        elif group in scan.keyword_groups:
            keywords.append((m.start(), m.end(group)))
        elif group in scan.first_word_groups:
            first_word = True
        else:
            database = True
            hidden = scan.key_words.match(text, m.start())  # (a key word starting with a database's letter)
            if hidden:
                (journal_words if hidden.lastindex == 1 else keywords).append(hidden.span())
    for name in names:
        for m in scan.key_words.finditer(text, name.start(), name.end()):
            (journal_words if m.lastindex == 1 else keywords).append(m.span())
    journal_words.sort()
    keywords.sort()
    if not database:
        # a database name starting where a journal name matched (inside it, or with it)
        unanchored = _databases().unanchored
        database = any(
            unanchored.match(text, letter.start())
            for m in names for letter in scan.database_letters.finditer(text, m.start(), m.end())
        )
    if first_word or any(gate in text for gate in scan.first_word_gates):
        # (rare) a name starting with a lower-case first word may come first: the slower search
        # (and a first word's branch hides the key words at its character: they are searched)
        return _TextScan(journal_name_matches(text, names), database, None, None)
    return _TextScan(names, database, journal_words, keywords)


def journal_name_matches(text: str, capitalised: list[re.Match] | None = None) -> list[re.Match]:
    """The listed journal names in `text`, in order and not overlapping: what one `finditer` of
    a pattern of all the spellings would find.

    Names starting with a capital are searched by one pattern, which `re` tries only at
    capitals; the few that do not ("eLife", "medRxiv") would make it try at every "e", "m",
    "a" ..., so they are tried only where `str.find` sees their first word. `capitalised`: the
    matches of that pattern in `text` (its `finditer`), if known (`_scan_names`).
    """
    index = _journal_index()
    first_words = [word for gate, words in index.others_first_words if gate in text for word in words]
    other_starts = find_starts(text, first_words) if first_words else []
    if not other_starts:  # nearly always
        return list(index.capitalised.finditer(text)) if capitalised is None else capitalised
    matches = []
    pos = 0
    read = 0  # the next of `capitalised` to read
    while True:
        # the leftmost name from `pos`: a capitalised one, unless another starts before it
        if capitalised is None:
            m = index.capitalised.search(text, pos)
        else:
            m, read = _leftmost_listed(text, pos, capitalised, read)
        limit = m.start() if m else len(text)
        for start in other_starts:
            if pos <= start < limit:
                other = index.others.match(text, start)
                if other:
                    m = other
                    break
        if m is None:
            return matches
        matches.append(m)
        pos = m.end()


def _leftmost_listed(text: str, pos: int, listed: list[re.Match], read: int) -> tuple[re.Match | None, int]:
    """`_JournalIndex.capitalised.search(text, pos)` read from `listed`, the pattern's `finditer`
    over the whole text, and the index in `listed` to read from next (`read`: the last one, the
    positions only grow). Where no listed match goes on across `pos`, the search from `pos`
    finds the first listed match starting there or later (the `finditer` found no other match
    starting between the end of the one before and `pos`); else the pattern is searched."""
    while read < len(listed) and listed[read].start() < pos:
        read += 1
    if read and listed[read - 1].end() > pos:
        return _journal_index().capitalised.search(text, pos), read
    return (listed[read] if read < len(listed) else None), read


_STOP_BEFORE_CAPITAL = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“])")
# The last of those in a window: the greedy `.*` backs off from the window's end to the last stop
# that matches (a match cannot hold another's stop, so the last one to start ends last).
_LAST_STOP_BEFORE_CAPITAL = re.compile(r"(?s:.*)" + _STOP_BEFORE_CAPITAL.pattern)
_SPACES = re.compile(r"\s+")
_LETTER_WORD = re.compile(r"[A-Za-z][\w-]*")
_NUMBER_OR_COMMA = re.compile(r"\d{1,4}|,")
_MODIFIER_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w'’-]*)?")
_JOURNAL_NEXT = re.compile(r"\s+journal\b")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_NEXT_TITLE_WORD = re.compile(r"\s+[A-Z][a-z]")


def _words_before(text: str, end: int, limit: int = 90) -> list[re.Match]:
    """The words (and commas, brackets, dashes) in the `limit` characters before `end`, back to
    a sentence end: matches of _WORD, `m[0]` the word, `m.start()` where it starts."""
    start = max(0, end - limit)
    # Do not look back across a sentence end or a line break.
    cut = text.rfind("\n", start, end)
    stop = _LAST_STOP_BEFORE_CAPITAL.match(text, start, end)
    if stop and stop.end() > cut:
        cut = stop.end()
    if cut >= 0:
        start = cut
    return list(_WORD.finditer(text, start, end))


# The words a cue ends with, right before the name (past "the"): `_cue_before` finds no cue
# where the last word is another one.
_CUE_LAST_WORDS = tuple(sorted(VENUE_WORDS | {"in", "on", "to", "via", "through", "the"}))
_NOT_CUE_END = " \t\r\n\"'“”‘’*_[]().,;:!?–—-/"
_ASCII_LETTERS_DIGITS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _plainly_no_cue(text: str, name_start: int) -> bool:
    """Whether `_cue_before` finds no cue before a name, seen from the characters right before
    it (its window of 90, past spaces, line breaks and punctuation): they end with an ASCII
    letter or digit, but not with one of the words a cue ends with (`_CUE_LAST_WORDS`), so the
    last word `_cue_before` reads (past "the") is none of them: a letter or digit after it
    would be in a word after it. (Passing over more characters only makes the test stricter;
    False where unsure: another character last, a word ending with one of them, "the".)"""
    tail = text[max(0, name_start - 90):name_start].rstrip(_NOT_CUE_END)
    return bool(tail) and tail[-1] in _ASCII_LETTERS_DIGITS and not tail[-12:].lower().endswith(_CUE_LAST_WORDS)


def _cue_before(text: str, name_start: int) -> tuple[str, int, bool]:
    """('strong'|'weak'|'', where the mention starts, says-another-study) from the words before a name.

    strong: "published/reported/posted ... in (the) (journal)" or "the (medical) journal";
    weak: "a study in", "according to".
    """
    if _plainly_no_cue(text, name_start):  # (~40% of the names found: "Heart disease", "JAMA said")
        return "", name_start, False
    words = _words_before(text, name_start)
    lowered = [w[0].lower() for w in words]
    count = len(words)
    i = count - 1
    start = name_start
    strength = ""

    def low(k: int) -> str:
        return lowered[k] if 0 <= k < count else ""

    while low(i) == "the":  # "in the the European Heart Journal" happens
        start = words[i].start()
        i -= 1
    # "the journal", "the peer-reviewed medical journal", "the preprint server"
    if low(i) in VENUE_WORDS:
        strength = "strong"
        start = words[i].start()
        i -= 1
        steps = 0
        while i >= 0 and steps < 3 and _LETTER_WORD.fullmatch(words[i][0]) and low(i) not in DETERMINERS \
                and low(i) not in CITE_VERBS and (low(i) not in STUDY_NOUNS or low(i) == "preprint") \
                and low(i) not in TIME_WORDS:
            start = words[i].start()
            i -= 1
            steps += 1
        if low(i) in DETERMINERS:
            start = words[i].start()
            i -= 1
    if low(i) == "to" and low(i - 1) == "according":
        return strength or "weak", words[i - 1].start(), False
    if low(i) not in ("in", "on", "to", "via", "through") and not (low(i) == "by" and low(i - 1) in _BY_VERBS):
        return (strength, start, False) if strength else ("", name_start, False)
    i -= 1
    skipped = 0
    while i >= 0 and skipped < 6 and (low(i) in TIME_WORDS or _NUMBER_OR_COMMA.fullmatch(words[i][0])):
        i -= 1
        skipped += 1
    if low(i) in CITE_VERBS:
        strength = "strong"
        start = words[i].start()
        i -= 1
        while i >= 0 and low(i) in AUXILIARIES:
            i -= 1
        if i >= 0 and low(i) in STUDY_NOUNS:
            start, new_study = _noun_phrase_start(words, i)
            return strength, start, new_study
        if i >= 0 and low(i) in ("researchers", "scientists", "authors", "team", "investigators", "doctors", "experts"):
            start = words[i].start()
        return strength, start, False
    if low(i) in _BE_WORDS and low(i - 1) in STUDY_NOUNS:  # "the results are in Age and Ageing"
        i -= 1
    if low(i) in STUDY_NOUNS:
        start, new_study = _noun_phrase_start(words, i)
        return strength or "weak", start, new_study
    return (strength, start, False) if strength else ("", name_start, False)


_BE_WORDS = frozenset({"is", "are", "was", "were"})
# "a paper accepted by the International Journal of Pharmacy Practice"
_BY_VERBS = frozenset({"accepted", "published"})
_NOT_MODIFIERS = {"in", "of", "and", "to", "by", "on", "from", "with", "that", "which", "who"}


def _noun_phrase_start(words: list[re.Match], i: int) -> tuple[int, bool]:
    """Walk back from a study noun over its modifiers ("a new randomised trial")."""
    start = words[i].start()
    new_study = False
    k = i - 1
    steps = 0
    while k >= 0 and steps < 4:
        word = words[k][0]
        lowered = word.lower()
        if lowered in NEW_STUDY_WORDS:
            new_study = True
        if lowered in DETERMINERS:
            start = words[k].start()
            break
        if not _MODIFIER_WORD.fullmatch(word) or lowered in _NOT_MODIFIERS:
            break
        start = words[k].start()
        k -= 1
        steps += 1
    return start, new_study


def _follower_ok(text: str, end: int, strength: str) -> bool:
    m = _NEXT_WORD.match(text[end:end + 40])
    word = m.group(1) if m else None
    if not word:
        return True  # punctuation or the end of the text
    if word[0].isupper():
        # a capital goes on with a longer name ("Diabetes Ireland", "Science Museum"), unless it is a date
        return word.lower() in TIME_WORDS
    if word.lower() in COMPOUND_HEADS:
        return False
    return strength == "strong" or word.lower() in FOLLOWERS


def _close_emphasis(text: str, name_start: int, end: int) -> int:
    """The end of a name, past the closing mark of its Markdown emphasis ("in *Nature*")."""
    mark = text[name_start - 2 if text[name_start - 2:name_start] == "**" else name_start - 1:name_start] if name_start else ""
    if mark in ("*", "**", "_") and text.startswith(mark, end):
        return end + len(mark)
    return end


def _after_cue(text: str, end: int) -> bool:
    return bool(_JOURNAL_NEXT.match(text[end:end + 12]))


# "(Hypertension, 2023)", "(Sleep Health 2023)": a name in brackets with a year, as a citation
_BRACKETED_YEAR_AFTER = re.compile(rf",?\s*{YEAR}\s*[);]")


# "in Injury Prevention (2023)": a name with its year in brackets, as a citation
_YEAR_IN_BRACKETS_AFTER = re.compile(rf"[^\S\n]*\({YEAR}\)")
# a reference's year and volume after the name: "*Sleep Medicine* 2021;84:210-16"
_YEAR_AND_VOLUME_AFTER = re.compile(rf"[*_]{{0,2}}\.?[^\S\n]+{YEAR}[^\S\n]*;[^\S\n]*\d")
# "Scandinavian Journal of Gastroenterology", "Surgery for Obesity and ...": a listed name that
# ends a longer title
_OF_TITLE_BEFORE = re.compile(r"[A-Z][a-z]+[^\S\n]+(?:of|and|&|for|in)[^\S\n]+$")


def _inside_a_title(text: str, start: int) -> bool:
    """Whether the name at `start` goes on a longer title before it."""
    window = text[max(0, start - 40):start]
    return _OF_TITLE_BEFORE.search(window) is not None or _TITLE_WORD_BEFORE.search(window) is not None


def _bracketed_citation(text: str, start: int, end: int) -> bool:
    return text[start - 1:start] == "(" and _BRACKETED_YEAR_AFTER.match(text, end, end + 12) is not None


_YEAR_NEAR_BEFORE = re.compile(rf"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Ii]ts)\s+(?P<y>{YEAR})\s+(?:[\w-]+\s+){{0,3}}?$")
_YEAR_AFTER = re.compile(
    rf"^(?:\s*\(\s*(?P<a>{YEAR})\s*\)"
    rf"|,?\s+(?:(?:online|earlier|later|simultaneously|last|this)\s+)?in\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:{MONTHS})\.?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?P<b>{YEAR})\b"
    rf"|,?\s+(?:online\s+)?on\s+(?:\w+day,?\s+)?(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+(?:{MONTHS}))\.?,?\s+(?P<c>{YEAR})\b"
    rf"|,?\s+(?:{MONTHS})\.?\s+(?P<d>{YEAR})\b"
    rf"|,\s*(?P<e>{YEAR})\s*\))"  # "(Hypertension, 2023)"
)
_YEAR_IN_CUE = re.compile(rf"\b(?:in|from)\s+(?:(?:{MONTHS})\.?\s+)?(?P<y>{YEAR})\b(?!\s*(?:to|-|–|and)\s*{YEAR})")


def _may_hold_year(part: str) -> bool:
    """Whether `part` can hold a YEAR (1950-2049 has "19" or "20"): most cannot, and this
    spares the searches below."""
    return "19" in part or "20" in part


def _year_of(text: str, cue_start: int, name_start: int, name_end: int) -> int | None:
    before = text[max(0, cue_start - 40):name_start]
    m = _YEAR_NEAR_BEFORE.search(before) if _may_hold_year(before) else None
    if m and m.end() >= (name_start - max(0, cue_start - 40)) - 0:
        return int(m.group("y"))
    after = text[name_end:name_end + 60]
    m = _YEAR_AFTER.match(after) if _may_hold_year(after) else None
    if m:
        return int(next(g for g in m.groups() if g))
    cue = text[cue_start:name_start]
    m = _YEAR_IN_CUE.search(cue) if _may_hold_year(cue) else None
    if m:
        return int(m.group("y"))
    return None


_WEEK_AFTER = re.compile(r"\s+(?i:weeks?)\b")


def find_journal_mentions(text: str, names: list[re.Match] | None = None, scan: _TextScan | None = None) -> list[Mention]:
    """Journals and preprint servers named as the place a study appeared. `names`:
    `journal_name_matches(text)`, if known; `scan`: `_scan_text(text)`, if known."""
    if scan is not None:
        names = scan.names
    index = _journal_index()
    mentions = []
    cited: set[str] = set()  # longer names found after a cue
    for m in journal_name_matches(text) if names is None else names:
        spelling = _SPACES.sub(" ", m.group(0))
        journal = index.by_spelling.get(spelling) or journal_named(spelling)
        if journal is None:
            continue
        if spelling.startswith(_GENERIC_TITLE_STARTS) and _TITLE_WORD_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "European Journal of Pediatrics": a longer title, not "(The) Journal of Pediatrics"
        if _WEEK_AFTER.match(text, m.end()):
            continue  # "MMWR week 6": a week of the epidemiological calendar named after the journal
        strength, start, new_study = _cue_before(text, m.start())
        if not strength and _ORGANISATION_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "the European Society of Human Reproduction", "the Academy of Sleep Medicine"
        short_acronym = spelling.isupper() and len(spelling) <= 5 and journal.name not in _COMMON_ACRONYMS
        # "The Lancet Regional Health – Southeast Asia", "Nature Reviews Cardiology": a listed name
        # going on in title case is a longer journal (a cue is needed where the root is an ordinary
        # word or a short acronym: "Science Minister", "JCI Group")
        end = _extension_end(text, m.end(), index.capitalised, bool(strength)) if text[m.end():m.end() + 1] in _EXT_FIRST_SET else 0
        if end and _in_headline(text, m.start(), end):
            end = 0  # "New Study in Nature Reveals How Sleep Cleans the Brain"
        if end:
            written = _SPACES.sub(" ", text[m.start():end])
            written = written.replace(" - ", " – ")
            if journal.name.startswith("The ") and not written.startswith("The ") \
                    and _THE_BEFORE.search(text[max(0, m.start() - 5):m.start()]):
                written = "The " + written
            listed = journal_named(written)
            name = listed.name if listed else written
            if strength:
                # not "according to Diabetes Ireland"
                ok = not (journal.needs_context and _ACCORDING_TO.search(text, max(0, start - 1), m.start()))
            else:
                # without a cue, a name already cited ("The Lancet Regional Health – Southeast Asia
                # ... the Lancet Regional Health – Southeast Asia paper") or one with a dash
                joiners = text[m.end():end]
                ok = normalise_journal(name) in cited or not (journal.needs_context or short_acronym) and (
                    "–" in joiners or " - " in joiners)
            if ok:
                cited.add(normalise_journal(name))
                end = _close_emphasis(text, m.start(), end)
                year = _year_of(text, start, m.start(), end)
                mentions.append(Mention(start, end, "journal", journal=name, year=year, new_study=new_study))
                continue
        if journal.needs_context:
            if not (strength or _after_cue(text, m.end()) or _bracketed_citation(text, m.start(), m.end())
                    or _YEAR_IN_BRACKETS_AFTER.match(text, m.end(), m.end() + 12)
                    or (_YEAR_AND_VOLUME_AFTER.match(text, m.end(), m.end() + 14)
                        and not _inside_a_title(text, m.start()))):
                continue
            if not _follower_ok(text, m.end(), strength or "strong"):
                continue
        elif short_acronym and not strength:
            # Short acronyms (JCO, JCI, MJA) without a cue: not when they start a longer name ("JCI Group").
            if _NEXT_TITLE_WORD.match(text[m.end():m.end() + 3]):
                continue
        end = _close_emphasis(text, m.start(), m.end())
        year = _year_of(text, start, m.start(), end)
        mentions.append(Mention(start, end, "journal", journal=journal.name, year=year, new_study=new_study))
    if scan is None:
        return mentions + find_unlisted_journals(text, mentions)
    return mentions + find_unlisted_journals(text, mentions, scan.journal_words, scan.keywords)


# A listed name opening with a generic word ("Journal of Pediatrics", "Annals of Surgery") after a
# title-case word that is no function word is the end of a longer title ("European Journal of
# Pediatrics", "Scandinavian Journal of Surgery").
_GENERIC_TITLE_STARTS = ("Journal of", "Annals of", "Archives of", "Proceedings of", "Bulletin of")
_TITLE_WORD_BEFORE = re.compile(
    r"(?<![\w.])(?!(?:In|The|A|An|By|From|At|Of|On|For|And|Or|See|Via|Per|To|With|Published|According)\b)"
    r"[A-Z][a-z]+(?:[-\s][A-Z][a-z]+)*\s$"
)


# A name that goes on an organisation's name: a society, academy, college ... "of" or "for" it.
_ORGANISATION_BEFORE = re.compile(
    r"\b(?:Society|Association|Academy|College|Institute|Institutes|Centre|Center|Department|School|Faculty|"
    r"Federation|Foundation|Council|Board|Division|Unit|Service|Clinic|Chair|Professor)\s+(?:of|for)\s+(?:the\s+)?$"
)


_DATE_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
_DATE_NAMES_LIST = _DATE_NAMES.split("|")
_COMMON_ACRONYMS = {"JAMA", "The BMJ", "The New England Journal of Medicine"}

# One more word of a journal name after a listed one: a joiner (space, " – ", " - ", "–", ": ")
# and a title-case word, maybe after "&" or "and" ("Cell Death & Disease").
_EXT_FIRST_SET = frozenset(" \t–-:")
_EXT_STEP = re.compile(r"(?P<join>[ \t]+[–-][ \t]+|[ \t]*–[ \t]*|:[ \t]+|[ \t]+)(?P<link>(?:&|and)[ \t]+)?(?P<word>[A-Z][\w'’&-]*)")
# Title-case words that do not go on with a journal's name: sentence starters after a colon or
# dash, people, the publisher's units and people ("the BMJ Editor", "The Lancet Commission",
# "JAMA Network"), news outlets ("Science Daily") and dates ("JAMA Monday").
_EXT_STOP = frozenset([
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "For", "But", "And",
    "Or", "As", "By", "From", "With", "To", "Of", "If", "When", "While", "After", "Before", "Since",
    "Although", "Researchers", "Scientists", "Authors", "Doctors", "Experts", "They", "We", "He", "She",
    "I", "You", "Our", "Their", "His", "Her", "Dr", "Prof", "Professor", "Mr", "Mrs", "Ms", "Editor",
    "Editors", "Editorial", "Editor-in-Chief", "Group", "Press", "Publishing", "Publishers", "Portfolio",
    "Network", "Commission", "Commissions", "Countdown", "Series", "Study", "Studies", "Trial", "Trials",
    "Report", "Paper", "Podcast", "Blog", "News", "Daily", "Today", "Magazine", "Minister", "Ministry",
    "Secretary", "Museum", "Foundation", "Institute", "Prize", "Award", "Awards", "Conference", "Summit",
    "Website", "Online", "Society", "Association", "Trust", "Alliance", "Coalition", "Council", "Centre",
    "Center", "University", "College", "Hospital", "School", "Clinic", "Agency", "Charity", "Campaign",
    "Programme", "Program", "Project", "Unit", "Department", "Laboratory", "Awareness", "Week", "Day",
    "Month", "Journal", "Journals",
    *MONTHS.split("|"), *_DATE_NAMES_LIST,
    *(w.capitalize() for w in (FOLLOWERS | AUXILIARIES) - {"reports"}),  # not "BMJ Case Reports"
    "Reveal", "Reveals", "Link", "Warn", "Warns", "Confirm", "Confirms", "Offer", "Offers", "Could", "May",
    "Might", "Can", "Would", "Should", "Suggest", "Raise", "Raises", "Cut", "Cuts", "Boost", "Boosts",
    "Lower", "Lowers",
])
# A country alone after an ordinary-word name makes a charity, not a journal: "Diabetes Ireland".
_EXT_COUNTRIES = frozenset([
    "UK", "US", "USA", "Ireland", "Australia", "Canada", "England", "Scotland", "Wales", "Britain", "India",
    "Africa", "Zealand", "NZ",
])
# A lower-case word after the longer name that shows it was a modifier: "the BMJ Christmas issue".
_EXT_NOT_AFTER = re.compile(
    r"[ \t]+(?:issue|issues|edition|editions|supplement|special|editorial|editors?|podcast|blog|website|site|group|network|family|series"
    r"|of)\b"
)
_POSSESSIVE = re.compile(r"['’]s$")
_ACCORDING_TO = re.compile(r"[Aa]ccording\s+to\s")
# A name with a colon goes on in a sentence: "published in X: Translational Research, the ..."
_AFTER_COLON_NAME = re.compile(r"[,.;)]|[ \t]+[a-z(]")


def _extension_end(text: str, end: int, capitalised: re.Pattern, colon_ok: bool) -> int:
    """Where a listed journal's name goes on in title case ("The Lancet" + " Regional Health – Southeast Asia"), else 0.
    `capitalised`: the pattern of the listed names starting with a capital."""
    pos = words = 0
    colon = False
    last = ""
    while words < 7:
        m = _EXT_STEP.match(text, end if not pos else pos)
        if not m:
            break
        word = m.group("word")
        if _POSSESSIVE.sub("", word) in _EXT_STOP:
            break
        # "Nature and Science", "Nature & Cell Biology": two journals, not one name
        if m.group("link") and capitalised.match(text, m.start("word")):
            break
        if ":" in m.group("join"):
            if words or not colon_ok:
                break  # one colon, right after the listed name, and only after a cue
            colon = True
        pos = m.end()
        words += 1
        last = word
        if word.endswith(("'s", "’s")):
            pos -= 2
            break
    if not words or _EXT_NOT_AFTER.match(text, pos) or words == 1 and last in _EXT_COUNTRIES:
        return 0
    if colon and not _AFTER_COLON_NAME.match(text, pos):
        return 0  # "Published in JAMA: Obesity Rates Climb" is a headline, not a title
    return pos


_LONG_WORD = re.compile(r"[A-Za-z][\w'’-]{3,}")


def _in_headline(text: str, start: int, end: int) -> bool:
    """Whether the line around text[start:end] is a title-case headline (its long words mostly capitalised)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if hi - lo > 200:
        return False
    long_words = _LONG_WORD.findall(text[lo:start] + " " + text[end:hi])
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)



_LINK_WORD = r"(?:of|and|for|the|&)"
# (the lookaheads for a capital, implied by what follows, spare `re` the costlier tests at
# every other character)
_TITLE_WORD = rf"(?=[A-Z])(?!(?:{_DATE_NAMES})\b)[A-Z][\w'’&\-]*"
UNLISTED_JOURNAL_RE = re.compile(
    rf"(?=[A-Z])(?<![\w-])(?:{_TITLE_WORD}\s+(?:{_LINK_WORD}\s+)*){{0,5}}?(?:Journal|Annals|Archives|Proceedings|Bulletin|Acta)\b"
    rf"(?:\s+(?:{_LINK_WORD}\s+)*{_TITLE_WORD}"
    # a list of fields inside the name: "Journal of Plastic, Reconstructive & Aesthetic Surgery"
    rf"|,\s+{_TITLE_WORD}(?=(?:,\s+{_TITLE_WORD})*\s+(?:&|and)\s+[A-Z])){{0,6}}"
)


# A match of UNLISTED_JOURNAL_RE holds one of these words (a cheap test before the search);
# "Journal" first (it is found with "journal", for AFTER_JOURNAL_RE).
_UNLISTED_KEYWORDS = ("Journal", "Annals", "Archives", "Proceedings", "Bulletin", "Acta")
# the others than "Journal", one search per first letter ("A(?:rchives|nnals|cta)")
_OTHER_UNLISTED_KEYWORDS = first_letter_patterns(_UNLISTED_KEYWORDS[1:])
assert _spans_exact(_UNLISTED_KEYWORDS[1:])
_JOURNAL_WORDS = ("Journal", "journal")


# "the journal Nutrition, Metabolism and Cardiovascular Diseases": a title-case name after "journal"
AFTER_JOURNAL_RE = re.compile(
    rf"\b[Jj]ournal\s+(?P<name>{_TITLE_WORD}(?:(?:,\s+|\s+(?:(?:of|and|for|the|&|in|da|de|do|dos|das|des|di|del|della|der|für|y|et)\s+)*){_TITLE_WORD}){{0,8}})"
)


def _trim_name(name: str) -> str:
    """Cut a name at a comma unless the commas make a list of title words ("A, B and C")."""
    if "," in name and not re.search(rf",\s+{_TITLE_WORD}(?:\s+{_TITLE_WORD})*\s+(?:and|&)\s+{_TITLE_WORD}", name):
        name = name.split(",", 1)[0]
    return name


# A Markdown emphasis: "*Molecular Therapy*", "**Blood Advances**", "_Haematologica_".
EMPHASIS_RE = re.compile(r"(?P<d>\*\*?|_)(?P<name>[A-Za-z][^*_\n]{0,100}?)(?P=d)(?![\w*])")
_EMPHASIS_LINKS = frozenset(["of", "and", "for", "the", "in", "on", "&", "–", "-", ":", "et", "de"])
# Words of news outlets, magazines and websites, which are set in italics too ("reported in *The
# Guardian*"), and of book titles ("described in *Why We Sleep*").
_OUTLET_WORDS = frozenset([
    "Times", "Post", "Guardian", "Telegraph", "Independent", "Herald", "Tribune", "Globe", "Mail",
    "Express", "Mirror", "Observer", "Economist", "Atlantic", "Yorker", "Wired", "Forbes", "Time",
    "Newsweek", "Reuters", "Bloomberg", "Chronicle", "Gazette", "Inquirer", "Daily", "News", "Magazine",
    "Today", "Digest", "Scientist", "Conversation", "Insider", "Blog", "Podcast", "Radio", "Sun",
    "Standard", "Politico", "Axios", "Vox", "Slate", "Healthline", "WebMD", "Medscape", "ScienceAlert",
    "STAT", "Vogue", "Cosmopolitan", "Salon", "Verge", "BBC", "CNN", "NPR", "I", "We", "You", "My", "Your",
    "Our", "How", "Why", "What", "When", "Who", "Is", "Are", "Can", "Do", "Not",
])


def _emphasised_title(name: str) -> bool:
    """Whether an emphasised span reads as a journal's title: title case, no sentence, no outlet."""
    words = name.split()
    if not words or len(words) > 12 or any(ch in name for ch in ".?!\"“”()0123456789"):
        return False
    if len(words) == 1 and name.isupper():
        return False  # a gene or an acronym: "reported in *BRCA1* carriers", "*APOE*"
    for word in words:
        word = word.rstrip(",:")
        if word in _OUTLET_WORDS:
            return False
        if word.lower() not in _EMPHASIS_LINKS and not any(ch.isupper() for ch in word):
            return False
    return words[-1].lower() not in _EMPHASIS_LINKS


_LEADING_THE = re.compile(r"^(?:The|the) ")


# A line's label naming what follows as the source: "**Source:** *European Journal of ...*"
_SOURCE_LABEL = re.compile(
    r"(?im:^[ \t>*_\-]*(?:source|sources|reference|references|citation|study|paper)[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(?:\*|_)?[ \t]*(?:[Tt]he\s+)?$)"
)
# A reference list's entry after the journal: "Scand J Gastroenterol. 2022;57(9):1104-10"
_REFERENCE_AFTER = re.compile(r"(?:\*|_)?\.?\s*(?:\*|_)?\s*(?:19|20)\d\d\s*;\s*\d+")


def find_unlisted_journals(
    text: str, listed: Sequence[Mention],
    journal_words: list[tuple[int, int]] | None = None, keywords: list[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Journals not on the list, named after a citation cue.

    Either the name holds Journal, Annals, Archives, Proceedings, Bulletin or Acta ("published
    in the Irish Journal of Medical Science"), or it follows the word journal ("in the journal
    Nutrition, Metabolism and Cardiovascular Diseases"), or it is a Markdown emphasis after a
    strong cue ("published in *Molecular Therapy*"); in title case, and newspapers ("the Wall
    Street Journal", "*The Guardian*") are not journals.

    `journal_words`, `keywords`: (start, end) of each "Journal" or "journal" and of each of the
    other key words in `text`, in order, if known (`_scan_text`).
    """
    found: list[tuple[int, int, bool]] = []
    # both patterns would try a match at every capital: they are tried around their key words
    # (found by the name scan; else here: "Journal" and "journal" by one search for "ournal")
    if journal_words is None or keywords is None:
        journal_words = [(at - 1, end) for at, end in find_all(text, ("ournal",)) if at and text[at - 1] in "Jj"]
        keywords = literal_spans(text, _OTHER_UNLISTED_KEYWORDS)
    keywords = sorted([span for span in journal_words if text[span[0]] == "J"] + keywords)
    for m in search_near(UNLISTED_JOURNAL_RE, text, keywords, before=160, after=200):
        found.append((m.start(), m.end(), False))
    for m in matches_at(AFTER_JOURNAL_RE, text, (start for start, _ in journal_words)):
        name = _trim_name(m.group("name"))
        found.append((m.start("name"), m.start("name") + len(name), False))
    for m in EMPHASIS_RE.finditer(text) if "*" in text or "_" in text else ():
        if not (m.start() and text[m.start() - 1].isalnum()) and _emphasised_title(m.group("name")):
            found.append((m.start("name"), m.end("name"), True))
    mentions: list[Mention] = []
    for begin, end, emphasised in sorted(found, key=lambda se: (se[0], -se[1])):
        if any(j.start <= begin < j.end or begin <= j.start < j.end and j.start < end for j in [*listed, *mentions]):
            continue
        name = _LEADING_THE.sub("", _SPACES.sub(" ", text[begin:end]))
        after_journal_word = text[max(0, begin - 9):begin].lower().strip(" \t*_").endswith("journal")
        if name.casefold() in not_journals() or (len(name.split()) < 2 and not after_journal_word and not emphasised):
            continue
        strength, start, new_study = _cue_before(text, begin)
        if not strength and (_SOURCE_LABEL.search(text, max(0, begin - 40), begin) or _REFERENCE_AFTER.match(text, end)):
            strength, start, new_study = "strong", begin, False  # "Source: *X*", "X. 2022;57(9):1104-10"
        if not strength or emphasised and strength != "strong":
            continue
        end = _close_emphasis(text, begin, end)
        year = _year_of(text, start, begin, end)
        mentions.append(Mention(start, end, "journal", journal=name, year=year, new_study=new_study))
    return mentions


# --- dated studies without a journal --------------------------------------------------------

_LEAD_WORDS = (
    r"(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Aa]nother|[Ss]imilar|[Ee]arlier|[Pp]revious|[Oo]ther|[Rr]elated"
    r"|[Ss]eparate|[Nn]ew|[Rr]ecent|[Ss]ome|[Oo]ne|[Ii]ts|[Tt]heir)"
)
# "conducted in 2020", "published in March 2019": how the second of DATED_STUDY_RES ends.
_DONE_IN_YEAR = (
    r"(?:conducted|published|carried\s+out|done|performed|released|presented|run|undertaken|completed|posted)\s+"
    rf"(?:in|during)\s+(?:(?:{MONTHS})\.?\s+)?(?P<y>{YEAR})\b(?!\s*(?:to|-|–|and)\s*\d)"
)
# (the lookaheads for the first letter let `re` skip to those letters instead of trying the
# leading \b at every character of the window)
DATED_STUDY_RES = (
    # "A 2021 meta-analysis", "a 2019 Danish cohort study", "the 2020 trial"
    re.compile(rf"(?=[AaTtOo])\b(?P<det>[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Aa]nother|[Oo]ne)\s+(?P<y>{YEAR})\s+(?:[\w-]+\s+){{0,3}}?(?i:{_STUDY_NOUN})\b(?!-)"),
    # "Similar research was conducted in 2020", "a study published in 2019"
    re.compile(
        rf"\b(?P<det>(?:{_LEAD_WORDS}\s+){{1,2}})?(?:[\w-]+\s+)?(?i:{_STUDY_NOUN})\s+(?:(?:was|were|had\s+been|has\s+been|that\s+was|which\s+was)\s+)?"
        + _DONE_IN_YEAR
    ),
    # "In 2020, a study of nurses found"
    re.compile(rf"(?=[Ii])\b[Ii]n\s+(?P<y>{YEAR}),?\s+(?P<det>an?|one|another)\s+(?:[\w-]+\s+){{0,2}}?(?i:{_STUDY_NOUN})\b(?!-)"),
    # "a study from 2019"
    re.compile(rf"(?=[AaOo])\b(?P<det>[Aa]n?|[Aa]nother|[Oo]ne)\s+(?:[\w-]+\s+)?(?i:{_STUDY_NOUN})\s+from\s+(?P<y>{YEAR})\b(?!\s*(?:to|-|–|and)\s*\d)"),
)


# A year as a word (YEAR), 1950-1999 and 2000-2049: two patterns, each starting with a literal
# ("19", "20") that `re` finds fast; the lookbehind after it (looking back over it) is a leading \b.
_YEAR_WORDS = (re.compile(r"19(?<!\w..)[5-9]\d\b"), re.compile(r"20(?<!\w..)[0-4]\d\b"))


def _year_words(text: str) -> list[re.Match]:
    """The years (YEAR) written as words in `text`, in order."""
    years = [m for pattern in _YEAR_WORDS for m in pattern.finditer(text)]
    return sorted(years, key=lambda m: m.start())
# A part that every match of each of DATED_STUDY_RES holds, searched first in a window (a
# cheap search that starts with a literal) before the pattern, which would be tried at every
# character; None where the pattern is cheap anyway. ("In 2020, a study": the year's last
# digit and the determiner after it, which most windows of an "in 2020" lack.)
_DATED_STUDY_CORES = (None, re.compile(_DONE_IN_YEAR), re.compile(r"\d,?\s+(?:an?|one|another)\s"), None)
_LAST_LETTERS = re.compile(r"([A-Za-z]+)\.?$")
# The word right before the year in each of DATED_STUDY_RES: "A 2021 meta-analysis",
# "published in (March) 2019", "In 2020, a study", "a study from 2019".
_WORD_BEFORE_YEAR = (
    frozenset({"a", "an", "the", "this", "that", "another", "one"}),
    frozenset({"in", "during"}) | {m.lower() for m in MONTHS.split("|")},
    frozenset({"in"}),
    frozenset({"from"}),
)


def find_dated_studies(text: str) -> list[Mention]:
    """Studies identified by their year: "a 2021 meta-analysis", "research conducted in 2020"."""
    mentions = []
    taken: list[tuple[int, int]] = []
    # Only the text around a year can hold one: search windows, not the whole article; and
    # each pattern only around the years its word stands before ("a 2021", "in 2020").
    windows: list[list[tuple[int, int]]] = [[] for _ in DATED_STUDY_RES]
    for y in _year_words(text):
        lo = max(0, y.start() - 120)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        before = text[max(0, y.start() - 16):y.start()].split()
        last = _LAST_LETTERS.search(before[-1]) if before and text[y.start() - 1].isspace() else None
        word = last.group(1).lower() if last else ""
        for i, words in enumerate(_WORD_BEFORE_YEAR):
            if word in words:
                windows[i].append((lo, min(len(text), y.end() + 60)))
    for pattern, core, pattern_windows in zip(DATED_STUDY_RES, _DATED_STUDY_CORES, windows):
        for lo, hi in pattern_windows:
            if core and not core.search(text, lo, hi):
                continue
            for m in pattern.finditer(text, lo, hi):
                start, end = m.start(), m.end()
                if any(start < e and s < end for s, e in taken):
                    continue
                det = (m.group("det") or "").strip().lower()
                words = set(text[start:end].lower().split())
                taken.append((start, end))
                mentions.append(Mention(
                    start, end, "study", year=int(m.group("y")),
                    new_study=bool(words & NEW_STUDY_WORDS) or det.startswith(("a", "one")),
                ))
    return sorted(mentions, key=lambda x: x.start)


# --- databases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Database:
    name: str
    pattern: re.Pattern  # the entry's patterns as one
    anchors: tuple[str, ...]  # literal strings, one of which every match holds; () if not given
    pattern_texts: tuple[str, ...]  # the entry's patterns
    anchor_patterns: tuple[re.Pattern, ...]  # the anchors, searched for (`first_letter_patterns`)


@dataclass(frozen=True)
class _DatabaseList:
    entries: tuple[_Database, ...]
    # where the patterns of the entries without anchors match: a branch per first letter that
    # matches that letter where one of them does (`_database_branches`); where it finds
    # nothing, none of those entries can match
    unanchored: re.Pattern
    # the patterns of the entries without anchors, by the letter they start with
    by_letter: dict[str, tuple[str, ...]]


def _database_branches(by_letter: dict[str, tuple[str, ...]], group: bool) -> list[str]:
    """One branch per letter: the letter, an empty group (if `group`) and a look back over
    it at the patterns starting with it ("V()(?<=(?=VAERS|Vaccine ...)V)"). Each branch starts
    with a literal, so `re` tries them only at those letters, not at every character."""
    return [
        rf"{re.escape(letter)}{'()' if group else ''}(?<=(?={'|'.join(f'(?:{p})' for p in patterns)}){re.escape(letter)})"
        for letter, patterns in sorted(by_letter.items())
    ]


@lru_cache(maxsize=1)
def _databases() -> _DatabaseList:
    raw = json.loads(resources.files("claimcheck.data").joinpath("databases.json").read_text("utf-8"))
    if set(raw) - {"about", "databases"}:
        raise ValueError("databases.json: expected {'about', 'databases': [...]}")
    entries = []
    for entry in raw["databases"]:
        if set(entry) - {"name", "patterns", "anchors"} or "name" not in entry or not entry.get("patterns") \
                or not all(isinstance(a, str) and a for a in entry.get("anchors", ())):
            raise ValueError(f"databases.json: bad entry {entry!r}")
        pattern = re.compile("|".join(f"(?:{p})" for p in entry["patterns"]))
        anchors = tuple(entry.get("anchors", ()))
        entries.append(_Database(entry["name"], pattern, anchors, tuple(entry["patterns"]), first_letter_patterns(anchors)))
    by_letter: dict[str, list[str]] = {}
    for e in entries:
        for text in e.pattern_texts if not e.anchors else ():
            by_letter.setdefault(_first_letter(text), []).append(text)
    letters = {letter: tuple(patterns) for letter, patterns in by_letter.items()}
    unanchored = "|".join(_database_branches(letters, group=False)) or "(?!)"
    return _DatabaseList(tuple(entries), re.compile(unanchored), letters)


_STUDY_CUE = re.compile(
    r"\b(?:study|studies|analy[sz]\w*|meta-analysis|research\w*|examin\w*|investigat\w*|data|records|reports|"
    r"found|review\w*|trial|cohort|scientists)\b", re.I,
)


def _first_letter(pattern: str) -> str:
    """The letter every match of a database pattern without anchors starts with: its first, not
    made optional by a quantifier, in a pattern without "|" outside brackets ("(?:A|B) x", not
    "A x|B x"); a ValueError for any other (such an entry needs anchors)."""
    depth = 0
    escaped = in_class = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            break
    else:
        if pattern[:1].isalpha() and pattern[1:2] not in ("?", "*", "+", "{"):
            return pattern[0]
    raise ValueError(f"databases.json: {pattern!r} does not start with a letter that starts every match; give its entry anchors")


def find_database_mentions(text: str, sentences: Sequence[tuple[int, int]], unanchored_possible: bool | None = None) -> list[Mention]:
    """Databases a study analysed ("a US Food and Drug Administration database"), in study sentences.
    `unanchored_possible`: whether an entry without anchors may match (`_scan_names`), if known."""
    mentions = []
    databases = _databases()
    # one search for all the entries without anchors (most texts name none of them)
    if unanchored_possible is None:
        unanchored_possible = databases.unanchored.search(text) is not None
    for database in databases.entries:
        if database.anchors:
            # a pattern that `re` cannot skip through (no literal start) is searched only in a
            # text holding one of its anchors (a cheap search: "FDA", "FAERS" and "Food" are one)
            if not holds_any(text, database.anchor_patterns):
                continue
        elif not unanchored_possible:
            continue
        for m in database.pattern.finditer(text):
            s, e = sentences[span_index(sentences, m.start())] if sentences else (0, len(text))
            if _STUDY_CUE.search(text[s:m.start()] + " " + text[m.end():e]):
                mentions.append(Mention(m.start(), m.end(), "database"))
    return sorted(mentions, key=lambda x: x.start)


# --- DOIs and links --------------------------------------------------------------------------

DOI_RE = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
URL_RE = re.compile(r"\bhttps?://[^\s<>\"]+|\b(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pmc|pmc\.ncbi\.nlm\.nih\.gov|europepmc\.org|doi\.org)/[^\s<>\"]+")

# What the first slash of a match of URL_RE comes after: "http:" or "https:" ("https://"), or
# the end of a host of URL_RE ("pubmed.ncbi.nlm.nih.gov/", "doi.org/").
_BEFORE_URL_SLASH = ("http:", "https:", "nih.gov", ".org")


def _may_hold_url(text: str) -> bool:
    """Whether a slash of `text` comes where one of URL_RE can (`_BEFORE_URL_SLASH`): the few
    slashes are found with `str.find` (a test ~5x cheaper than searching for each of those)."""
    at = text.find("/")
    while at >= 0:
        if text.endswith(_BEFORE_URL_SLASH, 0, at):
            return True
        at = text.find("/", at + 1)
    return False


def clean_doi(raw: str) -> str:
    """A DOI as matched in prose, without the sentence punctuation glued to it."""
    doi = raw
    while doi:
        last = doi[-1]
        if last in ".,;:'\"”’]>" or (last == ")" and doi.count("(") < doi.count(")")):
            doi = doi[:-1]
            continue
        break
    return doi


def find_identifier_mentions(text: str) -> list[Mention]:
    """DOIs and study URLs (PubMed, PMC, Europe PMC, publisher pages) written in the text."""
    if "/" not in text:  # every match of URL_RE and DOI_RE holds one (a test ~15x cheaper than a word's)
        return []
    mentions = []
    url_spans = []
    # a match of URL_RE has a slash after one of _BEFORE_URL_SLASH, one of DOI_RE holds "10.";
    # most articles have neither, and a cheap test spares a search of the whole text
    urls = URL_RE.finditer(text) if _may_hold_url(text) else ()
    for m in urls:
        url = clean_doi(m.group(0))
        ids = identifiers_in_url(url if "://" in url else "https://" + url)
        journal = journal_for_url(url) or journal_for_doi(ids.get("doi"))
        if not ids and not (journal and re.search(r"\d{4,}", url)):
            continue
        url_spans.append((m.start(), m.start() + len(url)))
        mentions.append(Mention(m.start(), m.start() + len(url), "url", journal=journal, doi=ids.get("doi"), url=url))
    for m in DOI_RE.finditer(text) if "10." in text else ():
        if any(s <= m.start() < e for s, e in url_spans):
            continue
        doi = clean_doi(m.group(0))
        mentions.append(Mention(m.start(), m.start() + len(doi), "doi", journal=journal_for_doi(doi), doi=doi))
    return sorted(mentions, key=lambda x: x.start)


def link_mentions(text: str, links: Iterable[Link]) -> list[Mention]:
    """The article's hyperlinks that point at a study (DOI, PubMed, PMC, a journal's article page)."""
    mentions = []
    for link in links:
        if link.start is None or link.end is None or text[link.start:link.end] != link.text or link.start == link.end:
            continue
        ids = identifiers_in_url(link.href)
        journal = journal_for_url(link.href) or journal_for_doi(ids.get("doi"))
        if not ids and not (journal and re.search(r"\d{4,}", link.href)):
            continue
        mentions.append(Mention(link.start, link.end, "url", journal=journal, doi=ids.get("doi"), url=link.href))
    return mentions


# --- grouping mentions into sources -----------------------------------------------------------


def group_mentions(text: str, mentions: list[Mention], sentences: Sentences | None = None) -> list[SourceGroup]:
    """One group per cited study (rules in the module docstring)."""
    sentences = sentences or sentence_spans(text)
    groups: list[SourceGroup] = []
    where: list[tuple[Mention, SourceGroup, int]] = []  # each mention, its group, its sentence
    citing = [m for m in mentions if m.kind in ("journal", "study", "database")]
    pointers = [m for m in mentions if m.kind in ("doi", "url")]

    for m in sorted(citing, key=lambda x: x.start):
        target = None
        s_idx = span_index(sentences, m.start)
        # 1. an agreeing mention in the same sentence (overlapping or nearby): the same study
        near = [g for prev, g, prev_s in where if prev_s == s_idx and g.agrees(m)
                and not (m.kind == "journal" and prev.kind == "journal" and prev.journal != m.journal)]
        if near and not (m.kind == "journal" and m.new_study and all(g.journal for g in near)):
            target = near[-1]
        # 2. the same journal named again: the same study, unless the year or the wording differs
        if target is None and m.kind == "journal" and not m.new_study:
            same = [g for g in groups if g.journal == m.journal and g.agrees(m)]
            if same:
                target = same[-1]
        # 3. a dated study: the same year already cited is the same study
        if target is None and m.kind == "study":
            same = [g for g in groups if g.year == m.year]
            if same:
                target = same[-1]
        if target is None:
            target = SourceGroup()
            groups.append(target)
        target.mentions.append(m)
        where.append((m, target, s_idx))

    paragraphs = paragraph_spans(text) if pointers else ()  # (only the pointers need them)
    for m in sorted(pointers, key=lambda x: x.start):
        same_doi = [g for g in groups if m.doi and g.doi and g.doi.lower() == m.doi.lower()]
        if same_doi:
            same_doi[0].mentions.append(m)
            continue
        target = None
        # a DOI or link in the sentence of a citation (or the next, "... in The Lancet. DOI: ...")
        s_idx = span_index(sentences, m.start)
        p_idx = span_index(paragraphs, m.start)
        candidates = [
            (prev, g) for prev, g, prev_s in where
            if span_index(paragraphs, prev.start) == p_idx and s_idx - 1 <= prev_s <= s_idx
            and g.doi is None and g.agrees(Mention(m.start, m.end, m.kind, journal=m.journal))
        ]
        if candidates:
            target = min(candidates, key=lambda pg: abs(pg[0].start - m.start))[1]
        elif m.journal:
            same = [g for g in groups if g.journal == m.journal and g.doi is None]
            if len(same) == 1:
                target = same[0]
        if target is None:
            target = SourceGroup()
            groups.append(target)
        target.mentions.append(m)
        where.append((m, target, s_idx))
    return sorted(groups, key=lambda g: g.first)


def find_mentions(text: str, links: Iterable[Link] = (), sentences: Sentences | None = None) -> list[Mention]:
    """Every mention of a cited study in `text` (and its links), in reading order."""
    sentences = sentences or sentence_spans(text)
    scan = _scan_text(text)
    journal_mentions = find_journal_mentions(text, scan=scan)
    studies = find_dated_studies(text)
    # a dated study overlapping a journal mention ("A 2023 Cochrane review") lends it its year
    kept_studies = []
    for s in studies:
        overlapping = [j for j in journal_mentions if j.start < s.end and s.start < j.end + 1]
        if overlapping:
            for j in overlapping:
                j.year = j.year or s.year
                j.start = min(j.start, s.start)
            continue
        kept_studies.append(s)
    mentions = journal_mentions + kept_studies + find_database_mentions(text, sentences, scan.database)
    mentions += find_identifier_mentions(text) + link_mentions(text, links)
    return sorted(mentions, key=lambda m: m.start)


def detect_groups(text: str, links: Iterable[Link] = (), sentences: Sentences | None = None) -> list[SourceGroup]:
    """The cited studies of `text`, each with all its mentions (ids follow this order).
    `sentences`: the text's sentences as (start, end), if known (a Doc's); else found here."""
    return group_mentions(text, find_mentions(text, links, sentences), sentences)


def sources_from_groups(text: str, groups: list[SourceGroup]) -> list[Source]:
    sources = []
    for i, group in enumerate(groups, 1):
        lead = group.lead()
        sources.append(Source(
            id=f"s{i}", mention=text[lead.start:lead.end], start=lead.start, end=lead.end,
            journal=group.journal, year=group.year, doi=group.doi, url=group.url,
        ))
    return sources


_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_META_DOI = re.compile(r"10\.\d{4,9}/\S+")


def apply_meta(sources: list[Source], meta: dict[str, str]) -> None:
    """The page's own citation tags (`citation_doi`, `dc.identifier`) complete the main source."""
    doi = meta.get("citation_doi") or meta.get("dc.identifier") or meta.get("prism.doi") or ""
    if not doi or not sources:  # most pages
        return
    doi = _DOI_PREFIX.sub("", doi.strip())
    if not _META_DOI.match(doi):
        return
    if any(s.doi and s.doi.lower() == doi.lower() for s in sources):
        return
    journal = journal_for_doi(doi) or journal_named(meta.get("citation_journal_title"))
    for source in sources:
        if source.doi is None and (journal is None or source.journal in (None, getattr(journal, "name", journal))):
            source.doi = doi
            return


# --- linking claims ---------------------------------------------------------------------------


def paragraph_owners(text: str, groups: list[SourceGroup]) -> tuple[list[tuple[int, int]], list[int | None]]:
    """Each paragraph's study: the group mentioned last up to the paragraph's end, or carried over.

    Returns (paragraph spans, group index per paragraph). Paragraphs before the first mention
    belong to the first group (a story's lead is about the study it goes on to cite).
    """
    paragraphs = paragraph_spans(text)
    events = sorted((m.start, gi) for gi, g in enumerate(groups) for m in g.mentions if m.kind != "database")
    # the group named first and last in each paragraph that names one
    first_in: dict[int, int] = {}
    last_in: dict[int, int] = {}
    for pos, gi in events if paragraphs else ():
        p = span_index(paragraphs, pos)
        if paragraphs[p][0] <= pos < paragraphs[p][1]:  # not in the line breaks between two
            first_in.setdefault(p, gi)
            last_in[p] = gi
    owners: list[int | None] = [None] * len(paragraphs)
    naming = sorted(first_in)
    for k, p in enumerate(naming):
        # the paragraph is about the study it names first; the next ones, up to the next
        # paragraph naming one, carry the last
        upto = naming[k + 1] if k + 1 < len(naming) else len(paragraphs)
        owners[p] = first_in[p]
        owners[p + 1:upto] = [last_in[p]] * (upto - p - 1)
    if naming:
        owners[:naming[0]] = [first_in[naming[0]]] * naming[0]
    return paragraphs, owners


def _naming_sentences(sentences: Sentences, named: list[tuple[int, int]]) -> list[tuple[float, float, list[tuple[int, int]]]]:
    """The sentences that name a study, as (lo, hi, mentions): an offset `x` is in the
    sentence (as `span_index` places it) iff lo <= x < hi, and `mentions` are its (offset,
    group) in order. `named`: every mention's (offset, group), in order."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for pos, gi in named:
        by_sentence.setdefault(span_index(sentences, pos), []).append((pos, gi))
    naming = []
    for k, here in by_sentence.items():
        # span_index places an offset in the last sentence starting at or before it (the
        # first sentence also takes any before it)
        lo = sentences[k][0] if k > 0 else -math.inf
        hi = sentences[k + 1][0] if k + 1 < len(sentences) else math.inf
        naming.append((lo, hi, here))
    return naming


class _ParagraphOwners:
    """`paragraph_owners` read by offset: the paragraph holding an offset and the study it is
    about, found from the line breaks around the offset (`str.rfind`) and the few paragraphs
    that name a study, without listing every paragraph of the text.

    `paragraph_start(x)` and `owner(start)` give what `paragraph_owners` and `span_index` give
    for an offset inside a paragraph; an offset on a line break or outside the text (which no
    claim has) is left to them (`paragraph_start` returns None)."""

    def __init__(self, text: str, groups: list[SourceGroup]) -> None:
        self.text = text
        self.first_in: dict[int, int] = {}  # paragraph start -> the group it names first
        self.last_in: dict[int, int] = {}  # ... and last
        for pos, gi in sorted((m.start, gi) for gi, g in enumerate(groups) for m in g.mentions if m.kind != "database"):
            start = self.paragraph_start(pos)
            if start is not None:  # (paragraph_owners skips the line breaks between paragraphs too)
                self.first_in.setdefault(start, gi)
                self.last_in[start] = gi
        self.naming = sorted(self.first_in)  # the starts of the paragraphs naming a study

    def paragraph_start(self, x: int) -> int | None:
        """The start of the paragraph (line) holding offset `x`; None on a line break or outside the text."""
        if not 0 <= x < len(self.text) or self.text[x] == "\n":
            return None
        return self.text.rfind("\n", 0, x) + 1

    def owner(self, start: int) -> int | None:
        """The group the paragraph starting at `start` is about (as `paragraph_owners`): the one it
        names first; else the last one named in the last paragraph before it naming one; the
        lead paragraphs before any, the first one named."""
        if start in self.first_in:
            return self.first_in[start]
        if not self.naming:
            return None
        k = bisect.bisect_left(self.naming, start)
        return self.last_in[self.naming[k - 1]] if k else self.first_in[self.naming[0]]


def link_claims(text: str, groups: list[SourceGroup], claims: list[Claim], sentences: Sentences | None = None) -> None:
    """Set `claim.source`: the source named in the claim's sentence, else its paragraph's study."""
    if not groups:
        return
    owners = _ParagraphOwners(text, groups)
    if len(groups) == 1 and owners.naming:
        # one study, named in a paragraph (most articles): every paragraph is about it (`owner`),
        # and so is every claim, in a sentence naming it or not
        for claim in claims:
            claim.source = "s1"
        return
    sentences = sentences or sentence_spans(text)
    listed: tuple[list[int], list[int | None]] | None = None  # paragraph_owners, if ever needed
    named = sorted((m.start, gi) for gi, g in enumerate(groups) for m in g.mentions)  # (offset, group)
    named_starts = [pos for pos, _ in named]
    naming = _naming_sentences(sentences, named)  # the few sentences that name a study
    ids = [f"s{gi + 1}" for gi in range(len(groups))]
    bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right  # (names looked up once)
    for claim in claims:
        start = claim.start
        here = None
        for lo, hi, mentions in naming:
            if lo <= start < hi:
                here = mentions
                break
        if here:
            # the last mention up to the claim, else the first after it (`here` is in order)
            k = bisect_right(here, (start, math.inf))
            claim.source = ids[here[k - 1][1] if k else here[0][1]]
            continue
        paragraph = owners.paragraph_start(start)
        if paragraph is not None:
            owner = owners.owner(paragraph)
        else:  # a claim on a line break: the paragraphs listed, as span_index places it
            if listed is None:
                spans, by_index = paragraph_owners(text, groups)
                listed = ([s for s, _ in spans], by_index)
            if not listed[0]:
                continue
            p_idx = max(0, bisect_right(listed[0], start) - 1)
            paragraph, owner = listed[0][p_idx], listed[1][p_idx]
        if owner is not None:
            # within a paragraph naming several studies, the last one named before the claim
            # (the last of the mentions from the paragraph's start to the claim)
            first = bisect_left(named_starts, paragraph)
            last = bisect_left(named_starts, start) - 1
            claim.source = ids[named[last][1] if last >= first else owner]


# --- researchers and context (used by the online resolver) ------------------------------------

_NAME = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
_PARTICLE = r"(?:(?:van|von|de|der|den|da|di|du|del|la|le)\s+)"
RESEARCHER_RES = (
    re.compile(rf"\b(?:Dr\.?|Doctor|Prof\.?|Professor|Associate\s+Professor|Assistant\s+Professor)\s+(?:{_NAME}\s+)?(?:[A-Z]\.\s+)?{_PARTICLE}?(?P<last>{_NAME})"),
    re.compile(rf"\b(?i:lead|senior|first|last|co-|corresponding|principal)\s*(?i:study\s+)?(?i:author|investigator|researcher)s?\s+(?:{_NAME}\s+)?(?:[A-Z]\.\s+)?{_PARTICLE}?(?P<last>{_NAME})"),
    re.compile(rf"\b(?:led\s+by|co-led\s+by|authored\s+by|written\s+by)\s+(?:Dr\.?\s+|Prof\.?\s+|Professor\s+)?(?:{_NAME}\s+)?(?:[A-Z]\.\s+)?{_PARTICLE}?(?P<last>{_NAME})"),
    re.compile(rf"\b(?:{_NAME}\s+)(?:[A-Z]\.\s+)?{_PARTICLE}?(?P<last>{_NAME}),\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?(?:author|researcher|professor|investigator|psychiatrist|epidemiologist|scientist)\b"),
)
_NOT_SURNAMES = {"The", "This", "That", "University", "Hospital", "School", "Institute", "Medical", "College", "Center", "Centre"}


def find_researchers(text: str) -> list[tuple[str, int]]:
    """(surname, offset) of researchers named in `text`: "Dr. Axel Wollmer", "lead author Jane Doe"."""
    found = []
    for pattern in RESEARCHER_RES:
        for m in pattern.finditer(text):
            last = m.group("last")
            if last not in _NOT_SURNAMES:
                found.append((last, m.start("last")))
    return sorted(set(found), key=lambda x: x[1])


@dataclass
class SourceContext:
    """What the article says about one source: its paragraphs' text and the researchers named there."""

    text: str
    researchers: list[str]


def source_contexts(text: str, sources: Sequence[Source], links: Iterable[Link] = ()) -> dict[str, SourceContext]:
    """For each source id: the paragraphs about it and the researchers named in them."""
    groups = detect_groups(text, links)
    paragraphs, owners = paragraph_owners(text, groups)
    contexts: dict[str, SourceContext] = {}
    for gi, _group in enumerate(groups):
        sid = f"s{gi + 1}"
        if not any(s.id == sid for s in sources):
            continue
        own = [paragraphs[i] for i, o in enumerate(owners) if o == gi]
        body = "\n".join(text[s:e] for s, e in own)
        names = list(dict.fromkeys(name for name, _ in find_researchers(body)))
        contexts[sid] = SourceContext(text=body, researchers=names)
    for source in sources:
        if source.id not in contexts:
            p = paragraph_spans(text)
            s, e = p[span_index(p, source.start)] if p else (0, len(text))
            contexts[source.id] = SourceContext(text=text[s:e], researchers=[n for n, _ in find_researchers(text[s:e])])
    return contexts


# --- entry point ------------------------------------------------------------------------------


def find_sources(doc, article: Article, claims: list[Claim]) -> list[Source]:
    """The sources `doc` cites, one per study; links each claim to its source (in place)."""
    if isinstance(doc, Doc):  # the Doc's sentences: the same as the claims' (and found already)
        text, sentences = original_text(doc), sentence_bounds(doc)
    else:
        text, sentences = str(doc), None
    groups = detect_groups(text, article.links, sentences)
    sources = sources_from_groups(text, groups)
    apply_meta(sources, article.meta)
    link_claims(text, groups, claims, sentences)
    return sources

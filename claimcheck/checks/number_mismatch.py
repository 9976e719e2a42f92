"""`number_mismatch`: the same quantity given two values, or parts larger than their whole.

Read from the claims in `doc.spans["claims"]` (and the words around them):

(a) a definite reference back to the study's sample with another number:
    `The trial enrolled 312 patients` ... `Of the 321 patients here`;
    `The study followed 386 residents` ... `the 368 seniors who took part`;
    and an outcome of one arm given twice: `97 patients in the combination group ... had died`
    ... `the 79 deaths in the combination arm`;
(b) parts that add up to more than their whole: `1,840 participants ..., 1,012 women and 903
    men`; `Of these, 156 were assigned to the drug and 166 to placebo` (312 enrolled); events
    placed in different places: `1,874 ... were diagnosed` ... `Of the cancers diagnosed, 1,102
    were in the colon and 851 in the rectum`;
(c) a group of the study larger than the study: `1,840 participants` ... `Among the 1,960
    participants who had their hearing retested`; `The remaining 1,300` (612 + 1,300 != 1,840);
(d) a count and the percentage given for it that disagree: `96 of the 640 residents, or 25%`
    (96/640 is 15%), `Of the 640, 96 (25%)`, `25% (96 of 640)`; rates (`one in three, or 33%`)
    and approximate counts are allowed their rounding;
(e) a count or sample given again with its digits in another order (four digits or more, the
    same noun): `performed 38,460 operations` ... `carried out 36,840 operations`; or a sample
    referred back to with two neighbouring digits swapped, whatever its noun: `1,842 young
    people` ... `the 1,824 children in these trials`.

Different groups legitimately have different numbers (arms, subgroups, other studies), so every
rule asks for strong evidence: a definite article, the same (or a general) noun, no words
narrowing the group, the same study (a new study mentioned in between ends the comparison),
and a number not already introduced earlier in the article. The later, conflicting mention is
flagged and the message names the earlier one. Word lists live in `data/number_terms.json`.

Cost (~0.22 ms an article timed alone, ~0.01 ms less than before the arm-word and elided-pair
screens below): few articles hold a candidate for most rules, so each rule first proves
cheaply that it cannot fire (the cheap tests of a conjunction first, the article's numbers read
last); other studies are looked for only when a rule with a candidate asks (`_Studies`), pair
and arm words only in the sentences that can hold parts and a whole (arm words only where a
part can name them, `_arm_word_at`; elided pairs only beside `were`/`was`), and parts only
where a number can begin; the article's numbers are read only up to the mention a rule asks
about (`_NumberReader`). The folded text and the claim
records are read through `checks.shared`, once per Doc for every check that reads them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ..data import load_data
from ..nlp.claims import ClaimMatch, claim_records
from ..nlp.groups import PARAGRAPH_BREAK, split_arm_lists
from ..nlp.claims import terms as claim_terms
from ..nlp.numbers import NUMBER, TENS, UNITS, parse_number
from ..nlp.patterns import alternation
from ..nlp.regex import find_all, find_starts, fold_case, matches_at, search_near
from ..nlp.sentences import doc_text, sentence_bounds
from .registry import Hit, register
from .shared import claims as shared_claims
from .shared import folded_text, per_doc
from .table_totals import find_table_total_mismatches, one_digit_changed, swapped_neighbours, two_digits_swapped

_DATA_FILE = "number_terms.json"
_LIST_KEYS = {
    "general_people_nouns", "complementary_pairs", "enrolment_cues", "new_study_cues", "study_words",
    "whole_sample_cues", "restricting_words", "pre_enrolment_words", "exclusion_words", "subset_openers",
    "comparison_words",
    "death_verbs", "hospital_verbs",
}
_MAP_KEYS = {"singular_plural", "outcome_nouns"}
_KEYS = _LIST_KEYS | _MAP_KEYS


@lru_cache(maxsize=1)
def word_lists() -> dict:
    """The lists of `data/number_terms.json`, validated once (unknown keys rejected)."""
    raw = load_data(_DATA_FILE, _KEYS, string_lists=_LIST_KEYS - {"complementary_pairs"})
    pairs = raw["complementary_pairs"]
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) and w for w in p) for p in pairs
    ):
        raise ValueError(f"{_DATA_FILE}: 'complementary_pairs' must be a list of [word, word] pairs")
    for key in _MAP_KEYS:
        mapping = raw[key]
        if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
            raise ValueError(f"{_DATA_FILE}: {key!r} must map strings to strings")
    return raw


def _alternation(words) -> str:
    return alternation(words, lower=True)


_NUM = rf"(?<![\w\-/.,$£€:])(?:{NUMBER})(?![\w/%]|\.\d|,\d|:\d)"  # (not a time of day, "09:09")
_PCT_NUM = r"(?<![\w\-/.,$£€])\d{1,3}(?:\.\d+)?"
# Where a number of `_NUM` can begin, read in the lower-cased text (see `_folded`): a digit or
# `.5`, a number word, or the `a` of `a hundred` / `a dozen` (zero-width, so that no match hides
# another offset where a number can begin).
_NUMBER_WORDS = alternation([*UNITS, *TENS, "dozen"])  # a trie: the longest word at an offset wins
_NUMBER_HEAD = rf"(?:\.?\d|{_NUMBER_WORDS}|a(?=\s+(?:hundred|dozen)))"
# A number for the same sample that is off by a slip (45/50, 386/368, 1,840/1,960) stays
# within these bounds; a definite group far outside them is another group.
_MIN_RATIO, _MAX_RATIO = 0.5, 3.0
_SPLIT = 0.15
_APPROX = {"nearly", "almost", "about", "around", "approximately", "roughly", "some", "an estimated",
           "close to", "just under", "just over", "~", "≈"}
_LOWER_BOUND = {"over", "more than", "at least", "upwards of", "well over", ">", "≥"}
_UPPER_BOUND = {"less than", "fewer than", "under", "up to", "at most", "no more than", "as many as", "<", "≤"}


@lru_cache(maxsize=1)
def _complementary_pairs() -> frozenset[frozenset[str]]:
    """The complementary pairs (`women`, `men`), lower-case, each as a set."""
    return frozenset(frozenset((a.lower(), b.lower())) for a, b in word_lists()["complementary_pairs"])


@lru_cache(maxsize=1)
def _pair_roots() -> frozenset[str]:
    """The pair words that hold no other pair word: every pair word holds one of them (`women`
    holds `men`, `non-smokers` `smokers`)."""
    words = {w.lower() for pair in word_lists()["complementary_pairs"] for w in pair}
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


@lru_cache(maxsize=1)
def _study_words() -> tuple[str, ...]:
    """The study words, lower-case (each written without spaces, as `str.find` looks for it)."""
    words = tuple(w.lower() for w in word_lists()["study_words"])
    if any(not w or any(c.isspace() for c in w) for w in words):
        raise ValueError(f"{_DATA_FILE}: 'study_words' must be single words")
    return words


@lru_cache(maxsize=1)
def _study_word_starts() -> tuple[str, ...]:
    """The study words that begin with no other study word: every study word occurs where one of
    these does (`trials` where `trial` does), so looking for these finds the same offsets."""
    words = _study_words()
    return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))


# A complete chain of arms has a part with one of these words (see `_arm_chains`), after
# whitespace (`dose` also after a hyphen: `high-dose`), and `treatment` only after `no`.
_ARM_WORDS = ("assigned", "randomised", "randomized", "allocated", "group", "arm", "cohort", "placebo", "dummy",
              "sham", "usual", "standard", "treatment", "dose", "wait")


def _arm_word_at(folded: str, offset: int, word: str) -> bool:
    """Can the arm word found at `offset` of the folded text be the one a part of a chain names
    (`_arm_chains`)? In `arm_part` each follows whitespace (`dose` may follow the hyphen of
    `high-dose`), and `treatment` counts only in `no treatment`: `pharmacy`, `harm`, `sham` in
    `ashamed` or a treatment alone name no arm. (A test for sentences that may hold a chain:
    it may accept more than a chain needs, never less.)"""
    before = folded[offset - 1:offset]
    if not (before.isspace() or before == "-"):
        return False
    if word != "treatment":
        return True
    i = offset - 1
    while i >= 0 and folded[i].isspace():
        i -= 1
    return folded[max(0, i - 1):i + 1] == "no"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    t = word_lists()
    ct = claim_terms()
    people = _alternation(ct["people_nouns"])
    pair_words = {w for pair in t["complementary_pairs"] for w in pair}
    return {
        "definite": re.compile(
            r"(?:\b(?i:the|these|those|all)(?:\s+(?i:study|trial|cohort|survey|analysis|review|programme|program)['’]s)?"
            r"|\b(?i:all|each|both|any|none|most|many|some|half)\s+(?i:of)\s+(?i:the|these|those))"
            r"\s+(?:(?i:nearly|almost|about|around|approximately|roughly|some|original|same|initial|entire|whole)\s+)?$"
        ),
        "study_ref": re.compile(
            rf"\b(?i:the|this)\s+(?:(?!(?i:{_alternation(t['new_study_cues'])})\b)[\w\-]+\s+){{0,2}}?"
            r"(?i:study|trial|survey|analysis|cohort)\s+(?i:of|with|in|involving|including|among)\s+"
            r"(?:(?i:nearly|almost|about|around|approximately|roughly|some|just|more\s+than|over)\s+)?$"
        ),
        "enrolment": re.compile(rf"\b(?i:{_alternation(t['enrolment_cues'])})\s+(?:\S+\s+){{0,4}}?$"),
        "new_study": re.compile(
            rf"\b(?i:{_alternation(t['new_study_cues'])})\s+(?:[\w\-]+\s+){{0,3}}?(?i:{_alternation(t['study_words'])})\b"
        ),
        "indefinite_study": re.compile(
            rf"\b(?i:a|an)\s+(?:(?!(?i:{_alternation(ct['not_modifiers'])})\b)[\w\-]+\s+){{0,3}}?(?i:{_alternation(t['study_words'])})\b"
        ),
        "hypothetical": re.compile(
            r"\b(?i:would|will|want|wants|wanted|need|needs|needed|plan|plans|planned|planning|hope|hopes|hoped|should"
            r"|could|might|future|upcoming|next)\b"
            # "as you'd expect in a trial this size": this study, said of any like it
            r"|(?i:[a-z]['’]d|(?:this|that)\s+size)\b"
        ),
        "whole_cue": re.compile(rf"^\s*,?\s*(?i:{_alternation(t['whole_sample_cues'])})\b"),
        "restricting": re.compile(rf"^\s*(?i:{_alternation(t['restricting_words'])})\b"),
        "pre_enrolment": re.compile(rf"\b(?i:{_alternation(t['pre_enrolment_words'])})\b"),
        # exclusions after a number of people: they are the people before the study's own sample
        "exclusions": re.compile(rf"\b(?i:{_alternation(t['exclusion_words'])})\b"),
        # used with `match` only, which anchors it where it is tried
        "subset_opener": re.compile(rf"\W*(?i:{_alternation(t['subset_openers'])})\b"),
        # "Our volunteers included four people who ...": people already counted, some of whom follow
        "people_include": re.compile(rf"\b(?i:{people})\s+(?i:included|include|includes|comprised)\s+$"),
        "comparison": re.compile(rf"\b(?i:{_alternation(t['comparison_words'])})\b"),
        "group_label": re.compile(
            r"\b(?i:in|on|within|of)\s+(?i:the)\s+(?P<label>(?:[\w\-]+\s+){0,2}?[\w\-]+)\s+(?i:group|arm|cohort)\b"
        ),
        # `group_label` at the start of a text, after any whitespace
        "group_label_after": re.compile(
            r"^\s*\b(?i:in|on|within|of)\s+(?i:the)\s+(?P<label>(?:[\w\-]+\s+){0,2}?[\w\-]+)\s+(?i:group|arm|cohort)\b"
        ),
        "death": re.compile(rf"\b(?i:{_alternation(t['death_verbs'])})\b"),
        "hospital": re.compile(rf"\b(?i:{_alternation(t['hospital_verbs'])})\b"),
        "subgroup_of": re.compile(
            r"\b(?i:of)\s+(?i:them|these|those|whom|the\s+(?:[\w\-]+\s+)?(?:participants|patients|volunteers|people|subjects))\b"
            r"|\b(?i:assigned|randomi[sz]ed|allocated)\b|\b(?i:in|on)\s+(?i:the)\s+(?:[\w\-]+\s+){0,2}?(?i:group|arm)\b"
        ),
        "remaining": re.compile(r"\b(?i:the\s+(?:remaining|other|rest\s+of\s+the))\s*$"),
        # "1,012 women and 903 men", "1,012 were women and 903 (were) men"
        "pair": re.compile(
            rf"(?P<n1>{_NUM})\s+(?:(?i:were|was|are)\s+)?(?:[\w\-]+\s+)?(?P<w1>(?i:{_alternation(pair_words)}))\b"
            rf"(?:\s*\([^)]*\))?\s*,?\s+(?i:and|while|whereas)\s+(?P<n2>{_NUM})\s+(?:(?i:were|was|are)\s+)?(?:[\w\-]+\s+)?"
            rf"(?P<w2>(?i:{_alternation(pair_words)}))\b"
        ),
        # "62% were women and 45% men", "the sample was 62% women and 45% men" (not "62% of women")
        "pct_pair": re.compile(
            rf"(?P<n1>{_PCT_NUM})\s*(?:%|(?i:per\s?cent|percent))\s+(?:(?i:of)\s+(?:(?i:the|them|those)\s+)?(?:[\w\-]+\s+)?(?i:were|was|are)\s+|(?i:were|was|are)\s+)?"
            rf"(?P<w1>(?i:{_alternation(pair_words)}))\b\s*,?\s+(?i:and|while|whereas)\s+(?P<n2>{_PCT_NUM})\s*(?:%|(?i:per\s?cent|percent))\s+"
            rf"(?:(?i:were|was|are)\s+)?(?P<w2>(?i:{_alternation(pair_words)}))\b"
        ),
        # one arm of a trial: "156 were assigned to zelritamab", "105 in the high-dose arm",
        # "112 on placebo"; after a first part, also the elided "156 to the chemotherapy alone";
        # "130 received the drug and 120 (received) a placebo"
        "arm_part": re.compile(
            rf"(?P<n>{_NUM})\s+(?:(?i:{people})\s+)?(?:(?i:who|that)\s+)?(?:(?i:were|was)\s+)?(?:(?i:randomly|equally|then|each)\s+)?"
            r"(?:(?P<assigned>(?i:assigned|randomi[sz]ed|allocated))\s+(?i:to)\s+(?:(?i:the|a|an)\s+)?(?P<to>[\w\-]+)"
            r"|(?i:in|on)\s+(?i:the)\s+(?P<label>(?:[\w\-]+\s+){0,2}?[\w\-]+)\s+(?i:group|arm|cohort)\b"
            r"|(?i:to)\s+(?:(?i:the|a|an)\s+)?(?P<elided>[\w\-]+)"
            r"|(?:(?i:received|got|took|given|on)\s+)?(?:(?i:the|a|an)\s+)?(?P<control>(?i:placebo|dummy\s+\w+|sham\s+\w+|(?:usual|standard)\s+(?:care|vaccines?|jabs?|doses?|treatment|therapy|regimen)|no\s+treatment|wait(?:ing)?[\s\-]?lists?))\b"
            r"|(?i:on|received|got|took|given|used)\s+(?:(?i:the|a|an)\s+)?(?P<on>[\w\-]+(?:\s+(?i:dose|doses))?))"
        ),
        # the verb said once for two places or routes: "812 were screened at pharmacies and 463
        # at a mobile unit", "40 were treated in Leeds, and 52 in York": each person is in one
        "elided_pair": re.compile(
            rf"(?P<n1>{_NUM})\s+(?:(?i:{people})\s+)?(?i:were|was)\s+(?:[\w\-]+\s+)?[\w\-]+ed\s+"
            r"(?P<prep>at|in|by|via|through)\s+[^,;:.!?()\d]{1,80}?,?\s+(?i:and|while|whereas)\s+"
            rf"(?P<n2>{_NUM})\s+(?P=prep)\s"
        ),
        "arm_gap": re.compile(r"^[^.;!?]{0,150}?(?:,|\band\b|\bwhile\b|\bwhereas\b)\s*(?:(?i:the)\s+)?$"),
        "number": re.compile(_NUM),
        # Cheap pre-tests run over the lower-cased text (`_folded`), case-sensitive (a large
        # case-insensitive alternation costs ~6x more). Each finds at least what the costly
        # pattern it guards needs.
        # `new_study` or `indefinite_study` (without its list of non-modifiers), lower-case
        "other_study_twin": re.compile(
            rf"\b(?:{_alternation(t['new_study_cues'])}|a|an)\s+(?:[\w\-]+\s+){{0,3}}?(?:{_alternation(t['study_words'])})\b"
        ),
        "number_at": re.compile(rf"(?<![\w\-/.,$£€]){_NUMBER_HEAD}"),
    }


# --- mentions ----------------------------------------------------------------------------


class _computed_once:
    """`functools.cached_property` without its lock (Python 3.11 takes one on every first read,
    which costs more than most of the values read here): the value is computed on the first
    read and stored on the instance, where later reads find it without calling anything."""

    def __init__(self, func: Callable) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass
class Mention:
    """A number of people or events the claim finder read, with the words around it."""

    label: str  # the claim's kind: "sample_size" or "count"
    start: int  # the claim's offsets in the text
    end: int
    value: float
    noun: str | None  # "patients", "deaths" (plural), or None when the claim names none
    mods: str  # words between the number and the noun: "botox-injected"
    qualifier: str | None  # "about", "more than" ...
    sentence: int  # index of its sentence
    before: str  # the sentence up to the claim
    after: str  # the sentence after the claim
    post: str  # what follows the noun: the rest of the claim, then the sentence
    text: str  # the claim's text

    @_computed_once
    def is_total(self) -> bool:
        """`_is_total(self)`, worked out once (three rules ask)."""
        return _is_total(self)

    # `study_ref` and `definite` are read from the words before the claim only when a rule asks
    # (the rules ask the cheaper questions first)

    @_computed_once
    def study_ref(self) -> bool:
        """`the study of 540 patients`: the sample of a study already introduced."""
        return _ends_with(_patterns()["study_ref"], self.before, _STUDY_REF_WORDS)

    @_computed_once
    def definite(self) -> bool:
        """`the 50 patients`, `all 50 participants`, `of the 321 patients`, or a `study_ref`."""
        return self.study_ref or _ends_with(_patterns()["definite"], self.before, _DEFINITE_WORDS)


@lru_cache(maxsize=1)
def _pair_root_pattern() -> re.Pattern | None:
    """One pattern for the pair words that hold no other (`_pair_roots`); None when one begins
    with another (a search finds one word at each offset, so it would miss the other)."""
    words = sorted(_pair_roots())
    if any(a != b and b.startswith(a) for a in words for b in words):
        return None
    return re.compile(alternation(words, lower=True))


def _pair_word_count(folded: str, start: int, end: int) -> int:
    """How many pair words begin in [start, end) of the folded text, overlapping ones included
    (`women` holds `men`): one search per word found, from the offset after it."""
    pattern = _pair_root_pattern()
    if pattern is None:
        return len(_starts_in(folded, _pair_roots(), start, end))
    limit = min(len(folded), end + max(map(len, _pair_roots())))  # a word that begins before `end` ends by here
    count = 0
    m = pattern.search(folded, start, limit)
    while m and m.start() < end:
        count += 1
        m = pattern.search(folded, m.start() + 1, limit)
    return count


def _starts_in(text: str, words, start: int, end: int) -> list[int]:
    """Every offset in [start, end) where one of the words begins in the text (`str.find`, which
    for a dozen words costs less than a search for them all at once)."""
    found = []
    for word in words:
        stop = end + len(word) - 1  # a word that begins before `end` ends by here
        at = text.find(word, start, stop)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1, stop)
    return found


def _runs(indices: list[int], bounds: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of consecutive sentences among the sorted `indices`."""
    first = previous = None
    for index in indices:
        if previous is not None and index != previous + 1:
            yield bounds[first][0], bounds[previous][1]
            first = None
        if first is None:
            first = index
        previous = index
    if first is not None:
        yield bounds[first][0], bounds[previous][1]


def _sentences_with(
    text: str, words, start: int, end: int, bounds: list[tuple[int, int]], starts: list[int],
    accept: Callable[[str, int, str], bool] | None = None,
) -> set[int]:
    """The sentences (by index) in which one of the words begins, among those in [start, end)
    (`starts`: the sentences' start offsets): as `_counts_by_sentence(_starts_in(...))` finds
    them, but once a word is found in a sentence it is looked for again only after it.
    `accept(text, offset, word)`, if given, must also hold for a word found at an offset."""
    found: set[int] = set()
    for word in words:
        stop = end + len(word) - 1  # a word that begins before `end` ends by here
        at = text.find(word, start, stop)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            if index >= 0 and at < bounds[index][1] and (accept is None or accept(text, at, word)):
                found.add(index)
                at = text.find(word, bounds[index][1], stop)
            else:
                at = text.find(word, at + 1, stop)
    return found


def _counts_by_sentence(offsets, bounds: list[tuple[int, int]], starts: list[int]) -> dict[int, int]:
    """How many of the offsets lie in each sentence [start, end) that holds any, by the
    sentence's index (`starts`: the sentences' start offsets)."""
    counts: dict[int, int] = {}
    for offset in offsets:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < bounds[index][1]:
            counts[index] = counts.get(index, 0) + 1
    return counts


class _Studies:
    """Where other studies begin in a Doc (`breaks`: `study_breaks`) and the study's sample in
    effect as each sentence begins (`totals`: `_totals_in_effect`), worked out only when a rule
    first asks: most articles hold no candidate for the rules that need them, and looking for
    other studies costs a scan of the text."""

    def __init__(self, text: str, mentions: list[Mention], bounds: list[tuple[int, int]], folded: str | None) -> None:
        self.text, self.mentions, self.bounds, self.folded = text, mentions, bounds, folded

    @_computed_once
    def breaks(self) -> list[bool]:
        return study_breaks(self.text, self.mentions, self.bounds, self.folded)

    @_computed_once
    def totals(self) -> list[Mention | None]:
        return _totals_in_effect(self.mentions, self.breaks)

    def any_break(self, first: int, last: int) -> bool:
        """Whether another study begins in one of the sentences first..last (first > last: none)."""
        return any(self.breaks[first:last + 1])


def _number_starts(folded_sentence: str) -> list[int]:
    """Every offset of a (folded) sentence where a number of `_NUM` can begin."""
    return [m.start() for m in _patterns()["number_at"].finditer(folded_sentence)]


def _sentence_index(doc: Doc) -> tuple[Callable[[int], int], list[tuple[int, int]]]:
    """offset -> index of its sentence, and the sentences' (start, end) offsets."""
    bounds = sentence_bounds(doc)
    starts = [b[0] for b in bounds]
    return (lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)), bounds


def _mentions(
    doc: Doc, sentence_of: Callable[[int], int], bounds: list[tuple[int, int]], records: list[ClaimMatch] | None = None
) -> list[Mention]:
    """The Doc's counts and samples as `Mention`s (`records`: its `claim_records`, if read)."""
    text = doc_text(doc)
    mentions = []
    for claim in claim_records(doc) if records is None else records:
        if claim.kind not in ("sample_size", "count"):
            continue
        value = claim.value
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            continue
        start, end = claim.start, claim.end
        claim_text = text[start:end]
        noun, mods, rest = _noun_and_modifiers(claim_text, claim.unit)
        index = sentence_of(start)
        s_start, s_end = bounds[index]
        before = text[s_start:start]
        after = text[end:s_end]
        mentions.append(Mention(
            label=claim.kind, start=start, end=end, value=float(value), noun=noun, mods=mods.lower(),
            qualifier=claim.qualifier, sentence=index, before=before, after=after, post=rest + after, text=claim_text,
        ))
    return mentions


# The most whitespace-separated words a match of `definite`, `study_ref`, `enrolment` or
# `remaining` can span (`all of the nearly`; `the new randomised trial of more than`; `a total
# of` and four words more), with one to spare for a first word glued to punctuation.
_DEFINITE_WORDS, _STUDY_REF_WORDS, _ENROLMENT_WORDS, _REMAINING_WORDS = 5, 8, 8, 5


def _tail_start(text: str, words: int) -> int:
    """Where the last `words` whitespace-separated words of `text` begin (0 when it has fewer)."""
    parts = text.rsplit(None, words)
    return len(parts[0]) if len(parts) > words else 0


def _ends_with(pattern: re.Pattern, text: str, words: int) -> bool:
    """`pattern.search(text)` for a pattern anchored at the end (`...$`) whose matches span at
    most `words` words: only the tail is tried (lookbehinds and `\\b` still see what precedes)."""
    return pattern.search(text, _tail_start(text, words)) is not None


_WORD = re.compile(r"[\w'’\-]+")


def _noun_and_modifiers(claim_text: str, unit: str | None) -> tuple[str | None, str, str]:
    """(noun, modifiers, rest) of a claim: `40 Botox-injected patients` -> (patients,
    botox-injected, ""); `79 deaths in the combination arm` -> (deaths, "", " in the combination arm")."""
    number = _patterns()["number"].search(claim_text)
    if not number:
        return None, "", ""
    tail = claim_text[number.end():]
    plural = word_lists()["singular_plural"]
    if not unit:  # the noun is the first word after the number, if it is one
        first = _WORD.search(tail)
        noun = first.group(0).lower() if first else None
        if noun not in _nouns():
            return None, "", tail
        return plural.get(noun, noun), "", tail[first.end():]
    words = list(_WORD.finditer(tail))
    texts = [m.group(0).lower() for m in words]
    noun_words = unit.lower().split()
    noun = " ".join(noun_words)
    i = _find_run(texts, noun_words)
    if i is not None:
        rest = tail[words[i + len(noun_words) - 1].end():]
        return plural.get(noun, noun), " ".join(texts[:i]), rest
    return plural.get(noun, noun), "", ""


def _find_run(items: list[str], run: list[str]) -> int | None:
    """Where `run` first occurs in `items` as consecutive items, or None."""
    if len(run) == 1:
        return items.index(run[0]) if run[0] in items else None
    return next((i for i in range(len(items) - len(run) + 1) if items[i:i + len(run)] == run), None)


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    ct = claim_terms()
    return frozenset(w.lower() for w in ct["people_nouns"] + ct["event_nouns"])


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _conflicts(later: float, earlier: float, q_later: str | None, q_earlier: str | None) -> bool:
    """Whether two numbers for one quantity cannot both be right, given their qualifiers."""
    if later == earlier:
        return False
    for q in (q_later, q_earlier):
        if q in _APPROX and abs(later - earlier) <= 0.1 * max(later, earlier):
            return False
    if q_earlier in _LOWER_BOUND and later >= earlier:
        return False
    if q_earlier in _UPPER_BOUND and later <= earlier:
        return False
    if q_later in _LOWER_BOUND and earlier >= later:
        return False
    return not (q_later in _UPPER_BOUND and earlier <= later)


def _numbers(text: str, folded: str | None = None) -> list[tuple[int, float]]:
    """(offset, value) of every number in the text, in order; given the folded text, tried only
    where a number can begin (`_number_starts`), which finds the same numbers in a third of the time."""
    pattern = _patterns()["number"]
    found = []
    for m in pattern.finditer(text) if folded is None else matches_at(pattern, text, _number_starts(folded)):
        number = parse_number(m.group(0))
        if number is not None:
            found.append((m.start(), float(number)))
    return found


_NUMBERS_KEY = "claimcheck_number_mismatch_numbers"


class _NumberReader:
    """`_numbers` of a text, read in order and only as far as a rule asks (`before`): the
    numbers before a mention are all a rule reads, and reading every number of an article
    costs more than all the rules that rarely ask."""

    def __init__(self, text: str, folded: str | None) -> None:
        pattern = _patterns()["number"]
        if folded is None:
            self._matches = pattern.finditer(text)
        else:  # as `_numbers`, tried only where a number can begin
            starts = (m.start() for m in _patterns()["number_at"].finditer(folded))
            self._matches = matches_at(pattern, text, starts)
        self._numbers: list[tuple[int, float]] = []
        self._last_start = -1  # where the last number read begins
        self._done = False

    def before(self, offset: int) -> list[tuple[int, float]]:
        """(offset, value) of every number that begins before `offset`, in order."""
        while not self._done and self._last_start < offset:
            m = next(self._matches, None)
            if m is None:
                self._done = True
                break
            self._last_start = m.start()
            number = parse_number(m.group(0))
            if number is not None:
                self._numbers.append((m.start(), float(number)))
        return self._numbers[:bisect.bisect_left(self._numbers, (offset, float("-inf")))]


def _doc_numbers(doc: Doc) -> _NumberReader:
    """The `_NumberReader` of the Doc's text, one per Doc while `checks.shared.shared_values`
    is open."""
    return per_doc(doc, _NUMBERS_KEY, lambda d: _NumberReader(doc_text(d), folded_text(d)))


def _has_antecedent(doc: Doc, offset: int, value: float) -> bool:
    """Whether a definite `the 156 volunteers` / `the 800 patients` can point back to numbers
    written before `offset`: the number itself, or the sum or difference of two of them
    (`500 in Europe and 300 more in Asia` ... `the 800 patients`)."""
    values = {v for _, v in _doc_numbers(doc).before(offset)}
    if value in values:
        return True
    # a split is sizeable; a slip (386 for 368) differs by a little that may appear by chance
    whole = [v for v in values if v >= 10 and v == int(v)]
    sums = any(value - v in values and value - v >= _SPLIT * value for v in whole)
    differences = any(v - value in values and v - value >= _SPLIT * v for v in whole if v > value)
    return sums or differences


@lru_cache(maxsize=1)
def _general_people_nouns() -> frozenset[str]:
    return frozenset(word_lists()["general_people_nouns"])


def _compatible_nouns(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    general = _general_people_nouns()
    return a == b or (a in general and b in general)


# --- (a) and (c): the study's sample, referred back to -----------------------------------


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in claim_terms()["event_nouns"])


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset[str]:
    return frozenset(n.lower() for n in claim_terms()["people_nouns"])


def _is_total(m: Mention) -> bool:
    """`enrolled 312 patients`, `a study of 1,840 participants`: the sample of a study."""
    if not m.noun or m.label != "sample_size" or m.noun not in _people_nouns():
        return False
    enrolled = (m.qualifier or "") in ("a total of", "totalling", "totaling") \
        or _ends_with(_patterns()["enrolment"], m.before, _ENROLMENT_WORDS)
    # the costlier tests last: most mentions have no enrolment cue
    return (enrolled and not _patterns()["subset_opener"].match(m.before[-30:]) and not m.definite
            and not _patterns()["people_include"].search(m.before[-60:]))


def study_breaks(
    text: str, mentions: list[Mention], bounds: list[tuple[int, int]], folded: str | None = None,
) -> list[bool]:
    """Per sentence: does another study begin here? A real one (`A 2021 review of ...`,
    `Previous research ...`), or any with a sample of its own (`a randomised trial in which 900
    older adults ...`); not a wish (`we want to see this confirmed in a larger study`)."""
    p = _patterns()
    with_sample = {m.sentence for m in mentions if m.noun and m.label == "sample_size" and not m.definite}
    breaks = [False] * len(bounds)
    for index, (start, end) in _sentences_with_other_study(text, bounds, folded):
        sentence = text[bounds[index][0]:bounds[index][1]]
        other_study = p["new_study"].search(sentence, start, end) or p["indefinite_study"].search(sentence, start, end)
        breaks[index] = bool(other_study and (index in with_sample or not p["hypothetical"].search(sentence)))
    return breaks


# The most whitespace-separated words a match of `new_study` or `indefinite_study` spans before
# its study word (`last year's large new`; `a small pilot randomised`), with one to spare.
_OTHER_STUDY_WORDS = 7


def _sentences_with_other_study(
    text: str, bounds: list[tuple[int, int]], folded: str | None
) -> list[tuple[int, tuple[int, int]]]:
    """(index, (start, end)) of the sentences where `new_study` or `indefinite_study` can match
    (at least those): both end on a study word after whitespace, and their lower-case twin matches
    the folded sentence. A match lies within [start, end) of the sentence (`end` one character
    past the longest study word at the last one, so that `\\b` after it sees the text) and
    starts no earlier than the twin's first match."""
    if folded is None:
        return [(i, (0, bounds[i][1] - bounds[i][0])) for i in range(len(bounds))]
    p = _patterns()
    starts = [b[0] for b in bounds]
    words: dict[int, list[int]] = {}  # sentence -> [first, last] offset of a study word in it
    for offset in find_starts(folded, _study_word_starts()):
        space = offset - 1
        if space < 0 or not folded[space].isspace():
            continue
        index = bisect.bisect_right(starts, space) - 1  # the whitespace is in the sentence
        if index >= 0 and offset < bounds[index][1]:
            words.setdefault(index, [offset, offset])[1] = offset
    longest = max(map(len, _study_words()))
    candidates = []
    for index in sorted(words):
        s_start, s_end = bounds[index]
        first, last = words[index]
        sentence = folded[s_start:s_end]
        window = _tail_start(sentence[:first - s_start], _OTHER_STUDY_WORDS)
        end = min(len(sentence), last - s_start + longest + 1)
        twin = p["other_study_twin"].search(sentence, window, end)
        if twin:
            candidates.append((index, (twin.start(), end)))
    return candidates


def find_sample_conflicts(doc: Doc, mentions: list[Mention], studies: _Studies) -> Iterator[Hit]:
    """`The trial enrolled 312 patients` ... `Of the 321 patients here`: a mention checked
    against the study's sample in effect (`_check_against_total`)."""
    if not _any_conflict_with_a_total(doc, mentions):
        return
    total: Mention | None = None
    ended: list[Mention] = []  # the samples of studies told before the one in effect
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for index, is_break in enumerate(studies.breaks):
        here = by_sentence.get(index, [])
        if is_break:
            if total is not None:
                ended.append(total)
            total = None
        for m in here:
            if m.is_total:
                if total is None:
                    total = m
                continue
            if total is None:
                if _names_the_study(m):
                    total = m
                continue
            hit = _check_against_total(doc, m, total)
            # (not when a study told before, of the same people, is large enough to hold it: the
            # article has gone back to it, "5,760 children examined" ... a 2023 survey of 1,150
            # ... "the 1,799 children tested")
            if hit and not any(t.value >= m.value and _compatible_nouns(m.noun, t.noun) for t in ended):
                yield hit


def _any_conflict_with_a_total(doc: Doc, mentions: list[Mention]) -> bool:
    """Whether some mention conflicts with some study sample before it. The sample in effect for
    a mention is always one of these (or none), so without such a pair `find_sample_conflicts`
    finds nothing and need not look for the other studies that would end a sample's effect."""
    totals: list[Mention] = []
    for m in mentions:
        if m.is_total:
            totals.append(m)
            continue
        if any(_check_against_total(doc, m, total) for total in totals):
            return True
        if _names_the_study(m):
            totals.append(m)  # (it may be the sample in effect, after another study)
    return False


def _names_the_study(m: Mention) -> bool:
    """`The survey of 2,017 adults` with no sample before it: the study's sample, given with the
    study it belongs to (a total where none is in effect)."""
    return m.label == "sample_size" and m.noun in _people_nouns() and m.study_ref


def _same_people(doc: Doc, m: Mention, total: Mention) -> bool:
    """Whether a mention counts people of the study: a part of it (`Of these, 2,100 were
    women`, `612 of the participants`, `in the placebo arm`), or a definite group of the same
    kind of people as its sample."""
    p = _patterns()
    part_of_study = bool(
        p["subset_opener"].match(m.before) or p["subgroup_of"].search(m.text) or p["subgroup_of"].match(m.post)
    )
    if part_of_study and m.noun is None and _event_count_before().search(m.before):
        return False  # "1,046 falls, compared with 1,583 in the usual care group": more of the events
    if part_of_study and _part_of_a_nearer_whole(doc, m):
        return False
    if part_of_study and m.noun is None and _of_them_but_no_people(doc, m):
        return False
    return (part_of_study and (m.noun is None or m.noun in _people_nouns())) or (
        _compatible_nouns(m.noun, total.noun) and m.definite
    )


def _part_of_a_nearer_whole(doc: Doc, m: Mention) -> bool:
    """`Respondents told us about 5,910 relatives in all. Of these, 2,011 had been tested`: a
    part opened by `Of these` is a part of a larger number just before it (in its sentence or the
    one before; not a year), not of the study's sample."""
    if not _patterns()["subset_opener"].match(m.before):
        return False
    text = doc_text(doc)
    since = _previous_sentence_start(doc, m)
    return any(
        value > m.value and not (1900 <= value <= 2100 and text[at:at + 4].isdigit())
        for at, value in _doc_numbers(doc).before(m.start) if at >= since
    )


_OF_THEM = re.compile(r"\s*(?i:of)\s+(?i:them|these|those)\b")
_WORD = re.compile(r"[A-Za-z][a-z-]+")


def _of_them_but_no_people(doc: Doc, m: Mention) -> bool:
    """`There are more than 3,000 of them` after `only registered vaccination centres can give
    the vaccine`: "them" stands for things, as no people are named in the sentence before or in
    its own sentence before the number."""
    if not _OF_THEM.match(m.post) and not _OF_THEM.search(m.text):
        return False
    people = _people_nouns()
    return not any(w.lower() in people for w in _WORD.findall(doc_text(doc), _previous_sentence_start(doc, m), m.start))


def _previous_sentence_start(doc: Doc, m: Mention) -> int:
    """Where the last non-blank sentence before the mention's own starts (a paragraph break is a
    sentence of its own)."""
    text = doc_text(doc)
    bounds = sentence_bounds(doc)
    previous = m.sentence - 1
    while previous > 0 and not text[slice(*bounds[previous])].strip():
        previous -= 1
    return bounds[max(0, previous)][0]


@lru_cache(maxsize=1)
def _event_count_before() -> re.Pattern:
    """A number with an event noun ("1,046 falls"), which a bare number later in the sentence goes
    on counting (unless a number of people follows it: "41 deaths among 900 patients; of these, 950")."""
    return re.compile(rf"\d\s+(?:[\w-]+\s+)?(?i:{alternation(sorted(_event_nouns()))})\b(?!.*\d\s+(?i:people|patients|participants))")


def _check_against_total(doc: Doc, m: Mention, total: Mention) -> Hit | None:
    p = _patterns()
    earlier = f"`{total.text}`"
    # (c) a group of the study larger than the study: "Of these, 2,100 were women", "612 of the
    # participants", "in the placebo arm"; or a definite group of the same kind of people
    # (the cheap tests first, reading the article's numbers last)
    if total.value < m.value <= _MAX_RATIO * total.value and total.qualifier not in _LOWER_BOUND \
            and _conflicts(m.value, total.value, m.qualifier, total.qualifier) \
            and _same_people(doc, m, total) \
            and not p["pre_enrolment"].search(m.post[:60]) and not p["exclusions"].search(m.post[:60]) \
            and not _has_antecedent(doc, m.start, m.value):
        return Hit(
            m.start, m.end,
            f"`{m.text}` is more than the whole study ({earlier} earlier in the article).",
            f"check against {earlier}",
        )
    # (a) a definite reference back to the whole sample with another number
    if m.label != "sample_size" or not _compatible_nouns(m.noun, total.noun) or not m.definite:
        return None
    if not _conflicts(m.value, total.value, m.qualifier, total.qualifier):
        return None
    if not _MIN_RATIO * total.value <= m.value <= _MAX_RATIO * total.value:
        return None  # "the 12 patients", "the 30 million adults with diabetes": another group
    if p["exclusions"].search(m.post[:60]):
        return None  # "the 58,930 women who joined, 6,312 were excluded": those before the study's own
    whole = m.study_ref or bool(p["whole_cue"].match(m.post))
    if not whole and (m.mods or p["restricting"].match(m.post)):
        return None
    if m.mods and m.mods not in total.mods:
        return None
    if _has_antecedent(doc, m.start, m.value):
        return None  # an antecedent: "156 were assigned ..." ... "the 156 volunteers"
    return Hit(
        m.start, m.end,
        f"`{m.text}` does not match {earlier} given earlier for the same study.",
        f"check against {earlier}",
    )


def _may_end_remaining(before: str) -> bool:
    """Whether `before` can end as `remaining` asks (`the remaining`, `the other`, `the rest of
    the`, then whitespace): its last word is one of these, in any case (True when unsure: a
    letter outside ASCII may be the case-insensitive twin of one in `remaining`)."""
    last = before.rstrip()[-9:]
    return not last.isascii() or last.lower().endswith(("remaining", "other", "the"))


def find_remaining_conflicts(doc: Doc, mentions: list[Mention], studies: _Studies) -> Iterator[Hit]:
    """`612 of the participants ... The remaining 1,300`: a split must add up to the whole."""
    p = _patterns()
    text = doc_text(doc)
    totals = [m for m in mentions if m.is_total]
    claims: list[ClaimMatch] | None = None  # read only when needed
    for m in mentions:
        if m.qualifier or not _may_end_remaining(m.before) or not _ends_with(p["remaining"], m.before, _REMAINING_WORDS):
            continue
        total = next((t for t in reversed(totals) if t.start < m.start and m.sentence - t.sentence <= 3), None)
        if total is None or total.qualifier or studies.any_break(total.sentence + 1, m.sentence):
            continue
        # the other part: the one number written between the total and "the remaining"
        numbers = []
        if claims is None:
            claims = [c for c in shared_claims(doc) if c.kind not in ("sample_size", "count")]
        for n in p["number"].finditer(text, total.end, m.start):
            if any(c.start <= n.start() < c.end for c in claims):
                continue  # a percentage, a duration, a dose
            value = parse_number(n.group(0))
            if value is not None and not re.fullmatch(r"(?:19|20)\d\d", n.group(0)):
                numbers.append(float(value))
        if len(numbers) != 1 or not numbers[0] < total.value:
            continue
        part = numbers[0]
        if part + m.value != total.value:
            yield Hit(
                m.start, m.end,
                f"{_fmt(part)} plus the remaining {_fmt(m.value)} is {_fmt(part + m.value)}, "
                f"but the study had `{total.text}`.",
                f"the remaining {_fmt(total.value - part)}?",
            )


# --- (a) the same outcome of the same arm, given twice -----------------------------------


def _may_name_group(text: str) -> bool:
    """Whether the text holds `group`, `arm` or `cohort` in any case (none of their letters has
    a case-insensitive twin outside ASCII that `str.lower` would miss)."""
    low = text.lower()
    return "group" in low or "arm" in low or "cohort" in low


def _outcome(m: Mention, text: str) -> tuple[str, str] | None:
    """(outcome, arm) of a count: `the 79 deaths in the combination arm` -> (death, combination)."""
    p = _patterns()
    t = word_lists()
    if not (_may_name_group(m.text) or _may_name_group(m.after[:60])):
        return None  # `group_label` and `group_label_after` need `group`, `arm` or `cohort`
    label = p["group_label"].search(m.text) or p["group_label"].match(m.after[:60].lstrip())
    if not label:
        label = p["group_label_after"].match(m.after[:60])
        if not label:
            return None
    arm = re.sub(r"[\s\-]+", "", label["label"].lower())
    arm = re.sub(r"^(?:the)", "", arm)
    outcome = t["outcome_nouns"].get(m.noun or "")
    if outcome is None:
        clause = re.split(r"[;:]|\b(?:but|while|whereas)\b", m.after)[0]
        if p["death"].search(clause):
            outcome = "death"
        elif p["hospital"].search(clause):
            outcome = "hospitalisation"
    return (outcome, arm) if outcome else None


_TIME_POINT = re.compile(
    r"\b(?i:by|at|after|within|over|in|during)\s+(?:(?i:the|a|an|its|their)\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?i:weeks?|months?|years?|days?|end|close|follow-up|cut-?off)\b"
    r"|\b(?i:so\s+far|to\s+date|since|until|final|interim)\b"
)


def _event_key(m: Mention) -> tuple[str, str] | None:
    """(event noun with its modifiers, "") of an unrestricted count of events: `23 serious
    adverse events` -> ("serious adverse events", "")."""
    if not m.noun or m.noun not in _event_nouns() or _patterns()["restricting"].match(m.post):
        return None
    return (f"{m.mods} {m.noun}".strip(), "")


def find_outcome_conflicts(doc: Doc, mentions: list[Mention], studies: _Studies) -> Iterator[Hit]:
    """`97 patients in the combination group ... had died` ... `the 79 deaths in the combination
    arm`; `23 serious adverse events` ... `the 32 serious adverse events`."""
    text = doc_text(doc)
    seen: dict[tuple[str, str], Mention] = {}
    by_noun: dict[str, Mention] = {}  # the last count of each event noun, whatever its modifiers
    for m in mentions:
        key = _outcome(m, text) or _event_key(m)
        if key is None:
            continue
        earlier = seen.get(key)
        if earlier is None and m.definite and not key[1] and not m.mods:
            earlier = _named_again_with_a_slip(by_noun.get(m.noun or ""), m)
        if not m.definite and not key[1]:
            by_noun[m.noun or ""] = m
        if earlier is None or not m.definite:
            if not m.definite:
                seen[key] = m
            continue
        if not _conflicts(m.value, earlier.value, m.qualifier, earlier.qualifier):
            continue
        if not _MIN_RATIO * earlier.value <= m.value <= _MAX_RATIO * earlier.value:
            continue
        if studies.any_break(earlier.sentence + 1, m.sentence) or _TIME_POINT.search(m.before + m.after):
            continue  # another study, or another time point ("at two years, the 40 deaths ...")
        if not key[1] and _has_antecedent(doc, m.start, m.value):
            continue
        what = f"for the same group ({_fmt(earlier.value)} {key[0]}s)" if key[1] else "for the same events"
        yield Hit(
            m.start, m.end,
            f"`{m.text}` does not match `{earlier.text}` given earlier {what}.",
            f"check against `{earlier.text}`",
        )


def _named_again_with_a_slip(earlier: Mention | None, m: Mention) -> Mention | None:
    """`1,206 drug-related deaths` ... `Of the 1,260 deaths`: the earlier count, named again
    without its modifiers, when the two read as one number typed with two neighbouring digits
    swapped (the wider count, all deaths beside the drug-related ones, would differ otherwise)."""
    if earlier is None or earlier.value != int(earlier.value) or m.value != int(m.value):
        return None
    return earlier if swapped_neighbours(str(int(earlier.value)), str(int(m.value))) else None


# --- (d) a share given both as a count and as a percentage --------------------------------

_SHARE_QUALIFIER = (
    r"(?:(?i:about|around|approximately|roughly|nearly|almost|some|just\s+over|just\s+under|over|under"
    r"|more\s+than|less\s+than|fewer\s+than|close\s+to|an\s+estimated)\s+)"
)
_SHARE_OF = (
    rf"(?P<n>{_NUM})\s+(?P<op>(?i:of|out\s+of|in))\s+(?:(?i:every|the|these|those|all)\s+)?(?P<m>{_NUM})"
)
# What may stand between the whole and the percentage: words, no number, no clause break.
_SHARE_GAP = r"(?P<gap>[^\d.;:!?()\[\]\n,%]{0,70}?)"
_SHARE_PATTERNS = {
    # `96 of the 640 residents in the high-dose group, or 25%`, `12 out of 40 patients (30%)`
    "count_then_pct": re.compile(
        rf"(?P<q>{_SHARE_QUALIFIER})?{_SHARE_OF}{_SHARE_GAP}(?P<turn>\s*,\s*(?i:or)\s+|\s*\(\s*){_SHARE_QUALIFIER}?$"
    ),
    # `Of the 640 residents in the high-dose group, 96 (25%)`
    "whole_first": re.compile(
        rf"(?i:of|among)\s+(?i:the|these|those|all)\s+(?P<m>{_NUM}){_SHARE_GAP},\s*(?P<n>{_NUM})"
        rf"\s*\(\s*{_SHARE_QUALIFIER}?$"
    ),
    # `15% (96 of the 640 residents)`
    "pct_then_count": re.compile(
        rf"\s*\(\s*(?P<q>{_SHARE_QUALIFIER})?{_SHARE_OF}[^\d()\n;%]{{0,50}}\)"
    ),
    # cheap pre-tests on the few characters before / after a percentage
    "turn_before": re.compile(rf"(?:,\s*(?i:or)\s+|\(\s*){_SHARE_QUALIFIER}?$"),
    # after `, or P%` or `(P%`: the share ends there (not `25% of all reactions`, `25% more`)
    "closes_or": re.compile(r"\s*(?:[),;.:!?\"”]|$|(?i:and|but|while|whereas|compared|versus|vs|against)\b)"),
    "closes_paren": re.compile(r"\s*(?:\)|[,;]|(?i:vs|versus|compared)\b)"),
    "change_before": re.compile(r"\b(?i:by|from)\s+$"),
    "clause_start": re.compile(r"(?:^|[.!?;:(\"“\n]\s*)$"),
    "year": re.compile(r"(?:19|20)\d\d"),
    "decimals": re.compile(r"\d(?:\.(\d+))?(?!.*\d)", re.DOTALL),
}
# A share the text gives twice may differ by rounding; beyond this many points (after the
# rounding of each side) the two cannot both be right.
_SHARE_TOLERANCE = 1.0


def _share_interval(n: float, m: float, approximate: bool) -> tuple[float, float]:
    """The percentages `n of m` can stand for: exactly 100·n/m for a count (`96 of the 640`);
    for a rate or an approximate count, anything from (n - 0.5)/m to (n + 0.5)/m (`one in
    three`: 17% to 50%; `8 out of 10`: 75% to 85%)."""
    if not approximate:
        share = 100 * n / m
        return share, share
    return 100 * max(n - 0.5, 0) / m, 100 * (n + 0.5) / m


def _pct_interval(text: str, value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a written percentage covers: `25%` 24.5 to 25.5, `15.3%` 15.25 to 15.35; an
    approximate one (`about 25%`) 1.5 points more either side."""
    m = _SHARE_PATTERNS["decimals"].search(text)
    half = 0.5 * 10 ** -len(m.group(1)) if m and m.group(1) else 0.5
    if qualifier:
        half += 1.5
    return value - half, value + half


def _read_share(m: re.Match) -> tuple[float, float, bool] | None:
    """(n, m, approximate) of a matched `n of m`, or None when it is not a share (`12 in 2020`,
    a part above its whole, an unreadable number)."""
    year = _SHARE_PATTERNS["year"]
    if year.fullmatch(m["m"]) or year.fullmatch(m["n"]):
        return None
    n, whole = parse_number(m["n"]), parse_number(m["m"])
    if n is None or whole is None or whole <= 0 or not 0 <= n <= whole:
        return None
    op = (m.groupdict().get("op") or "of").lower()
    approximate = bool(m.groupdict().get("q")) or op == "in" or whole <= 10
    return float(n), float(whole), approximate


def _share_before(text: str, start: int, window_start: int) -> tuple[re.Match, str] | None:
    """`96 of the 640 residents, or` / `Of the 640 residents, 96 (` right before a percentage."""
    p = _SHARE_PATTERNS
    if not p["turn_before"].search(text, max(window_start, start - 40), start):
        return None
    m = p["count_then_pct"].search(text, window_start, start)
    if m:
        return m, "(" if "(" in m["turn"] else "or"
    m = p["whole_first"].search(text, window_start, start)
    if m and p["clause_start"].search(text, max(0, m.start() - 3), m.start()):
        return m, "("
    return None


def find_share_conflicts(
    doc: Doc, bounds: list[tuple[int, int]], sentence_of: Callable[[int], int], records: list[ClaimMatch] | None = None
) -> Iterator[Hit]:
    """`96 of the 640 residents, or 25%` (96/640 is 15%): a count and the percentage given for it
    must agree, to rounding; also `12 out of 40 (45%)`, `Of the 640, 96 (25%)`, `25% (96 of 640)`.
    `records`: the Doc's `claim_records`, if read."""
    p = _SHARE_PATTERNS
    text = doc_text(doc)
    for claim in claim_records(doc) if records is None else records:
        if claim.kind != "percentage" or claim.unit == "percentage points":
            continue
        value = claim.value
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        if value > 100:
            continue  # "29 (119%)": no share of a whole can be; implausible_value says so
        window_start = max(bounds[sentence_of(claim.start)][0], claim.start - 160)
        pct_text = text[claim.start:claim.end]
        found = _share_before(text, claim.start, window_start)
        if found:
            m, turn = found
            closes = p["closes_paren"] if turn == "(" else p["closes_or"]
            if not closes.match(text, claim.end, min(len(text), claim.end + 40)):
                continue
            span = (claim.start, claim.end)
        else:
            m = p["pct_then_count"].match(text, claim.end, min(len(text), claim.end + 120))
            if not m or p["change_before"].search(text, max(0, claim.start - 10), claim.start):
                continue
            span = (m.start("n"), m.end("m"))
        share = _read_share(m)
        if share is None:
            continue
        n, whole, approximate = share
        low, high = _share_interval(n, whole, approximate)
        p_low, p_high = _pct_interval(pct_text, float(value), claim.qualifier)
        if p_low - high <= _SHARE_TOLERANCE and low - p_high <= _SHARE_TOLERANCE:
            continue
        if _share_of_a_twin(doc, n, whole, approximate, p_low, p_high):
            continue
        exact = 100 * n / whole
        yield Hit(
            span[0], span[1],
            f"{_fmt(n)} of {_fmt(whole)} is {exact:.1f}%, not {pct_text.strip()} as the text gives it.",
            f"{exact:.0f}%?" if span == (claim.start, claim.end) else "check the count against the percentage",
        )


def _share_of_a_twin(doc: Doc, n: float, whole: float, approximate: bool, p_low: float, p_high: float) -> bool:
    """`1,284 adults` ... `Of the 1,248 patients randomised, 1,171 (91%)`: the percentage is right
    of the whole written elsewhere with the same digits in another order, so the whole is the
    slip (`find_transposed_digits` says so), not the percentage."""
    digits = sorted(_fmt(whole))
    for _, value in _doc_numbers(doc).before(len(doc_text(doc))):
        if value != whole and value > n and sorted(_fmt(value)) == digits:
            low, high = _share_interval(n, value, approximate)
            if p_low - high <= _SHARE_TOLERANCE and low - p_high <= _SHARE_TOLERANCE:
                return True
    return False


# --- (b) parts larger than their whole ---------------------------------------------------


def _totals_in_effect(mentions: list[Mention], breaks: list[bool]) -> list[Mention | None]:
    """Per sentence: the study sample in effect as the sentence begins (None after a new study)."""
    first_total: dict[int, Mention] = {}
    for m in mentions:
        if m.is_total:
            first_total.setdefault(m.sentence, m)
    in_effect: list[Mention | None] = []
    total: Mention | None = None
    for index, is_break in enumerate(breaks):
        if is_break:
            total = None
        in_effect.append(total)
        if total is None and index in first_total:
            total = first_total[index]
    return in_effect


def _parts_over_whole(start: int, end: int, values: list[float], whole_text: str, whole: float) -> Hit:
    """The hit on parts (`values`, at [start, end)) that add up to more than their whole."""
    shown = " + ".join(_fmt(v) for v in values)
    return Hit(
        start, end,
        f"{shown} = {_fmt(sum(values))}, more than the whole: `{whole_text}`.",
        f"the parts should add up to at most {_fmt(whole)}",
    )


def _may_exceed_a_whole(total: float, index: int, mentions: list[Mention]) -> bool:
    """Whether parts adding up to `total` in sentence `index` can be more than the whole
    `_whole_for` finds, which is a sample named in that sentence, a study's sample (`is_total`)
    given in an earlier one or a group named in the sentence before: whether one of these is
    smaller than `total`."""
    return any(
        m.value < total and ((m.sentence == index and m.noun and m.label == "sample_size") or (m.sentence < index and m.is_total)
                             or (m.sentence == index - 1 and m.noun))
        for m in mentions
    )


def _whole_for(parts_start: int, s_index: int, mentions: list[Mention], text: str,
               bounds: list[tuple[int, int]], studies: _Studies, arms: bool) -> Mention | None:
    """The whole the parts starting at `parts_start` belong to: a group just before them in the
    sentence (`1,840 participants ..., 1,012 women and 903 men`), or, for the arms of a trial,
    the study's sample; after `Of these`, the study's sample or, in an article reporting no
    study, the last group the sentence before named."""
    p = _patterns()
    s_start, _ = bounds[s_index]
    same = [m for m in mentions if m.sentence == s_index and m.end <= parts_start and m.noun
            and m.label == "sample_size"]
    if same:
        whole = same[-1]
        between = text[whole.end:parts_start]
        if p["comparison"].search(between) or not re.search(r"[,:(—–]|\b(?i:including|comprising|of\s+whom|namely)\b", between):
            return None
        return whole
    if arms:
        return studies.totals[s_index]
    if p["subset_opener"].match(text[s_start:parts_start]):
        if studies.totals[s_index] is not None:
            return studies.totals[s_index]
        # no study: the group the sentence before ended on, named by its noun ("There were now 23
        # confirmed cases, up from 17 on Monday. Of these, 15 are men and nine are women")
        before = [m for m in mentions if m.sentence == s_index - 1 and m.noun]
        return before[-1] if before else None
    return None


# A loose part naming a dose given on top of another ("a booster", "a second dose", "both"):
# its people may also be in the other parts.
_ADD_ON = re.compile(
    r"\b(?i:booster|boosters|second|third|further|additional|extra|another|both|top-up|follow-up|repeat|later)\b"
)
_DOSE_LEVEL = re.compile(r"(?i:(?P<level>high|higher|low|lower|standard|double|single|half|full|reduced)[\s\-]+dose)\b")
_CLAUSE_MARK = re.compile(r"[,;:\u2013\u2014()]")


def _clause_end(sentence: str, offset: int) -> int:
    """Where the clause going on at `offset` ends: the next comma, semicolon or dash, or the
    sentence's end (`received a high-dose top-up, ...` -> before the comma)."""
    m = _CLAUSE_MARK.search(sentence, offset)
    return m.start() if m else len(sentence)


def _dose_levels(labels: list[str]) -> bool:
    """Whether loose parts name different dose levels of one treatment (`received a high-dose
    vaccine` ... `received a low-dose vaccine`): each person gets one of them."""
    levels = [_DOSE_LEVEL.match(label) for label in labels]
    return len(levels) >= 2 and all(levels) and len({m["level"].lower() for m in levels}) == len(levels)


def _arm_chains(sentence: str, numbers: list[int] | None = None) -> Iterator[list[re.Match]]:
    """Runs of two or more parts naming different arms of one trial, in one sentence:
    `104 patients in the low-dose arm, 105 in the high-dose arm and 112 in the placebo arm`.
    `numbers`: the offsets where a number can begin (a part begins with one), if known.

    The first part of a chain is never an elided one (`to X`), and a chain with a loose part
    (`on X`, `received X`) needs a control one or dose levels (`a high-dose ...`, `a low-dose
    ...`) and no add-on (`a booster`, `a second dose`): so a complete chain has a part with
    `assigned` (or `randomised`, `allocated`), `group` (`arm`, `cohort`), a control (`placebo`,
    `dummy`, `sham`, `usual`/`standard` care or vaccine, no `treatment`) or `dose`; `_ARM_WORDS`
    lists these words."""
    p = _patterns()
    chain: list[re.Match] = []
    labels: set[str] = set()
    def complete(parts: list[re.Match]) -> bool:
        # "received X" parts partition a trial only beside a control arm ("120 a placebo", "690
        # received the standard vaccine") or as dose levels of one treatment ("a high-dose ...
        # and a low-dose ..."); "120 received the vaccine and 100 received a booster" may overlap
        loose = [part["on"] for part in parts if part["on"]]
        if len(parts) < 2 or not loose:
            return len(parts) >= 2
        if _ADD_ON.search(sentence, parts[0].start(), _clause_end(sentence, parts[-1].end())):
            return False
        return any(part["control"] for part in parts) or _dose_levels(loose)

    parts = p["arm_part"].finditer(sentence) if numbers is None else matches_at(p["arm_part"], sentence, numbers)
    for m in parts:
        label = re.sub(r"\s+", " ", (m["label"] or m["to"] or m["elided"] or m["control"] or m["on"] or "").lower())
        follows = chain and p["arm_gap"].match(sentence[chain[-1].end():m.start()]) and label not in labels
        if m["elided"] and not follows:
            continue  # "N to X" is a part only after "M were assigned to Y"
        if follows:
            chain.append(m)
            labels.add(label)
            continue
        if complete(chain):
            yield chain
        chain, labels = [m], {label}
    if complete(chain):
        yield chain


def _parts(pattern: re.Pattern, sentence: str, numbers: list[int] | None) -> Iterator[re.Match]:
    """`pattern.finditer(sentence)` for a pattern of parts (`pair`, `pct_pair`), which begins
    with a number (`_NUM`, `_PCT_NUM`): tried only where one can begin (`numbers`, if known),
    not at every character (their leading look-behind makes `re` try each one)."""
    return pattern.finditer(sentence) if numbers is None else matches_at(pattern, sentence, numbers)


def _subset_openers(text: str, bounds: list[tuple[int, int]], first: int) -> set[int]:
    """The sentences from index `first` on that open with `subset_opener` (`Of these, ...`)."""
    opens = _patterns()["subset_opener"].match  # read once: this runs for most sentences
    return {i for i in range(first, len(bounds)) if opens(text, *bounds[i])}


@dataclass
class _PartSentences:
    """The sentences (by index) where `find_parts_over_whole` can find parts, and which kinds.
    Counts and arms are checked against a whole (`_whole_for`): a sample named in the sentence,
    or the study's sample in effect, given in an earlier sentence (for a pair, only after a
    subset opener: `Of these, ...`); two shares (`62% were women and 45% men`) need two `%` or
    `per cent`/`percent`; a chain of arms needs one of its words (see `_arm_chains`). (A pair
    also needs two pair words, and all parts two numbers: asked later, of these sentences only.)"""

    whole: set[int]  # can have a whole
    shares: set[int]  # hold two `%` or `per cent`/`percent`
    arms: set[int]  # can have a whole, and hold an arm word
    pairs: set[int]  # can have a whole for a pair, or hold two shares


def _part_sentences(text: str, folded: str | None, mentions: list[Mention], bounds: list[tuple[int, int]]) -> _PartSentences:
    """The `_PartSentences` of a Doc (`folded`: its folded text; None: every sentence may hold
    shares and arm words)."""
    with_sample = {m.sentence for m in mentions if m.noun and m.label == "sample_size"}
    first_total = next((m.sentence for m in mentions if m.is_total), len(bounds))
    # "... 23 confirmed cases. Of these, ...": a sentence opening on a part of a group just named
    after_named = {m.sentence + 1 for m in mentions if m.noun and m.sentence < first_total} - {len(bounds)}
    opens = _patterns()["subset_opener"].match
    openers = _subset_openers(text, bounds, first_total + 1) | {i for i in after_named if opens(text, *bounds[i])}
    whole = with_sample | set(range(first_total + 1, len(bounds))) | openers
    if folded is None:
        shares, arms = set(range(len(bounds))), set(whole)
    else:
        starts = [b[0] for b in bounds]
        marks = _counts_by_sentence(_starts_in(folded, ("%", "cent"), 0, len(folded)), bounds, starts)
        shares = {i for i, count in marks.items() if count >= 2}
        arms = {index for start, end in _runs(sorted(whole), bounds) for index in _sentences_with(folded, _ARM_WORDS, start, end, bounds, starts, _arm_word_at)}
    return _PartSentences(whole, shares, arms & whole, shares | with_sample | openers)


def _may_hold_elided_pair(folded: str, start: int, end: int) -> bool:
    """Can `elided_pair` (`812 were screened at pharmacies and 463 at a mobile unit`) match in
    [start, end) of the folded text? It needs ` and ` (the only joining word looked for) and
    `were` or `was`."""
    return folded.find(" and ", start, end) >= 0 and (
        folded.find("were", start, end) >= 0 or folded.find("was", start, end) >= 0)


def find_parts_over_whole(
    doc: Doc, mentions: list[Mention], bounds: list[tuple[int, int]], studies: _Studies, folded: str | None = None,
) -> Iterator[Hit]:
    """`1,840 participants ..., 1,012 women and 903 men`; `312 patients ...: 104 in the low-dose
    arm, 105 in the high-dose arm and 112 in the placebo arm`; `62% were women and 45% men`."""
    p = _patterns()
    text = doc_text(doc)
    folded = fold_case(text) if folded is None else folded
    pairs = _complementary_pairs()
    where = _part_sentences(text, folded, mentions, bounds)
    for index in sorted(where.arms | where.pairs):
        s_start, s_end = bounds[index]
        has_whole, has_shares, has_arm = index in where.whole, index in where.shares, index in where.arms
        has_pair = index in where.pairs and (folded is None or _pair_word_count(folded, s_start, s_end) >= 2)
        has_elided = has_whole and index in where.pairs and (folded is None or _may_hold_elided_pair(folded, s_start, s_end))
        if not ((has_pair and (has_whole or has_shares)) or has_arm or has_elided):
            continue
        numbers = _number_starts(folded[s_start:s_end]) if folded is not None else None
        if numbers is not None and len(numbers) < 2:
            continue
        sentence = text[s_start:s_end]
        found: list[tuple[list[tuple[str, int, int]], bool]] = []
        for m in _parts(p["pair"], sentence, numbers) if has_pair and has_whole else ():
            if frozenset((m["w1"].lower(), m["w2"].lower())) in pairs:
                found.append(([(m["n1"], m.start("n1"), m.end("n1")), (m["n2"], m.start("n2"), m.end())], False))
        for m in _parts(p["elided_pair"], sentence, numbers) if has_elided else ():
            found.append(([(m["n1"], m.start("n1"), m.end("n1")), (m["n2"], m.start("n2"), m.end("n2"))], False))
        for chain in _arm_chains(sentence, numbers) if has_arm else ():
            found.append(([(m["n"], m.start("n"), m.end()) for m in chain], True))
        for m in _parts(p["pct_pair"], sentence, numbers) if has_pair and has_shares else ():
            n1, n2 = parse_number(m["n1"]), parse_number(m["n2"])
            if frozenset((m["w1"].lower(), m["w2"].lower())) in pairs and n1 is not None and n2 is not None \
                    and n1 + n2 > 101:  # one point of rounding
                yield Hit(
                    s_start + m.start("n1"), s_start + m.end(),
                    f"{_fmt(n1)}% + {_fmt(n2)}% = {_fmt(n1 + n2)}%: two parts of one group add up to more than all of it.",
                    "the shares should add up to at most 100%",
                )
        for parts, is_arms in found:
            values = [parse_number(raw) for raw, _, _ in parts]
            if any(v is None for v in values):
                continue
            start = s_start + parts[0][1]
            total = sum(values)
            if not _may_exceed_a_whole(total, index, mentions):
                continue  # no whole `_whole_for` can find is smaller: no need to ask it
            whole = _whole_for(start, index, mentions, text, bounds, studies, is_arms)
            if whole is None or whole.qualifier in _LOWER_BOUND:
                continue
            slack = 0.05 * whole.value if whole.qualifier in _APPROX else 0
            if total <= whole.value + slack:
                continue
            if any(m.value == total and m.label == "sample_size" for m in mentions):
                continue  # the parts of another sample given in full (the article went back to its main trial)
            yield _parts_over_whole(start, s_start + parts[-1][2], values, whole.text, whole.value)


# --- (b) parts of earlier events: `Of the cancers diagnosed, 1,102 were in the colon and 851 in the rectum`

_EVENT_PARTS = {
    # `Of the cancers diagnosed, `, `Of the 40 deaths recorded, `, `Among these infections, `
    "opener": re.compile(
        rf"\W*(?i:of|among)\s+(?i:the|these|those|all)\s+(?:(?P<m>{_NUM})\s+)?(?:[\w\-]+\s+){{0,2}}?"
        r"(?P<noun>[A-Za-z\-]+)(?:\s+(?P<verb>[A-Za-z]+ed))?\s*,\s*"
    ),
    # `1,102 were in the colon`: a part placed in a definite place, group or period
    "first": re.compile(
        rf"(?P<n>{_NUM})\s+(?i:were|was|occurred)\s+(?P<prep>(?i:in|at|on|among|during))\s+(?i:the)\s+"
        r"(?P<what>[\w\-]+(?:\s+(?!(?i:and|while|whereas)\b)[\w\-]+)?)"
    ),
    # `, 851 in the rectum`, `and 851 were in the rectum`; after a few more words of the last
    # place (`14 were on the surgical ward on Level 2, nine in ...`)
    "next": re.compile(
        rf"[^,;:.!?()]{{0,40}}?(?:,\s*(?:(?i:and|while|whereas)\s+)?|\s+(?i:and|while|whereas)\s+)(?P<n>{_NUM})\s+"
        r"(?:(?i:were|was|occurred)\s+)?(?P<prep>(?i:in|at|on|among|during))\s+(?i:the)\s+"
        r"(?P<what>[\w\-]+(?:\s+(?!(?i:and|while|whereas)\b)[\w\-]+)?)"
    ),
    "lower_bound": re.compile(r"\b(?i:over|more\s+than|at\s+least|upwards\s+of|well\s+over)\s*$"),
    "approximate": re.compile(r"\b(?i:nearly|almost|about|around|approximately|roughly|some|close\s+to)\s*$"),
    "year": re.compile(r"(?:19|20)\d\d"),
}


# Prepositions that place events alike: a list may go from "on the ward" to "in the unit".
_PREP_KIND = {"in": "place", "at": "place", "on": "place", "among": "among", "during": "during"}


def _event_parts(text: str, start: int, end: int) -> list[re.Match]:
    """The parts of a list that places events (`1,102 were in the colon and 851 in the rectum`)
    beginning at `start`: the same kind of preposition each time (`in`, `at` and `on` place
    alike), a different place each time."""
    p = _EVENT_PARTS
    first = p["first"].match(text, start, end)
    if not first:
        return []
    parts = [first]
    while True:
        m = p["next"].match(text, parts[-1].end(), end)
        if not m or _PREP_KIND.get(m["prep"].lower()) != _PREP_KIND.get(first["prep"].lower()):
            break
        parts.append(m)
    places = {part["what"].lower() for part in parts}
    return parts if len(parts) >= 2 and len(places) == len(parts) else []


def _event_whole(text: str, start: int, end: int, noun: str, verb: str | None) -> tuple[float, str, bool] | None:
    """(value, text, approximate) of the largest earlier count of the same events in [start, end):
    `1,874 of them were diagnosed`, `1,874 cancers`; None if there is none, or if one is only a
    lower bound (`more than 1,800 ...`)."""
    p = _EVENT_PARTS
    forms = [rf"(?:[\w\-]+\s+)?{re.escape(noun)}\b"]
    if verb:
        forms.append(
            r"(?:(?i:of)\s+(?i:them|these|those|whom)\s+)?(?:(?i:were|was|had\s+been|have\s+been|been)\s+)?"
            rf"(?:(?i:newly)\s+)?{re.escape(verb)}\b"
        )
    pattern = re.compile(rf"(?P<w>{_NUM})\s+(?i:{'|'.join(forms)})")
    best = None
    for m in pattern.finditer(text, start, end):
        value = parse_number(m["w"])
        if value is None or _EVENT_PARTS["year"].fullmatch(m["w"]):
            continue
        lead = text[max(start, m.start() - 20):m.start()]
        if p["lower_bound"].search(lead):
            return None
        if best is None or value > best[0]:
            best = (float(value), m.group(0), bool(p["approximate"].search(lead)))
    return best


def _study_start(studies: _Studies, bounds: list[tuple[int, int]], index: int) -> int:
    """Where the study going on in sentence `index` begins: the last sentence up to it where
    another study begins, or the text's start."""
    last = max((i for i, is_break in enumerate(studies.breaks[:index + 1]) if is_break), default=None)
    return 0 if last is None else bounds[last][0]


def find_event_parts_over_whole(doc: Doc, bounds: list[tuple[int, int]], studies: _Studies) -> Iterator[Hit]:
    """`1,874 of them were diagnosed with colorectal cancer` ... `Of the cancers diagnosed, 1,102
    were in the colon and 851 in the rectum`: events placed in different places cannot add up
    to more than all of them (the whole given in the opener, or the largest earlier count of
    the same events in the same study)."""
    p = _EVENT_PARTS
    text = doc_text(doc)
    opens = p["opener"].match  # read once: this runs for every sentence
    for index, (s_start, s_end) in enumerate(bounds):
        opener = opens(text, s_start, s_end)
        if not opener or opener["noun"].lower() not in _event_nouns():
            continue
        parts = _event_parts(text, opener.end(), s_end)
        if not parts:
            continue
        values = [parse_number(part["n"]) for part in parts]
        if any(v is None for v in values):
            continue
        if opener["m"]:
            value = parse_number(opener["m"])
            whole = None if value is None else (float(value), opener["m"], False)
        else:
            whole = _event_whole(text, _study_start(studies, bounds, index), s_start, opener["noun"], opener["verb"])
        if whole is None:
            continue
        total = sum(values)
        slack = 0.05 * whole[0] if whole[2] else 0
        if total <= whole[0] + slack:
            continue
        yield _parts_over_whole(parts[0].start("n"), parts[-1].end(), values, whole[1], whole[0])


# --- (b2) a count split into subtypes: `412 lab-confirmed influenza cases ... Of those, 268 were
# influenza A and 171 were influenza B`

# The subtypes are told apart by a last letter or number only ("influenza A"/"influenza B",
# "type 1"/"type 2", "serogroup B"/"serogroup W"): two kinds of one thing, no case in both.
_SUBTYPE_SPLIT = re.compile(
    rf"(?i:of)\s+(?i:those|these|them|the\s+(?P<m>{_NUM})(?:\s+[\w\-]+){{1,3}}?)\s*,\s*"
    rf"(?P<n1>{_NUM})\s+(?i:were|was)\s+(?P<w1>(?:[A-Za-z][\w\-]*\s+){{1,2}}?)(?P<t1>[A-Z]|\d{{1,2}})\b"
    rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?P<n2>{_NUM})\s+(?:(?i:were|was)\s+)?(?P<w2>(?:[A-Za-z][\w\-]*\s+){{1,2}}?)(?P<t2>[A-Z]|\d{{1,2}})\b"
)


def find_subtype_parts_over_whole(doc: Doc, records, bounds: list[tuple[int, int]], sentence_of: Callable[[int], int]) -> Iterator[Hit]:
    """Two subtypes of a count ("Of those, 268 were influenza A and 171 were influenza B") that
    add up to more than it: the number in the opener ("Of the 412 cases, ..."), or else the last
    count in the sentence before ("Of those"). Subtypes differ only in their last letter or
    number, so no case is in both."""
    text = doc_text(doc)
    if " were " not in text and " was " not in text:
        return
    for m in _SUBTYPE_SPLIT.finditer(text):
        if m["w1"].lower() != m["w2"].lower() or m["t1"] == m["t2"]:
            continue
        values = [parse_number(m["n1"]), parse_number(m["n2"])]
        if None in values:
            continue
        if m["m"]:
            whole_value, whole_text = parse_number(m["m"]), m["m"]
        else:
            index = sentence_of(m.start())
            if index == 0:
                continue
            before = [r for r in records if bounds[index - 1][0] <= r.start < m.start()
                      and r.kind in ("count", "sample_size") and isinstance(r.value, (int, float))]
            if not before:
                continue
            whole_value, whole_text = before[-1].value, text[before[-1].start:before[-1].end]
        if whole_value is not None and sum(values) > whole_value:
            yield _parts_over_whole(m.start("n1"), m.end("t2"), values, whole_text, whole_value)


# --- (c) an outbreak's cases split by outcome: `Of the 214 confirmed cases, 168 have been
# discharged, 31 died, while 24 are still on admission`

# Where each case stands: recovered, died, or still ill. Each person is in one of them.
_OUTCOME_STATES = {
    "recovered": r"(?:treated\s+and\s+)?(?:discharged|recovered|released|cured)",
    "died": r"died|dead|passed\s+away|succumbed",
    "active": r"(?:on\s+admission|in\s+hospital|(?:receiving|under(?:going)?)\s+treatment|being\s+treated|in\s+isolation|admitted)",
}
_OUTCOME_PART = re.compile(
    rf"(?P<n>{_NUM})(?:\s*\(\s*\d+(?:\.\d+)?\s*%\s*\))?\s+(?:[A-Za-z\-]+\s+){{0,2}}?"
    r"(?:(?i:have|has|had|are|is|were|was|remain|remained|remaining)\s+)?(?:(?i:been|still)\s+){0,2}"
    + "(?:" + "|".join(rf"(?P<{k}>(?i:{v}))" for k, v in _OUTCOME_STATES.items()) + r")\b"
)


def find_outcome_parts_over_whole(doc: Doc, bounds: list[tuple[int, int]]) -> Iterator[Hit]:
    """`Of the 214 confirmed cases, 168 patients have been treated and discharged, 31 died, while
    24 are still on admission`: cases split by where they stand (recovered, died, still in
    hospital; each at most once) cannot add up to more than all of them."""
    text = doc_text(doc)
    opens = _EVENT_PARTS["opener"].match
    for s_start, s_end in bounds:
        opener = opens(text, s_start, s_end)
        if not opener or not opener["m"]:
            continue
        whole = parse_number(opener["m"])
        parts = list(_OUTCOME_PART.finditer(text, opener.end(), s_end))
        states = [next(k for k in _OUTCOME_STATES if part[k]) for part in parts]
        if whole is None or len(parts) < 2 or len(set(states)) != len(states):
            continue
        values = [parse_number(part["n"]) for part in parts]
        if None in values or sum(values) <= whole:
            continue
        yield _parts_over_whole(parts[0].start("n"), parts[-1].end(), values, f"{opener['m']} {opener['noun']}", whole)


# --- (c2) a group split into parts that exclude each other: `Of the 214 parents who replied,
# 131 have a child on medication and 97 said their child isn't on meds`

# `Of the 214 parents who replied, `, `Of the 102 responders, `, `Of those, ` (the whole said in
# the sentence before), `Of the survey's respondents, ` (shares only)
_PARTS_OPENER = re.compile(
    rf"\W*(?i:of|among)\s+(?:(?i:the|these|those|all|them|whom)\b\s*)?(?:[\w\-]+['’]s\s+)?(?:(?P<m>{_NUM})\s+)?"
    r"(?P<rest>[^,;:.!?()\d]{0,60}?)(?:\([^()]{0,60}\))?\s*,\s*"
)
# One part: a number (its share in brackets, or itself a share), then what it is, up to the next part.
_THE_REST = r"(?:(?i:the\s+(?:remaining|other|rest)|a\s+further|another)\s+)?"  # ("and the remaining 49%")
_PART = re.compile(
    rf"(?:(?P<p>{_PCT_NUM})(?P<pct>\s*(?:%|(?i:per\s?cent|percent)))|(?P<n>{_NUM}))(?:\s*\(\s*\d+(?:\.\d+)?\s*%\s*\))?\s+"
    # what the part is, up to the next part's number, or the clause's end
    rf"(?P<clause>(?:(?!\d)[^;:.!?()])*?)(?=\s*(?:,\s*(?:(?i:and|while|whereas)\s+)?|\s+(?i:and|while|whereas)\s+){_THE_REST}\d"
    r"|\s*(?:[;:.!?(]|,\s+(?![\w\s]{0,30}\d)|$))"
)
_PART_GAP = re.compile(rf"\s*,?\s*(?:(?i:and|while|whereas)\s+)?{_THE_REST}$")
# Words that let parts overlap (`also`, `both`, `of them`, `including`): no check.
_OVERLAP = re.compile(r"(?i:\b(?:also|both|as\s+well|of\s+(?:them|whom|these|those)|including|at\s+least|or\s+more|more\s+than|over)\b)")
_NEGATION = re.compile(r"(?i:\b(?:not|never|no|without)\b|n[’']t\b)")
# States a person is in only one of: a test's result, a response to treatment, a programme's end,
# working hours, sex and age group.
_STATE_GROUPS = (
    ("positive", "negative", "inconclusive"),
    ("complete", "partial"),
    ("completed", "dropped out", "never attended", "did not attend", "withdrew"),
    ("full-time", "part-time"),
    ("girls", "boys"), ("women", "men"), ("children", "adults"),
    # an answer to a request, yes or no (`_STATE_ANSWER`)
    ("agreed", "consented", "accepted", "supported", "declined", "refused", "objected", "opted out"),
)
# The answers that say the same: two parts that both agreed, in other words, are no two states.
_STATE_ANSWER = {"agreed": "yes", "consented": "yes", "accepted": "yes", "supported": "yes",
                 "declined": "no", "refused": "no", "objected": "no", "opted out": "no"}
_STATE_WORD = re.compile(r"(?i:\b(?:" + "|".join(w.replace(" ", r"\s+").replace("-", r"[\s\-]?") for g in _STATE_GROUPS for w in g) + r")\b)")
_STATE_GROUP = {w.replace("-", " "): i for i, group in enumerate(_STATE_GROUPS) for w in group}  # word -> its group
_CONTENT_WORD = re.compile(r"[a-z]{4,}")
# Words two answers share whatever they say ("78% said they felt ..., 61% said they would not ...")
_NOT_CONTENT = frozenset(
    "said says told reported felt feel thought think have having were been would could should will they them their "
    "there that this those these with from what which when than more about into also".split())
_SAME_PLACE_OPENING = re.compile(r"(?i:^(?:(?:were|was|are|is|lived|live|living|died|occurred)\s+)?(in|at)\s)")


def _state_of(clause: str) -> tuple[int, str] | None:
    """(the group, the state) a part's clause names, if any ("were girls" -> the sexes, "girls")."""
    m = _STATE_WORD.search(clause)
    if m is None:
        return None
    word = re.sub(r"[\s\-]+", " ", m.group().lower())
    return (_STATE_GROUP[word], _STATE_ANSWER.get(word, word)) if word in _STATE_GROUP else None


def _exclusive(clauses: list[str]) -> bool:
    """Do the parts' clauses say they exclude each other: one the negation of another (sharing a
    word), two different states of one kind, or each in its own place (`in children under five`,
    `in adults`)?"""
    if any(_OVERLAP.search(c) for c in clauses):
        return False
    negated = [bool(_NEGATION.search(c)) for c in clauses]
    words = [set(_CONTENT_WORD.findall(c.lower())) - _NOT_CONTENT for c in clauses]
    for i in range(len(clauses)):
        for j in range(len(clauses)):
            if negated[i] and not negated[j] and (words[i] & words[j] or len(words[i]) <= 1):
                return True
    states = [_state_of(c) for c in clauses]
    if all(states) and len({g for g, _ in states}) == 1 and len({w for _, w in states}) == len(states):
        return True
    places = [_SAME_PLACE_OPENING.match(c.strip()) for c in clauses]
    return all(places) and len({p.group(1).lower() for p in places}) == 1 and len({c.strip().lower() for c in clauses}) == len(clauses)


def find_exclusive_parts_over_whole(doc: Doc, bounds: list[tuple[int, int]], records) -> Iterator[Hit]:
    """`Of the 214 parents who replied, 131 have a child on medication and 97 said their child
    isn't on meds`; `Of those, 201 were girls and 104 were boys`; `71 % were very satisfied, 24 %
    were satisfied and 9 % were not satisfied`: parts that exclude each other (`_exclusive`)
    cannot add up to more than the group they split (or, as shares, to more than 100%)."""
    text = doc_text(doc)
    for index, (s_start, s_end) in enumerate(bounds):
        opener = _PARTS_OPENER.match(text, s_start, s_end)
        if opener is None:
            continue
        parts: list[re.Match] = []
        at = opener.end()
        while at < s_end:
            m = _PART.match(text, at, s_end)
            if m is None:
                break
            parts.append(m)
            nxt = _PART_NUMBER.search(text, m.end(), s_end)
            if nxt is None or not _PART_GAP.search(text, m.end(), nxt.start()):
                break
            at = nxt.start()
        if len(parts) < 2 or len({bool(p["pct"]) for p in parts}) != 1:
            continue
        values = [parse_number(p["p"] or p["n"]) for p in parts]
        if None in values or not _exclusive([p["clause"] for p in parts]):
            continue
        total = sum(values)
        if parts[0]["pct"]:
            if total > 102:  # (a point of rounding per part)
                yield Hit(parts[0].start("p"), parts[-1].end(),
                          f"{' + '.join(_fmt(v) + '%' for v in values)} = {_fmt(total)}%: parts of one group that exclude each other add up to more than all of it.",
                          "the shares should add up to at most 100%")
            continue
        whole_text, whole = _opened_whole(text, opener, index, bounds, records)
        if whole is None or total <= whole:
            continue
        yield _parts_over_whole(parts[0].start("n"), parts[-1].end(), values, whole_text, whole)


_PART_NUMBER = re.compile(rf"{_PCT_NUM}\s*(?:%|(?i:per\s?cent|percent))|{_NUM}")


def _opened_whole(text: str, opener: re.Match, index: int, bounds, records) -> tuple[str, float | None]:
    """The whole an opener names: its number (`Of the 214 parents`), or after `Of those,` the
    last count or sample of the sentence before."""
    if opener["m"]:
        if opener["rest"] and re.match(r"\s*(?i:per|in|%|percent|per\s?cent)\b", opener["rest"]):
            return "", None
        return f"{opener['m']} {opener['rest'].strip()}".strip(), parse_number(opener["m"])
    if opener["rest"].strip() or index == 0:
        return "", None
    p_start, p_end = bounds[index - 1]
    before = [r for r in records if p_start <= r.start < p_end and r.kind in ("count", "sample_size")]
    if not before or before[-1].qualifier:
        return "", None
    return text[before[-1].start:before[-1].end], before[-1].value


# --- a count given again with its digits in another order ---------------------------------

_TRANSPOSED_MIN = 1000  # shorter numbers share their digits by chance too often
_TRANSPOSED_MIN_REFERRED = 10  # two or three digits: only a definite reference back, two neighbours swapped
# ... or a study's enrolment given twice ("enrolled 412 women" ... "randomized 421 women")
_ENROLLED_BEFORE = re.compile(
    r"(?i:\b(?:enrolled|enrolling|randomi[sz]ed|randomi[sz]ing|randomly\s+assigned|recruited|recruiting)\s+"
    r"(?:(?:a\s+total\s+of|some|about|around|nearly|almost|more\s+than|over)\s+)?)$"
)


# "an audit of 480 patient records", "a survey of 2,017 adults": a study's sample, named with the study
_STUDY_OF_BEFORE = re.compile(
    r"\b(?i:audit|study|survey|review|analysis|trial)\s+(?i:of)\s+"
    r"(?:(?i:about|around|nearly|almost|some|more\s+than|over)\s+)?$"
)
# "Of the 460 records audited": the same sample referred back to, told by its study's verb
_OF_THE_BEFORE = re.compile(r"\b(?i:of|among|for)\s+(?i:the|all)\s+$")
_STUDIED_AFTER = re.compile(
    r"\s+(?i:audited|enrolled|surveyed|analysed|analyzed|reviewed|studied|recruited|randomi[sz]ed|included|sampled)\b"
)


def find_restated_enrolments(doc: Doc, records) -> Iterator[Hit]:
    """`randomly assigned 184 adults` ... `enrolled 194 adults`, `an audit of 480 patient records`
    ... `Of the 460 records audited`: a study's enrolment given again, of the same people or
    records, with one digit changed: one of the two mistyped. (Two neighbouring
    digits swapped are `find_transposed_digits`'s; a changed zero is most often two round
    numbers, not a slip.) The later one is flagged."""
    text = doc_text(doc)
    first: dict[str, tuple[str, str]] = {}  # noun -> the digits and text of its first enrolment
    for r in records:
        if r.kind != "sample_size" or not r.unit or not isinstance(r.value, int) or r.value < _TRANSPOSED_MIN_REFERRED:
            continue
        if not (_ENROLLED_BEFORE.search(text, max(0, r.start - 30), r.start)
                or _STUDY_OF_BEFORE.search(text, max(0, r.start - 30), r.start)
                or (r.unit in first and _OF_THE_BEFORE.search(text, max(0, r.start - 12), r.start)
                    and _STUDIED_AFTER.match(text, r.end))):
            continue
        digits = str(r.value)
        earlier = first.setdefault(r.unit, (digits, text[r.start:r.end]))
        if one_digit_changed(earlier[0], digits) and not _moved_a_zero(earlier[0], digits):
            yield Hit(
                r.start, r.end,
                f"`{text[r.start:r.end]}` differs by one digit from `{earlier[1]}`, the study's sample given "
                "earlier: one of the two may be mistyped.",
                f"check against `{earlier[1]}`",
            )


def find_transposed_digits(doc: Doc, records) -> Iterator[Hit]:
    """`performed 38,460 operations` ... `carried out 36,840 operations`: a count or sample of the
    same noun given again with the same digits in another order, a typing slip in one of them.
    Numbers of four digits or more; of three, a definite reference back or a study's enrolment
    given again ("enrolled 412 women" ... "randomized 421 women", or in a quotation: "With 421
    women, ..."), two neighbouring digits swapped. The later one is flagged. Two cells of one
    table are two rows, never a slip (`| 65 to 69 | 20,410 |` ... `| 75 to 79 | 40,120 |`)."""
    seen: dict[tuple[str | None, str], tuple[int, str]] = {}
    in_table: set[tuple[str | None, str]] = set()  # keys whose earlier number is a table cell
    enrolled: set[tuple[str | None, str]] = set()  # keys whose earlier number is a study's enrolment
    samples: dict[str, tuple[int, str]] = {}  # the first count or sample of each set of digits, any noun
    three_digits: dict[str, tuple[int, str, int, str]] = {}  # the same, of three digits, with a noun (and the noun)
    written: dict[tuple[str | None, str], list[tuple[int, str]]] = {}  # every number of each key, in order
    text = doc_text(doc)
    for r in records:
        if r.kind not in ("count", "sample_size") or not isinstance(r.value, int):
            continue
        if r.value < _TRANSPOSED_MIN_REFERRED:
            continue
        digits = str(r.value)
        if not r.unit:
            # a bare number referred back to: "recruited 3,118 people" ... "the 3,181 already tested"
            first = samples.get("".join(sorted(digits)))
            if first is not None and r.value >= _TRANSPOSED_MIN and _swapped_back(text, first[0], r) \
                    and not _compared_where_given(text, first, r):
                yield _transposed(text, r, first[1])
            continue
        key = (r.unit, "".join(sorted(digits)))
        earlier = seen.get(key)
        if earlier is not None and r.value < _TRANSPOSED_MIN:
            # three digits: the earlier number two neighbouring digits away, if any ("412 students"
            # in a correction, "142 students" ... "the 124 students")
            earlier = next((e for e in written[key] if swapped_neighbours(str(e[0]), digits)), earlier)
        if earlier is not None:
            written[key].append((r.value, text[r.start:r.end], r.start))
        if earlier is not None and key in in_table and _in_table_row(text, r.start):
            continue
        if earlier is not None and not _may_be_one_slip(str(earlier[0]), digits, earlier[1], text[r.start:r.end], r.unit):
            continue
        if r.value < _TRANSPOSED_MIN:
            # three digits: only a definite reference back with two neighbouring digits swapped
            # ("412 Yellow Card reports" ... "all 421 reports"); of another noun too, when nothing
            # else written before it gives its number ("we treated 412" ... "Of the 421 riders")
            other = three_digits.get(key[1]) if r.value >= 100 else None
            # (or, in a quotation, of people named in other general words: "186 people ... waiting"
            # ... '"168 residents waiting for care"')
            if earlier is None and other is not None and swapped_neighbours(str(other[0]), digits) \
                    and (_patterns()["definite"].search(text, max(0, r.start - 40), r.start)
                         or (_compatible_nouns(other[3], r.unit) and _in_quotation(text, r.start))) \
                    and not _compared_where_given(text, other, r) and not _has_antecedent(doc, r.start, r.value):
                yield _transposed(text, r, other[1])
                continue
            three_digits.setdefault(key[1], (r.value, text[r.start:r.end], r.start, r.unit))
            if earlier is None:
                seen[key] = (r.value, text[r.start:r.end], r.start)
                written[key] = [seen[key]]
                if _in_table_row(text, r.start):
                    in_table.add(key)
                if r.kind == "sample_size" and _ENROLLED_BEFORE.search(text, max(0, r.start - 30), r.start):
                    enrolled.add(key)
            elif swapped_neighbours(str(earlier[0]), digits) and (
                    _patterns()["definite"].search(text, max(0, r.start - 40), r.start)
                    or (key in enrolled and r.kind == "sample_size"
                        and _ENROLLED_BEFORE.search(text, max(0, r.start - 30), r.start))
                    or ((key in enrolled or r.value >= 100) and _in_quotation(text, r.start))) \
                    and not _compared_where_given(text, earlier, r):  # '"With 421 patients, ..." he said'
                yield _transposed(text, r, earlier[1])
            continue
        first = samples.setdefault(key[1], (r.value, text[r.start:r.end], r.start))
        if earlier is None and _swapped_back(text, first[0], r):
            # "1,842 young people" ... "the 1,824 children in these trials", "the 3,214-person trial";
            # "2,146 previously undiagnosed cases" ... "the 2,416 relatives found to carry FH"
            earlier = first
        if earlier is None:
            seen[key] = (r.value, text[r.start:r.end], r.start)
            written[key] = [seen[key]]
            if _in_table_row(text, r.start):
                in_table.add(key)
            continue
        if earlier[0] != r.value and not _compared_where_given(text, earlier, r):
            yield _transposed(text, r, earlier[1])


def _sum_or_difference_before(doc: Doc, offset: int, value: int) -> bool:
    """Whether two numbers written before `offset`, each of ten or more, add up to `value` or
    differ by it, however small the part ("Of the 990 people told no signal was found" after
    "1,000 people" and "10 people")."""
    values = {v for _, v in _doc_numbers(doc).before(offset) if v >= 10 and v == int(v)}
    return any(value - v in values or v - value in values for v in values)


def _same_group_again(text: str, earlier: tuple[int, str, int], r, said_before: str) -> bool:
    """Whether the reference names no other group than the earlier number: none of the earlier
    one's modifiers dropped ("1,206 drug-related deaths" ... "the 1,296 deaths" may be all deaths),
    and a restricting clause after it only in the earlier one's words ("38 infants were treated"
    ... "the 36 infants treated in STRIDE-SMA"; not "2,017 adults" ... "the 2,010 adults who
    smoked"). `said_before`: the earlier number's sentence, lower-cased."""
    mods_before = set(_noun_and_modifiers(earlier[1], r.unit)[1].split())
    mods_now = set(_noun_and_modifiers(text[r.start:r.end], r.unit)[1].split())
    if not mods_before <= mods_now:
        return False
    after = text[r.end:r.end + 60]
    if not _patterns()["restricting"].match(after):
        return True
    words = [w for w in _WORD.findall(after.lower())[:3] if len(w) > 3]
    return bool(words) and words[0] in said_before


_SLIP_SHARE = 0.12  # a part named by a definite reference is most often far smaller than its whole


def find_definite_slips(doc: Doc, records, sentence_of: Callable[[int], int], bounds: list[tuple[int, int]]) -> Iterator[Hit]:
    """`38 infants were treated` ... `Among the 36 infants treated`: a definite reference back to a
    group or count of the same noun, whose number nothing before it gives (`_has_antecedent`:
    not the number, nor a sum or difference of two), one digit away from the one given before
    it (same length, two digits or more) and close to it (within 12%: "the 11 studies in children"
    after "19 studies" is a part). The reference is flagged. Not when the two stand in one
    sentence or one table row, or when two earlier numbers of the noun are one digit away."""
    text = doc_text(doc)
    given: dict[str, list[tuple[int, str, int]]] = {}  # noun -> (value, text, start) given so far
    for r in records:
        if r.kind not in ("count", "sample_size") or not isinstance(r.value, int) or not r.unit or r.value < 10:
            continue
        earlier = given.setdefault(r.unit.lower(), [])
        digits = str(r.value)
        if earlier and _patterns()["definite"].search(text, max(0, r.start - 40), r.start) \
                and not _in_table_row(text, r.start) and not _has_antecedent(doc, r.start, r.value) \
                and not _sum_or_difference_before(doc, r.start, r.value):
            slips = [e for e in earlier if one_digit_changed(str(e[0]), digits) and abs(e[0] - r.value) <= _SLIP_SHARE * e[0]]
            if len(slips) == 1 and not _compared_where_given(text, slips[0], r) and _same_group_again(
                    text, slips[0], r, text[slice(*bounds[sentence_of(slips[0][2])])].lower()):
                yield Hit(
                    r.start, r.end,
                    f"`{text[r.start:r.end]}` refers back to a number given nowhere before it; "
                    f"`{slips[0][1]}` earlier differs by one digit: one of the two may be mistyped.",
                    f"check against `{slips[0][1]}`",
                )
        earlier.append((r.value, text[r.start:r.end], r.start))


# the number a dose is written with: "14.2" in "14.2 mg of sibutramine"
_DOSE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def find_transposed_doses(doc: Doc, records) -> Iterator[Hit]:
    """`contained 14.2 mg of sibutramine` ... '"pills with 12.4 mg of a banned drug"': a dose of
    three digits or more given again in a quotation, in the same unit, with two neighbouring
    digits swapped (the decimal point where it was). The quoted one is flagged. Two doses set
    side by side (one sentence, one table row) are two values."""
    text = doc_text(doc)
    seen: dict[tuple[str, int, int], list[tuple[str, str, int]]] = {}  # (unit, length, point) -> doses
    for r in records:
        if r.kind != "dose" or not r.unit:
            continue
        m = _DOSE_NUMBER.search(text, r.start, r.end)
        if m is None:
            continue
        written = m.group().replace(",", "")
        digits = written.replace(".", "")
        if len(digits) < 3:
            continue
        key = (r.unit.lower(), len(written), written.find("."))
        earlier = seen.setdefault(key, [])
        if _in_quotation(text, r.start) and not _in_table_row(text, r.start):
            slip = next((e for e in earlier if swapped_neighbours(e[0], digits)), None)
            if slip is not None and not _compared_where_given(text, (None, slip[1], slip[2]), r):
                yield _transposed(text, r, slip[1])
                continue
        earlier.append((digits, text[r.start:r.end], r.start))


_SENTENCE_BREAK = re.compile(r"[.!?](?:\s|$)|\n")


def _compared_where_given(text: str, earlier: tuple, r) -> bool:
    """Are the two numbers set side by side, so two values and no slip: in one sentence ("1,146
    admissions, down 29% on the 1,614 in 2023/24"), or in one table row (`| All | 1,614 | 1,146 |`)?"""
    first = earlier[2]
    if first < r.start and _SENTENCE_BREAK.search(text, first, r.start) is None:
        return True
    if _in_table_row(text, r.start):
        line_start = text.rfind("\n", 0, r.start) + 1
        line_end = text.find("\n", r.start)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        return re.search(rf"(?<![\d,.]){re.escape(earlier[1].split()[0])}(?![\d,.])", line) is not None
    return False


def _swapped_back(text: str, first: int, r) -> bool:
    """Whether `r` refers back ("the", "all", "those" ...) to the number `first` with two of its
    digits swapped (not a zero moved: two round numbers)."""
    a, b = str(first), str(r.value)
    return (two_digits_swapped(a, b) and not _moved_a_zero(a, b)
            and _patterns()["definite"].search(text, max(0, r.start - 40), r.start) is not None)


def _in_table_row(text: str, offset: int) -> bool:
    """Whether `offset` is in a line of a Markdown table (`| 65 to 69 | 20,410 |`)."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    return text.count("|", line_start, len(text) if line_end < 0 else line_end) >= 2


def _transposed(text: str, r, earlier: str) -> Hit:
    """The hit on a count or sample whose digits `earlier` gave in another order."""
    return Hit(
        r.start, r.end,
        f"`{text[r.start:r.end]}` has the digits of `{earlier}` earlier in the article in another "
        "order: one of the two may be mistyped.",
        f"check against `{earlier}`",
    )


def _may_be_one_slip(a: str, b: str, a_text: str, b_text: str, unit: str | None) -> bool:
    """Whether two numbers of one noun with the same digits may be one number mistyped: not when
    the digits that moved include a zero (1,200 and 1,020 children are two round numbers far
    more often than a slip), nor when the two groups are told apart by their words (1,200
    Swedish children, 1,020 Canadian children; "412 emergency asthma admissions" ... "the 421
    emergency admissions" are one group named more briefly)."""
    if _moved_a_zero(a, b):
        return False
    mods_a, mods_b = (set(_noun_and_modifiers(t, unit)[1].split()) - _SAME_GROUP_WORDS for t in (a_text, b_text))
    return not (mods_a and mods_b and not (mods_a <= mods_b or mods_b <= mods_a))


# Words that tell no group apart: "1,860 additional respiratory admissions" ... "the 1,680 extra
# respiratory admissions" are one group.
_SAME_GROUP_WORDS = frozenset({"additional", "extra", "excess", "further", "estimated"})


def _moved_a_zero(a: str, b: str) -> bool:
    """Whether a zero is among the digits in which `a` and `b` (of one length) differ."""
    return any(x == "0" or y == "0" for x, y in zip(a, b) if x != y)


# --- randomised arms that do not add up to the number randomised -----------------------

# "randomised 1:1 to A (n = 308) or to B (n = 296)": the allocation ratio says how many arms
# there are, and each arm's size is given in brackets.
_ALLOCATION_RATIO = re.compile(r"(?<![\d.:])\d{1,2}(?::\d{1,2}){1,3}(?![\d.:])")
_ARM_SIZE = re.compile(rf"\(\s*[nN]\s*=\s*(?P<n>{NUMBER})\s*\)")
# "612 patients randomised", "the 612 patients who were randomised", "randomised 612 patients"
_RANDOMISED_TOTAL = re.compile(
    rf"(?P<a>{_NUM})\s+(?:[A-Za-z\-]+\s+){{0,2}}?(?:(?i:who|that)\s+)?(?:(?i:were|was|had\s+been)\s+)?(?i:randomi[sz]ed|randomly\s+assigned)\b"
    rf"|(?i:randomi[sz]ed|randomly\s+assigned)\s+(?:(?i:a\s+total\s+of)\s+)?(?P<b>{_NUM})\s+(?:[A-Za-z\-]+\s+){{0,2}}?"
    r"(?i:patients|participants|people|adults|children|women|men|volunteers|subjects)\b"
)
_ARMS_REACH = 3000  # characters between the arms and the total, at most
# A live blog's entry stamp on a line of its own ("11:12"): the arms and the total on either side of
# one belong to two entries, most often two trials
_ENTRY_STAMP = re.compile(r"^[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*(?i:am|pm|gmt|bst|cet|et))?[ \t]*$", re.M)


def find_randomised_arms_mismatch(doc: Doc, bounds: list[tuple[int, int]], folded: str) -> Iterator[Hit]:
    """`Patients were randomised 1:1 to A (n = 308) or to B (n = 296)` ... `Of the 612 patients
    randomised`: arms given in full (as many sizes as the allocation ratio has parts) add up
    to all who were randomised; a number randomised that is not their sum is flagged."""
    if "randomi" not in folded or "n" not in folded:
        return
    text = doc_text(doc)
    arms: list[tuple[int, float]] = []  # (where the arms are, their sum)
    for s_start, s_end in bounds:
        if folded.find("randomi", s_start, s_end) < 0 and folded.find("allocated", s_start, s_end) < 0:
            continue
        ratio = _ALLOCATION_RATIO.search(text, s_start, s_end)
        sizes = [parse_number(m["n"]) for m in _ARM_SIZE.finditer(text, s_start, s_end)]
        if ratio is None or len(sizes) < 2 or None in sizes or len(sizes) != ratio.group().count(":") + 1:
            continue
        arms.append((s_start, float(sum(sizes))))
    if not arms:
        return
    for m in _RANDOMISED_TOTAL.finditer(text):
        raw = m["a"] or m["b"]
        value = parse_number(raw)
        if value is None or _EVENT_PARTS["year"].fullmatch(raw):
            continue
        near = [total for where, total in arms if abs(where - m.start()) <= _ARMS_REACH
                and not _ENTRY_STAMP.search(text, min(where, m.start()), max(where, m.start()))]
        if near and all(total != value for total in near):
            start = m.start("a") if m["a"] else m.start("b")
            yield Hit(
                start, m.end(),
                f"`{m.group(0)}`, but the arms randomised add up to {_fmt(near[0])}.",
                f"the arms add up to {_fmt(near[0])}",
            )


# "The trial recruited 240 undergraduates. They were randomly split into three groups: 82 did
# HIIT, 80 did MICT and 86 stayed on the waiting list": the arms of a split add up to more than
# the study that was split. The total is the last number recruited, enrolled or randomised in
# the split's sentence or the one before it.
_SPLIT_TOTAL = re.compile(
    rf"(?i:recruited|enrolled|randomi[sz]ed|included|took\s+part|involved|studied|followed)\s+(?:(?i:a\s+total\s+of|all)\s+)?(?P<a>{_NUM})\b(?![,.]\d)"
)


def find_split_arms_over_total(doc: Doc, bounds: list[tuple[int, int]]) -> Iterator[Hit]:
    text = doc_text(doc)
    for arms in split_arm_lists(text):
        if len(arms) < 2:
            continue
        i = bisect.bisect_right([a for a, _ in bounds], arms[0].start) - 1
        start = bounds[max(0, i - 1)][0] if bounds else 0
        totals = list(_SPLIT_TOTAL.finditer(text, start, arms[0].start))
        total = parse_number(totals[-1]["a"]) if totals else None
        summed = sum(a.value for a in arms)
        if total is None or _EVENT_PARTS["year"].fullmatch(totals[-1]["a"]) or summed <= total:
            continue
        last = arms[-1]
        yield Hit(
            last.start, last.end,
            f"the {len(arms)} groups add up to {_fmt(summed)}, more than the {_fmt(total)} "
            f"they were split from (`{totals[-1].group(0)}`).",
            "check the group sizes against the total",
        )


# --- a programme's length given again as another length -------------------------------

# `the 14-week programme` ... `the 16-week programme`: the length of one programme, restated.
# The length is a duration claim (`14-week`); the programme follows it, a determiner precedes it.
_PROGRAMME_AFTER = re.compile(
    r"(?:[-\u2010]long)?\s+(?P<noun>(?i:programme|program|course|intervention|regimen|scheme))s?\b"
)
_DETERMINER_BEFORE = re.compile(r"(?i:\b(?P<det>an?|the|this|that|its|their))\s+$")


def find_restated_lengths(doc: Doc, records) -> Iterator[Hit]:
    """`Over the 14-week programme, ...` ... `By the end of the 16-week programme`: one
    programme (course, intervention ...), named with `the` in one paragraph, given two lengths
    in the same unit; the later one is flagged. Programmes introduced with `a` (`a 12-week
    course or a 24-week course`) are different ones: `the` may then name any of them; so are
    two set side by side in one sentence anywhere (`the 12-hour regimen or the 21-hour regimen`)."""
    text = doc_text(doc)
    lengths = []
    for r in records:
        if r.kind != "duration" or isinstance(r.value, list) or r.value is None:
            continue
        after = _PROGRAMME_AFTER.match(text, r.end, r.end + 30)
        det = _DETERMINER_BEFORE.search(text, max(0, r.start - 8), r.start) if after else None
        if det is not None:
            lengths.append((r, after, det["det"].lower()))
    if len(lengths) < 2:
        return
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
    first: dict[tuple[int, str, str], tuple[float, str]] = {}  # the first length named with `the`
    introduced: set[tuple[int, str | None, str, float]] = set()  # lengths named with `a`
    # "the 12-hour regimen or the 21-hour regimen" in one sentence: two programmes compared,
    # anywhere in the article
    compared: set[tuple[str | None, str, float]] = set()
    for (r, after, _), (r2, after2, _) in zip(lengths, lengths[1:]):
        if (r.unit, after["noun"].lower()) == (r2.unit, after2["noun"].lower()) and r.value != r2.value \
                and _SENTENCE_BREAK.search(text, r.end, r2.start) is None:
            compared.update({(r.unit, after["noun"].lower(), r.value), (r.unit, after["noun"].lower(), r2.value)})
    for r, after, det in lengths:
        key = (bisect.bisect_right(breaks, r.start), r.unit, after["noun"].lower())
        if det in ("a", "an"):
            introduced.add((*key, r.value))
            continue
        shown = text[r.start:after.end()]
        earlier = first.setdefault(key, (r.value, shown))
        if earlier[0] != r.value and (*key, r.value) not in introduced \
                and not {(*key[1:], r.value), (*key[1:], earlier[0])} <= compared:
            yield Hit(
                r.start, after.end(),
                f"the {key[2]} is a `{earlier[1]}` earlier in the paragraph and a `{shown}` here: "
                "one of the two lengths may be wrong.",
                f"check against `{earlier[1]}`",
            )


# --- a change given again, from the same start to another end, in a quotation -------------

# "from 58 per cent to 74 per cent": a share that moved (the second unit may be left out)
_PCT_UNIT = r"(?:\s?%|\s(?i:per\s?cent|percent)\b)"
_SHARE_CHANGE = re.compile(rf"\b(?i:from)\s+(?P<a>{_PCT_NUM}){_PCT_UNIT}?\s+(?i:to)\s+(?P<b>{_PCT_NUM}){_PCT_UNIT}")


def find_restated_changes(doc: Doc, sentence_of: Callable[[int], int]) -> Iterator[Hit]:
    """`has risen from 58 per cent to 74 per cent` ... `"We have moved facility deliveries from 58
    per cent to 78 per cent," she said`: a change of a share told again inside a quotation, from
    the same start to another end, in another sentence: a figure misquoted by the speaker, or in
    transcribing them. (Two changes from the same start outside quotations are most often two
    groups: "from 58% to 74% in boys and from 58% to 69% in girls".) The quoted one is flagged."""
    text = doc_text(doc)
    if "from" not in text or ("%" not in text and "cent" not in text):
        return
    changes = list(_SHARE_CHANGE.finditer(text))
    if len(changes) < 2:
        return
    for i, later in enumerate(changes):
        if not _in_quotation(text, later.start()):
            continue
        start, end = parse_number(later["a"]), parse_number(later["b"])
        told = [m for m in changes[:i] if parse_number(m["a"]) == start and not _in_quotation(text, m.start())
                and sentence_of(m.start()) != sentence_of(later.start())]
        if told and all(parse_number(m["b"]) != end for m in told):
            yield Hit(
                later.start("b"), later.end(),
                f"`{later.group()}` in the quotation, but `{told[0].group()}` earlier in the article: "
                "the same change with another end?",
                f"check against `{told[0].group()}`",
            )


# --- a rise or fall given again in a quotation with one digit changed ---------------------

# "admissions rose by 18 per cent", "go up by 28 per cent", "fell 12%": a relative change by so much
_CHANGE_BY = re.compile(
    r"\b(?P<verb>(?i:rose|risen|rises|rising|increased|increases|climbed|jumped|went\s+up|go(?:es)?\s+up|gone\s+up|"
    r"fell|fallen|falls|dropped|drops|decreased|decreases|declined|declines|went\s+down|go(?:es)?\s+down))"
    rf"\s+(?:(?i:by)\s+)?(?:(?i:about|around|nearly|almost|roughly|some)\s+)?(?P<n>{_PCT_NUM}){_PCT_UNIT}"
)
_RISES = ("rose", "risen", "rises", "rising", "increased", "increases", "climbed", "jumped", "went up", "go up",
          "goes up", "gone up")
_SUBJECT_WORD = re.compile(r"[a-z]{5,}")
_NOT_SUBJECTS = frozenset("which there their these those where about after since would could should still while "
                          "every other under again".split())
_PERCENT_ANCHORS = ("%", " per cent", " percent", " per\u00a0cent")


def find_quoted_changes(doc: Doc, sentence_of: Callable[[int], int], bounds: list[tuple[int, int]]) -> Iterator[Hit]:
    """`admissions ... rose by 18 per cent in the three days after an alert` ... `"When we know
    admissions go up by 28 per cent after an alert ..."`: a rise (or fall) told again in a
    quotation with one digit of its value changed, of a thing the earlier sentence names just
    before the verb (a misquoted figure). Only a value given nowhere else in the article is
    flagged (two groups' rises, 18% and 28%, are each told as such)."""
    text = doc_text(doc)
    if ("\u201c" not in text and '"' not in text) or ("%" not in text and "cent" not in text):
        return
    folded = folded_text(doc)
    if folded is None:
        changes = list(_CHANGE_BY.finditer(text))
    else:  # (searched only around the percentages, which every match ends with, if one is quoted)
        percents = find_all(folded, _PERCENT_ANCHORS)
        if not any(_in_quotation(text, start) for start, _ in percents):
            return
        changes = list(search_near(_CHANGE_BY, text, percents, before=50, after=12))
    if len(changes) < 2:
        return
    for i, later in enumerate(changes):
        if not _in_quotation(text, later.start()):
            continue
        if len(re.findall(rf"(?<![\d.]){re.escape(later['n'])}{_PCT_UNIT}", text)) > 1:
            continue  # the value is given elsewhere too: another group's
        rise = " ".join(later["verb"].lower().split()) in _RISES
        subject = set(_SUBJECT_WORD.findall(text[max(0, later.start() - 40):later.start()].lower())) - _NOT_SUBJECTS
        for earlier in changes[:i]:
            if (_in_quotation(text, earlier.start()) or (" ".join(earlier["verb"].lower().split()) in _RISES) != rise
                    or not one_digit_changed(earlier["n"], later["n"])):
                continue
            s_start, _ = bounds[sentence_of(earlier.start())]
            if subject & set(_SUBJECT_WORD.findall(text[s_start:earlier.start()].lower())):
                yield Hit(
                    later.start("n"), later.end(),
                    f"`{later.group()}` in the quotation, but `{earlier.group()}` earlier in the article, "
                    "of the same thing: one of the two may be misquoted.",
                    f"check against `{earlier.group()}`",
                )
                break


# --- a daily maximum dose given again as another amount -----------------------------------

# "a maximum of 1,200mg in 24 hours", "never take more than 1,600mg in a day"
_DAILY_MAXIMUM = re.compile(
    r"\b(?i:(?:a\s+)?max(?:imum)?(?:\s+(?:daily\s+)?dose)?\s+(?:of\s+|is\s+)?|(?:do\s+not|don['’]t|never|must\s+not)\s+take\s+more\s+than\s+"
    r"|no\s+more\s+than\s+|not\s+more\s+than\s+)"
    r"(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s?(?P<unit>mg|g|mcg|micrograms|ml|tablets|capsules)\b"
    r"\s+(?i:in\s+(?:any\s+)?24\s+hours|in\s+(?:any\s+)?(?:one\s+)?(?:a\s+)?day|a\s+day|per\s+day|daily|in\s+any\s+24-hour\s+period)"
)
_DAILY_MAXIMUM_ANCHORS = ("max", "more than")
# who the maximum is for: a younger group or a weight band has its own
_DOSE_GROUP = re.compile(r"(?i:\b(?:child|children|kids?|bab(?:y|ies)|infants?|teen\w*|young|aged|under|over|years?|weigh\w*|kg|elderly|older)\b)")


def find_restated_daily_maximums(doc: Doc, sentence_of: Callable[[int], int], bounds: list[tuple[int, int]]) -> Iterator[Hit]:
    """`Adults can take a maximum of 1,200mg in 24 hours` ... `never take more than 1,600mg in a
    day`: a medicine's daily maximum given again as another amount, in a sentence naming no
    other group (children, an age or a weight have maximums of their own). The later is flagged."""
    text = doc_text(doc)
    if "more than" not in text and "aximum" not in text and "max " not in text:
        return
    told: dict[str, list[tuple[float, str]]] = {}
    folded = folded_text(doc)
    # (searched only around "max" and "more than", which every match holds)
    found = _DAILY_MAXIMUM.finditer(text) if folded is None else search_near(
        _DAILY_MAXIMUM, text, find_all(folded, _DAILY_MAXIMUM_ANCHORS), before=30, after=90)
    for m in found:
        value, unit = parse_number(m["n"]), m["unit"].lower()
        s_start, s_end = bounds[sentence_of(m.start())]
        others = _DOSE_GROUP.search(text, s_start, s_end)
        if value is None or others:
            continue
        earlier = told.setdefault(unit, [])
        if earlier and all(v != value for v, _ in earlier):
            yield Hit(
                m.start("n"), m.end("unit"),
                f"a daily maximum of `{m['n']}{m['unit']}` here, but `{earlier[0][1]}` earlier in the article.",
                f"check against `{earlier[0][1]}`",
            )
        earlier.append((value, f"{m['n']}{m['unit']}"))


# --- a percentage given again with two neighbouring digits swapped -------------------------

# 58.6% and 56.8%: three digits or more. Two-digit shares (34%, 43%) swap by chance too often,
# and are taken only where their sentences share two longer words (`_share_words`).
_SWAPPED_PERCENT_DIGITS = 3


def find_transposed_percentages(doc: Doc, records, sentence_of: Callable[[int], int],
                                bounds: list[tuple[int, int]]) -> Iterator[Hit]:
    """`an efficacy of 58.6%` ... `"56.8% effective," a spokesperson said`: a percentage written
    once, inside a quotation, with two neighbouring digits of an earlier one swapped (the point
    in the same place; two digits only where the two sentences share words), in another
    sentence: a figure restated wrongly by a speaker or in transcribing them; or a table's cell
    restated so in a sentence that names the cell's row (three digits or more). (Elsewhere, in
    tables and lists of results, such pairs are mostly two figures: 12.7% and 17.2%.) The later
    one is flagged."""
    text = doc_text(doc)
    shares = [r for r in records if r.kind == "percentage" and isinstance(r.value, (int, float))
              and not isinstance(r.value, bool) and r.value > 0]
    quoted = any(_in_quotation(text, r.start) for r in shares if r.value >= 10 or r.value != int(r.value))
    tabled = "|" in text and any(_in_table_row(text, r.start) for r in shares)
    if not (quoted or tabled):
        return  # no percentage of two digits or more in a quotation, and no table (most articles)
    written: dict[str, list] = {}
    for r in shares:
        written.setdefault(_percent_digits(r.value), []).append(r)
    for later_i, r in enumerate(shares):
        digits = _percent_digits(r.value)
        short = len(digits.replace(".", "")) < _SWAPPED_PERCENT_DIGITS
        if len(digits) < 2 or len(written[digits]) > 1:
            continue
        in_quote = _in_quotation(text, r.start)
        if not in_quote and (short or not tabled or _in_table_row(text, r.start)):
            continue
        for earlier in shares[:later_i]:
            other = _percent_digits(earlier.value)
            if not (len(other) == len(digits) and other.find(".") == digits.find(".")
                    and swapped_neighbours(other.replace(".", ""), digits.replace(".", ""))
                    and sentence_of(earlier.start) != sentence_of(r.start)):
                continue
            if in_quote:
                same = not short or _share_words(text, bounds[sentence_of(earlier.start)], bounds[sentence_of(r.start)])
            else:  # a table's cell restated in a sentence that names its row ("Harrowgate's rate of 3.42%")
                same = _names_the_row(text, earlier.start, bounds[sentence_of(r.start)])
            if same:
                shown = text[earlier.start:earlier.end]
                yield Hit(
                    r.start, r.end,
                    f"`{text[r.start:r.end]}` has the digits of `{shown}` earlier in the article with two "
                    "swapped: one of the two may be mistyped.",
                    f"check against `{shown}`",
                )
                break


_LONG_WORD = re.compile(r"[a-z]{5,}")


def _share_words(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two sentences share two words of five letters or more (a final s aside): the
    same matter (`fine particle concentrations ... fell by 34%`, `cut the fine particles ... by 43%`)."""
    def words(span: tuple[int, int]) -> set[str]:
        return {w[:-1] if w.endswith("s") else w for w in _LONG_WORD.findall(text[span[0]:span[1]].lower())}
    return len(words(a) & words(b)) >= 2


def _names_the_row(text: str, cell: int, sentence: tuple[int, int]) -> bool:
    """Whether `sentence` names the table row holding the cell at `cell` by the first word of the
    row's label (`| Harrowgate University Hospital | ... | 3.24% |`: "Harrowgate's rate ...")."""
    if not _in_table_row(text, cell):
        return False
    line_start = text.rfind("\n", 0, cell) + 1
    label = text[line_start:cell].strip().lstrip("|").split("|")[0].strip().strip("*_")
    word = label.split()[0] if label.split() else ""
    return len(word) >= 4 and word[0].isupper() and re.search(rf"\b{re.escape(word)}\b", text[sentence[0]:sentence[1]]) is not None


def _in_quotation(text: str, offset: int) -> bool:
    """Whether `offset` is inside a quotation opened earlier in its paragraph (more `“` than
    `”` before it, or an odd number of straight `"`)."""
    start = text.rfind("\n", 0, offset) + 1
    before = text[start:offset]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def _percent_digits(value: float) -> str:
    """A percentage's digits as written at its precision (`58.6`, `34`)."""
    return f"{value:g}"


# --- the headline's main finding given another value in the body ----------------------------

# "38% lower clot risk", "28% lower risk of a clot", "a 40% higher chance of dementia": a
# relative change of a named outcome (the outcome before the measure, or after "of").
_DIRECTIONS = (" lower", " higher", " greater", " reduced", " increased")
_CHANGE_OF_OUTCOME = re.compile(
    r"(?<![\d.])(?P<n>\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent|percent)\s+(?P<dir>lower|higher|greater|reduced|increased)\s+"
    r"(?:(?P<pre>[a-z][a-z\-]{2,})\s+)?(?:risk|chance|odds|likelihood)\b(?:\s+of\s+(?:(?:a|an|the|developing|having)\s+)*(?P<post>[a-z][a-z\-]{2,}))?",
    re.I,
)


def find_headline_contradictions(doc: Doc) -> Iterator[Hit]:
    """`HRT patches carry 38% lower clot risk` (headline) ... `a 28% lower risk of a clot` (body):
    the headline's relative change of an outcome given once more in the body, in the same
    direction, with another value, and the headline's value nowhere in the body. The body's
    mention is flagged."""
    text = doc_text(doc)
    if "%" not in text and "cent" not in text:
        return
    first_end = text.find("\n")
    headline_end = len(text) if first_end < 0 else first_end
    headline = text[:headline_end]
    if len(headline) > 200 or headline.rstrip().endswith("."):
        return  # no headline line
    told = [(m, _outcome_word(m)) for m in _CHANGE_OF_OUTCOME.finditer(headline)]
    told = [(m, outcome) for m, outcome in told if outcome]
    if len(told) != 1:
        return
    head, outcome = told[0]
    body = [m for m in _CHANGE_OF_OUTCOME.finditer(text, headline_end)
            if _outcome_word(m) == outcome and m["dir"].lower() == head["dir"].lower()]
    value = float(head["n"])
    if len(body) != 1 or abs(float(body[0]["n"]) - value) <= 1:
        return
    if re.search(rf"(?<![\d.]){re.escape(head['n'])}(?![\d]|\.\d)", text[headline_end:]):
        return  # the headline's value is in the body too: two findings
    m = body[0]
    yield Hit(
        m.start(), m.end(),
        f"the headline says `{head.group()}`, the article `{m.group()}`: one of the two may be wrong.",
        f"check against the headline's `{head.group()}`",
    )


def find_restated_outcome_changes(doc: Doc) -> Iterator[Hit]:
    """`a 16 percent higher risk of bowel cancer for every 50 grams` (twice) ... `a 26 percent higher
    risk of bowel cancer for every 50 grams` (the closing summary): a relative change of an
    outcome given again in the same words with one digit of its value changed, after the value
    was given at least twice (of this outcome, or once with no outcome named: "linked to a 16
    percent higher risk"). The lone value is flagged. (Told once each, two such values
    are most often two findings: men and women, two doses.)"""
    text = doc_text(doc)
    if "%" not in text and "cent" not in text:
        return
    told: dict[tuple[str, str, str], list[re.Match]] = {}
    times: dict[tuple[str, str], int] = {}  # how often each value is given, by direction (any outcome)
    folded = folded_text(doc)
    # (searched only around the direction words, which every match holds)
    found = _CHANGE_OF_OUTCOME.finditer(text) if folded is None else search_near(
        _CHANGE_OF_OUTCOME, text, find_all(folded, _DIRECTIONS), before=20, after=90)
    for m in found:
        direction = m["dir"].lower()
        times[direction, m["n"]] = times.get((direction, m["n"]), 0) + 1
        outcome = _outcome_word(m)
        if outcome:
            after = " ".join(_WORDS_AFTER.findall(text, m.end(), m.end() + 40)[:4]).lower()
            told.setdefault((direction, outcome, after), []).append(m)
    for (direction, _, _), mentions in told.items():
        for m in mentions:
            if times[direction, m["n"]] != 1:
                continue
            earlier = [e for e in mentions if e.start() < m.start() and times[direction, e["n"]] >= 2
                       and one_digit_changed(e["n"], m["n"])]
            if earlier:
                shown = earlier[0].group()
                yield Hit(
                    m.start(), m.end(),
                    f"`{m.group()}` differs by one digit from `{shown}`, given more than once earlier in the "
                    "same words: one of the two may be mistyped.",
                    f"check against `{shown}`",
                )


_WORDS_AFTER = re.compile(r"[\w.]+")


def _outcome_word(m: re.Match) -> str | None:
    """The outcome a change is of, in the singular and lower case (`clot`), or None."""
    word = (m["pre"] or m["post"] or "").lower()
    if not word or word in ("relative", "absolute", "overall", "estimated", "the"):
        return None
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


@register(
    "number_mismatch",
    severity="warning",
    description="the same quantity given two values, parts that add up to more than their whole, "
    "a group larger than the study, a figure given again with its digits in another order or one "
    "digit changed, "
    "a headline's finding given another value in the body",
)
def find_number_mismatches(doc: Doc) -> Iterator[Hit]:
    """Every rule's hits, none overlapping another (the first rule to flag a span says most about
    it), none in a correction notice (which gives the wrong figure beside the right one on purpose)."""
    flagged: list[tuple[int, int]] = []
    notices: list[tuple[int, int]] | None = None
    for hit in _mismatches(doc):
        if any(start < hit.end and hit.start < end for start, end in flagged):
            continue  # (one flag for one slip: the first rule to flag a span, or a span overlapping it)
        if notices is None:
            notices = _correction_notices(doc_text(doc))
        if any(start <= hit.start < end for start, end in notices):
            continue
        flagged.append((hit.start, hit.end))
        yield hit


# "Correction, 4 April 2025: ...", "Clarification: ...", "An earlier version of this article said
# 2,510 people; the correct figure is 5,210", "This article was amended on ... to correct ..."
_CORRECTION_NOTICE = re.compile(
    r"(?i:\b(?:corrections?|clarifications?)\b[^\n.:]{0,40}:|\ban\s+earlier\s+version\s+of\s+this\s+(?:article|story|report|piece)"
    r"|\bthis\s+(?:article|story|report|piece)\s+(?:was|has\s+been)\s+(?:amended|corrected|updated)\b)"
)


_CORRECTION_WORDS = ("orrection", "ORRECTION", "larification", "LARIFICATION", "arlier version", "amended",
                     "corrected", "updated")


def _correction_notices(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs (or lines) that hold a correction notice."""
    if not any(word in text for word in _CORRECTION_WORDS):
        return []  # (most articles: a few fast scans, no regex)
    notices = []
    for m in _CORRECTION_NOTICE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        notices.append((start, len(text) if end < 0 else end))
    return notices


def _mismatches(doc: Doc) -> Iterator[Hit]:
    sentence_of, bounds = _sentence_index(doc)
    records = shared_claims(doc)  # once: each call of `claim_records` makes a record object per claim
    yield from find_share_conflicts(doc, bounds, sentence_of, records)
    yield from find_restated_lengths(doc, records)
    yield from find_headline_contradictions(doc)
    yield from find_restated_outcome_changes(doc)
    yield from find_transposed_percentages(doc, records, sentence_of, bounds)
    yield from find_table_total_mismatches(doc_text(doc))
    yield from find_restated_changes(doc, sentence_of)
    yield from find_quoted_changes(doc, sentence_of, bounds)
    yield from find_outcome_parts_over_whole(doc, bounds)
    yield from find_subtype_parts_over_whole(doc, records, bounds, sentence_of)
    yield from find_restated_daily_maximums(doc, sentence_of, bounds)
    mentions = _mentions(doc, sentence_of, bounds, records)
    if mentions:
        folded = folded_text(doc)
        studies = _Studies(doc_text(doc), mentions, bounds, folded)  # other studies: looked for only if asked
        yield from find_sample_conflicts(doc, mentions, studies)
        yield from find_remaining_conflicts(doc, mentions, studies)
        yield from find_outcome_conflicts(doc, mentions, studies)
        yield from find_parts_over_whole(doc, mentions, bounds, studies, folded)
        yield from find_event_parts_over_whole(doc, bounds, studies)
        yield from find_randomised_arms_mismatch(doc, bounds, folded)
    yield from find_split_arms_over_total(doc, bounds)
    # (after the rules above, which name the part that is wrong when they can)
    yield from find_exclusive_parts_over_whole(doc, bounds, records)
    if mentions:
        yield from find_restated_enrolments(doc, records)
    yield from find_transposed_digits(doc, records)  # last: a rule above says more of the same span
    yield from find_transposed_doses(doc, records)
    yield from find_definite_slips(doc, records, sentence_of, bounds)

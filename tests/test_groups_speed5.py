"""Third speed pass over the group finder and the number mentions: the faster readings find
what the plain ones find, on random texts built from the pieces the cheap tests look at."""

from __future__ import annotations

import random
import re

from claimcheck.nlp import groups, patterns

_PIECES = [
    "5", "12", "1.5", "1,000", " ", "  ", "\n", "-", ".", ",", "(", "~", "<", "≥", "’s", "İ", "ſ", "K",
    "numbered", "Totalled", "totaled", "reached", "stood at", "rose to", "fell", "to", "at", "ed", "and",
    "enrolled", "Recruited", "sample of", "a total of", "the other", "remaining", "of", "proof", "er", "ng",
    "nearly", "more than", "than", "about", "up to", "between", "from", "just over", "an estimated", "only",
    "a", "an", "A", "half", "twice", "double", "third", "hundred", "dozen", "in", "one", "Five", "twenty-five",
    "patients", "older", "Nigerians", "years", "were", "assigned", "placebo", "group", "well-known", "women",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14))) for _ in range(n)]


def _plain_qualifier_start(text: str, pos: int) -> int | None:
    """`_qualifier_start` without its cheap test."""
    window = text[max(0, pos - 25):pos]
    stripped = window.rstrip()
    if not stripped:
        return None
    if stripped[-1] in patterns._QUALIFIER_SIGNS:
        return pos - len(window) + len(stripped) - 1
    if stripped.rsplit(None, 1)[-1].lower() not in patterns._QUALIFIER_LAST_WORDS:
        return None
    words = stripped.split()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]).lower() in patterns._QUALIFIER_PHRASES:
            phrase_start = stripped.rfind(words[-n])
            if phrase_start > 0 and stripped[phrase_start - 1].isalnum():
                return None
            return pos - len(window) + phrase_start
    return None


def test_qualifier_start_matches_the_plain_reading():
    for text in _texts(3000, 51):
        for pos in range(len(text) + 1):
            assert patterns._qualifier_start(text, pos) == _plain_qualifier_start(text, pos), (text, pos)


def test_no_qualifier_opens_where_a_number_does():
    for text in _texts(3000, 52):
        for pos in patterns._number_starts(text):
            full, bare = patterns._NUMBER_AHEAD.match(text, pos), patterns._NUMBER_AHEAD_BARE.match(text, pos)
            assert (full and full.span()) == (bare and bare.span()), (text, pos)
            if full:
                names = ("head", "next", "next2", "closed")
                assert full.group(*names) == bare.group(*names), (text, pos)


_PLAIN_TOTAL_VERB = re.compile(
    r"(?i:\b(?:numbered|totall?ed|reached|stood\s+at|(?:rose|fell|climbed|increased|dropped|jumped)\s+to)\s+)$"
)


def test_cue_words_before_match_the_plain_readings():
    for text in _texts(3000, 53):
        for pos in range(len(text) + 1):
            before = text[max(0, pos - 20):pos].rstrip()
            enrolled = text[pos - 1:pos].isspace() and (
                before[-1:] in groups._ENROLLED_LAST_LETTERS and before[-11:].lower().endswith(groups._ENROLLED_LAST))
            total = _PLAIN_TOTAL_VERB.search(text, max(0, pos - 30), pos) is not None
            assert groups._cue_words_before(text, pos) == (total, enrolled), (text, pos)


def test_candidate_passes_pick_what_the_filters_pick():
    for text in _texts(3000, 54):
        mentions = patterns.number_mentions(text)
        unsure_or = lambda f: [at for at in mentions if at.next is None or f(at, text)]  # noqa: E731
        assert groups._after_cue_words(text, mentions) == (
            unsure_or(groups._after_total_verb), unsure_or(groups._enrolled_before)), text
        assert groups._noun_and_arm_candidates(text, mentions) == (
            unsure_or(groups._noun_may_follow), unsure_or(groups._arm_may_follow)), text

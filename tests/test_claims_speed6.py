"""Fourth speed pass over the claim finder: the numbers a pattern is no longer tried at (a range
whose far number is followed by no word the pattern takes; the `arm` pattern after a one-word
noun) are numbers where it does not match. On random texts built from the pieces the cheap
tests look at, each pattern finds through `_scan` what it finds tried at every number the
filters of the third pass admitted."""

from __future__ import annotations

import random

from claimcheck.nlp import claims, continuations, groups, patterns
from claimcheck.nlp.regex import matches_at

_PIECES = [
    "5", "12", "1.5", "1,000", "2021", ".5", " ", "  ", "\n", "-", " - ", "–", "—", ".", ",", "(", "~", "<", "’s",
    "İ", "ſ", "K", "to", " to ", " and ", " or ", "To", "between ", "from ", "about ", "up to ", "a", "an", "a hundred",
    "ten", "Five", "twenty-five", "tenmg", "%", " per cent", " percent", " percentage points", "mg", " mg", "ml",
    " days", " weeks", " extra days", "-year", " cups", " large cups", " or more", " a day", " patients",
    " older patients", " health workers", " men and women", " adverse events", " Nigerians", " in the placebo group",
    " were assigned", " received", " who", " of them", " of the ", " diabetes", " half", " twice",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 16))) for _ in range(n)]


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _plain_noun_and_arm(at, text: str) -> tuple[bool, bool]:
    """Where the `noun` and `arm` patterns were tried before this pass: every number followed by
    a digit, or a range word (noun), or a word that may open a group noun (both)."""
    if at.next is None:
        return True, True
    noun, arm = groups._noun_and_arm_may_follow(at, text, *groups._noun_words())
    if at.raw in patterns.RANGE_WORDS:
        noun = True
    if at.next and groups._is_noun_start(at.next, at.raw):
        arm = True
    return noun, arm


def _plain_serving(at, text: str) -> bool:
    """Where `SERVING_RE` was tried before this pass."""
    return at.next is None or at.next in claims._SERVING_UNITS or at.next2 in claims._SERVING_UNITS or at.next in patterns.RANGE_WORDS


def _plain(pattern, text: str, mentions, admit) -> list[tuple[int, int]]:
    """The matches of `pattern` at the numbers `admit(at, text)` accepts."""
    return _spans(matches_at(pattern, text, [at.pos for at in mentions if admit(at, text)]))


def _admits_words(words):
    """Admits the numbers followed by a digit or by one of `words` (a `wants` set)."""
    return lambda at, _text: at.next is None or at.next in words


def test_scan_finds_what_the_plain_filters_find():
    noun_re, _, _, arm, *_ = groups._group_res()
    scans = [
        (claims.PERCENT_RE, {"wants": claims._PERCENT_NEXT, "ranges_only": True, "range_ends": claims._PERCENT_UNITS}),
        (claims.DURATION_RE, {"wants": claims._DURATION_NEXT, "ranges_only": True, "range_ends": claims._DURATION_UNITS}),
        (claims.DOSE_RE, {"wants": claims._DOSE_NEXT, "ranges_only": True, "range_ends": claims._DOSE_UNIT_WORDS}),
    ]
    for text in _texts(4000, 61):
        mentions = patterns.number_mentions(text)
        for pattern, options in scans:
            expected = _plain(pattern, text, mentions, _admits_words(options["wants"]))
            assert _spans(patterns._scan(pattern, text, **options)) == expected, (pattern.pattern[:40], text)
        assert _spans(patterns._scan(claims.SERVING_RE, text, wants=claims._serving_next)) == _plain(
            claims.SERVING_RE, text, mentions, _plain_serving), text
        nouns, arms = groups._noun_and_arm_candidates(text, mentions)
        assert _spans(patterns._scan(noun_re, text, only=nouns, range_ends=groups._noun_may_follow)) == _plain(
            noun_re, text, mentions, lambda at, t: _plain_noun_and_arm(at, t)[0]), text
        assert _spans(patterns._scan(arm, text, only=arms, range_ends=())) == _plain(
            arm, text, mentions, lambda at, t: _plain_noun_and_arm(at, t)[1]), text


_P_PIECES = ["p", "P", "p-value", "P value", " ", "=", "<", "≤", " of ", " was ", "0.04", ".001", "3 x 10-5", "1e-4",
             "'", "’", ".", "(", "a", "İ", "ſ", "\n", "for trend"]


def test_p_values_are_found_from_their_starts():
    rng = random.Random(62)
    for _ in range(4000):
        text = "".join(rng.choice(_P_PIECES) for _ in range(rng.randint(0, 12)))
        found = [(c.start, c.end, c.value, c.qualifier) for c in claims.find_p_values(text)]
        plain = [(m.start(), m.end()) for m in claims.P_RE.finditer(text)]
        assert [(start, end) for start, end, _, _ in found] == plain, text


_LIST_PIECES = ["41", "66", "1 204", "1,204", "five", "twenty five", "twenty-five", "a hundred and five", "someone",
                "x1", "one", ", ", ",", " ", "  ", " and ", " or ", "and ", "-", "(", "ſix", "İ", "2.5m", "9"]


def _plain_list_head(text: str, start: int) -> int:
    """`continuations.list_head` with the leftmost match of all (the pattern tried everywhere)."""
    if not text[max(0, start - 4):start].endswith(("and ", "or ")):
        return start
    m = continuations._LIST_BEFORE.search(text, max(0, start - 80), start)
    if m is None or m.end() != start:
        return start
    first = continuations._LIST_ITEM.search(text, m.start(), start)
    return first.start() if first else start


def test_list_head_reads_what_the_leftmost_match_gives():
    rng = random.Random(64)
    for _ in range(6000):
        text = "".join(rng.choice(_LIST_PIECES) for _ in range(rng.randint(0, 12))) + " and 9 participants"
        start = len(text) - len("9 participants")
        assert continuations.list_head(text, start) == _plain_list_head(text, start), text

"""The claim finder's faster code paths give what the plain patterns they replace give.

Each test runs the replaced pattern (kept here as the reference) and the new code over crafted
and seeded random strings, many of them shapes the corpus never shows (non-ASCII digits and
case folds, glued words, empty spans).
"""

from __future__ import annotations

import random
import re

from claimcheck.nlp import claims, groups, patterns
from claimcheck.nlp.regex import alternation

_RNG_PIECES = [
    "0", "7", "12", ".", ",", "-", " ", "  ", "\n", "(", ")", "“", "—", "_", "$", "#", "+", ":", "/", "%",
    "a ", "an ", "one", "One", "TWO", "twenty", "five", "half", "dozen", "hundred", "third", "in", "out",
    "someone", "often", "٣", "１", "²", "İ", "ı", "ſ", "K", "é", "\u00a0", "\t", "…", "'", "[",
    "about ", "nearly ", "between ", "from ", "~", "≤", "to ", "or ", "x", "X", "study", "Study", "p",
]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_RNG_PIECES) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def test_number_starts_match_the_single_pattern_they_replace():
    reference = re.compile(
        r"(?=[\d.{first}a])(?:\.?\d[\d,.]*|\b(?:{words}|an?(?=[\s\-\u2010]+(?:{after_a})\b))\b)".format(
            first="".join(sorted({w[0] for w in patterns._NUMBER_WORDS})),
            words=alternation(patterns._NUMBER_WORDS), after_a=alternation(patterns._AFTER_A))
    )

    def reference_starts(text: str) -> list[int]:
        lowered = patterns._lower(text)
        starts = []
        for m in reference.finditer(lowered):
            before = text[m.start() - 1:m.start()]
            if not (before and (before.isalnum() or before in patterns._GLUED)):
                starts.append(m.start())
        return sorted(starts)

    texts = ["(one) “two”—three\nfour", "someone often ten", "٣ people, .5 mg, x.5", "a third, an hundred", "1,2.5 and ..7"]
    for text in texts + _random_texts(3000, seed=1):
        assert sorted(patterns._number_starts(text)) == reference_starts(text), text


def test_preceding_word_matches_the_anchored_search():
    reference = re.compile(r"([\w.\-]+)\W*$")
    for text in ["foo -- ", "foo. ", " -- ", "", "x(of ", "a.b-c  ", "word_1 ", "..."] + _random_texts(3000, seed=2):
        for start in {len(text), len(text) // 2}:
            m = reference.search(text, max(0, start - 30), start)
            assert patterns._preceding_word(text, start) == (m.group(1).lower() if m else ""), (text, start)


def test_study_words_search_matches_the_case_insensitive_pattern():
    texts = ["Someone studied it", "the ſtudy found", "A STUDY", "metadata study from", "nothing here", "K"]
    for text in texts + _random_texts(2000, seed=3):
        groups._mentions_a_study.cache_clear()
        assert groups._mentions_a_study(text) == (groups._STUDY_WORDS.search(text) is not None), text


def test_placeholder_percent_and_p_value_patterns_match_the_patterns_they_replace():
    old_placeholder = re.compile(r"\b(?:X{1,3}|XNUMX)\s?(?:%|(?i:per\s?cent|percent)\b)")
    old_p = re.compile(claims.P_RE.pattern.replace("[pP](?<![\\w'’.][pP])", "(?=[pP])(?<![\\w'’.])[pP]", 1))
    assert old_p.pattern != claims.P_RE.pattern
    rng = random.Random(4)
    pieces = ["X", "x", "N", "U", "M", "%", " ", "per", "cent", "a", "_", "1", "p", "P", "=", "<", "0", ".", "05", "'", "value"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        for old, new in ((old_placeholder, claims.PLACEHOLDER_PERCENT_RE), (old_p, claims.P_RE)):
            assert [(m.span(), m.groups()) for m in old.finditer(text)] == [(m.span(), m.groups()) for m in new.finditer(text)], text


def test_resolve_overlaps_matches_the_pairwise_test():
    def reference(matches):
        ranked = sorted(matches, key=lambda m: (-claims.PRIORITY[m.kind], -(m.end - m.start), m.start))
        kept = []
        for match in ranked:
            if all(match.end <= k.start or match.start >= k.end for k in kept):
                kept.append(match)
        return sorted(kept, key=lambda m: m.start)

    rng = random.Random(5)
    kinds = list(claims.PRIORITY)
    for _ in range(5000):
        matches = []
        for _ in range(rng.randint(0, 10)):
            start = rng.randint(0, 20)
            matches.append(claims.ClaimMatch(rng.choice(kinds), start, start + rng.choice([0, 0, 1, 2, 3, 5, 8]), 1))
        assert claims.resolve_overlaps(matches) == reference(matches)


def test_lookback_reads_the_last_word_as_before():
    lookback = groups._EVENT_BEFORE
    for text in ["occurred in 5", "seen (among 5", "infected\u00a05", "killed² 5", "by 5", "İn 5", "sickened_ 5"]:
        end = len(text) - 1
        words = text[max(0, end - 40):end].split()
        last = patterns._TRAILING_LETTERS.search(words[-1]) if words and text[end - 1].isspace() else None
        expected = None
        if last is not None and last.group().lower() in lookback.last_words:
            expected = lookback.pattern.search(text, 0, end)
        found = lookback.search(text, 0, end)
        assert (found and found.span()) == (expected and expected.span()), text


def test_ranges_only_scans_find_what_the_plain_scans_find():
    rng = random.Random(6)
    pieces = ["5", "12", "1.5", " ", "  ", "-", "–", "to", "To", "or", "and", "between ", "from ", "about ", "the", "ten",
              "a", "dozen", "hundred", "twenty", "%", " percent", " mg", " weeks", "more", "to-day", "’s", "\n", ",", "ſix", "million"]
    texts = ["5 to 10 mg", "5 to ten weeks", "5 to the clinic for 3 weeks", "3 or more mg", "between 5 and 10%", "5 to-day 10%"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(5000)]
    for text in texts:
        for pattern, wants in ((claims.PERCENT_RE, claims._PERCENT_NEXT), (claims.DURATION_RE, claims._DURATION_NEXT),
                               (claims.DOSE_RE, claims._DOSE_NEXT)):
            plain = [m.span() for m in patterns._scan(pattern, text, wants)]
            assert [m.span() for m in patterns._scan(pattern, text, wants, ranges_only=True)] == plain, text


def test_arm_scan_finds_what_the_looser_filter_finds():
    def looser(at, text):  # the filter before: any lower-case word with nothing sure after it
        if not at.next:
            return False
        if at.next in groups._ARM_TAIL_FIRST or groups._is_noun_start(at.next, at.raw):
            return True
        if not ("a" <= at.raw[0] <= "z"):
            return False
        return at.next2 is None or groups._is_noun_start(at.next2, at.raw2)

    arm = groups._group_res()[3]
    rng = random.Random(7)
    pieces = ["5", "12", " ", "  ", "-", "older", "patients", "women’s", "well-known", "were", "assigned", "in", "the",
              "placebo", "group", "years", ".", ",", "\n", "Nigerians", "ſ", "adults", "to", "of", "them", "'", "received"]
    texts = ["30 older patients received", "for 30 years.", "61 in the placebo group", "12 well-known adults were assigned"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(5000)]
    for text in texts:
        expected = [m.span() for m in patterns._scan(arm, text, looser)]
        assert [m.span() for m in patterns._scan(arm, text, groups._arm_may_follow)] == expected, text

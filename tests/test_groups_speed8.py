"""Sixth speed pass over the group finder and `number_mismatch`: the cheap tests that now
screen sentences never refuse one where the costly pattern they guard finds something, on
random sentences built from the pieces those patterns and tests look at."""

from __future__ import annotations

import random

from claimcheck.checks import number_mismatch as nm
from claimcheck.nlp import groups
from claimcheck.nlp.regex import fold_case

_ARM_BODIES = [
    "were assigned to the drug", "patients were randomly allocated to surgery", "randomised to a diet",
    "in the placebo group", "on the high-dose arm", "in the Harm cohort", "to the pharmacy", "to usual care",
    "received a placebo", "got dummy pills", "took sham pills", "on no  treatment", "given the\nwaiting list",
    "received a high-dose vaccine", "received a low dose vaccine", "on standard care", "received the drug",
    "received a booster", "took pharmacy pills", "got treatment", "on treatment", "used the app", "on Wait-list",
]
_ARM_JOINS = [", ", " and ", ", and ", " while ", "; ", " (", ") ", " who were unusual, "]
_ARM_NUMBERS = ["104", "105", "12", "one", "Twenty", "1,200"]
_ELIDED_WORDS = [
    ["812", "40", "One"], ["", "patients ", "people "], ["were", "Were", "WAS", "was", "are"], ["screened", "treated", "seen"],
    ["at", "in", "by"], ["pharmacies", "a mobile unit", "Leeds"], [",", ""], [" and ", " AND ", " while "],
    ["463", "52"], ["at", "in"],
]


def _elided_sentences(n: int, seed: int) -> list[str]:
    """Sentences that may say a verb once for two places (`elided_pair`)."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(n):
        w = [rng.choice(choices) for choices in _ELIDED_WORDS]
        sentences.append(f"{w[0]} {w[1]}{w[2]} {w[3]} {w[4]} {w[5]}{w[6]}{w[7]}{w[8]} {w[9]} York.")
    return sentences


def _arm_sentences(n: int, seed: int) -> list[str]:
    """Sentences of two to four parts that may name arms of a trial."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(n):
        parts = [f"{rng.choice(_ARM_NUMBERS)} {rng.choice(_ARM_BODIES)}" for _ in range(rng.randint(2, 4))]
        text = parts[0]
        for part in parts[1:]:
            text += rng.choice(_ARM_JOINS) + part
        sentences.append(text)
    return sentences


def _gated(folded: str) -> bool:
    """Does the arm-word test accept the one-sentence text?"""
    return bool(nm._sentences_with(folded, nm._ARM_WORDS, 0, len(folded), [(0, len(folded))], [0], nm._arm_word_at))


def test_arm_word_test_accepts_every_sentence_with_a_chain():
    chains = 0
    for text in _arm_sentences(20000, 8):
        folded = fold_case(text)
        if folded is None:
            continue
        if any(True for _ in nm._arm_chains(text)):
            chains += 1
            assert _gated(folded), text
    assert chains > 1000


def test_arm_word_test_refuses_words_inside_words():
    assert not _gated("the pharmacy did no harm to 12 and 14")
    assert not _gated("12 had treatment and 14 did")
    assert _gated("12 had no  treatment and 14 did")
    assert _gated("12 got a high-dose shot")


def test_elided_pair_test_accepts_every_match():
    matches = 0
    pattern = nm._patterns()["elided_pair"]
    for text in _elided_sentences(5000, 8):
        folded = fold_case(text)
        if folded is None or folded.find(" and ") < 0:
            continue  # (the joining word the finder looks for)
        if pattern.search(text):
            matches += 1
            assert nm._may_hold_elided_pair(folded, 0, len(folded)), text
    assert matches > 500


# --- the group finder: study words near a number, event nouns before a total --------------

_STUDY_PIECES = [
    "12", " ", "  ", "\n", "\n\n", "\n \n", "- ", "1. ", ",", ".", "the", "study", "Studies", "xstudy", "trial",
    "research", "researchers", "data from", "data on the", "data\n\nfrom", "data of two from", "took part",
    "took\n\npart", "dummy pills", "control group", "sham", "ashamed", "audit", "Audited", "pilots", "evaluation",
    "assigned", "reassigned", "allocated", "İ", "ſ", "patients", "deaths", "Deaths", "GP visits", "cases", "x" * 700,
]


def _plain_study_near(text: str, pos: int) -> bool:
    """`_study_near` as it was: one search of the window at each call."""
    from claimcheck.nlp.patterns import _lower

    line_start = text.rfind("\n", 0, pos) + 1
    if groups.LIST_ITEM_START.match(text, line_start):
        return groups._mentions_a_study(text)
    lowered = _lower(text)
    start = max(0, pos - groups._STUDY_REACH)
    breaks = [m.start() for m in groups.PARAGRAPH_BREAK.finditer(text, start, pos)]
    if len(breaks) >= 2:
        start = breaks[-2]
    end = text.find("\n\n", pos)
    end = len(text) if end < 0 else end
    match = groups._STUDY_REPORTED_LOWER.search(lowered, start, end)
    while match is not None:
        s = match.start()
        if s == 0 or not groups._WORD_CHAR.match(lowered, s - 1):
            return True
        match = groups._STUDY_REPORTED_LOWER.search(lowered, s + 1, end)
    return groups._STUDY_NEAR_EXTRA.search(text, start, end) is not None


def test_study_near_answers_as_one_search_per_number():
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(rng.choice(_STUDY_PIECES) for _ in range(rng.randint(1, 30)))
        near = groups._StudyNear(text)
        positions = [rng.randrange(len(text) + 1) for _ in range(8)]
        for pos in positions + sorted(positions):
            assert near(pos) == _plain_study_near(text, pos), (text, pos)


def test_event_noun_in_finds_what_the_search_finds():
    event_noun = groups._group_res()[-1]
    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(rng.choice(_STUDY_PIECES) for _ in range(rng.randint(1, 20)))
        near = groups._StudyNear(text)
        for _ in range(5):
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            assert near.event_noun_in(start, end, event_noun) == (event_noun.search(text, start, end) is not None), (
                text, start, end)


_ARM_NUMBER_PIECES = [
    "5", "12", "1,000", "one", " ", "  ", "\n", "-", ",", "(", "to", "To", "the", "a", "an", "placebo", "usual care",
    "standard care", "the drug", "took", "taking", "given", "receiving", "were", "was", "not", "on", "in", "randomly",
    "then", "assigned", "Allocated", "randomised", "women", "smokers", "male", "men", "patients", "older", "group",
    "arm", "of", "them", "received", "ſtandard", "ſ", "10", "people",
]
_ARM_NUMBERS = ["5", "12", "1,000", "one", "about 40"]


def test_arm_candidates_hold_every_number_the_arm_pattern_matches_at():
    from claimcheck.nlp import patterns
    from claimcheck.nlp.regex import matches_at

    arm = groups._group_res()[3]
    rng = random.Random(10)
    for _ in range(6000):
        words = [rng.choice(_ARM_NUMBERS), rng.choice(sorted(groups._ARM_TAIL_FIRST) + ["Allocated", "Were"])]
        words += [rng.choice(_ARM_NUMBER_PIECES) for _ in range(rng.randint(0, 5))]
        text = "".join(word + rng.choice([" ", " ", " ", "", "  "]) for word in words)
        mentions = patterns.number_mentions(text)
        _, arms = groups._noun_and_arm_candidates(text, mentions)
        everywhere = [m.span() for m in matches_at(arm, text, [at.pos for at in mentions])]
        assert [m.span() for m in patterns._scan(arm, text, only=arms, range_ends=())] == everywhere, text

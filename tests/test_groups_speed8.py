"""Sixth speed pass over the group finder and `number_mismatch`: the cheap tests that now
screen sentences never refuse one where the costly pattern they guard finds something, on
random sentences built from the pieces those patterns and tests look at."""

from __future__ import annotations

import random

from claimcheck.checks import number_mismatch as nm
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

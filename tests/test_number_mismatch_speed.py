"""The shortcuts of `claimcheck.checks.number_mismatch` find what the full searches find.

The check skips work it can prove useless (other studies looked for only when a rule has a
candidate, pair and arm words counted only where a whole can be, numbers read only where one
can begin, sentence openers and `the remaining` ruled out by their letters). The texts here go
through each of those paths; the flags they expect are those of the check before the
shortcuts. The helpers are also checked against the searches they stand for.
"""

from __future__ import annotations

import pytest

from claimcheck.checks import number_mismatch as nm
from claimcheck.nlp.pipeline import build_nlp
from claimcheck.nlp.regex import find_starts, fold_case


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def flagged(nlp, text):
    """The texts of the number_mismatch flags of `text`."""
    doc = nlp(text)
    return [s.text for s in doc.spans["flags"] if s.label_ == "number_mismatch"]


CASES = [
    # pairs after a subset opener, after a line break, a bullet, quotes and spaces
    ("The trial enrolled 300 adults.\n- Of these, 180 were women and 150 were men.", ["180 were women and 150 were men"]),
    ("The trial enrolled 300 adults.\nOf these, 180 were women and 150 were men.", ["180 were women and 150 were men"]),
    ("The trial enrolled 300 adults.\n\n   “Of these, 180 were women and 150 were men.”",
     ["180 were women and 150 were men"]),
    ("The trial enrolled 300 adults. They said 180 were women and 150 were men.", []),
    # a pair after the sample in the same sentence
    ("The study of 1,840 participants, 1,012 women and 903 men, ran for years.", ["1,012 women and 903 men"]),
    ("A study of 900 people found 500 smokers and 450 non-smokers.", []),
    # shares, with `%` or `per cent` in any case
    ("The trial enrolled 300 adults. The sample was 62% women and 45% men.", ["62% women and 45% men"]),
    ("The trial enrolled 300 adults. The sample was 62 per cent women and 45 Per Cent men.",
     ["62 per cent women and 45 Per Cent men"]),
    ("The trial enrolled 300 adults. Overall 62% were women, while 45% were men.", ["62% were women, while 45% were men"]),
    # arms, in digits and in words, before and after the enrolment
    ("The trial enrolled 312 patients. 104 patients were in the low-dose arm, 105 in the high-dose arm and 112 in "
     "the placebo arm.", ["104 patients were in the low-dose arm, 105 in the high-dose arm and 112 in the placebo arm"]),
    ("The trial enrolled 400 patients. 104 patients were in the low-dose arm, 105 in the high-dose arm and 112 in "
     "the placebo arm.", []),
    ("The trial enrolled twenty patients. Twelve were assigned to the drug and eleven to placebo.",
     ["Twelve were assigned to the drug and eleven to placebo"]),
    ("Sixty were assigned to the drug and fifty to placebo. The trial enrolled 100 patients.", []),
    ("The trial enrolled 100 patients. Sixty were assigned to the drug and fifty to placebo.",
     ["Sixty were assigned to the drug and fifty to placebo"]),
    ("Researchers enrolled 250 adults. In total, 130 received the drug and 140 received a placebo.",
     ["130 received the drug and 140 received a placebo"]),
    ("Researchers enrolled 250 adults. In total, 130 received the drug and 100 received a placebo.", []),
    # events placed in different places
    ("The study followed 40,000 women. 1,874 of them were diagnosed with colorectal cancer. Of the cancers "
     "diagnosed, 1,102 were in the colon and 851 in the rectum.", ["1,102 were in the colon and 851 in the rectum"]),
    # `the remaining`, in any case
    ("The study followed 1,840 adults. Of them, 612 of the participants were smokers. The remaining 1,300 were not.",
     ["1,300"]),
    ("The study followed 1,840 adults. Of them, 612 of the participants were smokers. THE REMAINING 1,300 were not.",
     ["1,300"]),
    # one outcome of one arm given twice
    ("In the trial, 97 patients in the combination group had died by June. Later, the 79 deaths in the combination "
     "arm were reviewed.", ["79 deaths in the combination arm"]),
    # the study's sample referred back to
    ("The trial enrolled 312 patients. It ran for a year. Of the 321 patients here, most improved.", ["321 patients"]),
    ("The study enrolled 386 residents. Later, the 368 seniors who took part were asked again.", ["368 seniors"]),
    ("Researchers recruited 500 volunteers. Among the 560 participants who had their hearing retested, most improved.",
     ["560 participants"]),
    # a count and its percentage
    ("96 of the 640 residents, or 25%, fell ill.", ["25%"]),
    ("About 25% (96 of 640) fell ill.", ["96 of 640"]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_flags_as_before_the_shortcuts(nlp, text, expected):
    assert flagged(nlp, text) == expected


NUMBER_TEXTS = [
    "COVID-19 hit 1,840 people, twenty-one of them twice; a  hundred more and .5 of a dose, x .5, 24/7, $300.",
    "İstanbul had one case; ſeven? Seventeen, seventy and a dozen. Around 1 204 people, 2.5m and 3bn.",
    "No numbers here at all.",
    "",
]


@pytest.mark.parametrize("text", NUMBER_TEXTS)
def test_numbers_read_where_they_can_begin_are_all_the_numbers(text):
    assert nm._numbers(text, fold_case(text)) == nm._numbers(text)


def test_starts_in_finds_what_find_starts_finds():
    text = "the women and men in the treatment arm; harm, pharmacy, a placebo group"
    words = ("men", "arm", "placebo", "group", "treatment")
    assert sorted(nm._starts_in(text, words, 0, len(text))) == find_starts(text, words)
    # a word that begins in the range and ends past it counts
    assert sorted(nm._starts_in(text, words, 0, text.index("placebo") + 1)) == [
        s for s in find_starts(text, words) if s <= text.index("placebo")
    ]


def test_pair_word_count_counts_overlapping_words():
    text = "of the women and men, the smokers and non-smokers"
    start, end = 0, len(text)
    assert nm._pair_word_count(text, start, end) == len(find_starts(text, nm._pair_roots()))


@pytest.mark.parametrize("before, expected", [
    ("The remaining ", True), ("the OTHER  ", True), ("the rest of the", True), ("Of them, ", False),
    ("the remaınıng ", True),  # unsure: not ASCII
])
def test_may_end_remaining(before, expected):
    assert nm._may_end_remaining(before) is expected


@pytest.mark.parametrize("text, expected", CASES)
def test_flags_the_same_without_the_folded_text(nlp, monkeypatch, text, expected):
    """Where lower-casing would move offsets the folded text is unknown, and every shortcut
    that reads it answers "maybe": the flags stay the same."""
    doc = nlp(text)
    monkeypatch.setattr(nm, "fold_case", lambda text: None)
    doc.user_data.pop(nm._NUMBERS_KEY, None)
    assert [text[h.start:h.end] for h in nm.find_number_mismatches(doc)] == expected

"""The third speed pass over `number_mismatch` and `name_variant` keeps what they find."""

from __future__ import annotations

import pytest
from rapidfuzz.distance import OSA

from claimcheck.checks import names
from claimcheck.checks import number_mismatch as nm
from claimcheck.nlp.regex import fold_case

TEXTS = [
    "The trial enrolled 312 patients. Of the 321 patients, 156 were assigned to the drug and 166 to placebo.",
    "About twenty-one people, then 1,840 participants and .5 more; a hundred (one) two,three and 4.",
    "",
    "No numbers here at all.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_numbers_read_lazily_are_those_read_at_once(text):
    everything = nm._numbers(text, fold_case(text))
    for offset in [0, 1, 10, 40, len(text) // 2, len(text), len(text) + 5]:
        reader = nm._NumberReader(text, fold_case(text))
        assert reader.before(offset) == [n for n in everything if n[0] < offset]
    reader = nm._NumberReader(text, None)  # asked in any order, one reader
    for offset in [len(text), 5, 0, len(text) // 2]:
        assert reader.before(offset) == [n for n in everything if n[0] < offset]


def _similar_names_by_brute_force(forms: set[str]) -> set[str]:
    alike = set()
    for a in forms:
        for b in forms:
            if a < b and len(a) >= 5 and len(b) >= 5 and OSA.distance(a.lower(), b.lower()) <= 2 \
                    and names._similar(a, b, people=True) and names._is_name_text(a) and names._is_name_text(b):
                alike.update((a, b))
    return alike


@pytest.mark.parametrize("forms", [
    {"Wollmer", "Woolmer", "Wolmer", "Paris", "Parish", "Halvorsen", "Halvorson", "However"},
    {"Kröger", "Kroeger", "Semmelweis", "Semmelweiss", "Abcdefgh", "Abcdefxy", "Abcdefghij"},
    {"Berg", "Bergh", "Okafor", "Okafors", "Müller", "Mueller", "Smith"},
    {"Kavanagh", "Cavanagh", "Kohen", "Cohen", "Cooper", "Hooper", "Kaplan", "Caplan", "Kapland"},
    set(),
])
def test_similar_names_are_those_every_pair_finds(forms):
    assert names._similar_names(forms) == _similar_names_by_brute_force(forms)

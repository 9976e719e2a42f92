"""The shortcuts the `name_variant` and `acronym_mismatch` checks take for speed find what the
slow way finds.

- acronyms: a pattern tried only at the positions `_*_starts` proposes (`_matches_at`) yields
  the same matches as `finditer` over the whole text, on texts full of the edge cases
  (quotes, `is short for`, odd whitespace, codes such as `IL-6`).
- names: the spellings read from token offsets for the early exit include every name token
  of five characters or more, whatever the spacing, punctuation or script around it.
"""

from __future__ import annotations

import random

import pytest

from claimcheck.checks import acronyms, names
from claimcheck.nlp.pipeline import build_nlp
from claimcheck.nlp.regex import matches_at

_PIECES = [
    "BPD", "BDD", "(BPD)", "(BPDs)", "borderline personality disorder", ", or ", ",or", ",\n or ",
    " known as ", " called ", " is short for ", " is  short for ", " stands for ", " which stands for ",
    '"', "”", "’", "'", "  ", "\n", "\u00a0", "(", ")", "i.e. ", " short for ", " abbreviated as ",
    " referred to as ", "Body Dysmorphic Disorder", "R&D", "IL-6", "SGLT2 (sodium glucose)",
    " ,", "X", "AB", "the ", "standshort", "é", "aBRCA", "HbA1c", "CT's", "GLX-4", "/", ".", "@",
]
_PATTERNS = [
    (acronyms._SF_PAREN_LF, acronyms._sf_paren_starts),
    (acronyms._LOOSE_GLOSS, acronyms._gloss_starts),
    (acronyms._ACRONYM, acronyms._acronym_starts),
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 25))) for _ in range(n)]


@pytest.mark.parametrize("pattern, starts", _PATTERNS)
def test_patterns_tried_at_their_possible_starts_match_as_finditer(pattern, starts):
    for text in _texts(4000, seed=7):
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        found = [(m.span(), m.groupdict()) for m in matches_at(pattern, text, starts(text))]
        assert found == expected, text


def test_definitions_of_glossed_and_defined_acronyms():
    text = (
        "People with borderline personality disorder (BPD) were studied. BDD, or body dysmorphic "
        'disorder, differs. The "CBT" stands for a therapy; IPT is short for another.'
    )
    found = acronyms.find_definitions(text)
    assert found.defined == {"BPD": "borderline personality disorder"}
    assert {"BPD", "BDD", "CBT", "IPT"} <= found.introduced


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


@pytest.mark.parametrize("text", [
    "Dr. Axel Wollmer said so.  Woolmer's team\nagreed with Halvorsen-Berg (Oslo).",
    "İstanbul's Ayşegül Öztürk and Ångström met Mr.\u00a0Kjellberg, a medical oncologist.",
    "SEMMELWEIS University\tand Semmelweiss University, said Prof Ingrid Halvorson.",
    "Wollmer",
])
def test_early_exit_sees_every_long_name_spelling(nlp, text):
    doc = nlp(text)
    tokens = names._name_tokens(doc)
    long_names = {tokens.texts[i] for i in tokens.names if len(tokens.texts[i]) >= 5}
    assert long_names <= names._long_capitalised_forms(doc)

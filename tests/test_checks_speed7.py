"""Speed work on the flag checks (pass 7): the shortcuts find what the slow paths find."""

from __future__ import annotations

import pytest

from claimcheck.checks import residue
from claimcheck.nlp.regex import fold_case

# --- residue: the lines worth trying are found with one search of the text ----------------------

_LINES = [
    "Related articles", "Advertisement", "Skip to content", "- Back to top", "•", "›› Home",
    "“We wanted to know”", "\u212aey", "ſkip to content", "» Share this:", "Twitter",
    "The trial enrolled 300 adults.", "According to the authors, it worked.", "\u00a0x", "— Advertisement —",
]


@pytest.mark.parametrize("line", _LINES)
def test_lines_to_try_hold_every_line_a_rule_may_match(line):
    text = "Opening line\n\n" + line + "\n  " + line + " \r\nlast"
    folded = fold_case(text)
    starts = set(residue.PREFILTER.lines_to_try(text, folded, 0))
    for start, end in residue._lines(text):
        if start and residue.PREFILTER.may_match(text[start:end], True):
            assert start in starts


def test_residue_lines_follow_furniture_across_skipped_lines():
    text = "Intro line\nSecond line\nThird line\nShare this:\nTwitter\n\nFacebook\nProse again.\nTwitter"
    found = [text[s:e] for s, e, _ in residue.find_residue_lines(text)]
    assert found == ["Share this:", "Twitter", "Facebook"]  # not the Twitter after the prose

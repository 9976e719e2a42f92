"""Speed pass 8: the shortcuts give what the plain patterns give."""

import re

import pytest

from claimcheck.checks.implausible import _SIGNED_NUMBER, _Signs


def _signs_by_every_match(folded: str) -> tuple[bool, bool]:
    """`_Signs` worked out from every `_SIGNED_NUMBER` match, with no shortcut."""
    before_count = "minus" in folded
    after_comparison = False
    for m in _SIGNED_NUMBER.finditer(folded):
        sign = m.start()
        if folded[sign] in "-−" and folded[sign + 1].isdigit() and sign and (
                folded[sign - 1].isspace() or folded[sign - 1] in "(:,;"):
            before_count = True
        if re.search(r"(?:=|<|>|≤|≥|of|was|is)\s*$", folded[:sign]):
            after_comparison = True
    return after_comparison, before_count


@pytest.mark.parametrize("text", [
    "p = -0.02 in a follow-up", "p was − .5", "p is – 3", "(-3 deaths)", "a follow-up of 12 weeks",
    "covid-19 rates: −4 cases", "nothing signed", "minus 12 patients", "x –2 and =-1", "p ≤ -.1",
    "café -3", "naïve = – 7",
])
def test_signs_are_those_every_match_gives(text):
    signs = _Signs(text)
    assert (signs.after_comparison, signs.before_count) == _signs_by_every_match(text)

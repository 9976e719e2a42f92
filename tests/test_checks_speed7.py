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


# --- encoding: a text without Latin-1 letters or the three others holds no mojibake -------------

def test_every_first_character_of_mojibake_is_latin1_or_listed():
    from claimcheck.checks import encoding

    firsts = [chr(i) for i in range(0x110000) if encoding._MOJIBAKE_START.fullmatch(chr(i))]
    assert all(0x80 <= ord(c) <= 0xFF or c in encoding._STARTS_BEYOND_LATIN1 for c in firsts)


@pytest.mark.parametrize("text", ["It’s a “test” — fine", "plain ASCII", "Itâ€™s", "800Â IU", "Beno\ufffdt", "‚Äô", "√©"])
def test_mojibake_gate_keeps_every_match(text):
    from claimcheck.checks import encoding

    found = list(encoding.MOJIBAKE.finditer(text))
    assert encoding._may_hold_mojibake(text) or not found
    assert [m.span() for m in encoding._find_mojibake(text)] == [m.span() for m in found]


# --- garbled: curly quotes paired on their lines need no paragraph reading ----------------------

@pytest.mark.parametrize("text, expected", [
    ("He said “yes” and “no”.", []),
    ("He said “yes\n\nand no”.", None),  # a pair across paragraphs: read the paragraphs
    ("It was 6“ long” here", None),  # an opening mark after a digit
    ("He said \"yes\" and “no\".", []),
    ("He said yes\" and \"no\".", None),
    ("He said yes” there.", None),
    ("“One” “two", []),
])
def test_paired_quotes_gate(text, expected):
    from claimcheck.checks import garbled

    offsets = garbled.find_starts(text, garbled._QUOTE_MARKS)
    assert garbled._paired_on_their_lines(text, offsets) is (expected is not None)
    if expected is not None:
        assert list(garbled.find_unopened_quotes(text)) == expected

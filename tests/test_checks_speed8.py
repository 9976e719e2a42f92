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


def test_flag_values_written_to_user_data_read_back_through_span_extensions():
    from claimcheck.checks.registry import select_checks
    from claimcheck.checks.shared import shared_values
    from claimcheck.nlp.pipeline import build_nlp

    text = "In the trial, 130% of participants improved (p = 1.3).\n\nThe the results were clear."
    doc = build_nlp()(text)
    spans = list(doc.spans["flags"])
    assert spans
    hits = {}
    with shared_values(doc):
        for check in select_checks():
            for hit in check.func(doc):
                span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
                key = (span.start_char, span.end_char)
                hits.setdefault(key, (hit.severity or check.severity, hit.message, hit.suggestion))
    for span in spans:
        read = (span._.flag_severity, span._.flag_message, span._.flag_suggestion)
        assert read == hits[(span.start_char, span.end_char)]
        assert span._.flag_message


@pytest.mark.parametrize("text", [
    "word .", "word  .", "x\t.", "a . b", ". at the start", " .", "end .\"", "1 . 2", "a . . .", "no stop", "\t.\t. .",
])
def test_stops_after_a_space_are_those_str_find_finds(text):
    from claimcheck.checks.garbled import _STOP_AFTER_SPACE
    from claimcheck.nlp.regex import find_starts

    assert [m.start() - 1 for m in _STOP_AFTER_SPACE.finditer(text)] == find_starts(text, (" .", "\t."))

"""The claim finder's second speed pass gives what the code it replaces gave.

The component writes the claim values straight into `doc.user_data` and keeps each Doc's
`ClaimMatch` records; these tests read them back the public way (`span._`, spans set by hand).
"""

from __future__ import annotations

import pytest

from claimcheck.nlp.claims import ClaimMatch, claim_records
from claimcheck.nlp.extensions import CLAIMS
from claimcheck.nlp.pipeline import build_nlp

TEXTS = [
    "The trial enrolled 1,204 adults aged 40 to 65. Of them, 312 (25.9%) developed diabetes "
    "(hazard ratio 0.81, 95% CI 0.70-0.94; p = 0.004) over a median of 4.2 years.",
    "About a third of the 90 patients took 20 mg daily for six weeks; 12 died and 9 were hospitalised.",
    "Nothing to count here.",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


@pytest.mark.parametrize("text", TEXTS)
def test_span_values_read_back_through_underscore(nlp, text):
    doc = nlp(text)
    spans = list(doc.spans[CLAIMS])
    assert [ClaimMatch(s.label_, s.start_char, s.end_char, s._.claim_value, s._.claim_unit, s._.claim_qualifier)
            for s in spans] == claim_records(doc)
    if text.startswith("The trial"):
        assert any(s._.claim_value == 1204 and s._.claim_unit == "adults" for s in spans)


def test_claim_records_are_fresh_lists_of_the_same_records(nlp):
    doc = nlp(TEXTS[0])
    first, second = claim_records(doc), claim_records(doc)
    assert first == second and first is not second
    first.clear()
    assert claim_records(doc) == second


def test_claim_records_follow_spans_set_by_hand(nlp):
    doc = nlp(TEXTS[1])
    before = claim_records(doc)
    assert len(before) > 1
    span = doc.spans[CLAIMS][0]
    span._.claim_value = 99
    doc.spans[CLAIMS] = [span]
    assert claim_records(doc) == [ClaimMatch(span.label_, span.start_char, span.end_char, 99, span._.claim_unit,
                                             span._.claim_qualifier)]


def test_claim_records_follow_a_second_run(nlp):
    doc = nlp(TEXTS[0])
    records = claim_records(doc)
    nlp.get_pipe("claimcheck_claims")(doc)
    assert claim_records(doc) == records

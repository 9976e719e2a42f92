"""The per-Doc values the flag checks share (`claimcheck.checks.shared`): worked out once while
the flags component runs, afresh outside it, and the same as what each check read before."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import IDX, LOWER

from claimcheck.checks import shared
from claimcheck.checks.registry import select_checks
from claimcheck.nlp.claims import claim_records
from claimcheck.nlp.pipeline import build_nlp
from claimcheck.nlp.regex import fold_case

TEXT = (
    "The trial enrolled 312 patients. Of the 321 patients, 156 were assigned to the drug and 166 to placebo.\n"
    "Dr. Axel Wollmer said the results were clear. Wollmer said 45% of the 640 residents, or 25%, improved.\n"
    "Woolmer added that the the effect was large (p = 1.3)."
)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def _doc_before_flags(nlp, text: str):
    """The Doc as the flags component receives it."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "claimcheck_flags":
            break
        doc = component(doc)
    return doc


def test_values_are_worked_out_once_inside_the_scope_and_dropped_after(nlp):
    doc = _doc_before_flags(nlp, TEXT)
    with shared.shared_values(doc):
        assert shared.claims(doc) is shared.claims(doc)
        assert shared.folded_text(doc) is shared.folded_text(doc)
        assert shared.lowered_text(doc) is shared.lowered_text(doc)
        assert shared.token_starts_and_lowers(doc) is shared.token_starts_and_lowers(doc)
    assert not any(key == shared._KEY for key in doc.user_data)
    # outside the scope: each call works the value out afresh
    assert shared.claims(doc) is not shared.claims(doc)


def _assert_values_as_before(doc) -> None:
    assert shared.claims(doc) == claim_records(doc)
    assert shared.folded_text(doc) == fold_case(doc.text)
    assert shared.lowered_text(doc) == doc.text.lower()
    assert np.array_equal(shared.token_starts_and_lowers(doc), doc.to_array([IDX, LOWER]))


def test_values_are_what_the_checks_read_before(nlp):
    doc = _doc_before_flags(nlp, TEXT)
    _assert_values_as_before(doc)
    with shared.shared_values(doc):
        _assert_values_as_before(doc)
        _assert_values_as_before(doc)  # the second time from the store


@pytest.mark.parametrize("text", ["Plain text.", "İstanbul study", "ıi and ſ", "ẞ and ǅ", "", "Kelvin K sign"])
def test_folded_text_is_fold_case(nlp, text):
    doc = nlp.make_doc(text)
    with shared.shared_values(doc):
        assert shared.folded_text(doc) == fold_case(text)
    assert shared.folded_text(doc) == fold_case(text)


def test_the_component_flags_what_the_checks_find_alone(nlp):
    doc = nlp(TEXT)
    alone = _doc_before_flags(nlp, TEXT)
    expected = set()
    for check in select_checks():
        for hit in check.func(alone):
            span = alone.char_span(hit.start, hit.end, alignment_mode="expand")
            if span is not None:
                expected.add((span.start_char, span.end_char, check.kind, hit.message))
    flagged = {(s.start_char, s.end_char, s.label_, s._.flag_message) for s in doc.spans["flags"]}
    assert flagged
    assert flagged <= expected
    assert {(start, end) for start, end, _, _ in flagged} == {(start, end) for start, end, _, _ in expected}

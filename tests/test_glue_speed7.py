"""Speed work of wave 7 on the tokenizer, the sentence splitter and the per-article glue: the
fast paths must give what the plain rules give."""

from __future__ import annotations

import re

import pytest
from spacy.pipeline.sentencizer import Sentencizer

from claimcheck.nlp.pipeline import build_nlp
from claimcheck.nlp.sentences import sentence_bounds

TEXTS = [
    "",
    "One sentence.",
    "The drug worked. It cut deaths by 20%! Really? Yes.",
    'He said "done." ) Next one starts here. And "this"? Then.',
    "Dr. Smith et al. found it... Later, e.g. in 2020, U.S. data agreed.",
    "A heading\nA byline\n\n  The body starts here. Second sentence.\n",
    "Curly “quotes” and dashes – all fine. Next sentence… and more.",
    "Chinese stop。Next one！And a question？Devanagari।Done",
    "An emoji 😀 here. And an astral final 𑇅 there. End",
    "?!. ! .. ?? ) ( . \n . \n\n",
    "Trailing spaces.   Several   spaces.\tTabs. ",
]


def _reference_starts(doc) -> list[int]:
    """Token by token: spaCy's sentencizer rule (after a final character, the first token that
    is no punctuation), plus the first token after every line break and the whitespace after it."""
    finals = set(Sentencizer.default_punct_chars)
    starts = {0}
    seen_final = False
    for token in doc:
        if seen_final and not token.is_punct and token.text not in finals:
            starts.add(token.i)
            seen_final = False
        if token.text in finals:
            seen_final = True
    for match in re.finditer(r"\n\s*", doc.text):
        after = [t.i for t in doc if t.idx >= match.end()]
        if after and after[0] > 0:
            starts.add(after[0])
    return sorted(starts)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_starts_follow_the_sentencizer_rule(nlp, text):
    doc = nlp.make_doc(text)
    nlp.get_pipe("claimcheck_sentences")(doc)
    if not len(doc):
        assert sentence_bounds(doc) == [(0, 0)]
        return
    got = [t.i for t in doc if t.is_sent_start]
    assert got == _reference_starts(doc)
    assert [b[0] for b in sentence_bounds(doc)] == [doc[i].idx for i in got]


def test_non_ascii_finals_end_sentences(nlp):
    doc = nlp("Chinese stop。Next one！And 𑇅 Done")
    assert len(list(doc.sents)) >= 2

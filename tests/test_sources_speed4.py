"""The report's fast paths give what the plain ones they replace give."""

import bisect

import pytest

from claimcheck.check import claims_from_doc, flags_from_doc
from claimcheck.models import Claim, Flag
from claimcheck.nlp.claims import claim_records
from claimcheck.nlp.extensions import FLAGS
from claimcheck.nlp.pipeline import get_nlp
from claimcheck.nlp.sentences import doc_text, sentence_bounds

TEXTS = [
    "In a trial of 1,200 patients, 45% improved (p = 0.03). The other 600 patients got a placebo.\n"
    "The study, published in The Lancet, followed them for 12 weeks.",
    "About 30 percent of 500 adults in the 2021 survey said so. Researchers at the University of X "
    "said 40% of the 500 adults, or 250 people, had symptoms. Results: [INSERT NUMBER] people.",
    "Thé café’s study of 1,000 “patients” found a 3.5-fold risk. The WHO (World Heath Organisation) "
    "and the W.H.O. said 120% of people agreed; 1 in 4 did not.",
    "",
]


@pytest.fixture(scope="module")
def docs():
    nlp = get_nlp()
    return [nlp(text) for text in TEXTS]


def _plain_claims(doc):
    """claims_from_doc as it was: keyword construction, one sentence lookup per claim."""
    text = doc_text(doc)
    bounds = sentence_bounds(doc)
    starts = [b[0] for b in bounds]
    claims = []
    for i, match in enumerate(claim_records(doc), 1):
        s, e = bounds[max(0, bisect.bisect_right(starts, match.start) - 1)]
        claims.append(Claim(
            id=f"c{i}", kind=match.kind, text=text[match.start:match.end], start=match.start,
            end=match.end, value=match.value, unit=match.unit, sentence=text[s:e].strip(),
            qualifier=match.qualifier,
        ))
    return claims


def _plain_flags(doc, only=None, skip=None):
    """flags_from_doc as it was: a Span per flag, its extensions read through `span._`."""
    wanted = set(only) if only else None
    skipped = set(skip or ())
    flags = []
    for span in doc.spans.get(FLAGS, []):
        if (wanted is not None and span.label_ not in wanted) or span.label_ in skipped:
            continue
        flags.append(Flag(
            id=f"f{len(flags) + 1}", kind=span.label_, severity=span._.flag_severity or "warning",
            text=span.text, start=span.start_char, end=span.end_char,
            message=span._.flag_message or "", suggestion=span._.flag_suggestion,
        ))
    return flags


def test_claims_equal_plain_construction(docs):
    assert any(claims_from_doc(doc) for doc in docs)
    for doc in docs:
        assert claims_from_doc(doc) == _plain_claims(doc)


def test_flags_equal_span_extensions(docs):
    assert any(flags_from_doc(doc) for doc in docs)
    for doc in docs:
        assert flags_from_doc(doc) == _plain_flags(doc)
        kinds = {f.kind for f in _plain_flags(doc)}
        for kind in kinds:
            assert flags_from_doc(doc, only=[kind]) == _plain_flags(doc, only=[kind])
            assert flags_from_doc(doc, skip=[kind]) == _plain_flags(doc, skip=[kind])


def test_flag_extensions_set_by_hand_are_read(docs):
    """A flag span set outside the flag component, with and without extension values."""
    doc = get_nlp()("Some 40 people and 50 others took part.")
    first, second = doc.char_span(0, 4, label="placeholder"), doc.char_span(19, 21, label="residue")
    first._.flag_severity, first._.flag_message, first._.flag_suggestion = "error", "m", "s"
    doc.spans[FLAGS] = [first, second]
    assert flags_from_doc(doc) == _plain_flags(doc)
    assert [(f.severity, f.message, f.suggestion) for f in flags_from_doc(doc)] == [("error", "m", "s"), ("warning", "", None)]


def test_lower_case_first_words_hold_their_gates():
    from claimcheck.sources.mentions import _journal_index, journal_name_matches

    groups = _journal_index().others_first_words
    words = [word for _, under in groups for word in under]
    assert {"eLife", "medRxiv", "bioRxiv", "arXiv", "npj"} <= set(words)
    assert all(gate in word for gate, under in groups for word in under)
    assert len(groups) < len(words)  # the preprint servers share one
    assert ("arXiv", ("arXiv",)) in groups  # alone under "Xiv": its own gate
    text = "Posted on bioRxiv, then arXiv and medrxiv; published in eLife and npj Digital Medicine."
    assert [m.group(0) for m in journal_name_matches(text)] == ["bioRxiv", "arXiv", "medrxiv", "eLife", "npj Digital Medicine"]


def test_identifiers_need_a_slash():
    from claimcheck.sources.mentions import find_identifier_mentions

    assert find_identifier_mentions("doi 10.1000 and www.example.org are not identifiers") == []
    found = find_identifier_mentions("See doi:10.1056/NEJMoa2034577. and https://pubmed.ncbi.nlm.nih.gov/12345678/")
    assert [m.kind for m in found] == ["doi", "url"]


def _plain_link_claims(text, groups, claims, sentences):
    """link_claims as it was: every paragraph listed (`paragraph_owners`), a bisect per claim."""
    import bisect as b
    import math

    from claimcheck.sources.mentions import paragraph_owners

    paragraphs, owners = paragraph_owners(text, groups)
    sentence_starts = [s for s, _ in sentences]
    paragraph_starts = [s for s, _ in paragraphs]
    named = sorted((m.start, gi) for gi, g in enumerate(groups) for m in g.mentions)
    by_sentence = {}
    for pos, gi in named:
        by_sentence.setdefault(max(0, b.bisect_right(sentence_starts, pos) - 1), []).append((pos, gi))
    for claim in claims:
        here = by_sentence.get(max(0, b.bisect_right(sentence_starts, claim.start) - 1))
        if here:
            k = b.bisect_right(here, (claim.start, math.inf))
            claim.source = f"s{(here[k - 1][1] if k else here[0][1]) + 1}"
            continue
        p_idx = max(0, b.bisect_right(paragraph_starts, claim.start) - 1)
        owner = owners[p_idx] if paragraphs else None
        if owner is not None:
            first = b.bisect_left(named, (paragraph_starts[p_idx],))
            last = b.bisect_left(named, (claim.start,)) - 1
            claim.source = f"s{(named[last][1] if last >= first else owner) + 1}"


def test_link_claims_equal_paragraph_list():
    """Claims anywhere (on line breaks and past the text too), mentions of several studies and
    databases in some paragraphs: the sources set are those the listed paragraphs give."""
    import random

    from claimcheck.sources.mentions import Mention, SourceGroup, link_claims, sentence_spans

    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(["word ", "Two. ", "\n", "\n\n", "x", ". The "]) for _ in range(rng.randint(0, 40)))
        groups = []
        for _ in range(rng.randint(1, 4)):
            mentions = [Mention(rng.randint(-2, len(text) + 2), 0, rng.choice(["journal", "study", "database", "url"]))
                        for _ in range(rng.randint(1, 3))]
            groups.append(SourceGroup(mentions))
        starts = [rng.randint(-1, len(text) + 1) for _ in range(rng.randint(0, 12))]
        for sentences in (sentence_spans(text), [(0, len(text))], []):
            new = [Claim("c", "count", "", s, s, 1) for s in starts]
            old = [Claim("c", "count", "", s, s, 1) for s in starts]
            link_claims(text, groups, new, sentences)
            _plain_link_claims(text, groups, old, sentences or sentence_spans(text))
            assert [c.source for c in new] == [c.source for c in old], (text, starts)

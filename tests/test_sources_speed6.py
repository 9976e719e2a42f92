"""Fourth speed pass over source detection: the shared scan and the shortcuts find what the
plain searches find."""

import random
import re

import pytest

from claimcheck.nlp.regex import find_all
from claimcheck.sources.mentions import (
    _OTHER_UNLISTED_KEYWORDS,
    _cue_before,
    _databases,
    _journal_index,
    _leftmost_listed,
    _plainly_no_cue,
    _scan_text,
    find_database_mentions,
    journal_name_matches,
    literal_spans,
    sentence_spans,
)

PIECES = [
    "Journal", "journal", "Annals", "Archives", "Acta", "Proceedings", "Bulletin", "eJournal", "npjournal",
    "The Lancet", "Journal of Bone and Mineral Research", "Annals of Internal Medicine", "European Heart Journal",
    "medRxiv", "medrxiv", "bioRxiv", "arXiv", "eLife", "eBioMedicine", "eClinicalMedicine", "npj Digital Medicine",
    "JAMA", "UK Biobank", "VAERS", "Vaccine", "US FDA's adverse event database", "Food and Drug Administration",
    "FAERS", "in", "the", "published", " ", "  ", "\n", ".", ",",
]


def _texts(n: int = 3000, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 14))) for _ in range(n)]


def test_scan_finds_what_the_plain_searches_find():
    for text in _texts():
        scan = _scan_text(text)
        assert [m.span() for m in scan.names] == [m.span() for m in journal_name_matches(text)], text
        assert scan.database == (_databases().unanchored.search(text) is not None), text
        if scan.journal_words is not None:  # (not known in the rare texts naming a lower-case first word)
            assert scan.journal_words == [(at - 1, end) for at, end in find_all(text, ("ournal",)) if at and text[at - 1] in "Jj"]
            assert scan.keywords == literal_spans(text, _OTHER_UNLISTED_KEYWORDS)


def test_scan_sees_key_words_inside_journal_names():
    text = "Published in the Journal of Bone and Mineral Research and Annals of Internal Medicine."
    scan = _scan_text(text)
    assert [text[s:e] for s, e in scan.journal_words] == ["Journal"]
    assert [text[s:e] for s, e in scan.keywords] == ["Annals"]


def test_lower_case_first_words_send_a_text_to_the_full_search():
    for text in ("Posted on medrxiv.", "In npj Digital Medicine.", "in eLife and JAMA", "eClinicalMedicine"):
        scan = _scan_text(text)
        assert scan.journal_words is None
        assert [m.group(0) for m in scan.names] == [m.group(0) for m in journal_name_matches(text)]


def test_the_fda_database_needs_no_anchors():
    text = "The study analysed the US Food and Drug Administration's adverse event database. The analysis used FAERS."
    assert not _databases().entries[0].anchors
    found = [text[m.start:m.end] for m in find_database_mentions(text, sentence_spans(text), _scan_text(text).database)]
    assert found == ["US Food and Drug Administration's adverse event database", "FAERS"]


@pytest.mark.parametrize("before, plainly", [
    ("The study found. ", True), ("Cases of heart", True), ("JAMA, ", True), ("\n", False),
    ("published in ", False), ("within ", False), ("in the ", False), ("bathe ", False), ("the journal ", False),
    ("according to ", False), ("in «", False), ("(", False), ("", False),
])
def test_plainly_no_cue(before, plainly):
    text = before + "Nature"
    assert _plainly_no_cue(text, len(before)) == plainly
    if plainly:
        assert _cue_before(text, len(before)) == ("", len(before), False)


def test_plainly_no_cue_never_hides_a_cue():
    rng = random.Random(3)
    pieces = ["in", "the", "The", " ", "\n", "journal", "«", "*", "(", ",", ".", "according", "to", "within",
              "site", "é", "’", "-", "2020", "published", "study", "a", "x", ":", "1.5"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 10))) + "Nature"
        start = len(text) - 6
        if _plainly_no_cue(text, start):
            assert _cue_before(text, start) == ("", start, False), text


def test_leftmost_listed_is_the_search_from_there():
    pattern = _journal_index().capitalised
    for text in _texts(500, seed=5):
        listed = list(pattern.finditer(text))
        read = 0
        for pos in range(len(text) + 1):
            m, read = _leftmost_listed(text, pos, listed, read)
            plain = pattern.search(text, pos)
            assert (m and m.span()) == (plain and plain.span()), (text, pos)

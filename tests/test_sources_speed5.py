"""Third speed pass over source detection: the shortcuts find what the plain searches find."""

import re

import pytest

from claimcheck.nlp.regex import find_all
from claimcheck.sources.mentions import (
    URL_RE,
    _databases,
    _first_letter,
    _may_hold_url,
    _scan_names,
    find_database_mentions,
    first_letter_patterns,
    holds_any,
    journal_name_matches,
    literal_spans,
    sentence_spans,
)

TEXTS = [
    "Published in The Lancet, the study used UK Biobank data and VAERS reports.",
    "The Journal of the American Medical Association (JAMA) and Nature Medicine.",
    "Researchers analysed Medicare claims in JAMA Internal Medicine.",
    "Data from the National Health and Nutrition Examination Survey (NHANES) in Nutrients.",
    "A preprint on medRxiv and a paper in eLife; no database here.",
    "VA health records, reported in the BMJ. Yellow Card reports. TriNetX. CPRD.",
    "Nothing at all.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_scan_names_is_the_name_search_and_the_database_search(text):
    names, database = _scan_names(text)
    assert [m.span() for m in names] == [m.span() for m in journal_name_matches(text)]
    assert database == (_databases().unanchored.search(text) is not None)


def test_scan_names_sees_a_database_name_inside_a_journal_name():
    # "Vaccine" is a listed journal: the scan finds it, and the database name that starts with it
    text = "Cases were in the Vaccine Adverse Event Reporting System, a study found."
    names, database = _scan_names(text)
    assert database
    assert [text[m.start:m.end] for m in find_database_mentions(text, sentence_spans(text), database)]


def test_database_patterns_without_anchors_need_a_first_letter():
    assert _first_letter("VAERS") == "V"
    assert _first_letter("Medicare (?:claims|data)") == "M"
    for bad in ("(?:Veterans Affairs|VA) data", "VAERS|NHANES", "V?AERS", "[VW]AERS"):
        with pytest.raises(ValueError):
            _first_letter(bad)


def test_first_letter_patterns_find_what_find_all_finds():
    words = ("Annals", "Archives", "Proceedings", "Bulletin", "Acta")
    patterns = first_letter_patterns(words)
    assert len(patterns) == 3  # A, B, P
    for text in ["Acta Annals of Archives, Proceedings; Bulletin Actaa", "none", "AnnalsArchives"]:
        assert literal_spans(text, patterns) == find_all(text, words)
        assert holds_any(text, patterns) == bool(find_all(text, words))


@pytest.mark.parametrize("text", [
    "see https://doi.org/10.1/x", "pubmed.ncbi.nlm.nih.gov/123", "europepmc.org/abs/1", "http://x",
    "a/b and http", "nih.gov / x", "and/or 24/7", "HTTPS://x.org", "www.doi.org/10.1000/xyz", "",
])
def test_url_gate_holds_for_every_url(text):
    if URL_RE.search(text):
        assert _may_hold_url(text)
    assert _may_hold_url(text) == any(text.endswith(("http:", "https:", "nih.gov", ".org"), 0, m.start())
                                      for m in re.finditer("/", text))

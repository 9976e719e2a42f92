"""The fast paths of source detection find what the plain searches they replace would find."""

import random
import re

from claimcheck.nlp.regex import alternation
from claimcheck.sources.mentions import (
    YEAR,
    _journal_index,
    _year_words,
    find_database_mentions,
    find_dated_studies,
    journal_name_matches,
    sentence_spans,
)


def _one_pattern_of_all_names() -> re.Pattern:
    """The plain pattern: every listed spelling in one alternation, the lookbehind first."""
    spellings = _journal_index().by_spelling
    return re.compile(rf"(?<![\w\-/.@]){alternation(spellings)}(?![\w\-]|\.[a-z]{{2,}})")


NAME_TEXTS = [
    "Published in eLife and in Nature Medicine, then posted on medRxiv.",
    "The preprint (bioRxiv) and the npj Digital Medicine paper; x-eLife, eLife.com and eLifeX are not.",
    "A study in npj Nature Medicine and bioRxiv Nature, then arXiv/Science and medrxiv.",
    "eClinicalMedicine eBioMedicine The Lancet eLife JAMA",
    "",
    "eLife",
]


def test_journal_name_matches_equal_one_pattern_of_all_names():
    plain = _one_pattern_of_all_names()
    rng = random.Random(3)
    names = list(_journal_index().by_spelling)
    texts = list(NAME_TEXTS)
    for _ in range(300):
        words = [rng.choice(names + ["eLife", "medRxiv", "npj", "the", "a", "study"]) for _ in range(8)]
        joiners = [rng.choice([" ", "-", "/", ".", " (", ") ", ""]) for _ in words]
        texts.append("".join(w + j for w, j in zip(words, joiners)))
    for text in texts:
        assert [m.span() for m in journal_name_matches(text)] == [m.span() for m in plain.finditer(text)], text


def test_lower_case_names_found():
    found = [m.group(0) for m in journal_name_matches(NAME_TEXTS[0])]
    assert found == ["eLife", "Nature Medicine", "medRxiv"]


def test_year_words_equal_plain_search():
    plain = re.compile(rf"\b{YEAR}\b")
    texts = [
        "2019 and 1950, not 12019, 2019x, x2019, 1949 or 2050; (2004) 1999-2000 20201 _2010",
        "In 2020 a 2021 study; 19999 2049.",
        "2000",
    ]
    for text in texts:
        assert [m.span() for m in _year_words(text)] == [m.span() for m in plain.finditer(text)]


def test_dated_studies_with_a_verb_phrase():
    text = "Similar research was conducted in 2020. A study published in March 2019 found more. " \
           "Data were published in 2019 to 2020."
    assert [(m.year, text[m.start:m.end]) for m in find_dated_studies(text)] == [
        (2020, "Similar research was conducted in 2020"),
        (2019, "A study published in March 2019"),
    ]


def test_database_mentions_with_and_without_anchors():
    text = (
        "The study analysed data from the UK Biobank. "
        "Researchers examined a US Food and Drug Administration database of reports. "
        "The analysis used Danish health registries. "
        "The UK Biobank opened a new office."
    )
    found = [text[m.start:m.end] for m in find_database_mentions(text, sentence_spans(text))]
    assert found == ["UK Biobank", "US Food and Drug Administration database", "Danish health registries"]
    assert find_database_mentions("Nothing here names a database.", [(0, 30)]) == []

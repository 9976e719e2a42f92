"""The shortcuts the smaller flag checks take for speed find what the plain patterns find.

Each test compares a shortcut with the straightforward way it replaced (a regex run over the
whole text, a filter that tried every rule) on inputs built to hit its edges: curly quotes
and bullets before furniture, tabs and runs of spaces between stops, paragraphs without
quote marks between quoted ones, non-ASCII letters that fold to ASCII ones.
"""

from __future__ import annotations

import random
import re

import pytest

from claimcheck.checks import acronyms, garbled, implausible, placeholder, residue
from claimcheck.nlp.pipeline import build_nlp
from claimcheck.nlp.regex import fold_case


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def _random_texts(alphabet: list[str], n: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


# --- residue: openings and the whole-text literal check ---------------------------------------

FURNITURE = [
    "Related articles", "- Related", "» Share on Facebook", "# Tags: x", "© 2024 Foo", "(c) 2023 bar",
    "Proudly powered by WordPress", "ſubscribe now", "Home > Health", "Health › Heart › News", "Go to top",
    "> Read more: x", "*Advertisement*", "12 comments", "İnstagram", "|Print", "— Subscribe now", "Ad", "ADS",
    "x", "X | Facebook", "We use cookies to improve your experience", "WE USE COOKIES", "Back to TOP",
    "CLICK HERE", "Filed under: health", "All Rights Reserved.", "Please disable your ad blocker",
    "Café › Santé", "“Related”", "‘Read more: x", "Menu", "Comments (3)", "Advertisement - story continues below",
]
PROSE = [
    "The trial enrolled 300 adults.", "“We were surprised,” she said.", "‘Quietly’ is the word.",
    "Ähnliche Artikel", "Adults who slept less were at higher risk.", "x-rays were taken of 40 patients.",
]


@pytest.mark.parametrize("line", FURNITURE + PROSE)
def test_prefilter_with_openings_agrees_with_the_rules_one_by_one(line):
    one_by_one = any(residue._match_rule(rule, line) is not None for rule in residue.RULES)
    for literal_free in {False, residue.PREFILTER.holds_no_literal(line)}:
        assert not one_by_one or residue.PREFILTER.may_match(line, literal_free)


def test_rule_openings_list_the_first_three_characters():
    rules = {r.id: r for r in residue.RULES}
    assert residue.rule_openings(rules["skip_links"]) == frozenset({"ski", "jum"})
    assert "ad" in residue.rule_openings(rules["advertisement"])  # a whole match shorter than three
    assert residue.rule_openings(rules["cookie_banner"]) is None  # far too many ways to open


def test_openings_of_repeats_and_optional_parts():
    def openings(pattern):
        return residue._openings_of(residue._sre_parser.parse(pattern))

    assert openings("ab?") == {"a", "ab"}
    assert openings("(?:ab)+c") == {"abc", "aba"}
    assert openings("x{0,2}y") == {"y", "xy", "xxy"}
    assert openings("[0-9]") == set("0123456789")
    assert openings("(?=z)ab") == {"ab"}  # look-arounds are skipped: a superset


def test_literal_free_texts_hold_no_literal():
    assert residue.PREFILTER.holds_no_literal("The trial enrolled 300 adults.\nThey slept well.")
    assert not residue.PREFILTER.holds_no_literal("Our site uses COOKIES.")
    assert not residue.PREFILTER.holds_no_literal("Health › Heart")
    assert not residue.PREFILTER.holds_no_literal("Our site uses cooKies.")  # Kelvin sign folds to k


def test_lines_are_trimmed_as_before():
    text = " \t a line \n\n\u00a0 \n  b\u2028c  \nlast"
    old = []
    for m in re.finditer(r"[^\n]*\S[^\n]*", text):
        line = m.group()
        old.append((m.start() + len(line) - len(line.lstrip()), m.start() + len(line.rstrip())))
    assert list(residue._lines(text)) == old


# --- garbled: stray-punctuation starts, doubled-word starts, quotes by paragraph --------------

GARBLED_ALPHABET = list(".,. \t\n\n  aAb€“”\"„«»5") + ["the", "The", " the", "x", "..."]


def test_stray_starts_are_where_the_start_pattern_matches():
    start = re.compile(r"[.,](?=[ \t]*[.,])")
    for text in _random_texts(GARBLED_ALPHABET, 3000, 30, seed=1):
        assert garbled._stray_starts(text) == [m.start() for m in start.finditer(text)], text


def test_stray_punctuation_is_what_the_pattern_finds():
    for text in _random_texts(GARBLED_ALPHABET, 3000, 30, seed=2):
        found = [span for span in garbled.find_stray_punctuation(text)]
        stray = [m.span() for m in garbled._STRAY_PUNCTUATION.finditer(text)]
        assert [span for span in found if span in stray] == stray, text


def test_quote_marks_are_grouped_by_paragraph_as_a_paragraph_scan_would():
    texts = _random_texts(GARBLED_ALPHABET, 3000, 30, seed=3) + [
        "“One,” he said.\n\n“Two.\n\n“Three.”\n\nNo marks here.\n\nIt ended.”",
        "A line\nwith “a quote\nover lines.”\n\nThen ” alone.",
    ]
    for text in texts:
        offsets = [m.start() for m in re.finditer(r"[“”\"„«»]", text) if text[m.start() - 1:m.start()] != "€"]
        assert [i for i in garbled.find_starts(text, garbled._QUOTE_MARKS) if text[i - 1:i] != "€"] == offsets
        paragraphs = list(garbled._paragraphs(text))
        expected = []
        for n, (start, end) in enumerate(paragraphs):
            inside = [(i, text[i]) for i in offsets if start <= i < end]
            if inside:
                expected.append((n, inside))
        assert list(garbled._marks_by_paragraph(text, offsets, paragraphs)) == expected, text


def test_doubled_word_starts_match_the_token_arrays(nlp):
    words = ["the", "The", "THE", " ", "  ", "\n", "a", "A", "is", "is", "1", "-", ".", ",", "Walla", "²²"]
    rng = random.Random(4)
    for _ in range(500):
        doc = nlp.make_doc(" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))))
        expected = sorted({t.idx for t in doc[:-1] if t.is_alpha and doc[t.i + 1].is_alpha and t.lower == doc[t.i + 1].lower}
                          | {t.idx for t in doc[:-2] if t.is_alpha and doc[t.i + 1].is_space and doc[t.i + 2].is_alpha
                             and t.lower == doc[t.i + 2].lower})
        assert garbled.doubled_word_starts(doc) == expected, doc.text


# --- implausible_value: the signs before numbers -------------------------------------------

def test_signs_agree_with_a_scan_of_every_signed_number():
    alphabet = list("-−–  \n.5(:,;=<>≤≥") + ["of", "was", "is", "minus", "x", "ſ", "İ"]
    for text in _random_texts(alphabet, 3000, 15, seed=5):
        signs = implausible._Signs(text)
        folded = fold_case(text)
        if folded is None:
            assert signs.after_comparison and signs.before_count
            continue
        matches = list(implausible._SIGNED_NUMBER.finditer(folded))
        before_count = "minus" in folded or any(
            folded[m.start()] in "-−" and folded[m.start() + 1].isdigit() and m.start()
            and (folded[m.start() - 1].isspace() or folded[m.start() - 1] in "(:,;") for m in matches)
        after_comparison = any(folded[:m.start()].rstrip().endswith(implausible._COMPARISONS) for m in matches)
        assert (signs.after_comparison, signs.before_count) == (after_comparison, bool(before_count)), text


def test_turns_of_a_proportion_are_those_of_one_pattern_per_turn():
    next_number = implausible._TURN_NEXT
    separate = [re.compile(turn + next_number) for turn in (r"in", r"out\s+of", r"of\s+(?:the|these|those|all)")]
    words = ["in", "out", "of", "the", "these", "all", "every", "a", "5", ".5", "six", "dozen", " ", "\n", "ofthe"]
    rng = random.Random(7)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 10)))
        expected = sorted(m.start() - 1 for p in separate for m in p.finditer(text) if m.start() and text[m.start() - 1].isspace())
        assert sorted(implausible._turn_offsets(text)) == expected, text


# --- acronym_mismatch: capital pairs -------------------------------------------------------

def test_acronym_starts_are_capital_pairs():
    pair = re.compile(r"[A-Z](?=[A-Z0-9])")
    alphabet = list("AZ@[09/:aé“ \n") + ["\U0001F600", "İ"]
    for text in _random_texts(alphabet, 3000, 12, seed=6):
        assert acronyms._acronym_starts(text) == [m.start() for m in pair.finditer(text)], text


# --- placeholder: literal prefixes ---------------------------------------------------------

def test_literal_prefix_of_a_pattern():
    assert placeholder.literal_prefix(re.compile(r"XNUMX(?:[.,]XNUMX)*")) == "XNUMX"
    assert placeholder.literal_prefix(re.compile(r"\[\s*x|\[y")) == "["  # the parser factors the `[` out
    assert placeholder.literal_prefix(re.compile(r"(?=T)TK")) == ""
    assert placeholder.literal_prefix(re.compile(r"ab", re.IGNORECASE)) == ""  # a letter may be either case
    assert placeholder.literal_prefix(re.compile(r"\[ab", re.IGNORECASE)) == "["


@pytest.mark.parametrize("text", [
    "Phase XNUMX trial", "£TK million", "[INSERT QUOTE]", "XX% of adults", "{{study_name}}", "%s patients",
    "n = XX", "Lorem ipsum dolor.", "What??? No.", "A plain sentence with 45% and a = b.", "",
])
def test_rules_skipped_by_their_literals_find_nothing(text):
    for rule in placeholder.RULES:
        if rule.may_match(text):
            continue
        if rule.prefilters:
            assert not any(p.search(text) for p in rule.prefilters), rule.id
        else:
            assert not list(rule.pattern.finditer(text)), rule.id

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


# --- the cheap first tests give what the plain code they guard gives ----------------------

import random  # noqa: E402
import re  # noqa: E402

from claimcheck.nlp import groups, patterns  # noqa: E402

_PIECES = [
    "0", "7", "12", " ", "  ", "\n", "\t", "(", "“", "-", ".", ",", "~", "<", "≥", "about", "About ", "more than",
    "than", "up to", "to", "rose", "at", "stood", "enrolled", "of", "sample", "İ", "ı", "é", "x", "d", "y", "\u00a0",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14))) for _ in range(n)]


def _reference_lookback(look: patterns.Lookback, text: str, start: int, end: int):
    start = max(0, start)
    if end <= start or not text[end - 1].isspace():
        return None
    words = text[max(start, end - 40):end].rsplit(None, 1)
    if not words:
        return None
    last = words[-1]
    if not last.isalpha():
        letters = re.search(r"[^\W\d_]+$", last)
        if letters is None:
            return None
        last = letters.group()
    if last.lower() not in look.last_words:
        return None
    return look.pattern.search(text, start, end)


def test_lookback_matches_the_plain_reading():
    looks = [groups._TOTAL_VERB_BEFORE, groups._STUDY_VERB_BEFORE, groups.DENOMINATOR_BEFORE, groups._POPULATION_BEFORE]
    for text in _texts(3000, 42):
        for end in range(len(text) + 1):
            for look in looks:
                got, want = look.search(text, end - 30, end), _reference_lookback(look, text, end - 30, end)
                assert (got and got.span()) == (want and want.span()), (text, end)


def test_enrolled_before_matches_the_plain_reading():
    def reference(pos: int, text: str) -> bool:
        if not text[pos - 1:pos].isspace():
            return False
        before = text[max(0, pos - 20):pos].rstrip()
        return before[-1:] in groups._ENROLLED_LAST_LETTERS and before[-11:].lower().endswith(groups._ENROLLED_LAST)

    for text in _texts(3000, 43):
        for pos in range(len(text) + 1):
            at = patterns.NumberAt(pos)
            assert groups._enrolled_before(at, text) == reference(pos, text), (text, pos)


def test_after_total_verb_matches_the_plain_reading():
    for text in _texts(3000, 44):
        for pos in range(len(text) + 1):
            at = patterns.NumberAt(pos)
            want = groups._TOTAL_VERB_BEFORE.search(text, pos - 30, pos) is not None
            assert groups._after_total_verb(at, text) == want, (text, pos)


_OLD_EVENT_CONTEXT = re.compile(
    r"(?i:\b(?:reactions?|died|deaths?|developed|cases?|events?|infections?|infected|diagnosed|hospitali[sz]ed|"
    r"hospitali[sz]ations?|admissions?|admitted|experienced|suffered|stopped|discontinued|acquired|relapsed|"
    r"reported|attacks?|strokes?|fractures?|progressed|side\s+effects?|withdrawals?|recurrences?|"
    r"visits?|needed|required|occurred|dropouts?|dropped|flare-ups?|complications?|injur(?:y|ies)|"
    r"readmissions?|operations|surger(?:y|ies)|outcomes?|broke|fell|falls|transfusions?|flagged)\b)"
)
_OLD_DESIGN_WORDS = re.compile(
    r"(?i:\b(?:randomi[sz]ed|randomly|assigned|allocated|enrolled|recruited|split|divided|included|involved|involving)\b)"
)


def test_word_tries_match_the_flat_alternations_they_replace():
    words = groups._EVENT_CONTEXT_WORDS + groups._DESIGN_WORD_LIST + ["side", "effect", "Side  Effects", "CASES", "injur"]
    pieces = words + [" ", "  ", "\n", "-", "s", "es", "ly", "ies", "y", "x", ".", "İ", "ſ", "K", "2"]
    rng = random.Random(45)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for new, old in ((groups.EVENT_CONTEXT, _OLD_EVENT_CONTEXT), (groups._DESIGN_WORDS, _OLD_DESIGN_WORDS)):
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text


_OLD_STUDY_CUE_BEFORE = re.compile(
    r"(?i:enrolled|recruited|surveyed|randomi[sz]ed|interviewed|sample\s+of|cohort\s+of|included|analy[sz]ed|studied|followed)\s+$"
)
_OLD_ENROLLED_BEFORE = re.compile(
    r"(?i:enrolled|recruited|surveyed|randomi[sz]ed|interviewed|sample\s+of|cohort\s+of|total\s+of|included|"
    r"analy[sz]ed|studied|followed|the\s+other|the\s+remaining)\s+$"
)
_OLD_STUDY_VERB_BEFORE = re.compile(
    r"(?i:\b(?:followed|enrolled|recruited|studied|included|including|covering|spanning|comprising|comprised|"
    r"surveyed|interviewed|tracked|examined|"
    r"analy[sz]ed|randomi[sz]ed|assigned|involving|involved|compared|tested|screened|scanned|of|covered|"
    r"reviewed|audited|assessed|evaluated|looked\s+at)\s+)$"
)


def test_lookback_tries_find_what_the_flat_alternations_find():
    words = groups._STUDY_CUES + groups._STUDY_VERBS + ["total of", "the other", "the remaining", "looked at", "at"]
    pieces = words + ["sample", "of", "the", "total", "looked", " ", "  ", "\n", "re", "s", "x", "İ", "ſ", "K", "(", "5"]
    rng = random.Random(46)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        for end in range(len(text) + 1):
            for new, old in ((groups._STUDY_CUE_BEFORE, _OLD_STUDY_CUE_BEFORE), (groups._ENROLLED_BEFORE, _OLD_ENROLLED_BEFORE),
                             (groups._STUDY_VERB_BEFORE.pattern, _OLD_STUDY_VERB_BEFORE)):
                start = max(0, end - 20)
                assert bool(new.search(text, start, end)) == bool(old.search(text, start, end)), (text, end)


def test_list_before_finds_what_it_found_without_its_lookahead():
    from claimcheck.nlp import continuations
    from claimcheck.nlp.numbers import NUMBER

    old = re.compile(rf"(?:{NUMBER}\s*,\s*)*{NUMBER}\s*,?\s+(?:and|or)\s+$")
    pieces = ["41", "1,200", ".5", "2.3", "one", "Two", "ſix", "SIX", "twenty-one", "a hundred", "dozen", "A dozen",
              "million", "m", "bn", ",", ", ", " ", "  ", "\n", "and ", "or ", "and", "x", "İ", "K", "-", "(", "someone"]
    rng = random.Random(47)
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        for start in range(len(text) + 1):
            got = continuations._LIST_BEFORE.search(text, max(0, start - 80), start)
            want = old.search(text, max(0, start - 80), start)
            assert (got and got.span()) == (want and want.span()), (text, start)


def test_lookaheads_keep_the_ci_and_ratio_matches():
    from claimcheck.nlp import claims

    old_ci = re.compile(claims.CI_RE.pattern.replace(r"(?=[\dCcUuI])", "", 1))
    old_ratio = re.compile(claims.RATIO_RE.pattern.replace("(?=[aAcChHiIoOpPrRgGwWİıS])", "", 1))
    assert old_ci.pattern != claims.CI_RE.pattern and old_ratio.pattern != claims.RATIO_RE.pattern
    pieces = ["95", "% ", "CI", "CrI", "UI", "confidence interval", "Credible intervals", "UNCERTAINTY INTERVAL", " of ", "0.62",
              "-", " to ", "1.2", "(", ")", ":", ", ", "hazard ratio", "Odds Ratios", "risk ratio", "İncidence rate ratio",
              "ıncidence ratio", "relative risk", "adjusted ", "Pooled ", "aHR", "OR", "RRs", "IRR", "ROR", " was ", " for ",
              "win ratio", "Geometric mean ratio", " versus ", "SHMI", "HSMR", "SMR", ", is ",
              "death", " ", "x", "ſ", "K", "2", "IC", "IC 95 %"]
    rng = random.Random(48)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for new, old in ((claims.CI_RE, old_ci), (claims.RATIO_RE, old_ratio)):
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text


def test_search_near_gives_what_a_full_scan_filtered_by_anchor_gives():
    from claimcheck.nlp.regex import search_near

    pattern = re.compile(r"a+b?c*")
    rng = random.Random(49)
    for _ in range(3000):
        text = "".join(rng.choice("abcx ") for _ in range(rng.randint(0, 30)))
        anchors = [(i, i + 1) for i, ch in enumerate(text) if ch == "b"]
        want, last_end = [], -1
        for a_start, a_end in anchors:
            if a_start < last_end:
                continue
            for m in pattern.finditer(text, max(last_end, a_start - 3, 0), min(len(text), a_end + 4)):
                if m.start() <= a_start < m.end() and m.start() >= last_end:
                    last_end = m.end()
                    want.append(m.span())
                    break
        got = [m.span() for m in search_near(pattern, text, anchors, before=3, after=4)]
        assert got == want, text


_OLD_COUNT_VERBS = re.compile(
    r"^(?:\s+(?!(?:that|who|whose|which|found|showed|suggests?)\b)[\w-]+){0,7}?\s+(?i:died|die|dies|were\s+hospitali[sz]ed|were\s+admitted|are\s+admitted|are\s+hospitali[sz]ed|developed|develop|suffered|"
    r"experienced|were\s+infected|became\s+infected|tested\s+positive|tests?\s+positive|had\s+undergone|(?:were\s+|are\s+)?diagnosed|"
    r"have|has|live\s+with|are\s+living|living\s+with|suffer|are\s+affected|were\s+affected|are\s+infected|"
    r"lost\s+their\s+lives|needed\s+hospital|required\s+hospital|acquired|contracted|caught|stopped|"
    r"discontinued|withdrew|dropped\s+out|quit|reported|relapsed|recovered|improved|responded|"
    r"had\s+(?:a|an)\b|went\s+on\s+to|were\s+(?:still\s+)?alive|survived|broke|fell|flagged|needed|sought|"
    r"visited|returned|turned\s+out|showed\s+signs|reached|achieved|"
    r"were\s+vaccinated|had\s+been\s+vaccinated|got\s+vaccinated|were\s+immuni[sz]ed|"
    r"fall\s+ill|fell\s+ill|falls\s+ill|became\s+ill|become\s+ill|are\s+born|were\s+born)\b"
)


def test_count_verbs_trie_finds_what_the_flat_alternation_finds():
    words = [w for phrase in groups._COUNT_VERB_PHRASES for w in phrase.split()]
    pieces = words + ["that", "who", "found", "showed", "suggests", "patients", "in", "Died", "HAD", "An", "s", "ed",
                      "x", "-", "İ", "ſ", "K"]
    seps = [" ", "  ", "\n", "", " - "]
    rng = random.Random(50)
    for _ in range(8000):
        text = "".join(rng.choice(seps) + rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        assert bool(groups._COUNT_VERBS.match(text)) == bool(_OLD_COUNT_VERBS.match(text)), text

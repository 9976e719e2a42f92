"""The cheap anchor finders of `claims.py` find exactly what the scans they replace found."""

import pytest

from claimcheck.nlp import claims
from claimcheck.nlp.regex import find_all

TEXTS = [
    "",
    "R",
    "HRs",
    "HR",
    "aHR_",
    "ORRs x",
    "RRR",
    "HRsé",
    "RHR (HR 1.2)",
    "IRRs,RR; ORs.",
    "CrI CI UI",
    "I",
    "CI",
    "xUIy 95% CI 1.1-1.4, UI, CrI: confidence INTERVAL, interval",
    "2 x 10^9 cells, x10, ×10 × 10 x 1, ax 10x10, x",
    "The hazard ratio (HR) was 0.8 (95% CI 0.7 to 0.9); OR 1.2, RR 0.9.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_ratio_abbreviations_as_the_regex(text):
    assert claims._ratio_abbreviations(text) == [m.span() for m in claims._RATIO_ABBREVIATIONS.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_ci_anchors_as_find_all(text):
    anchors, abbreviated = claims._ci_anchors(text)
    assert anchors == find_all(text, claims._CI_ANCHORS)
    assert abbreviated == ("CI" in text or "UI" in text)


@pytest.mark.parametrize("text", TEXTS)
def test_times_ten_as_find_all(text):
    assert claims._times_ten(text) == find_all(text, ("× 10", "x 10", "×10", "x10"))


@pytest.mark.parametrize("text", ["p = 0.04", "P<0.001", "p value of 0.2", "pvalue 0.3", "paper 0.2", "P\u00a0=\u00a00.05"])
def test_p_values_found_where_they_were(text):
    assert [(c.start, c.end, c.value) for c in claims.find_p_values(text)] == [
        (m.start(), m.end(), claims._parse_scientific(m["num"])) for m in claims.P_RE.finditer(text)
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_'’.")
    ]

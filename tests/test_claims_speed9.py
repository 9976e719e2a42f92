"""The faster pieces of speed wave 9 give what the plain versions they replace gave."""

import dataclasses
import random
import re

import pytest

from claimcheck.nlp import claims, patterns

TEXTS = [
    "",
    "p",
    "P",
    "p-value",
    "p =0.03, P<0.001, p less than .05, p of 0.2, p was 0.4, P below 0.05",
    "patients, people, per cent, placebo, pooled, p\u00a0= 0.01, pİ, pı, (p ≤ 0.05) p\n<0.01",
    "up, top's p, 'p = 0.1, .p = 0.2, ap = 0.3",
    "CrI CI UI",
    "I",
    "CI",
    "xUIy 95% CI 1.1-1.4, UI, CrI: confidence INTERVAL, interval",
    "CCI, UUI, CrrI, rI, CrII",
]

_AFTER_P = frozenset("-v<>=≤≥owilbİı")


def _plain_p_starts(lowered: str) -> list[int]:
    """The starts of `P_RE` as found before: each "p" the old pattern found, tested in Python."""
    starts = []
    for m in re.finditer(r"p(?<![\w'’.]p)", lowered):
        after = lowered[m.start() + 1:m.start() + 2]
        if after in _AFTER_P or after.isspace():
            starts.append(m.start())
    return starts


@pytest.mark.parametrize("text", TEXTS)
def test_p_starts_as_the_python_test(text):
    lowered = patterns._lower(text)
    assert [m.start() for m in claims._P_START.finditer(lowered)] == _plain_p_starts(lowered)


def _plain_ci_anchors(text: str) -> tuple[list[tuple[int, int]], bool]:
    spans = patterns.find_all(text, claims._CI_ANCHORS[3:])
    abbreviated = False
    for at, _ in patterns.find_all(text, ("I",)):
        before = text[max(0, at - 2):at]
        if before[-1:] in ("C", "U"):
            spans.append((at - 1, at + 1))
            abbreviated = True
        elif before == "Cr":
            spans.append((at - 2, at + 1))
            abbreviated = True
    spans.sort()
    return spans, abbreviated


def _random_texts(alphabet: str, n: int = 3000, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10))) for _ in range(n)]


def test_ci_anchors_as_the_python_test():
    # (one test over 3,000 random strings: a test each would be thousands of items in the report)
    for text in TEXTS + _random_texts("CUrI x-"):
        assert claims._ci_anchors(text) == _plain_ci_anchors(text), text


def _plain_preceding_word(text: str, start: int) -> str:
    runs = patterns._WORD.findall(text, max(0, start - 30), start)
    for run in reversed(runs):
        if run.strip(".-"):
            return run.lower()
    return runs[0].lower() if runs else ""


def test_preceding_word_as_the_scan():
    for text in TEXTS + _random_texts(["By", "a", " ", "\n", ".", "-", "(", "5", "_", "é", "²", "x_y", "\u00a0"]):
        for start in range(len(text) + 1):
            assert patterns._preceding_word(text, start) == _plain_preceding_word(text, start), (text, start)


def test_boilerplate_guard_finds_what_the_search_finds():
    text = "The webcast runs 45 minutes. Subscribe for 12 months. Trial lasted 6 months. Cookies last 30 days."
    lowered = patterns._lower(text)
    for m in re.finditer(r"\d+ \w+", text):
        window = text[max(0, m.start() - 120):m.end() + 60]
        expected = claims._BOILERPLATE.search(window) is not None
        assert claims._in_boilerplate(text, lowered, m.start(), m.end()) == expected


def test_claim_match_is_still_a_frozen_dataclass():
    a = patterns.ClaimMatch("count", 1, 2, [3, 4], unit="patients")
    assert a == patterns.ClaimMatch("count", 1, 2, [3, 4], "patients", None)
    assert hash(patterns.ClaimMatch("count", 1, 2, 3)) == hash(patterns.ClaimMatch("count", 1, 2, 3))
    assert dataclasses.replace(a, start=0) == patterns.ClaimMatch("count", 0, 2, [3, 4], "patients")
    assert dataclasses.astuple(a) == ("count", 1, 2, [3, 4], "patients", None)
    assert repr(a) == "ClaimMatch(kind='count', start=1, end=2, value=[3, 4], unit='patients', qualifier=None)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.start = 5  # type: ignore[misc]

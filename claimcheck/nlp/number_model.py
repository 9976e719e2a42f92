"""The numbers no rule claimed, read by a small linear model.

The rules of `claims.py` and `groups.py` miss counts and group sizes written in ways no rule
foresaw: "42 ill", "Nineteen caused moderate harm", "of whom 1,610 started treatment", a bare
number in a list after a claim ("2,119 were in varnish schools and 2,117 in control schools").
After the rules, each number left unclaimed (but not a year, a time, a percentage, the base of a
rate, or a number in a table or key-facts line, which the table reader reads by its header) is
described by

- the words around it: up to four before and four after, within its line, each by position and
  as a bag (a number among them is "N");
- its shape: a number word, a comma, a decimal point, its size, a year's look;
- its place: a table cell, a bullet, the start of a line, a short line, the characters at each side;
- its sentence: the kinds of the claims just before and after it, the words between the one
  before and it, and which of a few people and event words the sentence holds;

and a multinomial logistic regression gives each kind a probability. A count or a sample size
the model gives at least `THRESHOLD` becomes a claim of the number alone, valued as written;
other kinds it may name are left to the rules (it reads them too rarely to be trusted).

The weights are trained with scikit-learn by `number_model_train.py` on the annotated corpus
and kept in `data/number_model.json`. Reading them here is a sum of one weight vector per
feature (a dict lookup each) and a softmax: no scikit-learn and no arrays at run time, about
as cheap as a regular expression per number.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache
from typing import Callable, Iterable

from ..data import load_json
from .numbers import DIGIT_GROUPS, NUMBER, parse_number
from .patterns import ClaimMatch, number_mentions
from .tables import read_line_starts

THRESHOLD = 0.6
KINDS = frozenset({"count", "sample_size"})  # the kinds the model may add
MODEL_FILE = "number_model.json"

_A_NUMBER = re.compile(NUMBER)
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?|\d[\d,.]*|[%()|:;$£€\[\]/+=<>-]")
_SENTENCE_WORDS = (
    "patients", "people", "participants", "children", "adults", "women", "men", "cases", "deaths", "died",
    "infants", "were", "had", "reported", "tested", "randomised", "randomized", "enrolled",
)
_SENTENCE_WORD = re.compile(rf"(?<![A-Za-z])(?i:{'|'.join(_SENTENCE_WORDS)})(?![A-Za-z'\u2019])")
_SIZES = ((2, "v<2"), (10, "v<10"), (100, "v<100"), (1_000, "v<1k"), (10_000, "v<10k"), (100_000, "v<100k"))


# What a number never counted is: a year ("2021"), a time or a ratio ("10:30", "24/7"), a
# percentage left by the rules ("45%" in a table of percentages): of the thousands of such numbers
# the rules leave in the corpus, none is a claim, so the model is not asked. Nor is a telephone
# number of groups of digits that are no thousands ("13 11 26"; "1 262 400" is a number).
_NOT_COUNTED = re.compile(rf"(?:19|20)\d\d(?!\d|[,.]\d)|[\d.,]+(?:[:/]\d|\s?%)|{DIGIT_GROUPS}")


# The base of a rate: "of every 1,000 people tested", "per 100,000", "each 10 patients".
_RATE_BASE = re.compile(r"(?i:\b(?:every|per|each)\s+)$")


def leftover_numbers(text: str, claims: list[ClaimMatch], no_claim: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int, float]]:
    """(start, end, value) of every number that starts inside no claim, no span of `no_claim`
    (telephone numbers, web addresses, ...) and no number before it ("a dozen"), in no line of a
    table or key facts, and is no year, time, percentage (`_NOT_COUNTED`) or base of a rate. `claims` are in
    reading order."""
    starts = [c.start for c in claims]
    blocked = sorted(no_claim)
    tabled = read_line_starts(text)
    out: list[tuple[int, int, float]] = []
    passed = 0  # the end of the last number read or passed over: none starts inside it
    for at in number_mentions(text):
        pos = at.pos
        if pos < passed:
            continue
        i = bisect_right(starts, pos)
        if any(c.start <= pos < c.end for c in claims[max(0, i - 3):i]):
            continue
        not_counted = _NOT_COUNTED.match(text, pos)
        if not_counted:
            passed = not_counted.end()
            continue
        if any(a <= pos < b for a, b in blocked) or _RATE_BASE.search(text, max(0, pos - 8), pos):
            continue
        if tabled and text.rfind("\n", 0, pos) + 1 in tabled:
            continue  # a table's cell or a key-facts line: `table_claims` read it by its header
        m = _A_NUMBER.match(text, pos)
        if m is None:
            continue
        value = parse_number(m.group())
        if value is None:
            continue
        out.append((pos, m.end(), value))
        passed = m.end()
    return out


def _shape(number: str, value: float) -> list[str]:
    shape = []
    if number[0].isalpha():
        shape.append("wordnum")
    if "," in number:
        shape.append("comma")
    if "." in number:
        shape.append("decimal")
    size = abs(value)
    shape.append(next((name for limit, name in _SIZES if size < limit), "big"))
    if number.isdigit() and len(number) == 4 and 1900 <= size <= 2100:
        shape.append("yearlike")
    if size != int(size):
        shape.append("frac")
    return shape


def _sentence_words(text: str, start: int, end: int) -> set[str]:
    """Which of `_SENTENCE_WORDS` the sentence `text[start:end]` holds (as words, any case)."""
    return {w.lower() for w in _SENTENCE_WORD.findall(text, start, end)}


def features(text: str, start: int, end: int, value: float, claims: list[ClaimMatch],
             sentence: tuple[int, int], sentence_words: set[str] | None = None,
             claim_starts: list[int] | None = None) -> list[str]:
    """The features of the number at `start:end` (see the module's docstring). `claims` are in
    reading order; `sentence_words` are `_words` of the sentence and `claim_starts` the claims'
    starts, if already read."""
    feats = ["s=" + s for s in _shape(text[start:end], value)]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    raw_before = _WORD.findall(text, max(line_start, start - 60), start)[-4:]
    raw_after = _WORD.findall(text, end, min(line_end, end + 60))[:4]
    before = ["N" if w[0].isdigit() else w.lower() for w in raw_before]
    after = ["N" if w[0].isdigit() else w.lower() for w in raw_after]
    feats += [f"b{i}={w}" for i, w in enumerate(reversed(before))]
    feats += [f"a{i}={w}" for i, w in enumerate(after)]
    if before:
        feats.append("b0b1=" + " ".join(before[-2:]))
    if after:
        feats.append("a0a1=" + " ".join(after[:2]))
    feats += ["abag=" + w for w in set(after)]
    feats += ["bbag=" + w for w in set(before)]
    if raw_before and raw_before[-1][0].isupper():
        feats.append("bcap")
    if raw_after and raw_after[0][0].isupper():
        feats.append("acap")
    left, right = text[start - 1:start] if start else "", text[end:end + 1]
    feats.append("cb=" + (left if not left.isalnum() else "A"))
    feats.append("ca=" + (right if not right.isalnum() else "A"))
    line = text[line_start:line_end].lstrip()
    if line.startswith("|"):
        feats.append("table")
    if line[:1] in ("-", "*", "\u2022"):
        feats.append("bullet")
    if start == line_start:
        feats.append("linestart")
    if line_end - line_start < 40:
        feats.append("shortline")
    s0, s1 = sentence
    if claim_starts is None:
        claim_starts = [c.start for c in claims]
    i = bisect_right(claim_starts, start)  # the claims before the number: claims[:i]
    previous = claims[i - 1] if i and claims[i - 1].start >= s0 and claims[i - 1].end <= start else None
    following = claims[i] if i < len(claims) and end <= claims[i].start < s1 else None
    feats.append("prevk=" + (previous.kind if previous else "-"))
    feats.append("nextk=" + (following.kind if following else "-"))
    if previous:
        between = text[previous.end:start]
        feats.append(f"gapw={min(len(between.split()), 6)}")
        if between.rstrip().endswith("of"):
            feats.append("of_after_claim")
    if sentence_words is None:
        sentence_words = _sentence_words(text, s0, s1)
    feats += ["sw=" + w for w in _SENTENCE_WORDS if w in sentence_words]
    return feats


class NumberModel:
    """A multinomial logistic regression as weights: `classes`, an `intercept` per class and,
    per feature, a weight per class."""

    def __init__(self, classes: list[str], intercept: list[float], weights: dict[str, list[float]]) -> None:
        self.classes = classes
        self.intercept = intercept
        self.weights = weights

    @classmethod
    def from_json(cls, data: dict) -> "NumberModel":
        return cls(data["classes"], data["intercept"], data["weights"])

    def probabilities(self, feats: Iterable[str]) -> list[float]:
        rows = [row for row in map(self.weights.get, feats) if row is not None]
        scores = list(map(sum, zip(self.intercept, *rows)))  # each class's intercept and weights, summed
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def best(self, feats: Iterable[str]) -> tuple[str, float]:
        probs = self.probabilities(feats)
        i = max(range(len(probs)), key=probs.__getitem__)
        return self.classes[i], probs[i]


@lru_cache(maxsize=1)
def number_model() -> NumberModel:
    return NumberModel.from_json(load_json(MODEL_FILE))


def model_claims(text: str, claims: list[ClaimMatch], sentence_of: Callable[[int], tuple[int, int]],
                 no_claim: Iterable[tuple[int, int]] = (), model: NumberModel | None = None) -> list[ClaimMatch]:
    """The counts and sample sizes the model reads among the numbers the rules left."""
    model = model or number_model()
    found = []
    words_of: dict[tuple[int, int], set[str]] = {}  # each sentence's words, read once
    starts = [c.start for c in claims]
    for start, end, value in leftover_numbers(text, claims, no_claim):
        sentence = sentence_of(start)
        words = words_of.get(sentence)
        if words is None:
            words = words_of[sentence] = _sentence_words(text, *sentence)
        kind, probability = model.best(features(text, start, end, value, claims, sentence, words, starts))
        if kind in KINDS and probability >= THRESHOLD:
            found.append(ClaimMatch(kind, start, end, value))
    return found

"""The shared pieces of the claim rules: numbers, qualifiers, ranges, and fast scanning.

Python's `re` tries a pattern at every character; most claim patterns open with a number
(or a qualifier before one), so `scan` tries them only where `number_starts` says a number
stands, and `search_near` tries a costly pattern only around a cheap anchor word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..data import load_data
from .numbers import NUMBER, TENS, UNITS, parse_number

Value = float | int | str | list | None


@dataclass(frozen=True)
class ClaimMatch:
    kind: str
    start: int
    end: int
    value: Value
    unit: str | None = None
    qualifier: str | None = None


@lru_cache(maxsize=1)
def terms() -> dict[str, list[str]]:
    """The word lists, validated once."""
    keys = {
        "people_nouns", "record_nouns", "pooled_nouns", "event_nouns",
        "not_people_before_number", "not_modifiers",
    }
    return load_data("claim_terms.json", keys, string_lists=keys)


def alternation(words, lower: bool = False) -> str:
    """A regex alternation of literal phrases, longest first; a space matches any whitespace."""
    parts = sorted({re.escape(w.lower() if lower else w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    return "|".join(parts)


_alternation = alternation


# --- shared pieces -----------------------------------------------------------------------

QUALIFIERS = (
    "nearly", "almost", "about", "around", "approximately", "roughly", "some", "over",
    "more than", "less than", "fewer than", "at least", "up to", "just over", "just under",
    "under", "an estimated", "as many as", "as few as", "only", "just", "exactly",
    "upwards of", "close to", "well over", "at most", "no more than", "a total of", "totalling",
    "totaling",
)
QUAL = rf"(?:(?P<between>(?i:between|from))\s+|(?P<qual>(?i:{_alternation(list(QUALIFIERS))})|~|≈|<|>|≤|≥)\s*)?"
# A number not glued to a word, a price or a code: not `COVID-19`, `B12`, `$1,200`, `24/7`.
START = r"(?<![\w\-/.,:$£€¥#+])"
END = r"(?![\w/]|[.,:]\d)"
NUM = rf"{START}{NUMBER}{END}"
# "to", a dash or "or" join a range; "and" only after "between" ("0.9% and 0.2%" are two values).
RANGE_SEP = r"\s*(?:to|-|–|—|or|(?(between)and|(?!)))\s*"
PCT = r"(?:\s?%|\s?(?i:per\s?cent|percent)\b|\s?(?i:percentage[-\s]points?)\b)"
TIME_UNITS = r"(?i:minutes?|hours?|days?|weeks?|months?|years?|decades?)"

DASHES = "-–—"


# --- scanning only where a number stands ------------------------------------------------
# Python's `re` tries a pattern that opens with an optional qualifier at every character; the
# number-led patterns are instead tried only at the numbers (and at a qualifier just before
# one), found by one cheap pass over the words. Same matches, ~10x less work.

_NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | {"a", "an", "half", "twice", "thrice", "double", "dozen"}
_WORD_OR_NUMBER = re.compile(r"[A-Za-z]+|\.?\d[\d,.]*")
_QUALIFIER_WORDS = frozenset(QUALIFIERS) | {"between", "from"}
_QUALIFIER_SIGNS = frozenset("~≈<>≤≥")


def _qualifier_start(text: str, pos: int) -> int | None:
    """Start of a qualifier ("nearly", "more than", "between", "<") just before `pos`, if any."""
    window = text[max(0, pos - 25):pos]
    stripped = window.rstrip()
    if not stripped:
        return None
    if stripped[-1] in _QUALIFIER_SIGNS:
        return pos - len(window) + len(stripped) - 1
    words = stripped.split()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]).lower() in _QUALIFIER_WORDS:
            phrase_start = stripped.rfind(words[-n])
            if phrase_start > 0 and stripped[phrase_start - 1].isalnum():
                return None
            return pos - len(window) + phrase_start
    return None


@lru_cache(maxsize=4)
def number_starts(text: str) -> tuple[int, ...]:
    """Where a number (or a qualifier right before one) starts, in order."""
    starts: set[int] = set()
    for m in _WORD_OR_NUMBER.finditer(text):
        token = m.group()
        if not (token[0] in "0123456789." or token.lower() in _NUMBER_WORDS):
            continue
        pos = m.start()
        starts.add(pos)
        qual = _qualifier_start(text, pos)
        if qual is not None:
            starts.add(qual)
    return tuple(sorted(starts))


@lru_cache(maxsize=4)
def _lower(text: str) -> str:
    return text.lower()


def _mentions(text: str, *needles: str) -> bool:
    """Cheap guard before a whole-text regex: does the text contain any of these (lower-case)?"""
    lowered = _lower(text)
    return any(n in lowered for n in needles)


def _scan(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for patterns that open with a qualifier or a number."""
    last_end = -1
    for pos in number_starts(text):
        if pos < last_end:
            continue
        m = pattern.match(text, pos)
        if m:
            last_end = m.end()
            yield m


def _search_near(pattern: re.Pattern, text: str, anchor: re.Pattern, before: int = 40, after: int = 160) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a costly pattern that always contains a cheap `anchor`:
    searched only in a window around each anchor."""
    last_end = -1
    for a in anchor.finditer(text):
        if a.start() < last_end:
            continue
        for m in pattern.finditer(text, max(last_end, a.start() - before, 0), min(len(text), a.end() + after)):
            if m.start() <= a.start() < m.end() and m.start() >= last_end:
                last_end = m.end()
                yield m
                break


def _qualifier(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups.get("between") and groups.get("b"):
        return groups["between"].lower()
    qual = groups.get("qual")
    return qual.lower() if qual else None


def _num(text: str | None) -> float | int | None:
    return parse_number(text) if text else None


def _range_or_value(low: str | None, high: str | None) -> Value:
    a = _num(low)
    if high:
        b = _num(high)
        if a is not None and b is not None:
            return [a, b]
    return a


def _preceding_word(text: str, start: int) -> str:
    match = re.search(r"([\w.\-]+)\W*$", text[max(0, start - 30):start])
    return match.group(1).lower() if match else ""


def _preceding_words(text: str, start: int, n: int = 2) -> list[str]:
    """The `n` words before `start`, nearest last, lower-cased."""
    return [w.lower() for w in re.findall(r"[\w.\-]+", text[max(0, start - 40):start])[-n:]]



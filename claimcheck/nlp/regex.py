"""Regular-expression building blocks shared by the claim rules and the checks."""

from __future__ import annotations

import re
from typing import Iterable, Iterator


def matches_at(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """The matches of `pattern` that begin at one of `starts` (in order), not overlapping:
    `pattern.finditer(text)` when the matches can only begin there, without trying every
    character."""
    last_end = -1
    for start in starts:
        if start >= last_end:
            m = pattern.match(text, start)
            if m:
                last_end = m.end()
                yield m


def alternation(words, lower: bool = False) -> str:
    """A regex alternation of literal phrases, longest first; a space matches any whitespace.

    Written as a trie ("patient(?:s|)"): Python's `re` tries each branch of a flat alternation
    in turn, and a trie shares the prefixes, so a list of 200 nouns costs about as much as a
    few. Longer phrases win, as every branch is greedy and the empty ending comes last.
    """
    trie: dict = {}
    for word in {w.lower() if lower else w for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            branches.append((r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch]))
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(trie)


def find_all(text: str, words) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each literal word in `text`, in order: `str.find`
    runs at C speed, where `re` tries an alternation of words at every character."""
    spans = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            spans.append((at, at + len(word)))
            at = text.find(word, at + 1)
    spans.sort()
    return spans


def search_near(pattern: re.Pattern, text: str, anchor, before: int = 40, after: int = 160) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a costly pattern that always contains a cheap `anchor`:
    searched only in a window around each anchor. `anchor` is a pattern, or the (start, end)
    of each anchor in order."""
    last_end = -1
    spans = ((a.start(), a.end()) for a in anchor.finditer(text)) if isinstance(anchor, re.Pattern) else anchor
    for a_start, a_end in spans:
        if a_start < last_end:
            continue
        for m in pattern.finditer(text, max(last_end, a_start - before, 0), min(len(text), a_end + after)):
            if m.start() > a_start:
                break  # (the matches come in order: none further on holds the anchor)
            if a_start < m.end() and m.start() >= last_end:
                last_end = m.end()
                yield m
                break


# Characters that a case-insensitive pattern matches to an ASCII letter but `str.lower()` does
# not turn into it (`re` folds İ and ı to i, ſ to s); İ would also lengthen the text.
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold_case(text: str) -> str | None:
    """The text lower-cased offset for offset, so that a lower-case pattern finds there at least
    what its case-insensitive twin finds in the text; None if lower-casing moves offsets."""
    if "İ" in text or "ı" in text or "ſ" in text:  # rare: `translate` costs ~20x `lower`
        text = text.translate(_FOLD)
    folded = text.lower()
    return folded if len(folded) == len(text) else None


def find_starts(text: str, words) -> list[int]:
    """Sorted offsets of every occurrence of each literal word (`find_all`, starts only)."""
    return [start for start, _ in find_all(text, words)]

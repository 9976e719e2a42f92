"""The shared pieces of the claim rules: numbers, qualifiers, ranges, and where to try them.

Python's `re` tries a pattern at every character; most claim patterns open with a number (or a
qualifier before one), so `_scan` tries them only where `number_mentions` says a number stands,
and only where the word after it can continue the pattern. The scanning helpers shared with
the checks (`alternation`, `find_all`, `matches_at`, `search_near`) are in `regex.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import attrgetter
from typing import Iterator, NamedTuple

from ..data import load_data
from .numbers import FRACTION_WORDS, NUMBER, TENS, UNITS, parse_number, range_ends
from .regex import alternation, find_all, matches_at, search_near  # noqa: F401  (shared with the checks)

Value = float | int | str | list | None


@dataclass(frozen=True, init=False)
class ClaimMatch:
    kind: str
    start: int
    end: int
    value: Value
    unit: str | None = None
    qualifier: str | None = None

    def __init__(self, kind: str, start: int, end: int, value: Value, unit: str | None = None,
                 qualifier: str | None = None) -> None:
        # The fields in one update of the instance's dict: the `__init__` a frozen dataclass
        # generates sets each through `object.__setattr__`, at twice the cost (~0.8 us a claim,
        # dozens an article). Frozen all the same: `__setattr__` still refuses any change.
        self.__dict__.update(kind=kind, start=start, end=end, value=value, unit=unit, qualifier=qualifier)


@lru_cache(maxsize=1)
def terms() -> dict[str, list[str]]:
    """The word lists, validated once."""
    keys = {
        "people_nouns", "record_nouns", "pooled_nouns", "event_nouns",
        "not_people_before_number", "not_modifiers", "staff_nouns",
    }
    return load_data("claim_terms.json", keys, string_lists=keys)


_alternation = alternation


# --- shared pieces -----------------------------------------------------------------------

QUALIFIERS = (
    "nearly", "almost", "about", "around", "approximately", "roughly", "some", "over",
    "more than", "less than", "fewer than", "at least", "up to", "just over", "just under",
    "under", "an estimated", "as many as", "as few as", "only", "just", "exactly",
    "upwards of", "close to", "closer to", "well over", "at most", "no more than", "a total of", "totalling",
    "totaling",
)
# After "a day", "a year": when, not how often ("19 days a year earlier", "a month before")
NOT_WHEN_AFTER = r"(?!\s+(?i:earlier|before|ago|later)\b)"
QUAL = rf"(?:(?P<between>(?i:between|from))\s+|(?P<qual>(?i:{_alternation(list(QUALIFIERS))})|~|≈|<|>|≤|≥)\s*)?"
# A number not glued to a word, a price or a code: not `COVID-19`, `B12`, `$1,200`, `24/7`.
START = r"(?<![\w\-/.,:$£€¥#+])"
END = r"(?![\w/]|[.,:]\d)"
NUM = rf"{START}{NUMBER}{END}"
# The far number of a range: as `NUM`, or glued to a hyphen right after the near number, as
# "5-10 mg", "20-30%", "3-5 years" are written (`START` lets no number begin after a hyphen,
# for "COVID-19"; here a number stands before the hyphen).
FAR_START = r"(?:(?<=\d[\-\u2010])|(?<![\w\-/.,:$£€¥#+]))"
FAR_NUM = rf"{FAR_START}{NUMBER}{END}"
# "to", a dash or "or" join a range; "and" only after "between" ("0.9% and 0.2%" are two values).
# Not after a line break: "at Week 52\n- 80 mg dose achieved" is a list item's dash.
RANGE_SEP = r"[^\S\n]*(?:to|-|–|—|or|(?(between)and|(?!)))\s*"
PCT = r"(?:\s{0,2}%|\s?(?i:per\s?cent|percent|pct)\b|\s?pc\b|\s?(?i:percentage[-\s]points?)\b)"  # ("12pc": UK papers)
# (with the abbreviations news writes: "10 yrs", "6 wks", "24 hrs", "7 min", "30 secs"; not "hr", a
# hazard ratio; a page's "7 min read" and a programme's running time are left out where they are read)
TIME_UNITS = r"(?i:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|yrs?|wks?|hrs|mos?|mins?|secs?)"
# The full name of each time unit, plural, by the lower-cased word written.
TIME_UNIT_NAMES = {"yr": "years", "yrs": "years", "wk": "weeks", "wks": "weeks", "hrs": "hours", "mos": "months", "mo": "months",
                   "min": "minutes", "mins": "minutes", "sec": "seconds", "secs": "seconds"}


def time_unit_name(word: str) -> str:
    """"Week", "wks", "years" -> "weeks", "weeks", "years"."""
    word = word.lower()
    return TIME_UNIT_NAMES.get(word) or (word if word.endswith("s") else word + "s")

DASHES = "-–—"


# --- scanning only where a number stands ------------------------------------------------
# Python's `re` tries a pattern that opens with an optional qualifier at every character; the
# number-led patterns are instead tried only at the numbers (and at a qualifier just before
# one). Each number is read once (`NumberAt`: the word after it), and a pattern that says which
# words may follow its number (`wants`) is not even tried at the others: most numbers are
# followed by a word that rules out all but one or two kinds.

_NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | {"half", "twice", "thrice", "double", "dozen"}
# "a"/"an" open a number only before these: "a hundred", "a dozen", "a third", "a in 5".
_AFTER_A = ("hundred", "dozen", "in", "out", *FRACTION_WORDS)
# Where a number may start, found by the patterns below run over the lower-cased text
# (case-insensitive alternations are slow in `re`). Each opens with a character class or a
# literal, so that `re` skips to the candidates in C (a pattern that opens with a lookahead
# or `\b` is entered at every character: the one such pattern they replace cost ~2x theirs).
# They may also match where no number starts ("5" in "COVID-5"): `_number_starts` drops those.
# "twelve", "half", "dozen"; or "a"/"an" before one of `_AFTER_A` ("a third"), found in the same
# scans as the number words (a scan of its own, stopping at every "a", cost ~8 us an article).
_NUMBER_WORD = re.compile(
    rf"(?:{alternation(_NUMBER_WORDS)}\b|an?(?=[\s\-\u2010]+(?:{alternation(_AFTER_A)})\b))"
)
# A number word with the character before it, tried only after a space (a literal: `re` skips
# to each space in C) or after a character of a cheap class holding every other character a
# number may follow: not a letter, digit, space or one of `_GLUED` (only non-ASCII letters
# get through, and `_number_starts` drops them). Not tried inside words ("one" in "someone").
_NUMBER_WORD_AFTER_SPACE = re.compile(" " + _NUMBER_WORD.pattern)
# And in the same scan of that class (one scan: ~half the time of two), with the digits added
# to it: a digit, ASCII or not (the lookbehind keeps the digits of the class), with the digits,
# commas and points after it; or (the group `word`) a number word after the other characters.
_DIGITS_OR_WORD_AFTER_OTHER = re.compile(
    r"[\x00-\x1f!\"%&'()*0-9;<=>?@\[\\\]^`{|}~\x7f-\U0010ffff]"
    rf"(?:(?<=\d)[\d,.]*|(?P<word>{_NUMBER_WORD.pattern}))"
)
_QUALIFIER_PHRASES = frozenset([*QUALIFIERS, "between", "from"])
_QUALIFIER_LAST_WORDS = frozenset(q.split()[-1] for q in _QUALIFIER_PHRASES)
_QUALIFIER_SIGNS = frozenset("~≈<>≤≥")
# Those words by their last three letters, and the two-letter ones ("to", "of"; none is shorter).
_QUALIFIER_LAST_TRIPLES = frozenset(w[-3:] for w in _QUALIFIER_LAST_WORDS if len(w) >= 3)
_QUALIFIER_TWO_LETTER = frozenset(w for w in _QUALIFIER_LAST_WORDS if len(w) == 2)
assert all(len(w) >= 2 for w in _QUALIFIER_LAST_WORDS)
# The lengths in words of the phrases ending in each last word, longest first ("of": 3, 2 for
# "a total of", "upwards of"): only those are looked up.
_QUALIFIER_LENGTHS = {
    last: tuple(sorted({len(q.split()) for q in _QUALIFIER_PHRASES if q.split()[-1] == last}, reverse=True))
    for last in _QUALIFIER_LAST_WORDS
}


def _qualifier_start(text: str, pos: int) -> int | None:
    """Start of a qualifier ("nearly", "more than", "between", "<") just before `pos`, if any."""
    if pos >= 4 and text[pos - 1].isspace() and not text[pos - 2].isspace() and text[pos - 2] not in _QUALIFIER_SIGNS:
        tail = text[pos - 4:pos - 1].lower()
        if tail not in _QUALIFIER_LAST_TRIPLES and tail[1:] not in _QUALIFIER_TWO_LETTER:
            return None  # (a cheap test first: the word before the space ends otherwise)
    window = text[max(0, pos - 25):pos]
    stripped = window.rstrip()
    if not stripped:
        return None
    if stripped[-1] in _QUALIFIER_SIGNS:
        return pos - len(window) + len(stripped) - 1
    lengths = _QUALIFIER_LENGTHS.get(stripped.rsplit(None, 1)[-1].lower())
    if lengths is None:
        return None
    words = stripped.split()
    for n in lengths:
        if len(words) >= n and " ".join(words[-n:]).lower() in _QUALIFIER_PHRASES:
            phrase_start = stripped.rfind(words[-n])
            if phrase_start > 0 and stripped[phrase_start - 1].isalnum():
                return None
            return pos - len(window) + phrase_start
    return None


# The number at a start, and the two words after it (a word: letters then letters or digits;
# "percentage-points" reads as "percentage", "mg/kg" as "mg"). A share or a multiple may open
# with a word that is no number ("a third", "half of", "twice as"): that word is `head`.
HEAD_WORDS = ("a", "an", "half", "twice", "thrice", "double")
_NUMBER_AHEAD = re.compile(
    rf"{QUAL}(?:(?P<a>{START}{NUMBER})|(?<![\w\-])(?P<head>(?i:{alternation(HEAD_WORDS)}))(?!\w))\s*[-\u2010\u2013\u2014]?\s*"
    r"(?:(?P<next>%|×|[^\W\d_]\w*)[\w'’\-]*(?:\s+(?P<next2>[^\W\d_]\w*))?|(?P<closed>(?!\.?\d)))?"
)
# The same without the qualifier, for the starts of numbers themselves: no qualifier can open
# where a number does (none starts with a digit or a number word, and "a"/"an" count as a
# number's start only before "hundred", "dozen", "in", "out" or a fraction), so there the
# optional qualifier matches nothing; trying it costs a quarter of the match.
_NUMBER_AHEAD_BARE = re.compile(_NUMBER_AHEAD.pattern[len(QUAL):])
RANGE_WORDS = frozenset({"to", "or", "and"})


@lru_cache(maxsize=4)
def _lower(text: str) -> str:
    """`text.lower()` with every character at its offset (so matches in it are matches in
    `text`): a character whose lower case is longer ("İ" -> "i̇") stays as it is."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


class NumberAt(NamedTuple):
    """A place where a number (or a qualifier right before one) starts.

    `next`/`next2` are the two words after the number, lower-cased (`"%"` counts as a word);
    `next` is `""` when punctuation follows the number, and None when nothing is sure (a digit
    after a dash, perhaps a range): every pattern is then tried. Where a head word opens the
    phrase instead of a number (`HEAD_WORDS`: "a third", "half of", "twice as"), `next` is that
    word and `next2` the word after it. (A named tuple: there are dozens an article, and a
    tuple is made ~3x faster than a frozen dataclass.)
    """

    pos: int
    next: str | None = None
    next2: str | None = None
    raw: str = ""  # `next` as written
    raw2: str = ""  # `next2` as written
    next_start: int = -1


# A `NumberAt` from a tuple of all its fields, in one C call (its generated `__new__`, which
# fills in defaults, is Python code: a third of the cost of the dozens made an article).
_new_at = partial(tuple.__new__, NumberAt)

# The characters after which `START` lets no number begin (with letters and digits).
_GLUED = frozenset("_-/.,:$£€¥#+")


def _number_starts(text: str) -> list[int]:
    """Where a number starts: a digit (or the point before it: ".5"), a number word, "a"/"an"
    before one; not glued to what stands before it. (A number word or "a" is looked for only
    after a space, at the start, or after a character of `_DIGITS_OR_WORD_AFTER_OTHER`'s class:
    after any other character, a letter, a digit or one of `_GLUED`, no number starts.)"""
    lowered = _lower(text)
    digits, found = [], []
    for m in _DIGITS_OR_WORD_AFTER_OTHER.finditer(lowered):
        if m.lastgroup:  # a number word, after the character matched first
            found.append(m.start() + 1)
        else:
            digits.append(m.start())
    found += [pos - 1 if lowered[pos - 1:pos] == "." else pos for pos in digits]  # ".5"
    found += [m.start() + 1 for m in _NUMBER_WORD_AFTER_SPACE.finditer(lowered)]
    if _NUMBER_WORD.match(lowered):
        found.append(0)
    # Not "19" in "COVID-19", "five" in "twenty-five", "7" in "24/7": no number starts there.
    return [pos for pos in found if not (text[pos - 1:pos].isalnum() or text[pos - 1:pos] in _GLUED)]


@lru_cache(maxsize=4)
def number_mentions(text: str) -> tuple[NumberAt, ...]:
    """Every place a number (or a qualifier right before one) starts, in order."""
    numbers = _number_starts(text)
    qualifiers = {q for q in map(_qualifier_start, [text] * len(numbers), numbers) if q is not None}
    mentions = []
    for pos in sorted(qualifiers.union(numbers)):
        m = (_NUMBER_AHEAD if pos in qualifiers else _NUMBER_AHEAD_BARE).match(text, pos)
        if not m:  # "five" in "forty-five", "19" in "COVID-19": no claim opens here
            mentions.append(_new_at((pos, "", None, "", "", -1)))
            continue
        head, word, word2, closed = m.group("head", "next", "next2", "closed")
        if head:
            raw2 = word or ""
            mentions.append(_new_at((pos, head.lower(), raw2.lower() or None, head, raw2, m.start("head"))))
        elif closed is not None:  # `2021,` `(p = 0.04)`: no word follows the number
            mentions.append(_new_at((pos, "", None, "", "", -1)))
        elif not word:  # a digit follows: a range, perhaps
            mentions.append(_new_at((pos, None, None, "", "", -1)))
        else:
            raw2 = word2 or ""
            mentions.append(_new_at((pos, word.lower(), raw2.lower() or None, word, raw2, m.start("next"))))
    return tuple(mentions)


@lru_cache(maxsize=4)
def _mentions_by_next(text: str) -> dict[str | None, list[NumberAt]]:
    """The number mentions grouped by their `next` word (None: the unsure ones)."""
    groups: dict[str | None, list[NumberAt]] = {}
    for at in number_mentions(text):
        groups.setdefault(at.next, []).append(at)
    return groups


_POSITION = attrgetter("pos")


# Where the far number of a range may start, after a number: a range word or a dash, then a
# place `START` allows. Looser than `RANGE_SEP` ("and" without "between"), so that it finds
# every range a pattern can read.
_RANGE_OPENING = re.compile(
    rf"{QUAL}{NUM}(?:[\-\u2010](?=[^\S\n]+(?:to|or)\s))?[^\S\n]*(?:to|-|–|—|or|and)\s*{FAR_START}(?=[\w.])"
)  # ("six- to eight-week": a hyphen left hanging)
_A_NUMBER = re.compile(NUMBER)


@lru_cache(maxsize=4)
def _range_ends(text: str) -> dict[int, NumberAt | None]:
    """The far number of the range that each number followed by a digit (`next` None) or by a
    range word may open, by position: None where no range opens; no entry where a number
    that is no mention may open there ("tenmg": nothing is sure)."""
    mentions = number_mentions(text)
    by_pos = {at.pos: at for at in mentions}
    ends: dict[int, NumberAt | None] = {}
    for at in mentions:
        if at.next is None or at.next in RANGE_WORDS:
            opening = _RANGE_OPENING.match(text, at.pos)
            if opening is None:
                ends[at.pos] = None
            elif opening.end() in by_pos:
                ends[at.pos] = by_pos[opening.end()]
            elif _A_NUMBER.match(text, opening.end()) is None:
                ends[at.pos] = None  # "89 and a separate": no number follows the range word
    return ends


_UNSURE = NumberAt(-1)


def _range_may_follow(at: NumberAt, text: str, wants, ends: dict | None = None) -> bool:
    """May a pattern match at `at`, a number followed by a digit or a range word, when the
    pattern can read that only as the first number of a range, with one of `wants` (a set of
    words or a function, as for `_scan`) after the far number? ("5 to 10 patients", not
    "aged 18 to 64," nor the "3" of a phone number "3-289-923".) `ends`: `_range_ends(text)`,
    if the caller has it already."""
    far = (_range_ends(text) if ends is None else ends).get(at.pos, _UNSURE)
    if far is _UNSURE:
        return True  # the far number is no mention: unsure
    if far is None:
        return False  # no range opens here
    if not far.next:
        return True  # a digit, a second dash or punctuation after the far number: unsure
    return wants(far, text) if callable(wants) else far.next in wants


class Lookback:
    """A pattern that must end where a claim starts (`...\\s+$`), searched only when the word
    before that point is one it can end with: `re` would try a `$`-anchored pattern at every
    character of the window.

        _EVENT_BEFORE = Lookback(r"(?i:\\b(?:occurred\\s+in|killed)\\s+)$", {"in", "killed"})
        _EVENT_BEFORE.search(text, start - 40, start)
    """

    def __init__(self, pattern: str, last_words) -> None:
        self.pattern = re.compile(pattern)
        self.last_words = frozenset(w.lower() for w in last_words)
        self.last_letters = frozenset(w[-1] for w in self.last_words)

    def search(self, text: str, start: int, end: int) -> re.Match | None:
        start = max(0, start)
        if end <= start or not text[end - 1].isspace():
            return None
        if end - 2 >= start and not text[end - 2].isspace():
            last = end - 2  # (one space before `end`, the common case: no call)
        else:
            last = _last_visible(text, max(start, end - 40), end)
        if last < 0 or text[last].lower() not in self.last_letters:
            return None  # (a cheap test first, without a slice: the last word cannot be one of `last_words`)
        words = text[max(start, end - 40):end].rsplit(None, 1)
        if not words or words[-1][-1].lower() not in self.last_letters:
            return None  # (a cheap test first: the last word cannot be one of `last_words`)
        last = words[-1]
        if not last.isalpha():  # "of" in "(of"
            letters = _TRAILING_LETTERS.search(last)
            if letters is None:
                return None
            last = letters.group()
        if last.lower() not in self.last_words:
            return None
        return self.pattern.search(text, start, end)


_TRAILING_LETTERS = re.compile(r"[^\W\d_]+$")


def _last_visible(text: str, start: int, end: int) -> int:
    """The offset of the last non-whitespace character of `text[start:end]`, or -1."""
    i = end - 1
    while i >= start and text[i].isspace():
        i -= 1
    return i if i >= start else -1


def _mentions(text: str, *needles: str) -> bool:
    """Cheap guard before a whole-text regex: does the text contain any of these (lower-case)?"""
    lowered = _lower(text)
    return any(n in lowered for n in needles)


# Letters that `re` matches case-insensitively to an ASCII letter but `str.lower()` does not
# lower to it (see `regex.fold_case`).
_OTHER_FOLDS = ("İ", "ı", "ſ")


def _may_hold_in(text: str, start: int, end: int, needles) -> bool:
    """Cheap guard before a case-insensitive search in `text[start:end]`: could a pattern that
    needs one of these (lower-case) words match there? (The words are looked for in the text
    lower-cased once, `_lower`, at the same offsets: no lower-cased copy of the window.)"""
    lowered = _lower(text)
    for needle in needles:
        if lowered.find(needle, start, end) >= 0:
            return True
    window = text[start:end]
    return not window.isascii() and any(c in window for c in _OTHER_FOLDS)  # (the folds are not ASCII)


def _may_mention(text: str, *needles: str) -> bool:
    """Could a case-insensitive pattern that holds one of these (lower-case) words match in
    the text? False only when none is in the lower-cased text (nor a letter `re` folds apart)."""
    lowered = _lower(text)
    if any(n in lowered for n in needles):
        return True
    return not text.isascii() and any(c in text for c in _OTHER_FOLDS)  # (`isascii` takes no scan)


# The words a number in words may open with (`WORD_NUMBER`: "twenty-one", "a hundred", "dozen").
_NUMBER_WORD_FIRSTS = frozenset(UNITS) | frozenset(TENS) | {"a", "dozen"}


def _range_may_open(at: NumberAt, text: str) -> bool:
    """Could a range open at the range word ("to", "or", "and") after this number, that is,
    could a number follow the word? Not in "5 to the", "3 or more": there the next word is a
    word that opens no number."""
    if at.next2 is None or not at.raw2.isascii():
        return True  # a digit, punctuation or nothing follows; or a letter `re` may fold
    end = at.next_start + len(at.raw)
    if not text[end:end + 1].isspace():
        return True  # "to-day", "or’s": the range word runs on (`next2` is further on)
    return at.next2 in _NUMBER_WORD_FIRSTS


def _scan(pattern: re.Pattern, text: str, wants=None, ranges_only: bool = False, only=None,
          range_ends=None) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for patterns that open with a qualifier or a number.

    `wants`, if given, says which word may follow the number for `pattern` to match: a set of
    lower-case words, or a function `(NumberAt, text) -> bool` (which also sees the numbers
    followed by punctuation, `next == ""`). It must never refuse a number where the pattern
    could match: it only saves the attempt. A number followed by a digit (`next` None) can
    then match only as the first number of a range ("5-10 mg"): it is tried only if a word
    of `range_ends` (a set or a function as `wants`; default: `wants`) may follow the
    range's far number. `ranges_only` (with a set): the pattern reads a range word after its
    number only as the separator of a range (`RANGE_SEP` + `NUM`), so a number followed by
    one is tried on the same terms. `only`, if given, is the list of the numbers to try, in
    order, chosen already (from `number_mentions`; those followed by a digit are screened
    by `range_ends` if it is given).
    """
    last_end = -1
    check = wants if callable(wants) else None
    if only is not None:
        candidates = only
    elif wants is None or check is not None:
        candidates = number_mentions(text)
    else:
        by_next = _mentions_by_next(text)
        candidates = [at for word, ats in by_next.items() if word is None or word in wants for at in ats]
        if ranges_only:
            candidates = [at for at in candidates if at.next not in RANGE_WORDS or _range_may_open(at, text)]
        candidates.sort(key=_POSITION)
    far_wants = wants if range_ends is None else range_ends
    ends = None  # `_range_ends(text)`, looked up at the first number that needs it
    match = pattern.match
    for at in candidates:
        if at.pos < last_end:
            continue
        if at.next is None or (ranges_only and at.next in RANGE_WORDS):
            if far_wants is not None:
                if ends is None:
                    ends = _range_ends(text)
                if not _range_may_follow(at, text, far_wants, ends):
                    continue
        elif check is not None and not check(at, text):
            continue
        m = match(text, at.pos)
        if m:
            last_end = m.end()
            yield m


def _qualifier(match: re.Match) -> str | None:
    """The qualifier of a match ("nearly", "<"), "between"/"from" when it opens a range."""
    names = match.re.groupindex  # (not `groupdict()`: it builds a dict of every group)
    if "between" in names and "b" in names and match["between"] and match["b"]:
        return match["between"].lower()
    qual = match["qual"] if "qual" in names else None
    return qual.lower() if qual else None


def _is_year(raw: str) -> bool:
    """A bare `1999`/`2021` heading a noun is a year (`2021 patients` would be `2,021`)."""
    return len(raw) == 4 and raw.isdigit() and raw.isascii() and raw[:2] in ("18", "19", "20")


def _num(text: str | None) -> float | int | None:
    return parse_number(text) if text else None


def _range_or_value(low: str | None, high: str | None) -> Value:
    if high and low:
        a, b = range_ends(low, high)
        if a is not None and b is not None:
            return [a, b]
        return a
    return _num(low)

_WORD = re.compile(r"[\w.\-]+")


def _preceding_word(text: str, start: int) -> str:
    """The word before `start` (within 30 characters), lower-cased: the last run of word
    characters, points and hyphens that holds a word character (the first run if none does),
    as a search for such a run followed only by non-word characters would find it (but that
    `$`-anchored search is tried at every character of the window)."""
    window = text[max(0, start - 30):start]
    words = window.rsplit(None, 1)
    if words and words[-1].isalnum():
        # (the common case, without a scan: the last word of the window is all word characters
        # between whitespace, so it is the last run of the window)
        return words[-1].lower()
    runs = _WORD.findall(window)
    for run in reversed(runs):
        if run.strip(".-"):
            return run.lower()
    return runs[0].lower() if runs else ""


def _preceding_words(text: str, start: int, n: int = 2) -> list[str]:
    """The `n` words before `start`, nearest last, lower-cased."""
    return [w.lower() for w in _WORD.findall(text, max(0, start - 40), start)[-n:]]



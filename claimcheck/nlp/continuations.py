"""Numbers that go on counting what a claim counts, without repeating its noun.

    29 new cases were confirmed this week, down from 38 the week before.
    Weekly cases climbed from 6 in the first week to 14, then 23 and then 33, peaking at 44.
    Nausea was reported by 98 participants (24.3%) on 5 mg, 137 (33.8%) on 10 mg and 29 (7.2%) on placebo.
    Vomiting was reported by 41, 66 and 9 participants respectively, and diarrhoea by 57, 71 and 26.

A bare number (no noun or unit of its own, not part of a claim) continues a count or a sample
size of its sentence, and takes its kind, when the words right before it link the two:
- a new value of the same quantity, or a part of it (`up from`, `down from`, `from`, `compared
  with`, `against`, `versus`, `then`, `peaking at`, `rose to`, `including` ...), anywhere after
  the claim;
- the next item of a list (`,`, `and`, `or`, `to`) at most a short phrase after the claim or
  after a number that continues it (`98 participants (24.3%) on 5 mg, 137`);
- a parallel clause: the preposition that opened the claim's own list (`reported by 41 ...,
  and diarrhoea by 57`);
- an item of a list that ends in the claim's number (`41, 66 and 9 participants`);
- a part of the claim's group, told by its own verb (`Of the 187 cases, 142 were ...`, `131 of
  the patients had ..., 12 had ...`, `four of whom needed ...`).
More of the last count or sample before the sentence (`a further 9`, `another 1,150`), or a
sentence that opens on a part of it (`Of those, 29,870 were ...`), takes its kind too.
With no claim before it, the first number after a change of a counted quantity continues it
as a count: `the number of ...` or a counted noun (`cases`, `complaints` ...), then a verb of
change (`rose`, `fell`, `climbed` ...), then `from`/`to`/`at` and the number.

The number must be followed by nothing that makes it something else: punctuation, `and`,
`then`, `respectively`, a time phrase (`the previous week`, `in 2023/24`, `over the same
period`), the arm it belongs to (`in the 10 mg group`, `on placebo`), or its share in brackets
(`(33.8%)`). A number of another word (`12 hospitals`), an age, a year, a time of day or a
date breaks the chain.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from .numbers import NUMBER
from .patterns import _OTHER_FOLDS, NUM, QUAL, ClaimMatch, _is_year, _num, _qualifier, number_mentions, terms
from .regex import alternation

GROUP_KINDS = ("count", "sample_size")

_NUMBER_AT = re.compile(rf"{QUAL}(?P<a>{NUM})")

# The verbs of a quantity changing (`rose to 87`, `fell from 61,200 people to 54,750`).
_CHANGE_VERB = (
    r"(?:rose|risen|rising|fell|fallen|falling|climbed|climbing|increased|increasing|decreased|"
    r"decreasing|dropped|dropping|declined|declining|grew|growing|jumped|jumping)"
)
# The words right before a number that give a new value of the quantity a claim counts.
_NEW_VALUE = re.compile(
    r"(?i:\b(?:(?:up|down)\s+from|from|compared\s+(?:with|to)|against|versus|vs\.?|(?:and\s+)?then|"
    rf"peak(?:ing|ed)\s+at|{_CHANGE_VERB}\s+to|including)\s+(?:(?:an?|the)\s+(?:average|mean|median|total)\s+of\s+)?)$"
    # ("511 patients ..., including 42 at St Fintan's", "compared with an average of 708")
    # a ranking's next place: "with 902 people, followed by ENT with 771", "Cuttack with 9,870, Khordha with 9,115"
    r"|(?:(?i:followed\s+by|then|ahead\s+of)\s+|,\s+)(?:[A-Z][\w&'’.-]*\s+){1,4}(?i:with|on|at)\s+$"
)
# The next item of a list.
_NEXT_ITEM = re.compile(r"(?:,\s*(?:(?:and|or)\s+)?(?:then\s+)?|\s+(?:and|or|to)\s+(?:then\s+)?)$")
# A preposition that opens a list or a parallel clause.
_PREPOSITION = re.compile(r"(?i:\b(by|in|among|for)\s+)$")
# A list that ends where a claim's number starts: "41, 66 and " before "9 participants".
# (Searched back from a claim: `re` tries it at every character of the window, and the opening
# lookahead, the first characters a `NUMBER` may have in any case, turns most away at once.)
_NUMBER_FIRST = r"(?=[\d.adefnostzADEFNOSTZſ])"
_LIST_BEFORE = re.compile(rf"{_NUMBER_FIRST}(?:{NUMBER}\s*,\s*)*{NUMBER}\s*,?\s+(?:and|or)\s+$")
_LIST_ITEM = re.compile(NUM)

# What may follow a number that continues a claim.
_FOLLOW = re.compile(
    r"\s*(?:$|[,.;:)]|(?i:of\s+(?:whom|which|them|those|these)\b)|\(\s*\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)\s*\)"
    r"|\(\s*\d+(?:\.\d+)?\s+(?i:per)\s+\d"  # (its rate in brackets: "to 1,447 (24.1 per 100,000 population)")
    r"|(?i:and|or|then|respectively|in|on|at|over|during|since|the|this|last|before|after|"
    r"previously|earlier|across|among|a\s+year|a\s+week|a\s+month|each|every|per\s+(?:year|week|month|day))\b)"
)
# The old value of a change, the new one after it: "fell from 146 to 70", "from 23 to nine" (not
# "aged from 6 to 16", "scored from 1 to 10": no verb of change)
_TO_NEXT = re.compile(r"\s+(?i:to)\s+(?=\d|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)")
# A part of a whole just given, told by its verb: "Of the 187 cases, 142 were in children",
# "131 had no record ..., 12 had been partly vaccinated and six were fully vaccinated".
_FOLLOW_VERB = re.compile(
    r"\s+(?i:were|was|had|have|has|went|needed|did|remained|received|got|showed|developed|died|are|is)\b"
)
_PART_OF_BEFORE = re.compile(r"(?i:\bof\s+(?:the|these|those|all)\s+)$")
_PART_OF_AFTER = re.compile(r"\s+(?i:of\s+(?:the|these|those|them))\b")

# What the number must not be: an age, a time of day, a date, a fraction of something else.
_NOT_AFTER = re.compile(r"\s*(?i:years?[\s-]+old|year-olds?|(?:a\.m\.|p\.m\.|am|pm|o'clock)\b|per\s+(?!year|week|month|day)|in\s+(?!(?:19|20)\d\d\b)\d|out\s+of)")
_NOT_BEFORE = re.compile(
    r"(?i:\b(?:aged?|ages|between|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|no\.?|number|"
    r"page|table|figure|step|type|stage|grade|phase|level|wave|version|at\s+about|until|by\s+age|years?)\s+)$"
)

# A counted quantity changing, with no number of its own: "the number of ...", "cases ...", then a
# verb of change before the number.
_CHANGE_BEFORE = re.compile(
    rf"(?i:\b(?:{_CHANGE_VERB}|doubled|halved|went\s+up|went\s+down|soared|plunged|peaked|reached)\b"
    r"(?:[^.;:]|(?<=\d)\.(?=\d)){0,60}?\b(?:from|to|at)\s+)$"  # ("fell by 11.4% to 9,862")
)
_CHANGE_FROM = re.compile(rf"(?i:\b{_CHANGE_VERB}\b[^.;:\d]{{0,40}}?\bfrom\s+)$")
_COUNTED_EXTRA = (
    "complaints", "referrals", "appointments", "prescriptions", "vaccinations", "calls", "attendances",
    "notifications", "detections", "hospitalisations", "hospitalizations", "diagnoses",
)


_CHANGE_LAST = ("from ", " to ", " at ")  # the last words `_CHANGE_BEFORE` can end with
# "a further 9", "another 1.1 million": more of what the last count or sample counted, in this
# sentence or an earlier one (at most `_FURTHER_REACH` characters before)
_FURTHER = re.compile(r"(?i:\b(?:a\s+further|another|an\s+additional|an\s+extra)\s+)$")
_FURTHER_LAST = ("further ", "another ", "dditional ", " extra ")
# "Of those, 29,870 were planned procedures": a sentence that opens on a part of the group just
# counted; its first number, told by its verb, is of that group's kind
_PART_OPENING = re.compile(r"\W*(?i:of|among|from)\s+(?i:those|these|them|whom)\s*,\s*$")
_PART_OPENING_LAST = ("those, ", "these, ", "them, ")
_FURTHER_REACH = 400
# All the words above that a sentence is read for, and their last two characters (a cheap
# test first: most numbers follow none of them).
_LINK_LAST = _CHANGE_LAST + _FURTHER_LAST + _PART_OPENING_LAST
_LINK_LAST_TWO = frozenset(word[-2:] for word in _LINK_LAST)


@lru_cache(maxsize=1)
def _subject() -> re.Pattern:
    """`the number of`, a noun of what is counted (the event nouns and a few more), or an
    acronym's count (`the hospital's HAPU count`)."""
    nouns = terms()["event_nouns"] + list(_COUNTED_EXTRA)
    return re.compile(rf"(?i:\b(?:the\s+number\s+of|numbers\s+of|{alternation(nouns)})\b|\b[A-Z]{{2,6}}\s+(?i:count|total|tally)\b)")


def list_head(text: str, start: int) -> int:
    """Where the list ending at `start` begins (`41, 66 and 9 participants` -> the `41`), or
    `start` itself when no list of numbers ends there."""
    if not text[max(0, start - 4):start].endswith(("and ", "or ")):  # (a cheap test first)
        return start
    m = _list_before(text, max(0, start - 80), start)
    if m is None or m.end() != start:
        return start
    first = _LIST_ITEM.search(text, m.start(), start)
    return first.start() if first else start


def _list_before(text: str, lo: int, start: int) -> re.Match | None:
    """A match of `_LIST_BEFORE` in `text[lo:start]` from which `list_head` reads the list's
    first number: the leftmost match at a place where a number is mentioned (`re` would try
    the pattern at every character of the window). The leftmost match of all may open inside
    a word ("one" in "someone, 5 and 9"), but the first number `list_head` reads after it
    starts the list of a match at a mention. (With a letter that `re` folds apart from
    `str.lower`, which the mentions may miss: the leftmost match of all.)"""
    if any(c in text for c in _OTHER_FOLDS):
        return _LIST_BEFORE.search(text, lo, start)
    positions = _mention_positions(text)
    for i in range(bisect.bisect_left(positions, lo), bisect.bisect_left(positions, start)):
        m = _LIST_BEFORE.match(text, positions[i], start)
        if m is not None:
            return m
    return None


@lru_cache(maxsize=4)
def _mention_positions(text: str) -> list[int]:
    """Where `number_mentions` are, in order."""
    return [at.pos for at in number_mentions(text)]


def continued_claims(
    text: str, claims: Iterable[ClaimMatch], sentence_of: Callable[[int], tuple[int, int]]
) -> list[ClaimMatch]:
    """The bare numbers that continue a count or a sample of their sentence, as claims of its kind.

    Only the sentences that hold a count or a sample, or a verb of change, are read."""
    claims = sorted(claims, key=lambda c: c.start)
    mentions = number_mentions(text)
    sentences = {sentence_of(c.start) for c in claims if c.kind in GROUP_KINDS}
    # and where a number follows "from"/"to"/"at" (a counted quantity changing), "a further",
    # "another" (more of the last group) or opens a sentence on "Of those," (a part of it)
    positions = _mention_positions(text)
    # (`text[pos - 2:pos]` is empty before the second character: no link word ends there)
    linked = [pos for pos in positions if text[pos - 2:pos] in _LINK_LAST_TWO and text[max(0, pos - 10):pos].endswith(_LINK_LAST)]
    sentences.update(map(sentence_of, linked))
    if not sentences:
        return []
    starts = [c.start for c in claims]
    ends = [c.end for c in claims]
    found: list[ClaimMatch] = []
    for s_start, s_end in sorted(sentences):
        lo, hi = bisect.bisect_left(positions, s_start), bisect.bisect_left(positions, s_end)
        numbers = list(_bare_numbers(text, mentions[lo:hi], starts, ends))
        if numbers:
            c_lo, c_hi = bisect.bisect_left(starts, s_start), bisect.bisect_left(starts, s_end)
            earlier = next((c for c in reversed(claims[:c_lo]) if c.kind in GROUP_KINDS), None)
            if earlier is not None and earlier.end < s_start - _FURTHER_REACH:
                earlier = None
            found.extend(_continue_sentence(text, (s_start, s_end), claims[c_lo:c_hi], numbers, earlier))
    return found


_DIGIT_OR_POINT = frozenset("0123456789.")


def _bare_numbers(text: str, mentions, starts: list[int], ends: list[int]) -> Iterator[re.Match]:
    """The numbers of `mentions` outside every claim (none of them a year)."""
    last_end = -1
    for at in mentions:
        if at.pos < last_end:
            continue
        if text[at.pos] in _DIGIT_OR_POINT:
            # (no qualifier opens at a digit: the number starts here; inside a claim, no
            # need to read it)
            i = bisect.bisect_right(starts, at.pos) - 1
            if i >= 0 and ends[i] > at.pos:
                continue
        m = _NUMBER_AT.match(text, at.pos)
        if m is None or m["between"]:
            continue
        i = bisect.bisect_right(starts, m.start("a")) - 1
        if i >= 0 and ends[i] > m.start("a"):
            continue  # inside a claim
        j = bisect.bisect_left(starts, m.start())
        if j < len(starts) and starts[j] < m.end():
            continue  # overlaps the next claim
        if _is_year(m["a"]):
            continue
        last_end = m.end()
        yield m


def _continue_sentence(
    text: str, sentence: tuple[int, int], claims: list[ClaimMatch], numbers: list[re.Match], earlier: ClaimMatch | None
) -> Iterator[ClaimMatch]:
    """The continuations in one sentence; `earlier` is the last count or sample before it."""
    s_start, _ = sentence
    events: list[tuple[int, int, object]] = [(c.start, 0, c) for c in claims] + [(m.start(), 1, m) for m in numbers]
    events.sort(key=lambda e: (e[0], e[1]))
    kind: str | None = None  # the kind of the claim being continued
    parts = False  # whether the claim is a part or a whole whose other parts may follow with a verb
    value_is_int = True
    chain_end: int | None = None  # where the last linked item ends
    opener: str | None = None  # the preposition before the claim's list
    for _, is_number, item in events:
        if not is_number:
            claim: ClaimMatch = item  # type: ignore[assignment]
            if claim.kind in GROUP_KINDS:
                # a part in a list of parts keeps the list going: "Of the 41 admitted, 33 were
                # children and four needed ..."
                in_parts = parts and chain_end is not None and claim.start - chain_end <= 110 and bool(
                    _NEXT_ITEM.search(text, max(s_start, claim.start - 20), claim.start))
                # the next item of a list of claims: "by 612 vaccine recipients and 487 placebo
                # recipients" (its preposition is the list's)
                joined = chain_end is not None and claim.start - chain_end <= 70 and bool(
                    _NEXT_ITEM.search(text, max(s_start, claim.start - 20), claim.start))
                kind, chain_end = claim.kind, claim.end
                # its parts may follow, each with its verb: "Of the 187 cases, 142 were ...", "131 of
                # the patients had ..., 12 had ..."
                parts = in_parts or bool(_PART_OF_BEFORE.search(text, max(s_start, claim.start - 20), claim.start)) or bool(
                    _FOLLOW_VERB.match(text, claim.end) or _PART_OF_AFTER.match(text, claim.end))
                value_is_int = _whole(claim.value)
                head = list_head(text, claim.start)
                for m in _LIST_ITEM.finditer(text, head, claim.start) if head < claim.start else ():
                    if not _is_year(m.group()):
                        yield ClaimMatch(kind, m.start(), m.end(), _num(m.group()))
                p = _PREPOSITION.search(text, max(s_start, head - 12), head)
                opener = p.group(1).lower() if p else (opener if joined else None)
            continue
        m: re.Match = item  # type: ignore[no-redef]
        start = m.start()
        before = text[max(s_start, start - 80):start]
        verb_follows = _FOLLOW_VERB.match(text, m.end()) is not None and _NOT_AFTER.match(text, m.end()) is None
        if not (verb_follows or _follows_well(text, m) or (_TO_NEXT.match(text, m.end()) and _CHANGE_FROM.search(before))) \
                or _NOT_BEFORE.search(before):
            chain_end = None
            continue
        value = _num(m["a"])
        if value is None or value <= 0:
            chain_end = None
            continue
        further = _FURTHER.search(before) or (
            kind is None and verb_follows and _PART_OPENING.fullmatch(text, s_start, start) is not None)
        if further and (kind is not None or earlier is not None):
            kind = kind or earlier.kind  # type: ignore[union-attr]
            value_is_int, chain_end = True, m.end()
            yield ClaimMatch(kind, start, m.end(), value, qualifier=_qualifier(m))
            continue
        if kind is None:
            if _CHANGE_BEFORE.search(before) and _subject().search(text, s_start, start):
                kind, value_is_int, opener = "count", True, None
                chain_end = m.end()
                yield ClaimMatch(kind, start, m.end(), value, qualifier=_qualifier(m))
            continue
        if value_is_int and not _whole(value):
            chain_end = None
            continue
        if verb_follows and not (chain_end is not None and _NEXT_ITEM.search(before) and start - chain_end <= 110
                                 and not _has_digit_outside(text, chain_end, start) and parts):
            chain_end = None
            continue
        linked = (
            _NEW_VALUE.search(before)
            or (chain_end is not None and start - chain_end <= (110 if parts else 70) and _NEXT_ITEM.search(before)
                and not _has_digit_outside(text, chain_end, start))
            or (opener is not None and (p := _PREPOSITION.search(before)) and p.group(1).lower() == opener)
        )
        if linked:
            chain_end = m.end()
            yield ClaimMatch(kind, start, m.end(), value, qualifier=_qualifier(m))
        else:
            chain_end = None


def _whole(value) -> bool:
    """A whole number (`22.8 million` is one; `6.8` is not)."""
    return isinstance(value, (int, float)) and float(value).is_integer()


def _follows_well(text: str, m: re.Match) -> bool:
    return _FOLLOW.match(text, m.end()) is not None and _NOT_AFTER.match(text, m.end()) is None


_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*\s*(?:%|per\s*cent|percent|mg|mcg|µg|g|ml|kg)?")


def _has_digit_outside(text: str, start: int, end: int) -> bool:
    """Is there, between a chain's last item and the next, a number other than a share, a dose or
    a year (`(24.3%) in the 5 mg group` is no break; `in 12 hospitals` is)?"""
    for m in _DIGIT_RUN.finditer(text, start, end):
        if _is_year(m.group().rstrip()):
            continue  # a time phrase: "from 2,960 in 2022 to 4,105"
        if not m.group().rstrip().endswith(("%", "cent", "mg", "mcg", "µg", "g", "ml", "kg")):
            return True
    return False

"""Finding quantitative claims in article text: the ten kinds of CONTRACT.md.

Rules, not a model: each kind has one finder, a regular expression built from the number
patterns of `numbers.py` plus the word lists in `data/claim_terms.json`, and a small function
that reads the value. `find_claims(text)` runs every finder and resolves overlaps by kind
priority (the `95%` of a CI is part of the CI, `one in five adults` is a proportion, not a
sample of five). The spaCy component at the bottom only turns matches into spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load_data
from .extensions import CLAIMS, register_extensions
from .sentences import doc_text, sentence_finder
from .numbers import (
    DIGIT_NUMBER,
    TENS,
    UNITS,
    FRACTION_WORDS,
    NUMBER,
    parse_fraction,
    parse_number,
    parse_ratio,
)

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


def _alternation(words: list[str]) -> str:
    parts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    return "|".join(parts)


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


# --- finders -----------------------------------------------------------------------------

CI_RE = re.compile(
    rf"(?:(?P<level>\d{{2}}(?:\.\d+)?)\s?%\s*)?"
    r"(?:\b(?:CI|CrI|UI)\b|(?i:confidence\s+intervals?|credible\s+intervals?|uncertainty\s+intervals?))"
    r"(?:\s+(?i:of\s+)?\d{2}(?:\.\d+)?\s?%)?"  # "confidence interval of 95%: 0.62-0.99"
    r"\s*[\[(]?\s*(?:(?i:of|was|were|is|from|ran|runs|ranged|ranging|went|spanned|between)\s*|[:,=]\s*)*"
    rf"(?P<a>-?{DIGIT_NUMBER})\s*%?\s*(?:to|-|–|—|,|;|and)\s*(?P<b>-?{DIGIT_NUMBER})(?:\s?%)?"
)


def find_confidence_intervals(text: str) -> Iterator[ClaimMatch]:
    if "CI" not in text and "UI" not in text and not _mentions(text, "interval"):
        return
    for m in CI_RE.finditer(text):
        yield ClaimMatch("confidence_interval", m.start(), m.end(), [_num(m["a"]), _num(m["b"])])


P_RE = re.compile(
    r"(?<![\w'’.])[pP](?:\s*[-\s]?(?i:values?))?\s*"
    r"(?P<op><=|>=|=|<|>|≤|≥|(?i:of|was|is|less\s+than|below))\s*"
    r"(?P<num>\d?\.\d+(?:\s*[x×]\s*10\s*[-−–]\s*\d+|[eE][-−]\d+)?|\d+(?:\.\d+)?(?:\s*[x×]\s*10\s*[-−–]\s*\d+|[eE][-−]\d+)?)"
)


def _parse_scientific(text: str) -> float | None:
    text = text.replace("−", "-").replace("–", "-").replace("×", "x")
    m = re.fullmatch(r"(\d*\.?\d+)\s*x\s*10\s*-\s*(\d+)", text)
    if m:
        return float(m.group(1)) * 10 ** -int(m.group(2))
    try:
        return float(text)
    except ValueError:
        return None


def find_p_values(text: str) -> Iterator[ClaimMatch]:
    for m in P_RE.finditer(text) if _mentions(text, "p") else ():
        op = m["op"].lower()
        qual = {"<": "<", ">": ">", "≤": "<=", "≥": ">=", "<=": "<=", ">=": ">="}.get(op)
        if op.startswith("less") or op == "below":
            qual = "<"
        yield ClaimMatch("p_value", m.start(), m.end(), _parse_scientific(m["num"]), qualifier=qual)


RATIO_NAME = (
    r"(?:(?i:(?:adjusted|reporting|pooled|crude|overall)\s+)?"
    r"(?i:hazard|odds|risk|rate|incidence\s+rate|incidence|prevalence|relative\s+risk)\s+(?i:ratios?)"
    r"|(?i:relative\s+risks?)|\b(?:a?HRs?|a?ORs?|a?RRs?|IRRs?|RORs?)\b)"
)
RATIO_RE = re.compile(
    rf"{RATIO_NAME}\s*(?:\((?:a?HR|a?OR|a?RR|IRR|ROR)\)\s*)?"
    r"(?:(?i:for|of)\s+(?!(?:about|around|approximately|roughly|just|only|nearly)\b)[a-z][\w-]*(?:\s+(?:or|and)\s+[a-z][\w-]*)?(?:\s+(?!(?:of|was|were|is|at)\b)[a-z][\w-]*)?\s+)?"
    r"(?:(?i:of|was|were|is|at|for|ranged\s+from|ranging\s+from|from|between)\s+|[=:,]\s*)?"
    r"(?P<qual>(?i:about|around|approximately|roughly|just|only|nearly)\s+)?"
    rf"(?P<a>{DIGIT_NUMBER})(?:\s*(?:to|-|–|—|and)\s*(?P<b>{DIGIT_NUMBER}))?(?![\d%])"
)
_RATIO_ANCHOR = re.compile(r"[Rr]atios?\b|[Rr]isks?\b|\b(?:a?HRs?|a?ORs?|a?RRs?|IRRs?|RORs?)\b")
MULTIPLE_RE = re.compile(
    rf"(?:(?P<word>(?i:twice|thrice|double))|(?P<n>{NUM})\s+(?i:times))\s+"
    r"(?i:as\s+(?:likely|high|many|much|common|frequent|often|great|large|long|fast|big)"
    r"|more\s+(?:likely|common|often|frequent|frequently|prevalent)|the\s+(?:risk|rate|odds|number|chance|likelihood|incidence)"
    r"|higher|greater|lower|more|less|larger|smaller|faster|slower|likelier|increased)\b"
)
FOLD_RE = re.compile(
    rf"(?:(?P<n>{START}{NUMBER})[-\u2010\s]?(?i:fold)\b"
    r"|(?P<w>\b(?i:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred))(?i:fold)\b)"
)
_WORD_MULTIPLES = {"twice": 2, "double": 2, "thrice": 3}
# "doubled the risk", "halved the rate": a multiple told by the verb.
VERB_MULTIPLE_RE = re.compile(
    r"\b(?P<verb>(?i:doubled|doubles|doubling|tripled|triples|tripling|quadrupled|halved|halves|halving))\s+"
    r"(?:(?i:the|their|a|his|her|its)\s+)?(?:[a-z][\w-]*\s+){0,2}?"
    r"(?i:risk|odds|rate|rates|chance|chances|likelihood|incidence|number|mortality|deaths)\b"
)
_VERB_MULTIPLES = {"doubl": 2, "tripl": 3, "quadr": 4, "halv": 0.5}


def find_effect_sizes(text: str) -> Iterator[ClaimMatch]:
    for m in _search_near(RATIO_RE, text, _RATIO_ANCHOR):
        qual = m["qual"].strip().lower() if m["qual"] else None
        yield ClaimMatch("effect_size", m.start(), m.end(), _range_or_value(m["a"], m["b"]), qualifier=qual)
    for m in _scan(MULTIPLE_RE, text):
        value = _WORD_MULTIPLES[m["word"].lower()] if m["word"] else _num(m["n"])
        yield ClaimMatch("effect_size", m.start(), m.end(), value)
    verbs = VERB_MULTIPLE_RE.finditer(text) if _mentions(text, "doubl", "tripl", "quadr", "halv") else ()
    for m in verbs:
        value = next(v for k, v in _VERB_MULTIPLES.items() if m["verb"].lower().startswith(k))
        yield ClaimMatch("effect_size", m.start(), m.end(), value)
    folds = FOLD_RE.finditer(text) if _mentions(text, "fold") else ()
    for m in folds:
        value = _num(m["n"] or m["w"])
        yield ClaimMatch("effect_size", m.start(), m.end(), value)


ROMAN = r"(?:IV|V?I{1,3}|V|0)"
PHASE_RE = re.compile(
    r"\b[Pp](?:hase|HASE)[\s\-]*"
    rf"(?P<phase>(?:{ROMAN}|[0-9]|(?i:one|two|three|four))[abcABC]?(?:\s*/\s*(?:{ROMAN}|[0-9])[abcABC]?)?"
    r"|(?P<bad>[A-Z]*NUM[A-Z]*|X{1,3}|TK|\?+))(?![\w])"
)
_PHASE_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4"}


def find_trial_phases(text: str) -> Iterator[ClaimMatch]:
    for m in PHASE_RE.finditer(text):
        if m["bad"]:
            yield ClaimMatch("trial_phase", m.start(), m.end(), None)
            continue
        phase = re.sub(r"\s+", "", m["phase"])
        phase = _PHASE_WORDS.get(phase.lower(), phase)
        yield ClaimMatch("trial_phase", m.start(), m.end(), phase)


PROPORTION_IN_RE = re.compile(
    rf"{QUAL}(?P<num>{START}(?i:one|an?)|{NUM})[\s\-\u2010]+(?i:in|out\s+of)[\s\-\u2010]+(?i:every\s+)?(?P<den>{NUMBER}{END})"
    rf"(?!\s*(?:{TIME_UNITS}|%|(?i:percent))\b)"
)
# "9 of the 22 women": a part of a whole both given.
PART_OF_WHOLE_RE = re.compile(
    rf"{QUAL}(?P<num>{NUM})\s+(?i:of)\s+(?i:the|these|those|all)\s+(?P<den>{NUM})"
    rf"(?!\s*(?:%|{TIME_UNITS}|(?i:percent)))"
)
_FRACTION_DEN = "|".join(sorted(FRACTION_WORDS, key=len, reverse=True))
FRACTION_RE = re.compile(
    rf"{QUAL}(?P<num>\b(?i:an?|one|two|three|four|five|six|seven|eight|nine)|{START}\d)"
    rf"(?:(?P<hyph>[-\u2010])|\s+)(?P<den>(?i:{_FRACTION_DEN}))\b"
    r"(?P<of>\s+(?i:of)\b|(?=\s*[.,;:)!?])|(?=\s+(?i:said|were|was|had|have|reported|agreed|got|took|received)\b))?"
)
HALF_RE = re.compile(
    rf"{QUAL}(?<![\w-])(?i:half)\s+(?:(?i:of)\s+(?=[\w])|"
    r"(?=(?i:the|all|these|those|them|us|its|their|patients|participants|people|adults|children|women|men|respondents|"
    r"were|was|got|received|took|had|said|reported|agreed|developed|showed)\b))"
)


def find_proportions(text: str) -> Iterator[ClaimMatch]:
    for m in _scan(PART_OF_WHOLE_RE, text):
        value = parse_ratio(m["num"], m["den"])
        if value is None or not 0 < value < 1:
            continue
        yield ClaimMatch("proportion", m.start(), m.end(), value, qualifier=_qualifier(m))
    for m in _scan(PROPORTION_IN_RE, text):
        if _is_year(m["den"]):
            continue  # "45 in 2021"
        value = parse_ratio(m["num"], m["den"])
        if value is None or not 0 < value < 1:
            continue
        yield ClaimMatch("proportion", m.start(), m.end(), value, qualifier=_qualifier(m))
    for m in _scan(FRACTION_RE, text):
        den = m["den"].lower()
        plural = den.endswith("s") and den not in ("half",)
        # "a third of", "two-thirds", "three quarters of"; not "a third study", "one half-day".
        if not (m["of"] is not None or (m["hyph"] and plural) or (plural and m["num"].lower() not in ("a", "an", "one"))):
            continue
        if _preceding_word(text, m.start()) in ("the", "every", "each"):
            continue
        value = parse_fraction(m["num"], den)
        if value is None or not 0 < value < 1:
            continue
        end = m.end("den")
        yield ClaimMatch("proportion", m.start(), end, value, qualifier=_qualifier(m))
    for m in _scan(HALF_RE, text):
        if _preceding_word(text, m.start()) in ("first", "second", "latter", "last", "the", "and", "a"):
            continue
        yield ClaimMatch("proportion", m.start(), m.end() - 1 if text[m.end() - 1] == " " else m.end(), 0.5, qualifier=_qualifier(m))


PERCENT_RE = re.compile(
    rf"{QUAL}(?P<a>{NUM}){PCT}?(?:{RANGE_SEP}(?P<b>{NUM}))?{PCT}"
    r"(?!\s*(?:CI\b|CrI\b|UI\b|(?i:confidence|credible|uncertainty)))"
)


PLACEHOLDER_PERCENT_RE = re.compile(r"\bX{1,3}\s?(?:%|(?i:per\s?cent|percent)\b)")
_CHANGE_VERBS = re.compile(
    r"(?i:\b(?:fell|fall|falls|falling|rose|rise|rises|rising|dropped|drop|drops|declined|decreased|increased|"
    r"went|climbed|descended|grew|jumped|improved|reduced|lowered|cut|slipped|shrank|soared|plunged|"
    r"changed|moved|shifted|down|up)\s*$)"
)


def find_percentages(text: str) -> Iterator[ClaimMatch]:
    placeholders = PLACEHOLDER_PERCENT_RE.finditer(text) if "X" in text else ()
    for m in placeholders:
        yield ClaimMatch("percentage", m.start(), m.end(), None, unit="percent")
    for m in _scan(PERCENT_RE, text):
        value = _range_or_value(m["a"], m["b"])
        if value is None:
            continue
        if isinstance(value, list) and (m["between"] or "").lower() == "from" and _CHANGE_VERBS.search(
            text[max(0, m.start() - 25):m.start()]
        ):
            # "fell from 31% to 24%": a change between two values, not a range
            for part in ("a", "b"):
                end = m.end(part)
                unit = re.match(PCT, text[end:])
                yield ClaimMatch("percentage", m.start(part), end + (unit.end() if unit else 0), _num(m[part]), unit="percent")
            continue
        unit = "percentage points" if "point" in m.group(0).lower() else "percent"
        yield ClaimMatch("percentage", m.start(), m.end(), value, unit=unit, qualifier=_qualifier(m))


DURATION_RE = re.compile(
    rf"{QUAL}(?P<a>{NUM})(?:{RANGE_SEP}(?P<b>{NUM}))?[\s\-\u2010]+(?P<unit>{TIME_UNITS})\b"
    r"(?P<later>\s+(?i:later|after|earlier|on))?"
)
_NOT_DURATION_AFTER = re.compile(
    r"^(?:[\s\-\u2010]+(?i:old)\b|\s+(?i:of\s+age)\b|\s+(?i:ago)\b|\s+(?i:or|and)\s+(?i:older|over|above|younger|under)\b"
    r"|\s+(?i:a|per|each)\s+(?i:day|week|month|year)\b"
    r"|\s+(?i:of\s+(?:pregnancy|gestation)|pregnant|gestation(?:al)?)\b"  # gestational age
    r"|[\s\-\u2010]+(?i:vaccines?|visits?|check-?ups?|shots|jabs|appointments?|milestones?)\b"  # "2-month vaccines"
    r"|[\s\-\u2010]+(?i:drive|ride|walk\s+from|journey|commute|flight|bus\s+ride)\b"  # travel, not a study
    r"|[\s\-\u2010]+(?i:walk(?:ing)?\s+(?:test|distance))\b)"  # the six-minute walk test is a test
)
# "younger than 8 months", "people older of 60 years": ages.
_AGE_BEFORE = re.compile(r"(?i:\b(?:younger|older|aged?|ages)(?:\s+(?:than|of|between|from))?\s*$)")
# "Antonia, 78 years," : an age in apposition.
_AGE_APPOSITION = re.compile(r",\s*$")
_CAREER_BEFORE = re.compile(
    r"(?i:\b(?:has|have|had)\s+(?:been\s+)?(?:taught|teaching|worked|working|practi[sc]ed|practi[sc]ing|lived|living|"
    r"served|run|running|coached|volunteered|known|used|owned|led)\b[^.;]*$)"
)
_BOILERPLATE = re.compile(r"(?i:\b(?:replay|webcast|subscription|subscribe|cookies?|warranty|refund)\b)")
_NOT_DURATION_BEFORE = {"aged", "age", "ages", "every", "per", "each", "ago"}


# "for a week", "after a year", "within a year": a single unit after a preposition.
SINGLE_UNIT_RE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?:(?:full|whole|single)\s+)?(?P<unit>hour|day|week|month|year|decade)\b"
    r"(?P<later>\s+later)?(?!\s+(?:old|of\s+age|ago)\b)"
)
_SINGLE_UNIT_PREP = re.compile(
    r"\b(?i:for|after|within|over|in\s+less\s+than|in\s+under|nearly|almost|about|more\s+than|less\s+than|"
    r"lasted|lasting|lasts|last)\s+$"
)


# "at week 12", "as early as week 4", "by day 28": time points of a study.
# Anchored on the unit word (cheap to scan for); the preposition is checked looking back.
TIME_POINT_RE = re.compile(r"(?<![\w-])(?P<unit>[Ww]eek|[Mm]onth|[Dd]ay|[Yy]ear)\s+(?P<a>\d{1,3})\b(?![.,]\d)")
_TIME_POINT_PREP = re.compile(
    r"\b(?i:at|by|from|until|through|to|after|before|since|as\s+early\s+as|as\s+late\s+as|in)\s+$"
)


def find_durations(text: str) -> Iterator[ClaimMatch]:
    for m in TIME_POINT_RE.finditer(text):
        prep = _TIME_POINT_PREP.search(text, max(0, m.start() - 16), m.start())
        if prep:
            yield ClaimMatch("duration", prep.start(), m.end(), _num(m["a"]), unit=m["unit"].lower() + "s")
    for m in SINGLE_UNIT_RE.finditer(text):
        prep = _SINGLE_UNIT_PREP.search(text, max(0, m.start() - 18), m.start())
        if prep:
            end = m.end("later") if m["later"] else m.end("unit")
            yield ClaimMatch("duration", prep.start(), end, 1, unit=m["unit"].lower() + "s")
    for m in _scan(DURATION_RE, text):
        if _NOT_DURATION_AFTER.match(text[m.end("unit"):m.end("unit") + 30]):
            continue
        if set(_preceding_words(text, m.start())) & _NOT_DURATION_BEFORE:
            continue
        window = text[max(0, m.start() - 60):m.start()]
        if _AGE_BEFORE.search(window) or _CAREER_BEFORE.search(window):
            continue
        after_unit = text[m.end("unit"):m.end("unit") + 2]
        if _AGE_APPOSITION.search(window) and (not after_unit or after_unit[0] in ",.)"):
            continue
        if _BOILERPLATE.search(text[max(0, m.start() - 120):m.end() + 60]):
            continue
        value = _range_or_value(m["a"], m["b"])
        if value is None:
            continue
        unit = m["unit"].lower()
        unit = unit if unit.endswith("s") else unit + "s"
        end = m.end("later") if m["later"] and m["later"].strip().lower() == "later" else m.end("unit")
        yield ClaimMatch("duration", m.start(), end, value, unit=unit, qualifier=_qualifier(m))


DOSE_UNITS = (
    r"(?:mg/kg|mcg/kg|µg/kg|μg/kg|mg/m2|mg|milligrams?|mcg|µg|μg|micrograms?|ng|nanograms?|"
    r"ml|mL|millilit(?:er|re)s?|IU|(?i:international\s+units)|(?i:units?)|g|grams?|Gy|(?i:grays?)|mSv|"
    r"(?i:millisieverts?)|L|(?i:lit(?:er|re)s?)|cc)"
)
DOSE_RE = re.compile(
    rf"{QUAL}(?P<a>{START}{NUMBER})(?:{RANGE_SEP}(?P<b>{START}{NUMBER}))?(?:\s*|[-\u2010])(?P<unit>{DOSE_UNITS})(?![\w/]|\.\w)"
)
SERVING_RE = re.compile(
    rf"{QUAL}(?P<a>{NUM})(?:{RANGE_SEP}(?P<b>{NUM}))?(?:\s+(?i:or\s+more|or\s+fewer|or\s+less))?\s+(?:[A-Za-z]+\s+)?"
    r"(?P<unit>(?i:cups?|glass(?:es)?|drinks?|servings?|portions?|cigarettes?|pints?|tablets?|pills?|capsules?|steps|cans?|bottles?|shots?|slices?|"
    r"bars?|sachets?|teaspoons?|tablespoons?|spoonfuls?|eggs|units\s+of\s+alcohol))"
    r"(?:\s+(?i:of)\s+[A-Za-z]+)?\s+(?i:a|per|each|every)\s+(?i:day|week)\b"
)


def find_doses(text: str) -> Iterator[ClaimMatch]:
    for m in _scan(DOSE_RE, text):
        value = _range_or_value(m["a"], m["b"])
        if value is None:
            continue
        yield ClaimMatch("dose", m.start(), m.end(), value, unit=m["unit"], qualifier=_qualifier(m))
    for m in _scan(SERVING_RE, text):
        value = _range_or_value(m["a"], m["b"])
        if value is None:
            continue
        yield ClaimMatch("dose", m.start(), m.end(), value, unit=m["unit"].lower(), qualifier=_qualifier(m))


_ENROLLED_BEFORE = re.compile(
    r"(?i:enrolled|recruited|surveyed|randomi[sz]ed|interviewed|sample\s+of|cohort\s+of|total\s+of|included|"
    r"analy[sz]ed|studied|followed|the\s+other|the\s+remaining)\s+$"
)


@lru_cache(maxsize=1)
def _group_res() -> tuple[re.Pattern, ...]:
    t = terms()
    # Up to three words between number and noun ("40 Botox-injected patients"), none of them a
    # function word or a lower-case plural ("five proteins could help doctors" is no sample).
    modifiers = r"(?P<mods>(?:[\s\-\u2010]+(?!(?:{stop})\b)(?![a-z][\w'’\-]*[a-df-hj-rtv-z]s\b)[A-Za-z][\w'’\-]*(?:\.(?=\w)\w*\.?)?){{0,3}}?)".format(
        stop=_alternation(t["not_modifiers"]))
    # people nouns, plus demonyms ("New Zealanders", "Nigerians", "Londoners")
    nouns = _alternation(t["people_nouns"] + t["record_nouns"] + t["pooled_nouns"] + t["event_nouns"])
    nouns += r"|(?-i:[A-Z][a-z]+(?:ians|ans|ers|ese|ites))"
    noun_re = re.compile(
        rf"{QUAL}(?P<a>{NUM})(?:{RANGE_SEP}(?P<b>{NUM}))?{modifiers}[\s\-\u2010]+(?P<noun>(?i:{nouns}))\b(?!['’]s\b|-)"
    )
    n_equals = re.compile(rf"(?<![\w])[nN]\s*=\s*(?P<a>{DIGIT_NUMBER})\b")
    # "61 in the placebo group", "389 on placebo", "187 of them", "3,108 to the drug",
    # "156 were assigned to zelritamab", "12,470 received the vaccine".
    arm = re.compile(
        rf"{QUAL}(?P<a>{NUM})(?:(?:\s+[a-z][\w-]*)?\s+(?P<noun>(?i:{nouns})))?"
        r"(?P<tail>\s+(?:(?i:in|on|with|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?i:group|arm|cohort)\b"
        r"|(?i:on|with|to|took|taking|given|receiving)\s+(?:the\s+)?(?i:placebo|the\s+drug|the\s+vaccine|the\s+active\s+drug|usual\s+care|standard\s+care)\b"
        r"|(?i:to)\s+(?i:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?i:regimen|treatment|therapy|course|drug|vaccine|programme|program|"
        r"intervention|diet|pills?|tablets?|capsules?|injections?|drops|sham|app|placebo|waiting\s+list)\b"
        r"|(?i:were|was)\s+(?:on|in)\s+(?:a|the)\s+(?i:waiting\s+list|placebo|control)\b"
        r"|(?i:of)\s+(?i:them|those|these)\b"
        rf"|(?i:of)\s+(?i:the|these|those|all)\s+(?:[\w-]+\s+)?(?i:{nouns})\b"
        r"|(?i:were|was)\s+(?:(?i:randomly|then)\s+)?(?i:assigned|randomi[sz]ed|allocated)\b"
        r"|(?i:were|was)\s+(?i:men|women|boys|girls|children|adults|smokers|female|male)\b"
        r"|(?i:received|got|used|were\s+given)(?=\s+[\w-])"
        r"|(?i:assigned|randomi[sz]ed|allocated)\s+to\b))"
    )
    # "enrolled 312", "a sample of 1,000", "the remaining 1,228": tried at each number, the verb
    # checked looking back (a whole-text scan for the verbs costs ten times more).
    enrolled = re.compile(
        rf"{QUAL}(?P<a>{NUM})(?!\s*(?:%|:\s*\d|{TIME_UNITS}|(?i:percent|per\s+cent|times|of\s+(?:the|them|these))\b))"
    )
    # "386 died", "37 had at least one admission", "300 are newly diagnosed": a bare number
    # whose verb tells an outcome.
    bare_count = re.compile(
        rf"{QUAL}(?P<a>{NUM})(?=\s+(?:(?:also|later|eventually|subsequently|ultimately|each\s+year|every\s+year)\s+)?"
        r"(?:died|developed|had\s+at\s+least|were\s+(?:hospitali[sz]ed|admitted|diagnosed|infected|readmitted|killed)|"
        r"are\s+(?:newly\s+)?diagnosed|suffered|experienced|relapsed|stopped|discontinued|withdrew|dropped\s+out)\b)"
    )
    return noun_re, n_equals, enrolled, arm, bare_count


_COUNT_VERBS = re.compile(
    r"^(?:\s+(?!(?:that|who|which|found|showed|suggests?)\b)[\w-]+){0,5}?\s+(?i:died|die|dies|were\s+hospitali[sz]ed|were\s+admitted|developed|develop|suffered|"
    r"experienced|were\s+infected|became\s+infected|tested\s+positive|(?:were\s+|are\s+)?diagnosed|"
    r"have|has|live\s+with|are\s+living|living\s+with|suffer|are\s+affected|were\s+affected|are\s+infected|"
    r"lost\s+their\s+lives|needed\s+hospital|required\s+hospital|acquired|contracted|caught|stopped|"
    r"discontinued|withdrew|dropped\s+out|quit|reported|relapsed|recovered|improved|responded|"
    r"had\s+(?:a|an)\b|went\s+on\s+to|were\s+(?:still\s+)?alive|survived|broke|fell|flagged|needed|sought|"
    r"visited|returned|turned\s+out|showed\s+signs)\b"
)
_POPULATION_VERBS = re.compile(
    r"^(?:\s+[\w-]+){0,4}?\s+(?i:have|has|live\s+with|are\s+living|living\s+with|suffer|suffers|"
    r"are\s+affected|are\s+diagnosed|die|dies|are\s+infected|will\s+develop|develop)\b"
)
_EVENT_CONTEXT = re.compile(
    r"(?i:\b(?:reactions?|died|deaths?|developed|cases?|events?|infections?|infected|diagnosed|hospitali[sz]ed|"
    r"hospitali[sz]ations?|admissions?|admitted|experienced|suffered|stopped|discontinued|acquired|relapsed|"
    r"reported|attacks?|strokes?|fractures?|progressed|side\s+effects?|withdrawals?|recurrences?|"
    r"visits?|needed|required|occurred|dropouts?|dropped|flare-ups?|complications?|injur(?:y|ies)|"
    r"readmissions?|operations|surger(?:y|ies)|outcomes?|broke|fell|falls|transfusions?|flagged)\b)"
)
# "occurred in 412 patients", "were reported in 14 patients": the number counts events.
_EVENT_BEFORE = re.compile(
    r"(?i:\b(?:occurred|reported|seen|observed|diagnosed|recorded|developed|happened|detected|"
    r"confirmed|found|identified|documented|noted)\s+(?:in|among)\s+)$"
)
_STUDY_VERB_BEFORE = re.compile(
    r"(?i:\b(?:followed|enrolled|recruited|studied|included|including|covering|spanning|comprising|"
    r"surveyed|interviewed|tracked|examined|"
    r"analy[sz]ed|randomi[sz]ed|assigned|involving|involved|compared|tested|screened|scanned|of)\s+)$"
)
_POPULATION_BEFORE = re.compile(
    r"(?i:\b(?:affects?|affecting|afflicts?|kills?|killed|strikes|burdens?|threatens?)\s+"
    r"(?:(?:an\s+estimated|about|around|nearly|more\s+than|some|roughly|over|almost|up\s+to)\s+)?)$"
)
_STRONG_STUDY = re.compile(
    r"(?i:\b(?:enrolled|recruited|participants|trial|cohort|analy[sz]ed|data\s+(?:from|on)|records|"
    r"surveyed|randomi[sz]ed|followed|tracked)\b)"
)
_STUDY_WORDS = re.compile(
    r"(?i:\b(?:study|studies|trial|trials|research|survey|analysis|analysed|analyzed|meta-analysis|"
    r"participants|enrolled|recruited|cohort|randomi[sz]ed|followed|data\s+from|examined|included|"
    r"involving|involved|sample|volunteers|tested|compared|assigned|tracked|observed|measured|scanned|"
    r"experiment|researchers|scientists)\b)"
)


def _is_year(raw: str) -> bool:
    """A bare `1999`/`2021` heading a noun is a year (`2021 patients` would be `2,021`)."""
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", raw))


def _people_kind(text: str, start: int, end: int, value: Value, sentence: str) -> str:
    """A number of people: the study's sample, or a count of those who had an outcome?"""
    before = text[max(0, start - 40):start]
    if re.match(r"(?i:an\s+estimated|estimated)\b", text[start:end]):
        return "count"  # "an estimated 58,000 children": a population estimate
    if _STUDY_VERB_BEFORE.search(before):
        return "sample_size"
    if _POPULATION_BEFORE.search(before):
        return "count"  # "gout affects 200,000 New Zealanders"
    if _EVENT_BEFORE.search(before) or _COUNT_VERBS.match(text[end:end + 80]):
        return "count"
    if re.match(r"\s*\(\s*\d+(?:\.\d+)?\s*(?:%|percent)", text[end:end + 20]):
        return "count"  # "512 patients (16.4%)": those with an outcome, given with their share
    if _POPULATION_VERBS.match(text[end:end + 60]) and not _STUDY_WORDS.search(sentence):
        return "count"  # "1.2 million Americans have diabetes"
    if isinstance(value, (int, float)) and value >= 1_000_000 and not _STRONG_STUDY.search(sentence):
        return "count"  # "about 57 million people worldwide": a population, not a sample
    return "sample_size"


_SAMPLE_AFTER = re.compile(
    r"\s+(?i:received|were\s+given|got|took|were\s+offered|underwent|were\s+treated|were\s+followed)\b"
)
_DESCRIPTIVE_EVENT = re.compile(r"(?i:\b(?:history\s+of|prior|previous|risk\s+of|frequent|recurrent|with|without)\s+(?:\w+\s+)?$)")


_DESIGN_WORDS = re.compile(
    r"(?i:\b(?:randomi[sz]ed|randomly|assigned|allocated|enrolled|recruited|split|divided|included|involved|involving)\b)"
)


def _nearest_signal_is_event(before: str) -> bool:
    """In the words before a number, is the nearest cue an event ("adverse reactions ... four in
    the insulin group") rather than the study design ("randomized 312 ... : 104 in the arm")?"""
    last_event = -1
    for e in _EVENT_CONTEXT.finditer(before):
        if not _DESCRIPTIVE_EVENT.search(before[:e.start()]):
            last_event = e.start()
    last_study = max((m.start() for m in _DESIGN_WORDS.finditer(before)), default=-1)
    return last_event > last_study


def _arm_kind(text: str, m: re.Match, tail: str, sentence: tuple[int, int]) -> str:
    """The number of an arm or subgroup: its size (sample) or how many in it had an outcome (count)?"""
    s_start, s_end = sentence
    before = text[max(s_start, m.start() - 100):m.start()]
    after = text[m.end():s_end]
    clause_after = after[:re.search(r"[.;,:]|$", after).start()]
    if _STUDY_VERB_BEFORE.search(before[-40:]) or _SAMPLE_AFTER.match(after):
        return "sample_size"
    if re.search(r"assigned|randomi[sz]ed|allocated|received|given|waiting\s+list", tail):
        return "sample_size"  # the tail itself says how the group was formed
    if _COUNT_VERBS.match(after) or _EVENT_CONTEXT.search(clause_after) or _EVENT_BEFORE.search(before[-40:]):
        return "count"
    if re.search(r"assigned|randomi[sz]ed|allocated|received|got|used|\bto\b|\bwere\s+\w+$", tail):
        return "sample_size"
    return "count" if _nearest_signal_is_event(before) else "sample_size"


def find_groups(text: str, sentence_of: Callable[[int], tuple[int, int]]) -> Iterator[ClaimMatch]:
    """Sample sizes and counts: a number heading a noun of people, records or events."""
    t = terms()
    events = {w.lower() for w in t["event_nouns"]}
    pooled = {w.lower() for w in t["pooled_nouns"]}
    records = {w.lower() for w in t["record_nouns"]}
    blocked = set(t["not_people_before_number"])
    noun_re, n_equals, enrolled, arm, bare_count = _group_res()
    for m in _scan(noun_re, text):
        if _is_year(m["a"]):
            continue
        before = _preceding_word(text, m.start())
        if before in blocked or before.rstrip("-") in blocked:
            continue
        value = _range_or_value(m["a"], m["b"])
        if value is None or (isinstance(value, (int, float)) and value <= 0):
            continue
        noun = re.sub(r"\s+", " ", m["noun"].lower())
        s_start, s_end = sentence_of(m.start())
        sentence = text[s_start:s_end]
        if noun in pooled:
            pooling = re.search(r"(?i:review|meta-analys|pool|combined|put\s+together|analysis\s+of)", sentence)
            if before not in ("of", "from", "in", "across", "including", "includes", "included") and not pooling:
                continue
            kind = "sample_size"
        elif noun in events:
            kind = "count"
        elif noun == "reports" and re.match(r"\s+of\b", text[m.end():m.end() + 4]):
            kind = "count"  # "23 reports of headache": events, not the records analysed
        elif noun in records:
            kind = "sample_size"
        else:
            kind = _people_kind(text, m.start(), m.end(), value, sentence)
        if value == 1 and _qualifier(m) in ("more than", "over", "at least"):
            continue  # "more than one infection": not a count of anything
        if m["a"].lower() in ("one", "a") and m["mods"].strip():
            continue  # "one thing you wish people ...": `one` takes no modifiers
        yield ClaimMatch(kind, m.start(), m.end(), value, unit=noun, qualifier=_qualifier(m))
    for m in n_equals.finditer(text):
        yield ClaimMatch("sample_size", m.start(), m.end(), _num(m["a"]))
    for m in _scan(arm, text):
        if _is_year(m["a"]) or _preceding_word(text, m.start()) in blocked:
            continue
        value = _num(m["a"])
        if value is None or value <= 0:
            continue
        tail = m["tail"].lower()
        if m["qual"] and m["qual"].lower() in ("an estimated",):
            yield ClaimMatch("count", m.start(), m.end(), value, qualifier=_qualifier(m))
            continue
        if value == 1 and m["a"].lower() == "one" and tail.strip().startswith("of"):
            continue  # "one of them": a pronoun, not a number of anyone
        noun = re.sub(r"\s+", " ", (m["noun"] or "").lower())
        kind = "count" if noun in events else _arm_kind(text, m, tail, sentence_of(m.start()))
        yield ClaimMatch(kind, m.start(), m.end(), value, qualifier=_qualifier(m))
    for m in _scan(bare_count, text):
        value = _num(m["a"])
        if _is_year(m["a"]) or value is None or value <= 0:
            continue
        yield ClaimMatch("count", m.start(), m.end(), value, qualifier=_qualifier(m))
    for m in _scan(enrolled, text):
        if _is_year(m["a"]) or (_num(m["a"]) or 0) <= 1:
            continue
        if not _ENROLLED_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        start = m.start("qual") if m["qual"] else m.start("a")
        yield ClaimMatch("sample_size", start, m.end(), _num(m["a"]), qualifier=_qualifier(m))


# --- putting it together ---------------------------------------------------------------

PRIORITY = {
    "confidence_interval": 9,
    "p_value": 8,
    "trial_phase": 7,
    "effect_size": 7,
    "proportion": 6,
    "percentage": 5,
    "dose": 4,
    "duration": 3,
    "count": 2,
    "sample_size": 2,
}

_NAME_BEFORE = re.compile(r"(?i:\b(?:type|stage|grade|class|level|tier|wave|vitamin|covid|number|no\.|generation|gen|version|top|room|page|chapter|figure|table|step)\s*$)")


def _in_name(text: str, match: ClaimMatch) -> bool:
    """`type 2 diabetes`, `stage 4`, `vitamin B12`, `top 10`: numbers that are part of a name."""
    return bool(_NAME_BEFORE.search(text[max(0, match.start - 12):match.start]))


_RANGE_OPENER = re.compile(r"(?i:from|between)\s+")


def _trim_range_opener(text: str, match: ClaimMatch) -> ClaimMatch:
    """`from 40 patients` is `40 patients`: "from"/"between" belong to a claim only with a range."""
    opener = _RANGE_OPENER.match(text, match.start, match.end)
    if opener and not isinstance(match.value, list):
        return replace(match, start=opener.end(), qualifier=None)
    return match


def resolve_overlaps(matches: list[ClaimMatch]) -> list[ClaimMatch]:
    """Keep the highest-priority, then longest, of overlapping matches."""
    ranked = sorted(matches, key=lambda m: (-PRIORITY[m.kind], -(m.end - m.start), m.start))
    kept: list[ClaimMatch] = []
    for match in ranked:
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def find_claims(text: str, sentence_of: Callable[[int], tuple[int, int]] | None = None) -> list[ClaimMatch]:
    """Every claim in `text`, overlaps resolved, in reading order.

    `sentence_of(offset)` gives the (start, end) of the sentence around an offset; without it
    the whole text counts as one sentence.
    """
    if sentence_of is None:
        sentence_of = lambda _offset: (0, len(text))  # noqa: E731
    candidates: list[ClaimMatch] = []
    candidates += find_confidence_intervals(text)
    candidates += find_p_values(text)
    candidates += find_effect_sizes(text)
    candidates += find_trial_phases(text)
    candidates += find_proportions(text)
    candidates += find_percentages(text)
    candidates += find_doses(text)
    candidates += find_durations(text)
    candidates += find_groups(text, sentence_of)
    candidates = [c for c in candidates if c.kind == "trial_phase" or not _in_name(text, c)]
    candidates = [_trim_range_opener(text, c) for c in candidates]
    return resolve_overlaps(candidates)


# --- the spaCy component ---------------------------------------------------------------



class ClaimFinder:
    """Writes every claim of the ten kinds to `doc.spans["claims"]`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        terms()  # fail at construction on a bad word list, not mid-run

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match in find_claims(doc_text(doc), sentence_finder(doc)):
            span = doc.char_span(match.start, match.end, label=match.kind, alignment_mode="expand")
            if span is None:
                continue
            span._.claim_value = match.value
            span._.claim_unit = match.unit
            span._.claim_qualifier = match.qualifier
            spans.append(span)
        doc.spans[CLAIMS] = spans
        return doc


@Language.factory(
    "claimcheck_claims",
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
)
def make_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(nlp, name)

"""Finding quantitative claims in article text: the ten kinds of CONTRACT.md.

Rules first: each kind has one finder, a regular expression built from the number
patterns of `numbers.py`/`patterns.py` plus the word lists in `data/claim_terms.json`, and a
small function that reads the value (sample sizes and counts live in `groups.py`).
`find_claims(text)` runs every finder and resolves overlaps by kind priority (the `95%` of a
CI is part of the CI, `one in five adults` is a proportion, not a sample of five). The numbers
the rules leave are then read by a small linear model (`number_model.py`), which adds the counts
and sample sizes it is sure of. The spaCy component at the bottom only turns matches into spans.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Iterator
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import CLAIMS, register_extensions, span_value_key
from .continuations import GROUP_KINDS, continued_claims
from .groups import (
    _ASSIGNMENT, _EVENT_BEFORE, _SPACES, EVENT_IN_VERBS, PARAGRAPH_BREAK, _after_age_range, find_groups, people_last_words,
)
from .number_model import model_claims
from .numbers import DIGIT_GROUPS, DIGIT_NUMBER, FRACTION_WORDS, NUMBER, parse_fraction, parse_ratio, tidy
from .patterns import (  # noqa: F401  (terms, ClaimMatch: part of this module's interface)
    _OTHER_FOLDS,
    END,
    FAR_NUM,
    FAR_START,
    NOT_WHEN_AFTER,
    NUM,
    PCT,
    QUAL,
    RANGE_SEP,
    RANGE_WORDS,
    START,
    TIME_UNIT_NAMES,
    TIME_UNITS,
    ClaimMatch,
    _is_year,
    _lower,
    _mentions,
    _num,
    _preceding_word,
    _preceding_words,
    _qualifier,
    _range_may_follow,
    _range_or_value,
    _scan,
    alternation,
    find_all,
    number_mentions,
    search_near,
    terms,
    time_unit_name,
)
from .regex import matches_at
from .sentences import doc_text, sentence_finder
from .tables import table_claims

# --- finders -----------------------------------------------------------------------------

# Opens with a lookahead of the first characters a match may have (any case): `search_near`
# tries it at every character of a window, and the lookahead turns most away at once.
CI_RE = re.compile(
    r"(?=[\dCcUuI])"
    rf"(?:(?P<level>\d{{2}}(?:\.\d+)?)\s?%\s*)?"
    # ("IC 95 %": the order of Spanish, French, Italian and Portuguese, kept in translation)
    r"(?:\b(?:CI|CrI|UI)\b|\bIC(?=\s?9\d(?:[.,]\d)?\s?%)|(?i:(?:confidence|credible|uncertainty|prediction)\s+intervals?)"
    r"|(?(level)(?i:intervals?)|(?!)))"  # ("our 80% interval of 1,090 to 2,210")
    r"(?:\s*(?i:of\s+)?\d{2}(?:\.\d+)?\s?%)?"  # "confidence interval of 95%: 0.62-0.99", "IC95%"
    # "CI 0.6-0.9", "(95% CI: 0.6 to 0.9)", "the confidence interval was wide (0.49 to 0.99)"
    r"\s*(?:[\[(]\s*|(?i:of|was|were|is|from|ran|runs|ranged|ranging|went|spanned|between|wide|wider|narrow|"
    r"narrower|broad|very|quite|fairly|still)\s*|[:,=]\s*)*"
    # ("0.65~0.82", "0.41～0.64": the range sign of Chinese, Japanese and Korean, kept in translation)
    rf"(?P<a>[-\u2212]?{DIGIT_NUMBER})\s*%?\s*(?:to|-|–|—|,|;|and|~)\s*(?P<b>[-\u2212]?{DIGIT_NUMBER})(?:\s?%)?"
)


# Every CI match holds one of these (a cheap scan; the costly pattern is tried around them).
_CI_ANCHORS = ("CI", "CrI", "UI", "nterval", "NTERVAL")


# The abbreviations among the anchors: "CI", "UI", "CrI" (and "IC" before a level: "IC 95 %"),
# found from their "I" (a literal: `re` skips to each "I" in C, and the lookarounds read the
# letters around it).
_CI_ABBREVIATION = re.compile(r"I(?:(?<=[CU]I)|(?<=CrI)|(?=C\s?9\d))")


def _ci_anchors(text: str) -> tuple[list[tuple[int, int]], bool]:
    """`find_all(text, _CI_ANCHORS)`, and whether "CI", "CrI" or "UI" is among them. (The
    abbreviations are found by `_CI_ABBREVIATION`: a `str.find` of two characters is a slow
    scan, and a Python test at each capital "I" costs more than the lookbehinds.)"""
    spans = find_all(text, _CI_ANCHORS[3:])
    abbreviated = False
    for m in _CI_ABBREVIATION.finditer(text):
        at = m.start()
        if text[at - 1] == "r":  # "CrI"
            spans.append((at - 2, at + 1))
            abbreviated = True
        elif text[at - 1] in "CU":
            spans.append((at - 1, at + 1))
            abbreviated = True
        else:  # "IC 95 %"
            spans.append((at, at + 2))
            abbreviated = True
    spans.sort()
    return spans, abbreviated


def find_confidence_intervals(text: str) -> Iterator[ClaimMatch]:
    anchors, abbreviated = _ci_anchors(text)
    if not abbreviated and not _mentions(text, "interval"):
        return
    for m in search_near(CI_RE, text, anchors, before=61, after=200):
        yield ClaimMatch("confidence_interval", m.start(), m.end(), [_num(m["a"]), _num(m["b"])])


# Opens with the character class (not a lookahead) so that `re` skips to each "p" in C; the
# lookbehind then checks the character before it.
# "x 10-8", "× 10^-31", "×10⁻⁸": a power of ten, as news and papers write it
_TIMES_TEN = r"\s*[x×]\s*10\s*\^?\s*(?:[-−–]\s*\d+|⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
P_RE = re.compile(
    r"[pP](?<![\w'’.][pP])(?:\s*[-\s]?(?i:values?))?"
    r"(?:\s+(?i:for)\s+(?i:trend|interaction|heterogeneity|difference|linear\s+trend|non-?inferiority|superiority))?\s*"
    r"(?P<op><=|>=|=|<|>|≤|≥|(?i:(?:was|is)\s+(?:less\s+than|below|under)|of|was|is|less\s+than|below))\s*"
    rf"(?P<num>\d?\.\d+(?:{_TIMES_TEN}|[eE][-−]\d+)?|\d+(?:\.\d+)?(?:{_TIMES_TEN}|[eE][-−]\d+)?)"
)

_SCIENTIFIC = re.compile(r"(\d*\.?\d+)\s*x\s*10\s*-\s*(\d+)")
_PCT = re.compile(PCT)


_SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def _parse_scientific(text: str) -> float | None:
    text = text.replace("−", "-").replace("–", "-").replace("×", "x").replace("^", "").translate(_SUPERSCRIPTS)
    m = _SCIENTIFIC.fullmatch(text)
    if m:
        return float(m.group(1)) * 10 ** -int(m.group(2))
    try:
        return float(text)
    except ValueError:
        return None


# Where `P_RE` may match: a "p" (any case) with no word character, apostrophe or point before
# it, found in the lower-cased text (`re` skips to each "p", a literal, faster than to each
# character of the class `[pP]`), and followed by a character `P_RE` may have right after its
# "p": a space or a dash before "value", the "v" of "value", an operator or the first letter
# of a word one ("of", "was", "is", "less than", "below"; "İ" and "ı" are an "i" to `re`).
# (The lookahead turns away in C the words that open with "p": "patients", "per", "people".)
_P_START = re.compile(r"p(?<![\w'’.]p)(?=[-v<>=≤≥owilbİı]|\s)")


def find_p_values(text: str) -> Iterator[ClaimMatch]:
    lowered = _lower(text)
    starts = [m.start() for m in _P_START.finditer(lowered)] if _mentions(text, "p") else ()
    for m in matches_at(P_RE, text, starts):
        op = m["op"].lower()
        qual = {"<": "<", ">": ">", "≤": "<=", "≥": ">=", "<=": "<=", ">=": ">="}.get(op)
        if op.split()[-1] in ("than", "below", "under"):  # "less than", "was below"
            qual = "<"
        yield ClaimMatch("p_value", m.start(), m.end(), _parse_scientific(m["num"]), qualifier=qual)


RATIO_NAME = (
    r"(?:(?i:(?:adjusted|reporting|pooled|crude|overall)\s+)?"
    r"(?i:hazard|odds|risk|rate|incidence\s+rate|incidence|prevalence|relative\s+risk|win|geometric\s+mean)\s+(?i:ratios?)"
    r"|(?i:relative\s+risks?)|\b(?:a?HRs?|a?ORs?|a?RRs?|IRRs?|RORs?)\b"
    # "a relative detection rate of 1.15": one arm's rate over the other's (a relative survival
    # rate is a percentage)
    r"|(?i:relative\s+(?!survival\b)[a-z]+\s+rate)"
    # a hospital's observed to expected deaths: "a SHMI of 1.04", "its HSMR was 112"
    r"|\b(?:SHMI|HSMR|SMR)\b)"
)
# "the odds ratio ... fell to 1.08": a ratio given as the value it moved to
_CHANGED_TO = r"(?:(?:fell|rose|dropped|increased|decreased|declined|climbed|went\s+(?:up|down))\s+to|(?:lay|stood)\s+at)"
RATIO_RE = re.compile(
    r"(?=[aAcChHiIoOpPrRgGwWİıS])"  # the first characters of `RATIO_NAME` in any case (see `CI_RE`)
    rf"(?P<name>{RATIO_NAME})\s*(?:[(\[](?:a?HR|a?OR|a?RR|IRR|ROR)[)\]]\s*)?"
    # what the ratio is of, in whom: "for death or stroke", "of ARIA-E", "in the greenest areas"
    # then a verb or sign before the value, or, after a word or two, the value itself ("for death
    # 0.74"; not after an age: "the risk ratio for people aged 65" gives no 65)
    r"(?:(?i:for|of|in|among|versus|vs\.?|compared\s+with)\s+(?!(?:about|around|approximately|roughly|just|only|nearly)\b)"
    rf"(?:(?:(?!(?i:of|was|were|is|at|for)\b)(?:[A-Za-z][\w-]*|\d+(?:-[A-Za-z][\w-]*)?)\s+){{1,9}}?(?=(?i:was|were|is|of|at|{_CHANGED_TO})\s|[=:,])"
    r"|(?:(?!(?i:of|was|were|is|at|for)\b)[A-Za-z][\w-]*\s+){1,2}?"
    r"(?<!aged\s)(?<!ages\s)(?<!age\s)(?<!over\s)(?<!under\s)(?<!type\s)(?<!stage\s)(?<!grade\s)(?<!than\s)(?=\d)))?"
    rf"(?:,\s*(?=(?i:is|was)\s))?(?:(?i:of|was|were|is|at|for|ranged\s+from|ranging\s+from|from|between|{_CHANGED_TO})\s+|[=:,]\s*)?"
    r"(?P<qual>(?i:(?:only|just)\s+)?(?i:about|around|approximately|roughly|just|only|nearly)\s+)?"
    rf"(?P<a>{DIGIT_NUMBER})(?:\s*(?:to|-|–|—|and)\s*(?P<b>{DIGIT_NUMBER}))?(?![\d%]|-(?i:day|week|month|year|hour)s?\b)"
)
# After a number that is part of a name ("type 2"), the ratio's value further on.
_RATIO_VALUE_AFTER_NAME = re.compile(
    rf"\d+\w*(?:\s+[a-z][\w-]*){{0,3}}?\s+(?i:was|of|is|at|=|{_CHANGED_TO})\s+(?P<a>{DIGIT_NUMBER})(?![\d%])"
)
# "a relative risk of 1.45 (1.10-1.90)", "OR 0.73 [0.61-0.88]": the bracketed range right after
# a ratio is its interval; so is the range after a comma closing the ratio's own brackets,
# "(HR 0.84, 0.71-0.99)"
_INTERVAL_AFTER_RATIO = re.compile(
    rf"\s*(?:\((?P<lo>{DIGIT_NUMBER})\s*(?:-|–|—|\s+to\s+|,\s+)\s*(?P<hi>{DIGIT_NUMBER})\)"
    rf"|\[(?P<lo2>{DIGIT_NUMBER})\s*(?:-|–|—|\s+to\s+|,\s+)\s*(?P<hi2>{DIGIT_NUMBER})\]"
    rf"|,\s*(?P<lo3>{DIGIT_NUMBER})\s*(?:-|–|—|\s+to\s+)\s*(?P<hi3>{DIGIT_NUMBER})(?=\)))"
)
# Every ratio match holds "ratio", "relative risk" (any case: looked for in the lower-cased
# text) or an abbreviation (as written).
_RELATIVE_RISK = re.compile(r"relative\s+(?:risk|(?!survival\b)[a-z]+\s+rate)")
_RATIO_ABBREVIATIONS = re.compile(r"(?:HR|OR|RR)s?\b")  # in aHR, IRR, ROR too


def _ratio_abbreviations(text: str) -> list[tuple[int, int]]:
    """The spans of `_RATIO_ABBREVIATIONS.finditer(text)`, read back from each capital "R"
    (`str.find` of one character is a fast `memchr`; `re` stops at every H, O and R). Two
    matches never overlap (each ends before a non-word character), so each "R" is read alone."""
    spans = []
    for at, end in find_all(text, ("R",)):
        if at == 0 or text[at - 1] not in "HOR":
            continue
        if text[end:end + 1] == "s" and not _is_word_character(text[end + 1:end + 2]):
            spans.append((at - 1, end + 1))
        elif not _is_word_character(text[end:end + 1]):
            spans.append((at - 1, end))
    return spans


def _is_word_character(char: str) -> bool:
    """Is `char` (one character or none) a character that `re`'s `\\w` matches?"""
    return char.isalnum() or char == "_"


def _ratio_anchors(text: str) -> list[tuple[int, int]]:
    lowered = _lower(text)
    found = find_all(lowered, ("ratio",))  # (`str.find`: a pattern opening with "r" stops at every r)
    if "relative" in lowered:
        found += [m.span() for m in _RELATIVE_RISK.finditer(lowered)]
    found += _ratio_abbreviations(text)
    if "SHMI" in text or "SMR" in text:
        found += find_all(text, ("SHMI", "HSMR", " SMR"))
    return sorted(found)
MULTIPLE_RE = re.compile(
    rf"(?:(?P<word>(?i:twice|thrice|double|triple|quadruple))|(?P<n>{NUM})(?:[^\S\n]*(?:to|-|–|—)\s*(?P<n2>{FAR_NUM}))?\s+(?i:times)"
    rf"|(?P<x>{START}\d+(?:\.\d+)?)\s?[x×])\s+"
    r"(?i:as\s+(?:likely|high|many|much|common|frequent|often|great|large|long|fast|big|effective|deadly|severe|prevalent|potent|strong|toxic|powerful)"
    r"|more\s+(?:likely|common|often|frequent|frequently|prevalent|effective|potent|toxic|powerful|deadly|lethal)|(?:the|your|their|its|his|her)\s+(?:[a-z]+\s+)?(?:risk|rate|odds|number|chance|likelihood|incidence|probability)"
    r"|the\s+(?:usual|normal|expected|average|typical|previous)|(?:those|that)\s+of"
    # ("ten times the prescribed dose": a dosing error's size)
    r"|the\s+(?:prescribed|recommended|intended|correct|maximum|safe|daily)\s+(?:[a-z]+\s+)?(?:dose|amount|limit)"
    r"|higher|greater|lower|more|less|larger|smaller|faster|slower|likelier|increased|better|worse|stronger|weaker)\b"
    # "half as likely": a multiple below one, said only of a likelihood or a frequency
    r"|(?P<half>\b(?i:half))\s+(?i:as\s+(?:likely|common|often|frequent|high|prevalent))\b"
)
# "x2 RISK", "×3 the odds": a multiple written before its number, of a likelihood (opens with
# the character class, which `re` finds fast; the lookbehind then reads the character before)
PREFIX_MULTIPLE_RE = re.compile(
    r"[x×](?<![\w.][x×])(?P<n>\d+(?:\.\d+)?)\s+(?:(?i:the|your|their|a|an)\s+)?(?:[A-Za-z-]+\s+)?"
    r"(?i:risk|chance|odds|likelihood|rate)\b"
)
# "increases the risk of stroke about 5 times", "raised their odds by three times": a multiple of
# a likelihood told by its verb, the number after the outcome
RISK_TIMES_RE = re.compile(
    r"(?=[iIrRmMbB])(?i:increas|rais|multipl|boost)\w*\s+(?:(?i:the|their|your|its|his|her)\s+)?"
    r"(?i:risk|odds|chance|chances|likelihood)\b(?:\s+(?i:of)\s+[\w-]+(?:\s+(?!(?i:about|around|roughly|nearly|almost|some|by|up)\b)[\w-]+)?)?"
    r"\s+(?:(?i:by)\s+)?"
    rf"(?:(?P<qual>(?i:about|around|roughly|nearly|almost|some|up\s+to))\s+)?(?P<n>{NUM})\s+(?i:times)\b"
)
FOLD_RE = re.compile(
    rf"(?:(?P<n>{START}{NUMBER})(?:\s*(?:[-–]\s*to\b|[-–]|\bto\b)\s*(?P<n2>{NUMBER}))?[-\u2010\s]?(?i:fold)\b"
    r"|(?P<w>\b(?i:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred))(?i:fold)\b)"
)
_MULTIPLE_UNITS = frozenset({"times"})
_MULTIPLE_NEXT = frozenset({"times", "x", "×", "twice", "thrice", "double"}) | RANGE_WORDS
_WORD_MULTIPLES = {"twice": 2, "double": 2, "thrice": 3, "triple": 3, "quadruple": 4, "treble": 3}
# "almost double", "roughly triple the 112": a multiple said with a qualifier, of whatever follows
# (not "double-blind")
QUALIFIED_MULTIPLE_RE = re.compile(
    r"\b(?P<qual>(?i:almost|nearly|roughly|about|around|approximately|more\s+than|just\s+over|just\s+under|close\s+to))\s+"
    r"(?P<word>(?i:double|triple|treble|quadruple))\b(?![-\u2010])"
)
_OTHER_MULTIPLE_WORDS = ("half as ", "triple ", "quadruple ")
_QUALIFIED_MULTIPLE_WORDS = ("double", "triple", "treble", "quadruple")
_NOT_A_MULTIPLE_NEXT = frozenset("-\u2010ds")
# "doubled the risk", "halved the rate": a multiple told by the verb.
VERB_MULTIPLE_RE = re.compile(
    r"\b(?P<verb>(?i:doubled|doubles|doubling|tripled|triples|tripling|quadrupled|halved|halves|halving))\s+"
    r"(?:(?i:the|their|a|his|her|its)\s+)?(?:[a-z][\w-]*\s+){0,2}?"
    r"(?i:risk|odds|rate|rates|chance|chances|likelihood|incidence|number|mortality|deaths)\b"
)
# "cases have nearly tripled", "roughly doubled participation": the verb alone, after an auxiliary
# or a qualifier, says what became a multiple of itself (not "doubled down", "doubled up").
VERB_ALONE_MULTIPLE_RE = re.compile(
    r"\b(?:(?i:has|have|had)\s+)?(?P<qual>(?i:almost|nearly|roughly|about|around|more\s+than|over|just\s+over|approximately)\s+)?"
    r"(?P<verb>(?i:doubled|tripled|quadrupled|halved))\b(?!\s+(?i:down|up|back|over)\b)"
)
_VERB_MULTIPLES = {"doubl": 2, "tripl": 3, "quadr": 4, "halv": 0.5}
_VERBS_ALONE = ("doubled", "tripled", "quadrupled", "halved")
# Both patterns above hold one of these stems: they are searched only around them.
_MULTIPLE_STEMS = ("doubl", "tripl", "quadr", "halv", "fold")


_SENTENCE_GAP = re.compile(r"[.!?]\s|\n")  # a sentence's end between two places
# After a ratio, the same ratio in another group, given with its interval: "the hazard ratio was
# 1.19 (1.09-1.30), compared with 1.08 (0.99-1.18) among the men", "the estimate was 1.05 (95% ...",
# a list of them: "1.18 (95% CI 1.09 to 1.28) in men with 20 years, 1.07 (0.99 to 1.16) in those ..."
_OTHER_ESTIMATE = re.compile(
    rf"\b(?:(?i:the\s+estimate\s+was)|(?i:compared\s+with)|(?i:versus)|(?i:vs)\.?)\s+(?P<a>{DIGIT_NUMBER})(?=\s*\(\s*(?:\d|95))"
    # (in a list, a decimal with an interval in brackets: not "; 120 (40%) patients")
    r"|[,;](?:\s+(?i:and))?\s+(?P<b>\d+\.\d+)(?=\s*\(\s*(?:95\s*%\s*(?i:CI)[:,]?\s*)?\d+(?:\.\d+)?\s*(?:to|-|–)\s*\d)"
    # ("a hazard ratio of 3.05, compared with 1.74 for those with short careers": the other
    # group's estimate, a decimal with no unit)
    r"|\b(?i:compared\s+with|versus|vs\.?|against)\s+(?P<c>\d+\.\d+)(?=\s+(?i:for|in|among|with)\b|\s*[,;)]|\.(?!\d))"
)


def _interval_after(text: str, end: int) -> Iterator[ClaimMatch]:
    """The interval in brackets right after a ratio's value (`1.45 (1.10-1.90)`), if it is one
    (its low end first)."""
    m = _INTERVAL_AFTER_RATIO.match(text, end)
    if m is None:
        return
    lo, hi = next((m[a], m[b]) for a, b in (("lo", "hi"), ("lo2", "hi2"), ("lo3", "hi3")) if m[a])
    if not (_is_year(lo) and _is_year(hi)):  # not "(2021-2023)"
        low, high = _num(lo), _num(hi)
        if low is not None and high is not None and low < high:
            start = m.start("lo3") if m["lo3"] else m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            yield ClaimMatch("confidence_interval", start, m.end(), [low, high])


_LENGTH_INSIDE = re.compile(rf"\d\s*{TIME_UNITS}\b")


def find_effect_sizes(text: str) -> Iterator[ClaimMatch]:
    ratio_ends: list[int] = []  # after each ratio, where another estimate may be given
    for m in search_near(RATIO_RE, text, _ratio_anchors(text)):
        ratio_ends.append(m.end())
        qual = m["qual"].strip().lower() if m["qual"] else None
        if _NAME_BEFORE.search(text, max(0, m.start("a") - 12), m.start("a")):
            # "hazard ratio for new type 2 diabetes was 1.11": the 2 names the disease
            value = _RATIO_VALUE_AFTER_NAME.match(text, m.start("a"))
            if value:
                yield ClaimMatch("effect_size", m.start(), value.end(), _num(value["a"]))
                yield from _interval_after(text, value.end())
            continue
        # (what the ratio is of may hold a length of its own: "for readmission over the full 180
        # days was 0.68"; the ratio's span then starts at its value)
        start = m.start("a") if _LENGTH_INSIDE.search(text, m.end("name"), m.start("a")) else m.start()
        yield ClaimMatch("effect_size", start, m.end(), _range_or_value(m["a"], m["b"]), qualifier=qual)
        if not m["b"]:
            yield from _interval_after(text, m.end())
    last_end = -1
    for end in ratio_ends:
        for m in _OTHER_ESTIMATE.finditer(text, max(end, last_end), min(len(text), end + 220)):
            last_end = m.end()
            part = "a" if m["a"] else "b" if m["b"] else "c"
            if part == "c" and _SENTENCE_GAP.search(text, end, m.start()):
                continue  # (a bare decimal is the ratio's other group only in the ratio's sentence)
            yield ClaimMatch("effect_size", m.start(part), m.end(), _num(m[part]))
            yield from _interval_after(text, m.end())
    # ("two to three times more common": a range of multiples)
    for m in _scan(MULTIPLE_RE, text, wants=_MULTIPLE_NEXT, ranges_only=True, range_ends=_MULTIPLE_UNITS):
        if m["n2"]:
            value = _range_or_value(m["n"], m["n2"])
            if value is None:
                continue
            yield ClaimMatch("effect_size", m.start(), m.end(), value)
            continue
        value = _WORD_MULTIPLES[m["word"].lower()] if m["word"] else _num(m["n"] or m["x"])
        yield ClaimMatch("effect_size", m.start(), m.end(), value)
    for m in PREFIX_MULTIPLE_RE.finditer(text):
        yield ClaimMatch("effect_size", m.start(), m.end(), _num(m["n"]))
    lowered = _lower(text)
    for m in search_near(RISK_TIMES_RE, text, find_all(lowered, (" times",)), before=90, after=6):
        value = _num(m["n"])
        if value is not None and value > 1:
            yield ClaimMatch("effect_size", m.start("qual" if m["qual"] else "n"), m.end(), value,
                             qualifier=m["qual"].lower() if m["qual"] else None)
    for start, end in find_all(lowered, _QUALIFIED_MULTIPLE_WORDS):
        if lowered[end:end + 1] in _NOT_A_MULTIPLE_NEXT:
            continue  # "double-blind", "doubled", "doubles"
        m = QUALIFIED_MULTIPLE_RE.search(text, max(0, start - 30), start + 12)
        if m and m.start("word") == start:
            yield ClaimMatch("effect_size", m.start(), m.end(), _WORD_MULTIPLES[m["word"].lower()], qualifier=m["qual"].lower())
    # (the words no number mention opens with: "half as likely", "triple that of")
    for start, _ in find_all(lowered, _OTHER_MULTIPLE_WORDS):
        m = MULTIPLE_RE.match(text, start)
        if m and (m["half"] or m["word"]) and not _is_word_character(text[start - 1:start] if start else ""):
            yield ClaimMatch("effect_size", m.start(), m.end(), 0.5 if m["half"] else _WORD_MULTIPLES[m["word"].lower()])
    verbs, folds = [], []
    for start, end in find_all(lowered, _MULTIPLE_STEMS):
        (folds if text[start:end].lower() == "fold" else verbs).append((start, end))
    found_verbs = []
    for m in search_near(VERB_MULTIPLE_RE, text, verbs, before=0, after=90):
        value = next(v for k, v in _VERB_MULTIPLES.items() if m["verb"].lower().startswith(k))
        found_verbs.append(m.start())
        yield ClaimMatch("effect_size", m.start(), m.end(), value)
    alone = [(a, e) for a, e in verbs if lowered.startswith(_VERBS_ALONE, a)]
    for m in search_near(VERB_ALONE_MULTIPLE_RE, text, alone, before=30, after=10):
        if m.start("verb") in found_verbs:
            continue
        value = next(v for k, v in _VERB_MULTIPLES.items() if m["verb"].lower().startswith(k))
        start = m.start("qual") if m["qual"] else m.start("verb")
        yield ClaimMatch("effect_size", start, m.end("verb"), value, qualifier=m["qual"].strip().lower() if m["qual"] else None)
    for m in search_near(FOLD_RE, text, folds, before=60, after=5):
        value = _range_or_value(m["n"], m["n2"]) if m["n2"] else _num(m["n"] or m["w"])
        if value is not None:
            yield ClaimMatch("effect_size", m.start(), m.end(), value)


ROMAN = r"(?:IV|V?I{1,3}|V|0)"
PHASE_RE = re.compile(
    r"(?=[Pp])\b[Pp](?:hase|HASE)[\s\-]*"
    rf"(?P<phase>(?:{ROMAN}|[0-9]|(?i:one|two|three|four))[abcABC]?(?:\s*/\s*(?:{ROMAN}|[0-9])[abcABC]?)?"
    r"|(?P<bad>[A-Z]*NUM[A-Z]*|X{1,3}|TK|\?+))(?![\w])"
)
_PHASE_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4"}


# "Phase 2 of the campaign", "Phase One Genomics": a phase of something else, a company.
_NOT_TRIAL_PHASE_AFTER = re.compile(
    r"\s+(?i:of\s+(?:the\s+|this\s+|its\s+|our\s+)?(?:[\w-]+\s+)?(?:campaign|roll-?out|programme|program|plan|project|"
    r"scheme|drive|lockdown|reopening|construction|expansion|redevelopment)\b)"
)
_NAME_AFTER = re.compile(r"\s+(?!Trials?\b|Stud(?:y|ies)\b)[A-Z][a-z]")
# A trial's phase is told near a word of medicine's research (as every annotated one is); "The
# service will be introduced in phases ... Phase 1 will extend the hours" is a plan's.
_RESEARCH_WORD = re.compile(
    r"(?i:trial|stud(?:y|ies)|drug|vaccin|treatment|therap|randomi[sz]|candidate|medicine|\bFDA\b|\bEMA\b|"
    r"compound|clinical|\bdos(?:e|es|ing)\b|antibod|inhibitor|pipeline|investigational|placebo|efficacy)"
)
_RESEARCH_REACH = 250


def find_trial_phases(text: str) -> Iterator[ClaimMatch]:
    for m in matches_at(PHASE_RE, text, (start for start, _ in find_all(_lower(text), ("phase",)))):
        if _NOT_TRIAL_PHASE_AFTER.match(text, m.end()):
            continue
        if m["phase"] and m["phase"][0].isalpha() and m["phase"].lower() in _PHASE_WORDS and _NAME_AFTER.match(text, m.end()):
            continue
        if m["bad"]:
            yield ClaimMatch("trial_phase", m.start(), m.end(), None)
            continue
        if not _RESEARCH_WORD.search(text, max(0, m.start() - _RESEARCH_REACH), m.end() + _RESEARCH_REACH):
            continue
        phase = _SPACES.sub("", m["phase"])
        phase = _PHASE_WORDS.get(phase.lower(), phase)
        yield ClaimMatch("trial_phase", m.start(), m.end(), phase)


# Events in so many: "one infection in 200 ends in paralysis", "one death in 1,000" (not "per": "489
# deaths per 100,000 live births" is a rate, a count as writers have it).
_ONE_EVENT = ("infection", "death", "birth", "admission", "procedure", "operation", "prescription")
_EVENT_PER = re.compile(rf"(?i:\b(?:{alternation(_ONE_EVENT)})s?\s+per\b)")
# "one person in five", "one young person in five": a person named between the two numbers
_ONE_PERSON = (
    "person", "adult", "child", "woman", "man", "patient", "participant", "teenager", "pupil", "student", "worker",
    "nurse", "doctor", "baby", "girl", "boy", "resident", "respondent", "smoker", "user", "household", "family",
    *_ONE_EVENT,
)
# "six cases out of ten", "three patients in 10"
_ONE_PERSON_PLURALS = tuple(w + "s" for w in _ONE_PERSON if w not in ("person", "woman", "man", "child", "family")) + (
    "people", "women", "men", "children", "families", "case", "cases")
PROPORTION_IN_RE = re.compile(
    rf"{QUAL}(?P<num>{START}(?i:one|an?)|{NUM})[\s\-\u2010]+"
    rf"(?:(?:[a-z][\w\-]*\s+)?(?i:{alternation(_ONE_PERSON + _ONE_PERSON_PLURALS)})\s+)?"
    r"(?i:in|out\s+of|per|of(?=\s+every\b))[\s\-\u2010]+(?i:every\s+)?"
    rf"(?P<den>{NUMBER}{END}|(?i:million|thousand)\b)"  # ("4.8 cases per million doses")
    rf"(?!\s*(?:(?!Years?[^\S\n]+\d){TIME_UNITS}|%|(?i:percent))\b)"  # (not "Year 6 pupils": a school year)
)
# A score out of 5 or 10: "an 8 out of 10 pain", "pain of 7 out of 10", "rated it 4 out of 5"
_SCORE_AFTER = re.compile(r"[^\S\n]+(?i:pain|for\s+pain|on\s+(?:a|the)\s+(?:pain\s+)?scale)\b")
_GROUP_AFTER = re.compile(r"[^\S\n]+(?:[a-z-]+s|people|men|women|children)\b")  # "7 out of 10 patients": a share
_SCORE_BEFORE = re.compile(r"(?i:\b(?:pain|score|scored|scores|rated|rates|rating|ranked)\b)[^.;\n]{0,25}$")
# A rate over time at risk ("0.93 per 100 person-years", "2.9 injuries per 1,000 hours", "5.0
# falls per 1,000 occupied bed-days"): a count of events (as every writer who annotated one,
# four of them, 17 of 17), not a share of people. (Per so many people a year, writers differ.)
_EXPOSURE_AFTER = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}?(?i:(?:person|persons|patient|participant|people|woman|women|child|children|resident|bed|"
    r"athlete|player|exposure|treatment|subject)[-\s](?:years?|months?|weeks?|days?|hours?)|hours|bed-days)\b"
)
EXPOSURE_RATE_RE = re.compile(
    rf"{QUAL}(?P<num>{NUM})(?:\s+[a-z][\w-]*){{0,2}}?\s+(?i:per)\s+(?P<den>{NUMBER}){END}{_EXPOSURE_AFTER.pattern}"
)
# "1.8 prostate cancer deaths per 1,000 men", "1.4 extra diagnoses of low-grade cancer per 1,000 men
# screened": events said with their words, then per so many people: a rate, the share it is
RATE_PER_PEOPLE_RE = re.compile(
    rf"{QUAL}(?P<num>{NUM})\s+(?:(?!(?i:is|was|were|are|be|been|has|have|had)\b)[A-Za-z][\w\-]*\s+){{1,6}}?(?i:per)\s+(?P<den>{NUMBER}{END}|(?i:million|thousand)\b)"
    r"(?=\s+(?:[a-z][\w-]*\s+)?(?i:people|persons|men|women|adults|children|babies|infants|births|live\s+births|population|"
    r"residents|patients|inhabitants|pregnancies|deliveries)\b)"
)
_MONEY_OR_MASS = re.compile(r"(?i:\b(?:pounds|dollars|euros|rupees|pence|cents|yen|francs|kg|grams|tonnes|litres)\b)")
# "3.4 ‰ of births": a share per thousand (translated text)
PER_MILLE_RE = re.compile(rf"{QUAL}(?P<num>{NUM})\s?\u2030")
# "9 of the 22 women", "11 of the area's 46 homes": a part of a whole both given (not "one of the
# 7 in 10 adults", where the whole is itself a share).
PART_OF_WHOLE_RE = re.compile(
    rf"{QUAL}(?P<num>{NUM})\s+(?i:of)\s+(?P<the>(?i:the|these|those|all)\s+"
    rf"(?P<whose>[A-Za-z]+['\u2019]s\s+)?)?(?P<den>{NUM})"
    rf"(?!\s*(?:%|{TIME_UNITS}\b|(?i:percent))|\s+(?i:in|out\s+of)\s+(?:{NUMBER}))"
)
_SHARE_OPENS_BEFORE = re.compile(r"(?:\d|\b(?i:one|two|three|four|five|six|seven|eight|nine))\s+(?i:in|out\s+of)\s+$")
_FRACTION_DEN = alternation(FRACTION_WORDS)
FRACTION_RE = re.compile(
    rf"{QUAL}(?P<num>\b(?i:an?|one|two|three|four|five|six|seven|eight|nine)|{START}\d)"
    rf"(?:(?P<hyph>[-\u2010])|\s+)(?P<den>(?i:{_FRACTION_DEN}))\b"
    # ("a fifth less likely": a relative change given as a fraction)
    r"(?P<of>\s+(?i:of)\b|(?=\s*[.,;:)!?])|(?=\s+(?i:less|more)\s+(?i:likely|common|often)\b)"
    r"|(?=\s+(?i:or\s+(?:more|fewer|less)\s+of)\b)"  # ("a third or more of patients")
    # (the share as the subject of a verb, its percentage in brackets or not: "Almost a third (31%) said")
    r"|(?=(?:\s*\(\s*\d+(?:\.\d+)?\s*%\s*\))?\s+(?i:said|were|was|had|have|reported|agreed|got|took|received|also|still|"
    r"are|is|did|do|will|would|could|can|may|might|developed|showed|died|went|needed|stayed|chose|used)\b))?"
)
HALF_RE = re.compile(
    rf"{QUAL}(?<![\w-])(?i:half)(?:\s+(?:(?i:of)\s+(?=[\w])|"
    r"(?=(?i:the|all|these|those|them|us|its|their|patients|participants|people|adults|children|women|men|respondents|"
    r"were|was|got|received|took|had|said|reported|agreed|developed|showed|will|would|can|could|may|might|die|died|"
    r"went|needed|given|assigned|allocated|randomi[sz]ed)\b|\(\s*\d"  # "half given a new pill", "Half (54 participants)"
    r"|(?i:(?:to\s+)?an?\s+(?:matching\s+)?(?:placebo|dummy|sham))\b))"  # ("and half (to) a placebo")
    r"|(?(qual)(?=\s*[.,;!?])|(?!)))"  # "it was closer to half."
)


# "half were given the vaccine and the other half a placebo": the rest of a group split in two
OTHER_HALF_RE = re.compile(
    r"\b(?i:the\s+)?(?i:other)\s+(?i:half)\b(?!\s+(?:(?i:of)\s+)?(?:(?i:the|a|an)\s+)?(?i:day|days|year|years|night|nights|"
    r"hour|hours|century|season|match|game|term|decade|week|month|story))"
)
# "cut migraine days by at least half": a share by which something fell or rose
BY_HALF_RE = re.compile(rf"\b(?i:by)\s+(?P<share>{QUAL}(?i:half))\b(?!\s*[-\u2010]?\s*(?i:an?\b|hours?\b|of\b))")
# "two additional cancers for every 1,000 women screened": N (of something) in every M
PER_EVERY_RE = re.compile(
    rf"{QUAL}(?P<num>{NUM})\s+(?:[a-z][\w-]*\s+){{1,3}}?(?i:for|in)\s+every\s+(?P<den>{NUMBER}{END})"
)


def _per_every_may_follow(at, text: str) -> bool:
    """A word follows the number, and "every" comes within a few words (cheap test first)."""
    return bool(at.next) and " every " in text[at.pos:at.pos + 60]


# Words before "2 of 10" that make it a place in a series, not a share of a group.
_NUMBERED_THINGS = frozenset(terms()["not_people_before_number"]) | {
    "round", "game", "match", "part", "episode", "book", "volume", "issue", "slide", "dose", "visit", "session",
}
_EVENT_IN_NUMBERS = re.compile(rf"(?i:\b{EVENT_IN_VERBS}\s+(?:in|among)\s+\d)")


_ONE_PERSON_WORDS = frozenset(_ONE_PERSON)
_PLURAL_WORDS = frozenset(_ONE_PERSON_PLURALS)
_IN_OR_PERSON = frozenset({"in", "out", "per", "a", "an"}) | _ONE_PERSON_WORDS
_IN_OUT_PER = frozenset({"in", "out", "per"})


def _proportion_in_may_follow(at, text: str) -> bool:
    """`PROPORTION_IN_RE` at a number: "in"/"out of"/"per" after it, or a person named first
    ("one person in five", "one young person in five")."""
    return (at.next in _IN_OR_PERSON or at.next2 in _ONE_PERSON_WORDS or (at.next == "of" and at.next2 == "every")
            or (at.next in _PLURAL_WORDS and at.next2 in _IN_OUT_PER))


# "9/10 doctors", "3/4 of patients": a share written with a slash, of people (not a date, "9/10",
# nor a trial phase, "1/2", nor "24/7")
_SLASH_BETWEEN_DIGITS = re.compile(r"/(?<=\d/)(?=\d{1,4}\s)")  # (a literal first: a fast scan)
SLASH_SHARE_RE = re.compile(
    r"(?<![\d/.,])(?P<num>\d{1,3})/(?P<den>\d{1,4})(?![\d/])\s+(?:(?i:of)\s+(?:(?i:the|all)\s+)?)?(?P<noun>[A-Za-z][A-Za-z-]*)"
)


_AGE_BAND_BEFORE = re.compile(r"\b(?i:aged|ages?)\s+(?:\d{1,3}\s*(?:[-\u2013]|to)\s*)?$")


def find_proportions(text: str) -> Iterator[ClaimMatch]:
    for m in _scan(PART_OF_WHOLE_RE, text, wants={"of"}):
        value = parse_ratio(m["num"], m["den"])
        if value is None or not 0 < value < 1:
            continue
        if not m["the"] and (m["num"].lower() in ("one", "1") or _is_year(m["den"])
                             or _preceding_word(text, m.start()) in _NUMBERED_THINGS):
            continue  # "120 of 4,800 did" is a share; "one of four groups", "page 2 of 10", "3 of 2024" are not
        if m["num"].lower() in ("one", "1") and (m["whose"] or _preceding_word(text, m.start()) in ("every", "each")):
            continue  # "every one of the 17,000 people who die": all of them; "one of the trial's 23 sites": one of them
        if _preceding_word(text, m.start()) in ("in", "of") and _SHARE_OPENS_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # "4 in 10 of the 2,015 adults": "4 in 10" is the share, of the whole after it
        window = text[max(0, m.start() - 150):m.start()]
        window = window[window.rfind(". ") + 1:]
        if _EVENT_BEFORE.search(text, max(0, m.start() - 40), m.start()) or _EVENT_IN_NUMBERS.search(window):
            # "occurred in 612 of the 7,108 patients": a count of events, out of a group
            yield ClaimMatch("count", m.start(), m.end("num"), _num(m["num"]))
            continue
        yield ClaimMatch("proportion", m.start(), m.end(), value, qualifier=_qualifier(m))
    # (the numbers it may follow chosen in one comprehension: a call of the test at each
    # number costs more than the test; those followed by a digit are screened by `_scan`)
    shares = [at for at in number_mentions(text)
              if at.next is None or at.next in _IN_OR_PERSON or at.next2 in _ONE_PERSON_WORDS
              or (at.next == "of" and at.next2 == "every")  # ("one of every four")
              or (at.next in _PLURAL_WORDS and at.next2 in _IN_OUT_PER)]  # ("six cases out of ten")
    for m in _scan(PROPORTION_IN_RE, text, only=shares, range_ends=_proportion_in_may_follow):
        if _is_year(m["den"]):
            continue  # "45 in 2021"
        value = parse_ratio(m["num"], m["den"])
        if value is None or not 0 < value < 1 or _EXPOSURE_AFTER.match(text, m.end()):
            continue
        if _EVENT_PER.search(text, m.start(), m.end()):
            continue
        if _AGE_BAND_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # "children aged 9-12 in 48 schools": an age band, then where they were
        if m["den"] in ("5", "10", "ten", "five") and " out of " in m.group() and (
                _SCORE_AFTER.match(text, m.end()) or (_SCORE_BEFORE.search(text, max(0, m.start() - 40), m.start())
                                                      and not _GROUP_AFTER.match(text, m.end()))):
            continue  # "an 8 out of 10 pain", "rated it 7 out of 10": a score on a scale, no share
        yield ClaimMatch("proportion", m.start(), m.end(), value, qualifier=_qualifier(m))
    pers = find_all(_lower(text), (" per ",))
    for m in search_near(RATE_PER_PEOPLE_RE, text, pers, before=80, after=20) if pers else ():
        value = parse_ratio(m["num"], m["den"])
        den = _num(m["den"])
        if value is None or not 0 < value < 1 or not isinstance(den, (int, float)) or den < 100 or _is_year(m["num"]) \
                or _MONEY_OR_MASS.search(text, m.start(), m.end()):
            continue  # (not "30 pounds per 1,000 people": a cost)
        yield ClaimMatch("proportion", m.start(), m.end(), value, qualifier=_qualifier(m))
    for m in search_near(EXPOSURE_RATE_RE, text, pers, before=40, after=70):
        if not _is_year(m["num"]):
            yield ClaimMatch("count", m.start(), m.end(), _num(m["num"]), qualifier=_qualifier(m))
    for m in _scan(FRACTION_RE, text, wants=_FRACTION_NEXT):
        den = m["den"].lower()
        plural = den.endswith("s") and den not in ("half",)
        # "a third of", "two-thirds", "three quarters of"; not "a third study", "one half-day".
        word_before = _preceding_word(text, m.start())
        by_a_fraction = word_before == "by"  # "fell by a third in 2023"
        if not (m["of"] is not None or by_a_fraction or (m["hyph"] and plural)
                or (plural and m["num"].lower() not in ("a", "an", "one"))):
            continue
        if word_before in ("the", "every", "each"):
            continue
        if den == "half" and word_before == "and":
            continue  # "a year and a half", "four and a half hours": a length of time
        value = parse_fraction(m["num"], den)
        if value is None or not 0 < value < 1:
            continue
        end = m.end("den")
        yield ClaimMatch("proportion", m.start(), end, value, qualifier=_qualifier(m))
    halves = "half" in _lower(text)  # (one scan: both patterns below hold the word)
    for m in search_near(OTHER_HALF_RE, text, find_all(_lower(text), ("other half",)) if halves else (), before=4, after=12):
        yield ClaimMatch("proportion", m.start(), m.end(), 0.5)
    for m in search_near(BY_HALF_RE, text, find_all(text, (" half",)) if halves else (), before=30, after=6):
        yield ClaimMatch("proportion", m.start("share"), m.end(), 0.5, qualifier=_qualifier(m))
    # (without " every " in the text, only the numbers with no sure word after them are tried)
    for m in _scan(PER_EVERY_RE, text, wants=_per_every_may_follow if " every " in text else ()):
        value = parse_ratio(m["num"], m["den"])
        if value is not None and 0 < value < 1 and not _is_year(m["den"]):
            yield ClaimMatch("proportion", m.start(), m.end(), value, qualifier=_qualifier(m))
    for m in _scan(HALF_RE, text, wants={"half"}):
        if _preceding_word(text, m.start()) in ("first", "second", "latter", "last", "the", "a", "other"):
            continue
        yield ClaimMatch("proportion", m.start(), m.end() - 1 if text[m.end() - 1] == " " else m.end(), 0.5, qualifier=_qualifier(m))
    for m in PER_MILLE_RE.finditer(text) if "\u2030" in text else ():
        value = _num(m["num"])
        if value is not None and 0 < value < 1000:
            yield ClaimMatch("proportion", m.start(), m.end(), round(value / 1000, 12), qualifier=_qualifier(m))
    for m in SLASH_SHARE_RE.finditer(text) if "/" in text and _SLASH_BETWEEN_DIGITS.search(text) else ():
        value = parse_ratio(m["num"], m["den"])
        if value is not None and 0 < value < 1 and m["noun"].lower() in people_last_words():
            yield ClaimMatch("proportion", m.start(), m.end(), value)


# The words that may follow the number of each pattern (see `patterns._scan`).
# (`_PERCENT_UNITS`, `_DURATION_UNITS`, `_DOSE_UNIT_WORDS`: the words that may follow the far
# number of a range, `_scan`'s `range_ends`.)
_FRACTION_NEXT = frozenset(FRACTION_WORDS) | {"a", "an"}
_PERCENT_UNITS = frozenset({"%", "per", "percent", "percentage", "pct", "pc"})
_PERCENT_NEXT = _PERCENT_UNITS | RANGE_WORDS
_TIME_WORDS = frozenset(w + s for w in ("second", "minute", "hour", "day", "week", "month", "year", "decade") for s in ("", "s")) | frozenset(TIME_UNIT_NAMES)
# "5 extra days", "40 more minutes", "within five working days", "for three consecutive nights"
_DURATION_ADJECTIVES = ("extra", "additional", "further", "more", "working", "business", "school", "calendar", "consecutive")
_DURATION_UNITS = _TIME_WORDS | {"winters", "summers"} | frozenset(_DURATION_ADJECTIVES)  # "5 to 10 extra days"
_DURATION_NEXT = _DURATION_UNITS | RANGE_WORDS
_DOSE_UNIT_WORDS = frozenset(
    "mg mcg µg μg microgram micrograms milligram milligrams ng nanogram nanograms ml millilitre millilitres milliliter milliliters "
    "iu international unit units g gram grams gy mgy gray grays milligray milligrays mmol msv millisievert millisieverts l liter liters "
    "litre litres cc cfu colony ppm ppb parts kcal kilocalories calories".split()
)
_DOSE_NEXT = RANGE_WORDS | _DOSE_UNIT_WORDS
_SERVING_UNITS = frozenset(
    "cup cups glass glasses drink drinks serving servings portion portions cigarette cigarettes pint pints "
    "tablet tablets pill pills capsule capsules steps can cans bottle bottles shot shots slice slices bar bars "
    "sachet sachets teaspoon teaspoons tablespoon tablespoons spoonful spoonfuls eggs units mug mugs".split()
)


def _serving_next(at, text: str) -> bool:
    """`two cups`, `three large cups`: a serving unit right after the number, or one word later;
    `two or more cups`; or `two to three cups`: a range whose far number is followed so."""
    if at.next in _SERVING_UNITS or at.next2 in _SERVING_UNITS:
        return True
    if at.next == "or" and at.next2 in _OR_MORE:
        return True
    return at.next in RANGE_WORDS and _range_may_follow(at, text, _serving_next)


_OR_MORE = frozenset({"more", "fewer", "less"})  # "or more cups" (`SERVING_RE`)


# A number a share is given in: as `NUM`, or glued to "pc"/"pct" ("12pc", as UK papers write it).
_PCT_END = rf"(?:{END}|(?=pct?\b))"
PERCENT_RE = re.compile(
    rf"{QUAL}(?P<a>{START}{NUMBER}{_PCT_END})(?P<pct_a>{PCT})?(?:{RANGE_SEP}(?P<b>{FAR_START}{NUMBER}{_PCT_END}))?{PCT}"
    r"(?!\s*(?:CI\b|CrI\b|UI\b|(?i:confidence|credible|uncertainty)))"
)


# "XX%": a share whose number was lost. Opens with the literal X (re skips to each X in C); the
# lookbehind asks for no word character before it, as a leading `\b` would.
PLACEHOLDER_PERCENT_RE = re.compile(r"X(?<!\wX)(?:X{0,2}|NUMX)\s?(?:%|(?i:per\s?cent|percent)\b)")


_RANGE_VERBS = re.compile(r"(?i:\b(?:range|ranges|ranged|ranging|varied|varies|vary|varying|anywhere)\s*$)")


def _is_change(m: re.Match, text: str) -> bool:
    """Is the range `m` read ("from 31% to 24%", "from 4 mg to 8 mg") a change between two
    values ("fell from 31% to 24%", "raised the dose from 4 mg to 8 mg") rather than a range?
    A range is said to range or vary ("ranged from 40% to 15%" is one written the wrong way
    round, which `implausible_value` flags), or to be "anywhere from" one to the other."""
    if (m["between"] or "").lower() == "from":
        return not _RANGE_VERBS.search(text, max(0, m.start() - 25), m.start())
    before = _FROM_BEFORE.search(text, max(0, m.start() - 6), m.start()) if m["qual"] else None
    if before:  # "fell from roughly 12% to 9%": the qualifier took the place "from" is read in
        return not _RANGE_VERBS.search(text, max(0, before.start() - 25), before.start())
    # "fell from 38% to 27% ..., compared with 37% to 35%": a change in parallel with one just
    # told, its "from" left out (downwards: no range is written high to low)
    if m["between"] or not m["b"] or _num(m["a"]) is None or _num(m["b"]) is None or _num(m["a"]) <= _num(m["b"]):
        return False
    window = text[max(0, m.start() - 200):m.start()]
    return _PARALLEL_CHANGE.search(window[window.rfind(". ") + 1:]) is not None


_FROM_BEFORE = re.compile(r"\b(?i:from)\s+$")
_PARALLEL_CHANGE = re.compile(r"(?i:\bfrom)\s+\d[\d.,]*\s*(?:%|per\s*cent|percent)\s+(?i:to)\s+\d")


HALF_POINT_RE = re.compile(r"\b(?i:half)\s+(?i:a)\s+(?i:percentage[-\s]points?)\b")


# "+21.4%", "-4.7%", "−3.1%": a change written with its sign, as tables and data stories do. The
# sign stands alone (after a space, a bracket, a table's bar or the start), so that "5-10%" (a
# range) and "COVID-19%" are no such thing; no number starts after a sign (`patterns._GLUED`),
# so the unsigned rules never see these.
# (the sign first, then the look back at what stands before it: `re` scans for the sign's
# characters fast, where a pattern opening with a look-behind is tried at every offset)
SIGNED_PERCENT_RE = re.compile(
    r"[+\-\u2212](?<![^\s(\[|][+\-\u2212])(?P<n>\d+(?:\.\d+)?)[ \t]?(?:%|(?P<points>(?i:percentage[-\s]points?))\b|(?i:per\s?cent)\b)"
)


_CLOSES_A_SPAN = re.compile(r"\d[\u2013\-]$")


def find_percentages(text: str) -> Iterator[ClaimMatch]:
    signs = ("%" in text or "cent" in text or "point" in text) and (
        "+" in text or "\u2212" in text or " -" in text or "(-" in text or "|-" in text)
    for m in SIGNED_PERCENT_RE.finditer(text) if signs else ():
        value = _num(m["n"])
        if value is not None:
            yield ClaimMatch("percentage", m.start(), m.end(), value if m.group()[0] == "+" else -value,
                             unit="percentage points" if m["points"] else "percent")
    for m in matches_at(HALF_POINT_RE, text, (start for start, _ in find_all(_lower(text), ("half a percentage",)))):
        yield ClaimMatch("percentage", m.start(), m.end(), 0.5, unit="percentage points")
    placeholders = PLACEHOLDER_PERCENT_RE.finditer(text) if "X" in text else ()
    for m in placeholders:
        yield ClaimMatch("percentage", m.start(), m.end(), None, unit="percent")
    for m in _scan(PERCENT_RE, text, wants=_PERCENT_NEXT, ranges_only=True, range_ends=_PERCENT_UNITS):
        value = _range_or_value(m["a"], m["b"])
        if value is None:
            continue
        if isinstance(value, list) and not m["pct_a"] and (
                _after_age_range(text, m.start()) or _is_year(m["a"]) or _CLOSES_A_SPAN.search(text, max(0, m.start() - 2), m.start())):
            # "from 3.2% among those aged 18 to 24 to 34.1%": the 24 closes an age range; "from 30%
            # in 2013 to 38% in 2023": the year closes the first value; "pupils in Years 1–2 to
            # 38.7%": the 2 closes a span of its own
            yield ClaimMatch("percentage", m.start("b"), m.end(), _num(m["b"]), unit="percent")
            continue
        if isinstance(value, list) and _is_change(m, text):
            for part in ("a", "b"):
                end = m.end(part)
                unit = _PCT.match(text, end)
                yield ClaimMatch("percentage", m.start(part), unit.end() if unit else end, _num(m[part]), unit="percent")
            continue
        unit = "percentage points" if "point" in m.group(0).lower() else "percent"
        yield ClaimMatch("percentage", m.start(), m.end(), value, unit=unit, qualifier=_qualifier(m))


# What a child's age names after it ("the 2-month vaccines", "the 6-week check-up"): an age, no length
_VISIT_WORDS = r"vaccines?|visits?|check-?ups?|shots|jabs|appointments?|milestones?"
DURATION_RE = re.compile(
    # ("a six- to eight-week programme": the first number's hyphen left hanging)
    rf"{QUAL}(?P<a>{NUM})(?:[\-\u2010](?=[^\S\n]+(?:to|or)\s))?(?:{RANGE_SEP}(?P<b>{FAR_NUM}))?(?:\s*[\-\u2010](?!\s)|\s+)"
    rf"(?:(?i:{alternation(_DURATION_ADJECTIVES)})\s+)?(?P<unit>{TIME_UNITS}|(?i:winters|summers))\b"
    r"(?P<later>\s+(?i:later|after|earlier|on))?"
)
_NOT_DURATION_AFTER = re.compile(
    r"^(?:[\s\-\u2010]+(?i:olds?)\b|\s+(?i:of\s+age)\b|\s+(?i:ago)\b|\s+(?i:or|and)\s+(?i:older|over|above|younger|under)\b"
    r"|\s+(?i:of\s+(?:pregnancy|gestation)|pregnant|gestation(?:al)?)\b"  # gestational age
    rf"|[\s\-\u2010]+(?i:{_VISIT_WORDS})\b"  # "2-month vaccines"
    r"|[\s\-\u2010]+(?i:drive|ride|walk\s+from|journey|commute|flight|bus\s+ride)\b"  # travel, not a study
    r"|[\s\-\u2010]+(?i:walk(?:ing)?\s+(?:test|distance))\b"  # the six-minute walk test is a test
    r"|\s+(?i:between\s+doses|apart)\b"  # "four hours between doses": a dosing interval
    r"|[\s\-\u2010]+(?i:read|listen|watch)\b"  # "a 7-minute read": a page's furniture
    r"|[\s\-\u2010]+(?i:contracts?|deal)\b)"  # "zero-hours contracts", "a seven-year deal": employment, business
)
# "the 24-hour mean", "a 24-hour helpline", "24-hour cough frequency", "in any 24-hour period": a
# measure's averaging window or a service open round the clock, no length of anything studied
_ROUND_THE_CLOCK_AFTER = re.compile(
    r"[\-\u2010](?i:hours?)\s+(?:[a-z]+\s+)?(?i:mean|means|average|averages|guidelines?|limits?|lines?|helplines?|hotlines?|"
    r"services?|cover|care|monitors?|monitoring|recordings?|ambulatory|urine|cough|blood|systolic|diastolic|period|clock|"
    r"news|access|support|staffing|opening|pharmac(?:y|ies)|basis|concentrations?|exposures?|totals?|intake|recall)\b"
)
# "the 2-week, 2-month and 4-month checkups": the earlier items of a list of such ages
_LISTED_VISIT_AFTER = re.compile(
    rf"(?:\s*,?\s*(?:(?i:and|or)\s+)?(?:\d+|[a-z]+)[\s\-\u2010]+{TIME_UNITS})+[\s\-\u2010]+(?i:{_VISIT_WORDS}|checks)\b"
)
# "younger than 8 months", "people older of 60 years": ages.
# (with the ages listed before the last: "children aged 2 and 3 years", "aged 2, 3 or 4 years")
# (and the far end of an age band whose near end has a smaller unit: "children aged 3 months to 12
# years"; an average age: "the mean age of participants was 78 years")
_AGE_BEFORE = re.compile(
    r"(?i:\b(?:younger|older|aged?|ages)(?:\s+(?:than|of|between|from))?(?:\s+\d{1,3}(?:\s*,\s*\d{1,3})*\s*,?\s+(?:and|or))?"
    r"(?:\s+[\w.]+\s+(?:days?|weeks?|months?)(?:\s+(?:to|and|up\s+to)|\s*[-\u2013]))?\s*$"
    r"|\b(?:mean|median|average|typical)\s+age\b(?:\s+(?:of|among|for|at)\s[^,.;:\d]{0,50}?)?\s+(?:was|is|were)(?:\s+of)?\s+"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|just\s+(?:over|under)\s+)?$"
    # an age band's average in brackets: "aged 40 to 85 (average 64 years)"
    r"|\baged?\s+\d{1,3}\s*(?:to|-|–)\s*\d{1,3}\s*\(\s*(?:average|mean|median)(?:\s+age)?\s*(?:of\s+)?$)"
)
_AGE_WORDS = re.compile("younger|older|age")  # one of them is in every match (a cheap test first)
# Years that are no length of anything studied: a life expectancy ("life expectancy there is 71.2
# years"), and the span a record is told over ("its highest in 15 years", "the largest outbreak
# in 20 years").
_NOT_A_LENGTH_BEFORE = re.compile(
    r"(?i:\blife\s+expectancy\b(?:[^.]|\.(?=\d)){0,120}$"
    r"|\b(?:highest|lowest|biggest|largest|worst|first\s+time)\b[^.;]{0,40}\sin\s+$)"
)
# A career's years: "she taught piano for 31 years", "practised for 22 years", "after 26
# years at Elm Grove", "in my 31 years as a GP" (a person's story, no length studied).
_CAREER_SPAN_BEFORE = re.compile(
    r"(?i:\b(?:taught|coached|practi[sc]ed|served|volunteered)\b[^.;]{0,60}\sfor\s+$)"
    r"|(?i:\b(?:after|in\s+(?:my|her|his|their|our)(?:\s+(?:first|last))?)\s+$)(?P<needs_post>)"
)
_POST_AFTER = re.compile(r"\s+(?:at\s+[A-Z]|as\s+(?:a|an|the)\s)")
_NOT_A_LENGTH_WORDS = re.compile("expectancy|highest|lowest|biggest|largest|worst|first time")  # one is in every match


_EXPECTANCY = re.compile(r"life expectancy|expect(?:ed|s)? to (?:live|reach|die)|healthy life")


def _years_of_no_length(text: str, lowered: str, start: int, end: int) -> bool:
    """Are the years at `text[start:end]` a life expectancy, the span a record is told over, or
    a career's?"""
    w_start = max(0, start - 140)
    window = text[w_start:start]
    if _may_hold(_NOT_A_LENGTH_WORDS, lowered, window, w_start, start) and _NOT_A_LENGTH_BEFORE.search(window):
        return True
    if window.endswith(("gap of ", "gap is ", "gap was ", "difference of ")) and _EXPECTANCY.search(
            lowered, max(0, start - 400), start):
        return True  # "can expect to reach 83.9. That is a gap of 11.1 years": life expectancies' gap
    if lowered.startswith(" history", end) and text[end - 5:end].lower() == "-year" and window.endswith(
            ("its ", "'s ", "’s ", "their ", "our ")):
        return True  # "the highest number in its 38-year history": an institution's age (not "a 5-year history of smoking")
    career = _CAREER_SPAN_BEFORE.search(text, max(0, start - 80), start)
    return career is not None and (career["needs_post"] is None or _POST_AFTER.match(text, end) is not None)
# "Antonia, 78 years," : an age in apposition.
_AGE_APPOSITION = re.compile(r",\s*$")
_CAREER_WORDS = re.compile("ha")  # "has", "have" or "had" is in every match (a cheap test first)
_CAREER_BEFORE = re.compile(
    r"(?i:(?:\b(?:has|have|had)|['’]ve)\s+(?:been\s+)?(?:taught|teaching|worked|working|practi[sc]ed|practi[sc]ing|"
    r"(?:lived|living)(?!\s+with\b)|served|(?:run|running)(?!\s+(?:ahead|behind)\b)|coached|volunteered|known|owned|led|been\s+(?:a|an)\s)\b[^.;]*$)"
    # (but a group's average is a length measured: "had worked for an average of 11 years")
    r"(?<!average of )(?<!median of )(?<! mean of )"
)
# "pupils of 11 to 14 years", "adolescents of between 12 and 17 years", "children at 12 months",
# "people over 60 years": people, then their age (no "aged"). Read from the last words of the
# window before a length: a people noun, then perhaps "of"/"at", then perhaps "between"/"from".


def _people_then(window: str) -> str | None:
    """What ends `window` after a people noun: "" (the noun itself: "people" before "over 60
    years"), "link" ("of", "at", "between", "from" or two of them: "pupils of", "adolescents
    of between"), or None (no people noun there)."""
    words = window[-40:].lower().split()[-3:]
    link = ""
    if len(words) >= 2 and words[-1] in _TO_BE and words[-2] in _YOUNG_PEOPLE:
        return ""  # "if your baby is under 3 months"
    if words and words[-1] in ("between", "from"):
        link = words.pop()
    if words and words[-1] in ("of", "at"):
        link = words.pop()
    if not (words and words[-1] in people_last_words()):
        return None
    return "link" if link else ""


def _old_enough(value) -> bool:
    """`people over 60 years` is an age; `children over two years` a follow-up: an age given
    so, with no "aged" or "old", is one of adults (40 or more)."""
    low = value[0] if isinstance(value, list) else value
    return isinstance(low, (int, float)) and low >= 40


# "babies under 6 months", "adults under 40 years", "infants over 8 weeks": people, then a bound on
# their age (in months or weeks only for the young: "participants over 12 months" is a follow-up;
# "over" a number of years only from 40: "children over two years" is one too)
_AGE_BOUNDS_ANY = frozenset({"under", "below", "younger"})
_AGE_BOUNDS_YOUNG = frozenset({"over", "above", "older"})
_YOUNG_PEOPLE = frozenset({"babies", "baby", "infants", "infant", "newborns", "toddlers", "children", "child", "kids"})
_TO_BE = frozenset({"is", "are", "was", "were"})


def _young_before(text: str, start: int) -> bool:
    """Young people right before `start`, perhaps with "is"/"are" between ("babies under",
    "your baby is under")."""
    words = _preceding_words(text, start)
    if len(words) == 2 and words[-1] in _TO_BE:
        return words[0] in _YOUNG_PEOPLE
    return bool(words) and words[-1] in _YOUNG_PEOPLE


_RANGE_OPENS = re.compile(r"(?i:between|from)\s")  # "1,146 pupils between 6 and 12 years": their ages
_AGE_GOES_ON = re.compile(r"\s*(?:,\s*)?(?:(?i:and|or)\s+)?(?:(?i:at)\s+)?$")  # "at 12 months and at 3 years and 4 months"
_BOILERPLATE = re.compile(r"(?i:\b(?:replay|webcast|subscription|subscribe|cookies?|warranty|refund)\b)")
# One of these stems is in every `_BOILERPLATE` match (lower-cased): looked for only in the
# window searched, in one search (six finds over the whole text cost ~10 us an article).
_BOILERPLATE_STEMS = re.compile("replay|webcast|subscri|cookie|warranty|refund")
_BOILERPLATE_BEFORE, _BOILERPLATE_AFTER = 120, 60  # the window around a length of time


def _in_boilerplate(text: str, lowered: str, start: int, end: int) -> bool:
    """Is the length of time at `text[start:end]` in boilerplate ("replay", "subscribe",
    "cookies" within the window around it: a webcast's length, a subscription's term)?
    `lowered`: `_lower(text)`."""
    w_start, w_end = max(0, start - _BOILERPLATE_BEFORE), end + _BOILERPLATE_AFTER
    window = text[w_start:w_end]
    return _may_hold(_BOILERPLATE_STEMS, lowered, window, w_start, w_end) and _BOILERPLATE.search(window) is not None


_NOT_DURATION_BEFORE = {"aged", "age", "ages", "every", "per", "each", "ago", "any"}
# Each word of `_NOT_DURATION_BEFORE` holds one of these (looked for in the lower-cased text
# before the words themselves are read).
_NOT_DURATION_BEFORE_PARTS = re.compile("age|every|per|each|ago|any")
# "doubling every three to four days": a doubling time, a length (not how often)
_DOUBLING_EVERY_BEFORE = re.compile(r"(?i:\b(?:doubl|halv)(?:ing|ed|es|e)\s+every\s+)$")
# "up to four times in 24 hours": the window of a dosing frequency.
# A stage of pregnancy, not a length of time: weeks from 20 to 44 in a sentence about birth or
# pregnancy, unless a length is meant ("followed for 24 weeks", "within 28 weeks").
_GESTATION_WORDS = re.compile(r"(?i:\b(?:born|births?|pregnan\w*|gestation\w*|preterm|premature\w*|prematurity|deliver(?:y|ed))\b)")
_LENGTH_BEFORE = re.compile(r"(?i:\b(?:for|over|during|within|lasting|lasted|last|after|every|each|up\s+to|another|extra|further)\s+$)")


_LOST_AFTER = re.compile(r"\s+(?i:lost)\b")


def _gestational_age(text: str, m: re.Match) -> bool:
    values = [v for v in (_num(m["a"]), _num(m["b"])) if v is not None]
    if not values or not all(20 <= v <= 44 for v in values):
        return False
    start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    end = text.find(". ", m.end())
    end = len(text) if end < 0 else end
    newline = text.find("\n", m.end(), end)
    end = end if newline < 0 else newline
    if not _GESTATION_WORDS.search(text, start, end):
        return False
    return not _LENGTH_BEFORE.search(text, max(start, m.start() - 14), m.start())


# "5 days a week", "3 months a year": how often, not how long; but "45 minutes a day", "12 to 16
# hours a day" are the time spent (as writers annotate them), not "24 hours a day" (always open)
# ("19 days a year earlier", "a month before" are when, not how often)
_PER_PERIOD_AFTER_UNIT = re.compile(
    rf"\s+(?i:a|per|each)\s+(?i:day|week|month|year)\b{NOT_WHEN_AFTER}"
)
_TIME_SPENT_UNITS = frozenset({"minutes", "hours"})
_FREQUENCY_BEFORE = re.compile(r"(?i:\b(?:times|doses|tablets|pills|capsules)\s+(?:in|a|per|every)\s+(?:any\s+)?)$")
_FREQUENCY_WORDS = re.compile("times|doses|tablets|pills|capsules")  # one is in every match


def _may_hold(words: re.Pattern, lowered: str, window: str, start: int, end: int) -> bool:
    """Cheap guard before a case-insensitive search in `window` (`text[start:end]`): does
    `words` (lower-case literals) match in the lower-cased text there, or does the window hold
    a letter that `re` folds apart from `str.lower` (`patterns._may_hold_in`, in one search)?"""
    if words.search(lowered, start, end) is not None:
        return True
    return not window.isascii() and any(c in window for c in _OTHER_FOLDS)


_OF_EVERY = re.compile(r"\s+of\s+(?:every|each)\b")
# A range of years that opens a line (after a bullet) and ends in a colon labels a row of a list.
_LIST_LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•–][ \t]*)?$")
_LABEL_AFTER = re.compile(r"[ \t]*:")
# "she'll know one day": the idiom, not a length of time.
_TO_THE_NEXT = re.compile(r"\s+(?i:to\s+the\s+next)\b")
_ONE_DAY_IDIOM = re.compile(
    r"(?i:\b(?:know|see|hope|want|wish|dream|become|be|get|find|imagine|realise|realize|understand)\s+)$"
)


# "for a week", "after a year", "within a year": a single unit after a preposition.
SINGLE_UNIT_RE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|the\s+first|(?<=within\s)the(?=\s+hour\b))\s+(?:(?:full|whole|single)\s+)?(?P<unit>hour|day|week|month|year)\b"
    r"(?P<later>\s+later)?(?!\s+(?:old|of\s+age|ago)\b)"
)
_SINGLE_UNIT_PREP = re.compile(
    r"\b(?i:for|after|within|over|in\s+less\s+than|in\s+under|nearly|almost|about|more\s+than|less\s+than|"
    r"longer\s+than|shorter\s+than|lasted|lasting|lasts|last|at\s+the\s+end\s+of|by\s+the\s+end\s+of|during|throughout)\s+$"
)


# "at week 12", "as early as week 4", "by day 28": time points of a study.
# Anchored on the unit word (cheap to scan for); the preposition is checked looking back.
TIME_POINT_RE = re.compile(
    r"(?<![\w-])(?P<unit>[Ww]eek|[Mm]onth|[Dd]ay|[Yy]ear)s?\s+(?P<a>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\b(?![.,]\d)(?:[^\S\n]+(?:and|to|-|–)\s+(?P<b>\d{1,3})\b(?![.,]\d))?"
)
_SCHOOL_YEAR_AFTER = re.compile(r"[^\S\n]+\d{1,2}\b")  # after "Year": "Year 6"
_SCHOOL_YEAR = re.compile(r"\bYears?[^\S\n]+(?:[1-9]|1[0-3])\b(?![.,]\d)(?:[^\S\n]*(?:to|and|or|-|–)[^\S\n]*(?:[1-9]|1[0-3])\b)?")
_TIME_POINT_PREP = re.compile(
    r"\b(?i:at|by|from|until|through|to|after|before|since|as\s+early\s+as|as\s+late\s+as|in|between|over|during)\s+$"
)


# A surveillance report numbers the weeks of the year: "in week 47", "from week 46" there are
# calendar weeks, not a study's time points ("at week 16", "by week 4").
_CALENDAR_WEEKS = re.compile(
    r"(?i:\bsurveillance\b|\bweekly\s+(?:report|summary|bulletin|update|figures|data)|\breporting\s+week|"
    r"\bepi(?:demiological)?\s+week|\biso\s+week|\bweek\s+ending\b|\bweek\s+\d{1,2}\s*\((?:ending|to|from)\b)"
)
_CALENDAR_PREPS = frozenset({"in", "to", "from", "since", "between", "during", "over"})
_TITLE_WORD_AFTER = re.compile(r" [A-Z][a-z]")


# "four and a half hours", "a year and a half", "the following year and a half".
HALF_DURATION_RE = re.compile(
    rf"(?:(?P<a>{NUM})\s+and\s+a\s+half\s+(?P<unit>{TIME_UNITS})\b"
    rf"|(?:(?P<b>{NUM})|\b(?i:an?|one|the(?:\s+(?:following|next|past|last|first))?))\s+"
    r"(?P<unit2>(?i:hour|day|week|month|year|decade)s?)\s+and\s+a\s+half\b)"
)


# Both patterns above hold a unit word: they are tried only there.
_UNIT_WORDS = ("hour", "day", "week", "month", "year")  # ("over a decade": too vague a length to be a claim)


_SINGLE_UNIT_BEFORE = frozenset({"a", "an", "one", "first", "full", "whole", "single", "the"})  # ("within the hour")


def _single_unit_word_before(text: str, start: int) -> bool:
    """`a week`, `one full year`, `the first month`: the word before the unit opens one."""
    if not text[start - 1:start].isspace():  # (a cheap test first: most units follow no space-led word)
        return False
    words = text[max(0, start - 12):start].split()
    return bool(words) and words[-1].lower() in _SINGLE_UNIT_BEFORE


# "After XNUMX months": a duration whose number was lost (machine-translation placeholder).
PLACEHOLDER_DURATION_RE = re.compile(rf"\b(?:XNUMX|XX)[\s\-]+(?P<unit>{TIME_UNITS})\b")


# "for 28 nights", "over three consecutive nights", "for up to 14 nights": a length in nights,
# with its preposition ("on 23 nights last year" counts nights, not a length)
NIGHTS_RE = re.compile(
    r"\b(?i:for|over|after|within|across|during)\s+(?:(?i:up\s+to|at\s+least|about|around|nearly|almost)\s+)?"
    rf"(?P<a>{NUM})(?:\s+(?i:consecutive|straight))?\s+(?i:nights)\b"
)


# "9 hours 14 minutes", "36 minutes and 24 seconds", "3 years and 4 months": one length, in the
# larger unit, as it is said first (8 minutes 12 seconds = 8.2 minutes); the smaller unit's parts
# in the larger, and the gap between the two parts
_COMPOUND_UNITS = {("hours", "minutes"): 60, ("minutes", "seconds"): 60, ("years", "months"): 12,
                   ("weeks", "days"): 7, ("days", "hours"): 24}
_COMPOUND_GAP = re.compile(r"\s+(?:and\s+)?")


# A programme's running time, written short: "Runtime 58 min", "Podcast · 58 min ·", "episode 112
# on yuppie flu (42 min)": no length studied
_RUNTIME_BEFORE = re.compile(r"(?i:\b(?:runtime|running\s+time|run\s+time|length)\s*:?\s*|·\s*|\(\s*)$")
_EPISODE_LINE = re.compile(r"(?i:\b(?:episodes?|ep\.?|podcast|runtime|listen)\b|·)")


def _running_time(text: str, m: ClaimMatch) -> bool:
    if not text.endswith(("min", "mins"), m.start, m.end):
        return False
    before = _RUNTIME_BEFORE.search(text, max(0, m.start - 16), m.start)
    if before is None:
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    return not before.group().startswith("(") or _EPISODE_LINE.search(text, line_start, m.start) is not None


# "could one day prevent", "from one day to the next", "from day one": a day that is no length
_IDIOM_DAY_BEFORE = re.compile(r"(?i:\b(?:might|may|could|will|would|can|should|must|shall|from)\s+$)")
_IDIOM_DAY_AFTER = re.compile(r"\s+(?:to|for)\s+(?:the\s+next|another)\b")


def _idiom_day(text: str, m: ClaimMatch) -> bool:
    """Is `m` "day one" (the start: "from day one") or a "one day" that is some day ("might one day
    help", "from one day to the next")?"""
    if text.endswith("day one", m.start, m.end):
        return text[m.end:m.end + 1] != "-"  # (not "day one-to-three")
    if not text.startswith("one day", m.start) or m.end != m.start + 7:
        return False
    return (_IDIOM_DAY_BEFORE.search(text, max(0, m.start - 8), m.start) is not None
            or _IDIOM_DAY_AFTER.match(text, m.end) is not None)


def find_durations(text: str) -> Iterator[ClaimMatch]:
    """Lengths of time (`_find_durations`), two parts of one length joined ("9 hours 14 minutes")."""
    found = sorted(_find_durations(text), key=lambda m: m.start)
    if " min" in text:
        found = [m for m in found if not _running_time(text, m)]
    if "one day" in text or "day one" in text:
        found = [m for m in found if not _idiom_day(text, m)]
    i = 0
    while i < len(found):
        m = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        per = _COMPOUND_UNITS.get((m.unit, nxt.unit)) if nxt is not None else None
        if (per and isinstance(m.value, (int, float)) and isinstance(nxt.value, (int, float)) and nxt.value < per
                and m.qualifier is None and _COMPOUND_GAP.fullmatch(text, m.end, nxt.start)):
            yield ClaimMatch("duration", m.start, nxt.end, tidy(round(m.value + nxt.value / per, 3)), unit=m.unit)
            i += 2
            continue
        yield m
        spread = _SPREAD_AFTER.match(text, m.end) if "(" in text[m.end:m.end + 70] else None
        if spread:  # "41 months (range 26 to 58)": the spread of the same length, in its unit
            low, high = _num(spread["lo"]), _num(spread["hi"])
            if low is not None and high is not None and low <= high:
                yield ClaimMatch("duration", spread.start("word"), spread.end("hi"), [low, high], unit=m.unit)
        i += 1


# The range or interquartile range given in brackets after a length of time (a few words of the
# same clause may stand between: "34 days in hospital after infusion (range 26 to 58)"), its unit
# implied.
_SPREAD_AFTER = re.compile(
    rf"[^.;:()\d\n]{{0,60}}?\s\((?P<word>(?i:range|IQR|interquartile\s+range))[,:]?\s*(?P<lo>{DIGIT_NUMBER})\s*(?:to|-|–|—)\s*(?P<hi>{DIGIT_NUMBER})\s*\)"
)


def _find_durations(text: str) -> Iterator[ClaimMatch]:
    for m in search_near(NIGHTS_RE, text, find_all(_lower(text), (" nights",)), before=40, after=7) if "nights" in text else ():
        yield ClaimMatch("duration", m.start(), m.end(), _num(m["a"]), unit="nights")
    for m in PLACEHOLDER_DURATION_RE.finditer(text) if "X" in text and ("XNUMX" in text or "XX" in text) else ():  # ("X": a fast memchr)
        yield ClaimMatch("duration", m.start(), m.end(), None, unit=time_unit_name(m["unit"]))
    units = find_all(_lower(text), _UNIT_WORDS)
    calendar = None  # whether "week 47" is a week of the year (read once, when a time point asks)
    for m in matches_at(TIME_POINT_RE, text, (start for start, _ in units)):
        prep = _TIME_POINT_PREP.search(text, max(0, m.start() - 16), m.start())
        if m["unit"] == "Year" and m["a"].isdigit() and int(m["a"]) <= 13:
            continue  # "girls in Year 6", "from Reception to Year 6": a school year
        if prep and m["unit"] in ("week", "Week") and prep.group().split()[-1].lower() in _CALENDAR_PREPS:
            if calendar is None:
                calendar = _CALENDAR_WEEKS.search(text) is not None
            if calendar:
                continue  # "rose to 14.2% in week 47, from 10.9% in week 46": weeks of the year
        if prep:
            yield ClaimMatch("duration", prep.start(), m.end(), _range_or_value(m["a"], m["b"]), unit=m["unit"].lower() + "s")
    singles = [(start, end) for start, end in units if _single_unit_word_before(text, start)]
    for m in search_near(SINGLE_UNIT_RE, text, singles, before=30, after=20):
        prep = _SINGLE_UNIT_PREP.search(text, max(0, m.start() - 18), m.start())
        if _OF_EVERY.match(text, m.end()):
            continue  # "for the first week of every month": a schedule
        if prep or m["later"]:  # "for a week", "within a year"; "a week later" needs none
            end = m.end("later") if m["later"] else m.end("unit")
            yield ClaimMatch("duration", prep.start() if prep else m.start(), end, 1, unit=m["unit"].lower() + "s")
    for m in search_near(HALF_DURATION_RE, text, find_all(text, (" and a half",)), before=40, after=20):
        whole = _num(m["a"] or m["b"]) if (m["a"] or m["b"]) else 1
        unit = (m["unit"] or m["unit2"]).lower()
        if whole is not None:
            yield ClaimMatch("duration", m.start(), m.end(), whole + 0.5, unit=unit if unit.endswith("s") else unit + "s")
    last_age_end = -100
    lowered = _lower(text)
    for m in _scan(DURATION_RE, text, wants=_DURATION_NEXT, ranges_only=True, range_ends=_DURATION_UNITS):
        if _NOT_DURATION_AFTER.match(text[m.end("unit"):m.end("unit") + 30]):
            continue
        if text.startswith("Year", m.start("unit")) and _SCHOOL_YEAR_AFTER.match(text, m.end("unit")):
            continue  # "one in three Year 6 pupils": a school year
        if text[m.end("unit"):m.end("unit") + 1] in (",", " ") and _LISTED_VISIT_AFTER.match(text, m.end("unit"), m.end("unit") + 80):
            continue
        if _PER_PERIOD_AFTER_UNIT.match(text, m.end("unit")):
            spent = time_unit_name(m["unit"])
            if spent not in _TIME_SPENT_UNITS or (spent == "hours" and _num(m["b"] or m["a"]) == 24):
                continue
        if m["unit"].lower() == "second":
            continue  # "forced expiratory volume in one second (FEV1)": a measure's name
        if not m["b"] and m["a"].lower() in ("24", "twenty-four") and _ROUND_THE_CLOCK_AFTER.match(text, m.start("unit") - 1):
            continue  # "the 24-hour mean", "a 24-hour helpline": a window or a service, no length
        if m["unit"] == "Year" and _TITLE_WORD_AFTER.match(text, m.end("unit")):
            continue  # "the NHS 10 Year Plan": a name
        if _NOT_DURATION_BEFORE_PARTS.search(lowered, max(0, m.start() - 40), m.start()) and (
                set(_preceding_words(text, m.start())) & _NOT_DURATION_BEFORE) and not (
                _DOUBLING_EVERY_BEFORE.search(text, max(0, m.start() - 30), m.start())):
            continue
        w_start = max(0, m.start() - 60)
        window = text[w_start:m.start()]
        if _may_hold(_FREQUENCY_WORDS, lowered, window, w_start, m.start()) and _FREQUENCY_BEFORE.search(window):
            continue
        if m["b"] and _LIST_LABEL_BEFORE.search(window) and _LABEL_AFTER.match(text, m.end()):
            continue  # "- 5 to 14 years: 34 cases": the band that labels a row (ages), not a length
        if m["a"].lower() == "one" and not (m["b"] or m["qual"] or m["later"]) and (
                _ONE_DAY_IDIOM.search(window) or _TO_THE_NEXT.match(text, m.end())):
            continue  # "one day we will know", "from one day to the next"
        people_then = _people_then(window) if window[-1:].isspace() else None
        in_years = m["unit"][:1] in "yY"
        bound = m["qual"].split()[0].lower() if m["qual"] else ""
        if people_then or (people_then == "" and (
                (in_years and m["b"] and _RANGE_OPENS.match(text, m.start()))
                or (in_years and m["qual"] and _old_enough(_range_or_value(m["a"], m["b"])))
                or (bound in _AGE_BOUNDS_ANY and (in_years or _young_before(text, m.start())))
                or (bound in _AGE_BOUNDS_YOUNG and not in_years and _young_before(text, m.start())))) or (
                m.start() - last_age_end < 12 and _AGE_GOES_ON.fullmatch(text, last_age_end, m.start())):
            last_age_end = m.end()
            continue  # "pupils of 11 to 14 years", "children at 12 months (and at 3 years)", "people over 60 years": ages
        if in_years and _years_of_no_length(text, lowered, m.start(), m.end("unit")):
            continue
        if (_may_hold(_AGE_WORDS, lowered, window, w_start, m.start()) and _AGE_BEFORE.search(window)) or (
                m["unit"][:1] in "yYdDmM" and m["unit"][:2].lower() not in ("da", "mi")  # a career runs in years or months
                and _may_hold(_CAREER_WORDS, lowered, window, w_start, m.start()) and _CAREER_BEFORE.search(window)):
            continue  # (not "had worked 131 hours in the 10 days before the crash": time at work)
        after_unit = text[m.end("unit"):m.end("unit") + 2]
        if (not after_unit or after_unit[0] in ",.)") and _AGE_APPOSITION.search(window):
            continue
        if _in_boilerplate(text, lowered, m.start(), m.end()):
            continue
        if in_years and _is_year(m["a"]):
            continue  # "the 2024-25 school year", "the 2023 financial year": a year named, no length
        if m["unit"][:1] in "wW" and _gestational_age(text, m):
            continue  # "babies born at 23 or 24 weeks", "under 28 weeks of pregnancy": how far along, no length
        unit = time_unit_name(m["unit"])
        end = m.end("later") if m["later"] and m["later"].strip().lower() == "later" else m.end("unit")
        if m["b"] and _is_year(m["a"]) and not _is_year(m["b"]):
            # "from 78 minutes in 2015 to 96 minutes in 2024": the year closes the first value
            yield ClaimMatch("duration", m.start("b"), end, _num(m["b"]), unit=unit)
            continue
        value = _range_or_value(m["a"], m["b"])
        if value is None:
            continue
        lost = _LOST_AFTER.match(text, m.end("unit")) if unit == "days" else None
        if lost and not m["qual"] and not _LENGTH_BEFORE.search(window):
            # "9,840 working days lost": sickness absence counted, no length of anything
            yield ClaimMatch("count", m.start(), lost.end(), value, unit=unit)
            continue
        yield ClaimMatch("duration", m.start(), end, value, unit=unit, qualifier=_qualifier(m))


DOSE_UNITS = (
    # (a strength: "10 mg/ml concentrate", "120 mg/5 ml"; not a blood level, "190 mg/dL"; parts per
    # million of a toothpaste's fluoride: "1,450 ppm"; an exposure's concentration in air, water or
    # blood: "40 µg/m³" of nitrogen dioxide, "15 ppb" or "15 parts per billion" of lead in water,
    # "74ng/L", a blood lead of "5 µg/dL")
    r"(?:(?:µg|μg|mcg|ng|mg)/(?:m³|m3|L|l)|(?:µg|μg|mcg)/d[Ll]|ppb|(?i:parts\s+per\s+(?:billion|million))|(?i:units?|iu)/kg|mg/kg|mcg/kg|µg/kg|μg/kg|(?:ml|mL|micrograms?|nanograms?|ng|mmol)/kg|mmol\s+per\s+kg|mg/m2|mg/m²|mg/PCU|mg/\s?5\s?ml|mg/\s?5\s?mL|mg/ml|mg/mL|mcg/ml|mcg/mL|µg/ml|µg/mL|mg|milligrams?|mcg|µg|μg|micrograms?|ng|nanograms?|"
    r"ml|mL|millilit(?:er|re)s?|IU|(?i:international\s+units)|(?i:units?)|g|grams?|Gy|mGy|(?i:grays?|milligrays?)|mSv|"
    r"(?i:millisieverts?)|L|(?i:lit(?:er|re)s?)|cc|CFU|(?i:colony[-\s]forming\s+units)|ppm|"
    # food energy: "800 calories a day", "620 kilocalories", "32 kcal per meal"
    r"kcal|(?i:kilocalories|calories))"
)
# A blood or urine test named before a concentration per litre ("CRP", "serum B12 below",
# "urinary iodine", "haemoglobin"): a lab value.
_LAB_VALUE_BEFORE = re.compile(
    r"\b(?i:serum|plasma|blood|urine|urinary|crp|c-reactive|b12|ferritin|cholesterol|ldl|hdl|glucose|creatinine|troponin|vitamin|"
    r"ha?emoglobin)\b"
)
_POLLUTANT_BEFORE = re.compile(r"\b(?i:lead|mercury|arsenic|cadmium|nitrate|pfas)\b")  # a blood lead is an exposure
_PER_LITRE_AFTER = re.compile(r"\s+(?i:per|a)\s+(?i:lit(?:re|er)|decilit(?:re|er))\b")
_WEIGHED_BEFORE = re.compile(r"\b(?i:weigh|weighs|weighed|weighing|weight\s+of|birth\s*weight)\b[^.;\d]{0,12}$")
# A pack's size, not an amount taken: "440ml cans", "a 3-litre bottle", "10ml refill bottles"
# (but "one 250 ml bottle a day" is drunk: a serving)
_PACK_AFTER = re.compile(
    r"[\s\-\u2010]+(?:[a-z]+\s+)?(?i:bottles?|cans|can(?=\s+of\b)|cartons?|packs?|tins?|jars?|tubs?|bags?|cartridges?|pots?|tubes?)\b"
    r"(?![^.;\n]{0,25}\b(?i:a|per|each|every)\s+(?i:day|week)\b)"
)
# Litres are an amount taken only of a fluid drunk, infused or breathed, or at a rate ("two litres
# of bowel-prep solution", "3 to 4 litres of fluid a day", "2 litres per minute" of oxygen)
_LITRES = frozenset({"l", "litre", "litres", "liter", "liters"})
_LITRES_TAKEN_AFTER = re.compile(
    r"\s+(?:(?i:of)\s+(?:[\w-]+\s+){0,2}?(?i:fluids?|solution|water|oxygen|saline|drinks?|juice|milk|beer|wine|cider|"
    r"alcohol|prep|formula)\b(?!\s+(?i:per\s+person|a\s+person|for\s+each))|(?i:a|per|each)\s+(?i:day|minute|hour|week)\b)"
)
# A limit's reference volume: "80 milligrams of alcohol in 100 millilitres of blood"
_IN_OR_PER_BEFORE = re.compile(r"\b(?i:in|per)\s+$")
_REFERENCE_MEDIUM_AFTER = re.compile(r"\s+(?i:of)\s+(?i:blood|breath|urine|plasma|serum|water|air)\b")
DOSE_RE = re.compile(
    rf"{QUAL}(?P<a>{START}{NUMBER})(?:(?P<unit_a>\s*{DOSE_UNITS})?{RANGE_SEP}(?P<b>{FAR_START}{NUMBER}))?(?:\s*|[-\u2010])(?P<unit>{DOSE_UNITS})"
    r"(?:/(?:day|d|week|wk|dose|hour|hr|h)\b|/[^\S\n]?100[^\S\n]?(?:ml|mL|g)\b)?(?![\w/]|\.\w)"  # ("400mg/day", "10.6 g/100 ml", "10 units/kg/hour")
)
SERVING_RE = re.compile(
    rf"{QUAL}(?P<a>{NUM})(?:{RANGE_SEP}(?P<b>{FAR_NUM}))?(?:\s+(?i:or\s+more|or\s+fewer|or\s+less))?\s+(?:[A-Za-z]+\s+)?"
    r"(?P<unit>(?i:cups?|mugs?|glass(?:es)?|drinks?|servings?|portions?|cigarettes?|pints?|tablets?|pills?|capsules?|steps|cans?|bottles?|shots?|slices?|"
    r"bars?|sachets?|teaspoons?|tablespoons?|spoonfuls?|eggs|units\s+of\s+alcohol))"
    r"(?:\s+(?i:of)\s+[A-Za-z]+(?:\s+[A-Za-z]+)?)?\s+(?i:(?:a|per|each|every)\s+(?:day|week)|(?:once|twice)\s+(?:a\s+)?(?:day|daily)|daily)\b"
)
# "two doses of the MMR vaccine", "in four doses", "at least three doses", "two doses of
# naloxone", "three loading doses": a schedule, how many doses make the course of a vaccine or a
# medicine (a dose; thousands of doses given are a count). Not "a single dose" (`SINGLE_DOSE_RE`),
# nor "one of two doses" or "on the two doses" (two dose levels), nor "no more than four doses"
# or "up to four doses in 24 hours" (the most a day allows).
DOSES_RE = re.compile(
    rf"{QUAL}(?<!\bone\sof\s)(?<!\bfirst\sof\s)(?<!\bsecond\sof\s)(?<!\beither\sof\s)(?<!\beach\sof\s)(?<!\bboth\sof\s)(?<!\bany\sof\s)(?<!than\s)"
    r"(?P<n>\b(?i:two|three|four|five|six)|(?<![\d.,])[2-6])\s+(?:[A-Za-z-]+\s+)?(?i:doses)\b"
    r"(?!\s+(?i:in\s+(?:24|twenty-four)\s+hours|in\s+(?:a|one)\s+day|a\s+day|per\s+day)\b)"
)
# "a single dose of RSV vaccine", "one dose protects about 93%", "the three-dose course": a
# vaccine's schedule of one dose, or a schedule named by its number of doses (with a vaccine
# word near); not "one dose of paracetamol is 180 mg" (no vaccine).
SINGLE_DOSE_RE = re.compile(
    r"(?P<qual>(?i:at\s+least|only)\s+)?(?P<n>\b(?i:a\s+single|single|one))(?:\s+|[-\u2010])(?i:dose|shot|jab)\b(?!s|[-\u2010])"
    r"|(?P<k>\b(?i:one|two|three|four|five|[1-5]))[-\u2010](?i:dose)\s+(?:[\w-]+\s+){0,2}?(?i:schedule|course|regimen|series|programme|vaccines?|jabs?|shots?)\b"
)
_SINGLE_DOSE_ANCHORS = (" dose", "-dose", " shot", " jab")
# "60 Gy in 30 fractions", "five fractions over one week": radiotherapy's schedule, how many doses
# the total is given in (as "two doses of MMR" is a vaccine's), with a word of radiotherapy near.
FRACTIONS_RE = re.compile(rf"{QUAL}(?P<a>{NUM})(?:{RANGE_SEP}(?P<b>{FAR_NUM}))?\s+(?i:fractions)\b")
_RADIOTHERAPY_WORD = re.compile(
    r"(?i:radiotherap|radiation|\bGy\b|\bgrays?\b|\bSABR\b|\bSBRT\b|stereotactic|proton|brachytherap|irradiat)")
_VACCINE_WORD = re.compile(r"(?i:vaccin|\bjabs?\b|\bshots?\b|\bMMR\b|\bHPV\b|\bbooster|\bimmunis|\bimmuniz)")


def _vaccine_near(text: str, m: re.Match, after: int) -> bool:
    """A vaccine named up to 300 characters before a schedule ("Shingles vaccine ... is two
    doses") or `after` characters after it."""
    return _VACCINE_WORD.search(text, max(0, m.start() - 300), min(len(text), m.end() + after)) is not None
# "two puffs", "one or two sprays": an inhaler's or nasal spray's dose (not "each puff", no number)
PUFFS_RE = re.compile(rf"{QUAL}(?P<a>{NUM})(?:{RANGE_SEP}(?P<b>{FAR_NUM}))?\s+(?P<unit>(?i:puffs?|sprays?|inhalations?))\b"
                      r"(?!\s+(?i:bottles?|cans?|pumps?|devices?|heads?|nozzles?|rounds?|campaigns?|programmes?)\b)")
_PUFF_ANCHORS = (" puff", " spray", " inhalation")
# "10,000 steps": a day's walking, with no "a day" after it (searched back from " steps")
STEPS_RE = re.compile(rf"(?<![\w.,])(?P<a>{DIGIT_NUMBER})(?:\s+(?:(?i:daily)\s+)?steps\b|[-\u2010]step\b(?!\s+(?i:meters?|counters?|pedometers?)\b))")
# "three mugs of filter coffee", "Two cups seems fine", "four cups or more": an amount of a food
# or drink with no "a day" after it is a dose too, when the food or drink is named with it or
# near it (`_FOOD_OR_DRINK`): "two cups of flour" in a recipe is, "the two cups" of a final is not.
FOOD_SERVING_RE = re.compile(
    rf"{QUAL}(?P<a>{NUM})(?:{RANGE_SEP}(?P<b>{FAR_NUM}))?(?:\s+(?i:or\s+more|or\s+fewer|or\s+less))?\s+(?:[A-Za-z]+\s+)?"
    r"(?P<unit>(?i:cups?|mugs?|glass(?:es)?|servings?|portions?|pints?|cans|bottles?|slices?|"
    r"teaspoons?|tablespoons?|spoonfuls?|units\s+of\s+alcohol))\b"  # (not "can": "one can see")
    r"(?:\s+(?i:or\s+more|or\s+fewer|or\s+less)\b)?"
    r"(?P<of>\s+(?i:of)\s+[A-Za-z\-]+(?:\s+(?!(?i:in|at|on|a|an|the|per|each|every|with|and|or|to|for|before|after|during|was|were|is|are)\b)[A-Za-z\-]+)?)?"
)
_FOOD_OR_DRINK = re.compile(
    r"(?i:\b(?:{}))\b".format(alternation((
        "coffee", "coffees", "tea", "teas", "espresso", "espressos", "latte", "lattes", "caffeine", "alcohol", "wine",
        "beer", "beers", "lager", "cider", "spirits", "water", "milk", "juice", "soda", "cola", "fizzy", "smoothie",
        "smoothies", "sugar", "fruit", "vegetable", "vegetables", "veg", "bread", "nuts", "beans", "legumes", "lentils",
        "chocolate", "cereal", "rice", "pasta", "meat", "fish", "oil", "yogurt", "yoghurt", "cheese", "berries", "soup",
        "broth", "porridge", "oats", "peanut", "peanuts", "butter", "honey", "drink", "drinks", "drinking", "drank",
        "drinkers",
    )))
)  # (searched only in the window around an amount that `FOOD_SERVING_RE` found)
_FOOD_REACH = 200  # characters either side of an amount in which its food or drink may be named


# "2 × 10¹² vector genomes per kilogram", "1.5 x 10^9 cells": a dose in scientific notation.
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
SCIENTIFIC_DOSE_RE = re.compile(
    rf"(?P<a>{START}\d+(?:\.\d+)?)\s*[×x]\s*10(?:\^(?P<e>-?\d{{1,2}})|(?P<s>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{{1,2}}))\s*"
    r"(?P<unit>vg/kg|vector\s+genomes(?:\s+per\s+(?:kilogram|kg))?|(?:viable\s+)?cells(?:/kg|\s+per\s+(?:kilogram|kg))?"
    r"|CFU|colony[-\s]forming\s+units|copies|IU|units)\b"
)


def _times_ten(text: str) -> list[tuple[int, int]]:
    """`find_all(text, ("× 10", "x 10", "×10", "x10"))`, read from each "x" and "×" (a
    one-character `str.find` is a fast `memchr`; a find of "x10" is a slow scan)."""
    spans = []
    for at, end in find_all(text, ("x", "×")):
        if text.startswith(" 10", end):
            spans.append((at, end + 3))
        elif text.startswith("10", end):
            spans.append((at, end + 2))
    return spans


# "27 km a week", "more than 40 km a week", "3 miles a day": an amount of exercise (as every
# writer who annotated one has it)
_DISTANCE_UNIT = re.compile(r"(?<![\w])(?:km|kilomet(?:re|er)s|miles)(?![\w])")
DISTANCE_DOSE_RE = re.compile(
    rf"{QUAL}(?P<a>{NUM})(?:{RANGE_SEP}(?P<b>{FAR_NUM}))?\s?(?P<unit>km|kilomet(?:re|er)s|miles)\s+(?:(?i:a|per|each)\s+(?i:week|day|month)\b)"
)


def find_doses(text: str) -> Iterator[ClaimMatch]:
    for m in search_near(SCIENTIFIC_DOSE_RE, text, _times_ten(text), before=12, after=60):
        exponent = m["e"] or m["s"].translate(_SUPERSCRIPTS)
        value = float(m["a"]) * 10 ** int(exponent)
        yield ClaimMatch("dose", m.start(), m.end(), int(value) if value.is_integer() else value, unit=m["unit"])
    for m in _scan(DOSE_RE, text, wants=_DOSE_NEXT, ranges_only=True, range_ends=_DOSE_UNIT_WORDS):
        value = _range_or_value(m["a"], m["b"])
        if value is None:
            continue
        if (m["unit"][-2:] in ("/L", "/l") or _PER_LITRE_AFTER.match(text, m.end())) and _LAB_VALUE_BEFORE.search(
                text, max(0, m.start() - 60), m.start()) and not _POLLUTANT_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            continue  # "a CRP of 12 mg/L", "urinary iodine ... 71 micrograms per litre": a test's result, no exposure
        if _WEIGHED_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue  # "babies who weigh under 2,500 grams": a body weight
        if m["unit"].lower() in _LITRES and not _LITRES_TAKEN_AFTER.match(text, m.end()):
            continue  # "400 litres of diesel", "15 litres per person per day", "a 150-litre bath": no amount taken
        if m["b"] and _is_year(m["a"]) and not _is_year(m["b"]):
            # "from 47 µg/m³ in 2022 to 39 µg/m³ in 2024": the year closes the first value
            yield ClaimMatch("dose", m.start("b"), m.end(), _num(m["b"]), unit=m["unit"])
            continue
        if _PACK_AFTER.match(text, m.end()) or (_IN_OR_PER_BEFORE.search(text, max(0, m.start() - 5), m.start())
                                               and _REFERENCE_MEDIUM_AFTER.match(text, m.end())):
            continue  # "440ml cans", "10ml refill bottles": a pack's size; "in 100ml of blood": a limit's reference volume
        if isinstance(value, list) and value[0] > value[1] and _ASSIGNMENT.search(text, max(0, m.start() - 200), m.start()):
            # "assigned ...: 428 to 10 mg weekly": a group and its dose, not a range
            yield ClaimMatch("dose", m.start("b"), m.end(), value[1], unit=m["unit"])
            continue
        if m["unit_a"] and isinstance(value, list) and (
            _is_change(m, text) or text[m.end("unit_a"):m.start("b")].strip().lower() == "or" or value[0] > value[1]
        ):  # "from 4 mg to 8 mg", "150 mg or 300 mg", "(stepped down from) 30 mg to 15 mg": two doses
            yield ClaimMatch("dose", m.start("a"), m.end("unit_a"), value[0], unit=m["unit_a"].strip())
            yield ClaimMatch("dose", m.start("b"), m.end(), value[1], unit=m["unit"])
            continue
        if isinstance(value, list) and value[0] > value[1]:
            # "fell from 19.1 to 18.2 units per adult": no range is written high to low, a change is
            yield ClaimMatch("dose", m.start("a"), m.end("a"), value[0], unit=m["unit"])
            yield ClaimMatch("dose", m.start("b"), m.end(), value[1], unit=m["unit"])
            continue
        yield ClaimMatch("dose", m.start(), m.end(), value, unit=m["unit"], qualifier=_qualifier(m))
    # The numbers `SERVING_RE` and `FOOD_SERVING_RE` may follow, chosen once for both (those
    # followed by a digit are screened by `_scan` itself).
    servings = [at for at in number_mentions(text) if at.next is None or _serving_next(at, text)]
    for m in _scan(SERVING_RE, text, only=servings, range_ends=_serving_next):
        value = _range_or_value(m["a"], m["b"])
        if value is None:
            continue
        yield ClaimMatch("dose", m.start(), m.end(), value, unit=m["unit"].lower(), qualifier=_qualifier(m))
    doses = find_all(_lower(text), (" doses",)) if "oses" in text else ()
    for m in search_near(DOSES_RE, text, doses, before=40, after=30):
        if text.endswith(("the ", "The "), 0, m.start()) and not _vaccine_near(text, m, after=40):
            continue  # "on the two doses": two dose levels of a drug ("the two doses of the schedule": a vaccine's)
        yield ClaimMatch("dose", m.start(), m.end(), _num(m["n"]), unit="doses", qualifier=_qualifier(m))
    lowered = _lower(text)
    singles = [(a, e) for a, e in find_all(lowered, _SINGLE_DOSE_ANCHORS)
               if lowered[e - 5:e] == "-dose" or lowered.endswith(("single", "one"), max(0, a - 6), a)
               ] if ("dose" in text or "shot" in text or "jab" in text) else ()
    for m in search_near(SINGLE_DOSE_RE, text, singles, before=20, after=60):
        if m.start() > 0 and text[m.start() - 1].isalnum():
            continue
        if _vaccine_near(text, m, after=60):
            n = 1 if m["n"] else _num(m["k"])
            yield ClaimMatch("dose", m.start(), m.end(), n, unit="doses", qualifier=_qualifier(m) if m["qual"] else None)
    for m in search_near(FRACTIONS_RE, text, find_all(text, (" fractions",)), before=40, after=10) if " fractions" in text else ():
        value = _range_or_value(m["a"], m["b"])
        if value is not None and _RADIOTHERAPY_WORD.search(text, max(0, m.start() - 300), min(len(text), m.end() + 200)):
            yield ClaimMatch("dose", m.start(), m.end(), value, unit="fractions", qualifier=_qualifier(m))
    for m in search_near(PUFFS_RE, text, find_all(_lower(text), _PUFF_ANCHORS), before=40, after=12) if (
            "puff" in text or "spray" in text or "inhalation" in text) else ():
        value = _range_or_value(m["a"], m["b"])
        if value is not None:
            yield ClaimMatch("dose", m.start(), m.end(), value, unit=m["unit"].lower(), qualifier=_qualifier(m))
    for m in search_near(STEPS_RE, text, find_all(text, (" steps", "-step")), before=24, after=6) if "step" in text else ():
        value = _num(m["a"])
        if value is not None and value >= 1000:  # "10,000 steps"; not "four steps", "Step 2"
            yield ClaimMatch("dose", m.start(), m.end(), value, unit="steps")
    for m in search_near(DISTANCE_DOSE_RE, text, _DISTANCE_UNIT, before=40, after=20) if (
            "km" in text or "mile" in text or "kilomet" in text) else ():
        value = _range_or_value(m["a"], m["b"])
        if value is not None:
            yield ClaimMatch("dose", m.start(), m.end(), value, unit=m["unit"].lower(), qualifier=_qualifier(m))
    for m in _scan(FOOD_SERVING_RE, text, only=servings, range_ends=_serving_next):
        value = _range_or_value(m["a"], m["b"])
        if value is None:
            continue
        named = m["of"] or text[max(0, m.start() - _FOOD_REACH):m.end() + _FOOD_REACH]
        if _FOOD_OR_DRINK.search(named) is None:
            continue
        yield ClaimMatch("dose", m.start(), m.end(), value, unit=m["unit"].lower(), qualifier=_qualifier(m))



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



_NAME_WORDS = (
    "type", "stage", "grade", "class", "category", "level", "tier", "wave", "vitamin", "covid", "number", "no.",
    "generation", "gen", "version", "top", "room", "page", "chapter", "figure", "table", "step",
)
_QUALIFIER_OPENING = re.compile(
    r"(?i:between|from|about|around|over|under|more|less|fewer|up|nearly|almost|approximately|roughly|some|just|only)\s"
)
_NAME_LIST_WORDS = frozenset({"and", "or", "to", "-", "–"})
_NAME_BEFORE = re.compile(rf"(?i:\b(?:{alternation(_NAME_WORDS)})(?:s|es)?\s*(?:\d{{1,2}}\s*(?:,|and|or|to|-|–)\s*)?$)")


def _in_name(text: str, match: ClaimMatch) -> bool:
    """`type 2 diabetes`, `stage 4`, `vitamin B12`, `top 10`: numbers that are part of a name."""
    if _QUALIFIER_OPENING.match(text, match.start):
        return False  # "a level between 50mg and 80mg": the name word is not the number's
    before = text[max(0, match.start - 20):match.start]
    words = before.split()
    if not words or not (words[-1].lower().endswith(_NAME_WORDS) or (  # (a cheap test first)
            len(words) >= 3 and words[-1].lower() in _NAME_LIST_WORDS and words[-3].lower().rstrip("s").endswith(_NAME_WORDS))):
        return False
    return bool(_NAME_BEFORE.search(before))  # ("grade 3 and 4 events": the second grade too)


_RANGE_OPENER = re.compile(r"(?i:from|between)\s+")
_RANGE_OPENER_FIRST = frozenset("fFbB")


def _trim_range_opener(text: str, match: ClaimMatch) -> ClaimMatch:
    """`from 40 patients` is `40 patients`: "from"/"between" belong to a claim only with a range."""
    if text[match.start:match.start + 1] not in _RANGE_OPENER_FIRST:
        return match
    opener = _RANGE_OPENER.match(text, match.start, match.end)
    if opener and not isinstance(match.value, list):
        return replace(match, start=opener.end(), qualifier=None)
    return match


def resolve_overlaps(matches: list[ClaimMatch]) -> list[ClaimMatch]:
    """Keep the highest-priority, then longest, of overlapping matches."""
    ranked = sorted(matches, key=lambda m: (-PRIORITY[m.kind], -(m.end - m.start), m.start))
    kept: list[ClaimMatch] = []
    # The kept (start, end) in order. No two overlap, so their ends rise with their starts, and
    # a match overlaps one of them iff the last that starts before the match ends ends after
    # the match starts.
    spans: list[tuple[int, int]] = []
    for match in ranked:
        i = bisect_left(spans, (match.end, -1))
        if i and spans[i - 1][1] > match.start:
            continue
        kept.append(match)
        insort(spans, (match.start, match.end))
    return sorted(kept, key=lambda m: m.start)


# "68Â %", "800Â IU": a no-break space read in the wrong encoding (the `encoding` check flags
# it). Claims are read as if it were a space; it is one character, so every offset stays.
# "50 Âµg/kg": the "Â" of a micro sign read so, after the space, is read as a space too.
_MOJIBAKE_SPACE = re.compile(r"(?<=\d)Â(?=[\s\u00a0%A-Za-zµμ])|(?<=\d )Â(?=[µμ])")
# "0.88â€“1.07": an en or em dash read so between two numbers is read as " – " (three characters
# for three, so every offset stays): the interval or range is read, and the claim's text is the page's.
_MOJIBAKE_DASH = re.compile(r"(?<=\d)â€[\u201c\u201d](?=[\d\-\u2212])")
# "412 patientsâ€™ records": any other punctuation read so is read as what it was, then two
# spaces (three characters for three), so that the word before it ends where it should.
_MOJIBAKE_PUNCTUATION = re.compile("â€[\u2122\u02dc\u0153\u009d\u201c\u201d\u00a6]")
_MOJIBAKE_READ = {"\u2122": "\u2019", "\u02dc": "\u2018", "\u0153": "\u201c", "\u009d": "\u201d",
                  "\u201c": "\u2013", "\u201d": "\u2014", "\u00a6": "\u2026"}


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+")
# A telephone number, whose groups of digits are no quantities: a trunk prefix ("01632 960274",
# "020 7946 0815", "0800 123 4567"), an area code in brackets ("(555) 123-4567") or a country
# code ("+44 20 7946 0815"), then two or three groups of digits.
_PHONE_NUMBER = re.compile(
    r"(?:\+\d{1,3}[ \u00a0.-]?(?:\(0\)[ \u00a0]?)?\d{1,4}|\(\d{2,5}\)|0(?<![\w.,]0)\d{1,4})"
    r"(?:[ \u00a0.-]\d{2,6}){1,3}(?!\w|[.,]\d)"
)
_DIGIT_GROUPS = re.compile(DIGIT_GROUPS)
# A section's number at the start of a heading or line: "## 3.2 Child weight", "3. Deaths by district".
_SECTION_NUMBER = re.compile(r"^(?:#{1,6}[ \t]*)?(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.)(?=[ \t]+(?!(?:Million|Billion|Thousand|Lakh|Crore|Per|Percent|Times|In|Out|Of)\b)[A-Z])", re.M)
# An emergency or helpline number called: "calls to 999", "dial 911", "call NHS 111".
_SHORT_LINES = ("999", "911", "111", "112", "101", "988")
_SHORT_LINE_CALLED = re.compile(
    r"(?i:\b(?:call(?:s|ed|ing)?|dial(?:s|led|ed|ling|ing)?|ring(?:s|ing)?|rang|phon(?:e|es|ed|ing)|text(?:s|ed|ing)?)"
    r"\s+(?:(?:to|on)\s+)?(?:NHS\s+|the\s+)?)(?P<n>999|911|111|112|101|988)\b"
)


def _across_paragraphs(text: str, c: ClaimMatch) -> bool:
    """A claim never runs over a paragraph break (a PDF page number and the next paragraph's
    noun: "3\n\nThe first REBUILD patients"); a line break of hard-wrapped text it may."""
    return text.find("\n", c.start, c.end) >= 0 and PARAGRAPH_BREAK.search(text, c.start, c.end) is not None


def find_claims(text: str, sentence_of: Callable[[int], tuple[int, int]] | None = None,
                read_leftovers: bool = True) -> list[ClaimMatch]:
    """Every claim in `text`, overlaps resolved, in reading order.

    `sentence_of(offset)` gives the (start, end) of the sentence around an offset; without it
    the whole text counts as one sentence. The rules read the claims first; then, unless
    `read_leftovers` is False, the numbers they left are read by `number_model` (a count or a
    sample size it is sure of becomes a claim).
    """
    if sentence_of is None:
        sentence_of = lambda _offset: (0, len(text))  # noqa: E731
    if "Â" in text:
        text = _MOJIBAKE_SPACE.sub(" ", text)
    if "â€" in text:
        text = _MOJIBAKE_DASH.sub(" \u2013 ", text)
        text = _MOJIBAKE_PUNCTUATION.sub(lambda m: _MOJIBAKE_READ[m.group()[2]] + "  ", text)
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
    candidates = [c for c in candidates if (c.kind == "trial_phase" or not _in_name(text, c)) and not _across_paragraphs(text, c)]
    urls = [m.span() for m in _URL.finditer(text)] if "://" in text or "www." in text else []
    if urls:  # nothing in a web address is a claim ("...-phase-2b-calm-2-trial")
        candidates = [c for c in candidates if not any(a <= c.start < b for a, b in urls)]
    candidates = [_trim_range_opener(text, c) for c in candidates]
    claims = resolve_overlaps(candidates)
    continued = [c for c in continued_claims(text, claims, sentence_of) if not _in_name(text, c)]
    claims = sorted(claims + continued, key=lambda c: c.start)
    claims = table_claims(text, claims)
    spans = _spans_of_no_claim(text)
    if spans:
        claims = [c for c in claims if not any(a <= c.start < b for a, b in spans)]
    if read_leftovers:
        read = [c for c in model_claims(text, claims, sentence_of, spans + urls) if not _in_name(text, c)]
        if read:
            claims = sorted(claims + read, key=lambda c: c.start)
    if "dozen" in text or "Dozen" in text:  # "a dozen residents", "a few dozen people": said loosely, no count
        claims = [c for c in claims if c.kind not in GROUP_KINDS or "dozen" not in text[c.start:c.end].lower()]
    return claims


# A day after its month ("Nov 18", "March 4 (Reuters)", "Sept. 3"; not "May", a verb as often)
_MONTHS = frozenset({"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "January",
                     "February", "March", "April", "June", "July", "August", "September", "October", "November",
                     "December"})
_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])\b(?![.,:]\d)")


def _days_of_months(text: str) -> list[tuple[int, int]]:
    """(start, end) of each day of the month written after its month, one space between."""
    spans = []
    for at in number_mentions(text):
        pos = at.pos
        if text[pos - 1:pos] != " " or not text[pos:pos + 1].isdigit():
            continue
        word_start = text.rfind(" ", 0, pos - 1) + 1
        if text[word_start:pos - 1].rstrip(".") in _MONTHS:
            day = _DAY.match(text, pos)
            if day:
                spans.append(day.span())
    return spans


def _spans_of_no_claim(text: str) -> list[tuple[int, int]]:
    """Telephone numbers, emergency lines called, section numbers, school years, days of months and
    groups of digits that are no thousands (`DIGIT_GROUPS`): no claim starts inside them (checked
    after the tables and continuations, which read numbers of their own)."""
    # (a telephone number opens with "+", "(" or a "0" after a space or line break: tried only there)
    starts = sorted([a for a, _ in find_all(text, ("+", "("))] + [a + 1 for a, _ in find_all(text, (" 0", "\n0"))])
    spans = [m.span() for m in matches_at(_PHONE_NUMBER, text, starts)]
    lines = find_all(text, _SHORT_LINES)  # (searched only before each "999", "111", ...)
    spans += [m.span("n") for m in search_near(_SHORT_LINE_CALLED, text, lines, before=30, after=4)]
    spans += [m.span() for m in _SECTION_NUMBER.finditer(text)]
    if "Year" in text:  # "Reception to Year 11", "Years 9 to 11": school years
        spans += [m.span() for m in _SCHOOL_YEAR.finditer(text)]
    spans += _days_of_months(text)  # "LONDON, Nov 18 - Patients": a date
    # (groups of digits: tried only at numbers a digit follows, `next` None)
    spans += [m.span() for m in matches_at(_DIGIT_GROUPS, text, [at.pos for at in number_mentions(text) if at.next is None])]
    return spans


# --- the spaCy component ---------------------------------------------------------------



class ClaimFinder:
    """Writes every claim of the ten kinds to `doc.spans["claims"]`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        terms()  # fail at construction on a bad word list, not mid-run
        self._labels: tuple = (None, {})

    def _label_ids(self, doc: Doc) -> dict[str, int]:
        """Each kind's id in the Doc's string store (a label given as a string is looked up in
        the store at every span), kept while the Docs share the store."""
        strings = doc.vocab.strings
        if self._labels[0] is not strings:
            self._labels = (strings, {kind: strings.add(kind) for kind in PRIORITY})
        return self._labels[1]

    def __call__(self, doc: Doc) -> Doc:
        matches = find_claims(doc_text(doc), sentence_finder(doc))
        spans = []
        records = []
        user_data = doc.user_data
        label_ids = self._label_ids(doc)
        for match in matches:
            span = doc.char_span(match.start, match.end, label=label_ids[match.kind], alignment_mode="expand")
            if span is None:
                continue
            start, end = span.start_char, span.end_char
            # `span._.claim_value = match.value`, and so on (see `extensions.span_value_key`)
            user_data[span_value_key("claim_value", start, end)] = match.value
            user_data[span_value_key("claim_unit", start, end)] = match.unit
            user_data[span_value_key("claim_qualifier", start, end)] = match.qualifier
            spans.append(span)
            record = match if (start, end) == (match.start, match.end) else replace(match, start=start, end=end)
            records.append(record)
        doc.spans[CLAIMS] = spans
        doc.spans[CLAIMS].attrs[_RECORDS] = [_as_tuple(r) for r in records]
        _CLAIM_RECORDS[doc] = (doc.spans[CLAIMS].attrs[_RECORDS], tuple(records))
        return doc


_RECORDS = "claimcheck_records"
# Each Doc's claim records as `ClaimMatch` objects, with the list of tuples (on its span group)
# they were made from: they are made again only if that list is no longer the group's.
_CLAIM_RECORDS: WeakKeyDictionary = WeakKeyDictionary()


def _as_tuple(record: ClaimMatch) -> tuple:
    return (record.kind, record.start, record.end, record.value, record.unit, record.qualifier)


def claim_records(doc: Doc) -> list[ClaimMatch]:
    """The Doc's claims in order as `ClaimMatch` records (kind, the span's offsets, value, unit,
    qualifier), without building a `Span` per claim: the claim finder leaves them on the span
    group (and the records themselves, made once a Doc: they are immutable); spans set any other
    way are read once."""
    group = doc.spans.get(CLAIMS)
    if group is None:
        return []
    cached = group.attrs.get(_RECORDS)
    if cached is None or len(cached) != len(group):
        cached = [(s.label_, s.start_char, s.end_char, s._.claim_value, s._.claim_unit, s._.claim_qualifier) for s in group]
        group.attrs[_RECORDS] = cached
    made = _CLAIM_RECORDS.get(doc)
    if made is None or made[0] is not cached:
        made = (cached, tuple(ClaimMatch(*record) for record in cached))
        _CLAIM_RECORDS[doc] = made
    return list(made[1])


@Language.factory(
    "claimcheck_claims",
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
)
def make_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(nlp, name)

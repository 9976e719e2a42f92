"""`implausible_value`: numbers that cannot be right whatever the study found.

- a share of a group above 100% (`130% of participants`), not an increase (`a rise of 150%`,
  `150% more`); a measure that tops out at 100% above it (`specificity was 112%`, `uptake of 104%`);
- a trial phase outside 0-IV (`Phase 5 trial`);
- a p-value outside [0, 1] (`p = 1.3`, `p = -0.02`);
- a range whose low end is above its high end when the phrase reads as a range
  (`between 72 and 22 percent`, `estimated at 64 to 18 percent`, `95% CI 0.90-0.60`), not a
  change (`fell from 72 to 22 percent`);
- a confidence interval that excludes its own estimate (`hazard ratio 1.45 (95% CI 0.60-0.90)`);
- a negative count (`-3 deaths`) and a proportion above one (`six in five adults`,
  `612 of the 540 participants`).

Most rules read the claims the claim finder left (`claim_records`); the phrase-internal ones
(proportions above one, negative counts, phases the claim finder does not read) use their own
patterns. Word lists live in `data/implausible_terms.json`.

Cost: ~0.055 ms per article once the shared claims and case-folded text are worked out (`shared`),
~0.02 of it the proportions (the scans for `in` / `out of` / `of the` before a number).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc

from ..data import load_data
from ..nlp.claims import ClaimMatch
from ..nlp.claims import terms as claim_terms
from ..nlp.numbers import DIGIT_NUMBER, NUMBER, TENS, UNITS, parse_number
from ..nlp.patterns import alternation
from ..nlp.regex import find_starts, fold_case, matches_at
from ..nlp.sentences import doc_text
from ..nlp.tables import delimited_tables
from .registry import Hit, register
from .shared import claims as shared_claims
from .shared import folded_text

_DATA_FILE = "implausible_terms.json"
_KEYS = {
    "group_nouns_extra", "reported_verbs", "change_words", "range_change_verbs",
    "ratio_range_words", "trial_words", "ci_gap_words", "bounded_measures",
}


@lru_cache(maxsize=1)
def word_lists() -> dict[str, list[str]]:
    """The word lists of `data/implausible_terms.json`, validated once (unknown keys rejected)."""
    return load_data(_DATA_FILE, _KEYS, string_lists=_KEYS)


def _alternation(words) -> str:
    return alternation(words, lower=True)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    t = word_lists()
    ct = claim_terms()
    people = _alternation(ct["people_nouns"] + t["group_nouns_extra"])
    people_events = _alternation(ct["people_nouns"] + ct["event_nouns"])
    number = rf"(?<![\w\-/.,$£€])(?:{NUMBER})(?![\w/%]|\.\d|,\d)"
    # up to two words between a number and its noun, none a function word ("one product for adults")
    mods = rf"(?:(?!(?i:{_alternation(ct['not_modifiers'])})\b)[A-Za-z][\w\-]*\s+){{0,2}}?"
    return {
        # "... of (the) (1,200) (eligible) participants" right after a percentage (not "participants'").
        "share_of": re.compile(
            r"^\s+(?i:of)\s+(?:(?i:the|all|those|these|our|its|their|each)\s+)?"
            rf"(?:{DIGIT_NUMBER}\s+)?{mods}(?i:{people})\b(?!['’])"
        ),
        # "118 percent of all our ER visits": a share of all of a group's events (not "118% of
        # normal admissions", a level against another)
        "share_of_all": re.compile(
            rf"^\s+(?i:of\s+all)\s+(?:(?i:the|those|these|our|its|their)\s+)?{mods}(?i:{people_events})\b(?!['’])"
        ),
        # "112% had at least one cold", "130% said": a share of people doing something
        "share_said": re.compile(
            rf"^\s+(?:(?i:of\s+them)\s+)?(?i:{_alternation(t['reported_verbs'])})\b"
            r"(?!\s+(?i:more|less|higher|lower|greater|bigger|smaller|likelier|up|down|above|below|times|as)\b)"
        ),
        # "569 of the 8,803 patients (106.5%)": a share of the people just counted
        # "112 per cent of the regular dippers said ...": any group that is then said to report
        "share_of_group_said": re.compile(
            r"^\s+(?i:of)\s+(?i:the|all|those|these|our|its|their)\s+"
            r"(?:(?!(?i:average|level|rate|baseline|normal|target|limit|total|amount|value|figure|price|cost|budget|"
            r"capacity|dose|recommended|usual|expected|predicted)\b)[\w-]+\s+){1,3}?"
            rf"(?i:{_alternation(t['reported_verbs'])})\b"
        ),
        # "512 participants (130%)"; "Of the 32 confirmed cases, 29 (119%)": a group's share in brackets
        "share_in_parens": re.compile(
            rf"(?:\b(?i:{people})|\b(?i:of)\s+(?i:the\s+)?\d[\d,]*\s+(?:[\w-]+\s+){{0,3}}?[\w-]+\s*,\s*\d[\d,]*)\s*\(\s*$"
        ),
        # a table column of a measure that tops out at 100%: "Compliance", "Uptake (%)"
        "bounded_header": re.compile(rf"^\s*(?i:{_alternation(t['bounded_measures'])})\b(?:\s*\(%\))?\s*$"),
        # "its specificity, a measure of false alarms, was 112%": a measure that tops out at 100%
        "bounded_before": re.compile(
            rf"\b(?i:{_alternation(t['bounded_measures'])})\b[^.;%()]{{0,60}}?"
            r"\b(?i:was|were|is|are|of|at|reached|hit|stood\s+at|came\s+to)\s+"
            r"(?:(?i:about|around|nearly|roughly|almost|only|just|over|above|a\s+\w+)\s+)?$"
        ),
        # "two homes scored 100% and 104% respectively": an audit's score tops out at 100%
        "scored_before": re.compile(
            r"\b(?i:scored|scores|scoring|a\s+score\s+of)\s+(?:(?i:about|around|nearly|only|just)\s+)?"
            r"(?:\d+(?:\.\d+)?\s*%\s*(?:,|and|or|to)\s+)?$"
        ),
        # "Uptake varied sharply. ... In the district it was reported as 127%": the measure is the
        # paragraph's subject, and "it" stands for it
        "it_was_before": re.compile(
            r"\b(?i:it)\s+(?i:was|is|stood\s+at|reached|came\s+to)\s+(?:(?i:reported|recorded|given)\s+as\s+)?"
            r"(?:(?i:about|around|nearly|roughly|almost|only|just|over|above)\s+)?$"
        ),
        # "has fallen by 104%", "cut admissions by 130%", "fell 112%"; "a 120% reduction", "130%
        # fewer": no amount that counts something can fall by more than all of it
        "fall_before": re.compile(
            r"\b(?i:fell|fallen|falls|falling|dropped|drops|dropping|decreased|decreases|declined|declines|reduced|"
            r"reduces|reducing|cut|cuts|cutting|lowered|lowers|shrank|shrunk|shrinks|slashed)\s+(?:(?:[\w-]+\s+){0,3}?"
            r"(?i:by)\s+)?(?:(?i:about|around|nearly|almost|some|roughly|more\s+than|over|a\s+staggering)\s+)?$"
        ),
        "fall_after": re.compile(r"^\s+(?i:reduction|decrease|fall|drop|decline|cut|fewer|lower|less)\b"),
        "measure_opens": re.compile(rf"\s*(?:(?i:the|overall)\s+)?(?i:{_alternation(t['bounded_measures'])})\b"),
        "change_before": re.compile(rf"\b(?i:{_alternation(t['change_words'])})\s+(?:\S+\s+){{0,2}}$"),
        # "a completion rate of 184.5%": the measure's own "rate of", no rate of change
        "bounded_rate_of": re.compile(
            rf"\b(?i:{_alternation([m for m in t['bounded_measures'] if m.endswith(' rate')])})\s+(?i:of)\s+"
            r"(?:(?i:about|around|nearly|roughly|almost|only|just|over|above)\s+)?$"
        ),
        "phase": re.compile(
            r"\b[Pp](?:hase|HASE)[\s\-]*(?P<phase>(?:\d{1,2}|[IVX]{1,5}|(?i:five|six|seven|eight|nine|ten))[abcABC]?"
            r"(?:\s*/\s*(?:\d{1,2}|[IVX]{1,5})[abcABC]?)?)\b"
        ),
        "trial_after": re.compile(rf"^(?:\s+[\w\-]+){{0,3}}?\s+(?i:{_alternation(t['trial_words'])})\b"),
        "trial_before": re.compile(rf"\b(?i:{_alternation(t['trial_words'])})\b(?:\s+\S+){{0,5}}\s*$"),
        "negative_p": re.compile(
            r"(?<![\w'’.])[pP](?:\s*[-\s]?(?i:values?))?\s*(?:=|<|>|≤|≥|(?i:of|was|is))\s*(?P<num>[-−–]\s?\d*\.?\d+)"
        ),
        "range_before": re.compile(r"(?P<word>[\w]+)\W*$"),
        "range_verbs": re.compile(rf"\b(?i:{_alternation(t['range_change_verbs'])})\b(?:\s+\S+){{0,2}}\s*$"),
        "ratio_range_before": re.compile(rf"\b(?i:{_alternation(t['ratio_range_words'])})\b(?:\s+\S+){{0,2}}\s*$"),
        "bare_ci": re.compile(rf"^\s*[(\[]\s*(?P<a>-?{DIGIT_NUMBER})\s*(?:-|–|—|to)\s*(?P<b>-?{DIGIT_NUMBER})\s*[)\]]"),
        "ci_gap": re.compile(rf"^[\s(\[;,:]*(?:(?i:{_alternation(t['ci_gap_words'])})[\s,(\[]+)*$"),
        "negative_count": re.compile(
            rf"(?<=[\s(:,;])(?P<sign>[-−]|(?i:minus)\s+)(?P<num>\d[\d,]*)\s+{mods}(?i:{people_events})\b"
        ),
        "proportion": re.compile(
            rf"(?P<num>{number})\s+(?P<op>(?i:in|out\s+of))\s+(?:(?i:every)\s+)?(?P<den>{number})\s+"
            rf"{mods}(?i:{people})\b"
        ),
        "part_of_whole": re.compile(
            rf"(?P<num>{number})\s+(?i:of)\s+(?i:the|these|those|all)\s+(?P<den>{number})\s+"
            rf"{mods}(?i:{people})\b"
        ),
    }


_ROMAN = {"I": 1, "V": 5, "X": 10}
_PHASE_WORDS = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _phase_number(part: str) -> int | None:
    """`III` -> 3, `2b` -> 2, `5` -> 5; None when unreadable."""
    core = re.sub(r"[abcABC]$", "", part.strip())
    if core.lower() in _PHASE_WORDS:
        return _PHASE_WORDS[core.lower()]
    if core.isdigit():
        return int(core)
    if core and set(core) <= set(_ROMAN):
        total, previous = 0, 0
        for ch in reversed(core):
            value = _ROMAN[ch]
            total += -value if value < previous else value
            previous = max(previous, value)
        return total
    return None


# The claim kinds whose values the rules read as a range (a list of two numbers).
_RANGE_KINDS = frozenset({"percentage", "confidence_interval", "effect_size", "dose", "duration"})


def _claims(doc: Doc) -> list[ClaimMatch]:
    """The Doc's claims in order (`claim_records`, shared with other checks: read, never changed).
    The rules read them as they are (kind, offsets, unit, value) and slice a claim's text only
    where they need it: making a record of each for them cost ~6 us an article."""
    return shared_claims(doc)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _fmt(value: float) -> str:
    return f"{value:g}"


# A minus sign, hyphen or dash before a number (`-0.02`, `- 3`, `−.5`), where a negative p-value
# or count could be written.
_SIGNED_NUMBER = re.compile(r"[-−–]\s?\.?\d")
# The same after a hyphen, the usual sign: `re` skips to each hyphen as fast as `str.find`, and
# the few before a digit are all it stops at (most hyphens join words: `follow-up`).
_HYPHEN_NUMBER = re.compile(r"-\s?\.?\d")
_OTHER_SIGNS = ("−", "–")  # found with `str.find` (a class with non-ASCII characters makes `re` slow)
_COMPARISONS = ("=", "<", ">", "≤", "≥", "of", "was", "is")


class _Signs:
    """Whether the whole-text patterns for negative numbers can match at all, proved from the
    (few) signs before a number: `negative_p` needs one right after a comparison (`= -0.02`,
    `was -0.02`), `negative_count` one glued to its digits after a space or `(:,;` (`(-3`), or
    the word `minus`. Far cheaper than running those patterns over the text."""

    def __init__(self, text: str, folded: str | None = None) -> None:
        folded = fold_case(text) if folded is None else folded
        if folded is None:
            self.after_comparison = self.before_count = True
            return
        self.after_comparison = False
        self.before_count = "minus" in folded
        for m in self._signed_numbers(folded):
            sign = m.start()
            if not self.before_count and folded[sign] in "-−" and folded[sign + 1].isdigit() \
                    and sign and (folded[sign - 1].isspace() or folded[sign - 1] in "(:,;"):
                self.before_count = True
            before = sign
            while before and folded[before - 1].isspace():
                before -= 1
            if not self.after_comparison and folded.endswith(_COMPARISONS, 0, before):
                self.after_comparison = True
            if self.after_comparison and self.before_count:
                return

    @staticmethod
    def _signed_numbers(folded: str) -> list[re.Match]:
        """The matches of `_SIGNED_NUMBER` in `folded` (in any order: they cannot overlap, as
        each holds one sign, at its start). The non-ASCII signs are looked for only in a text
        that is not all ASCII (`str.isascii` costs nothing)."""
        found = list(_HYPHEN_NUMBER.finditer(folded))
        if not folded.isascii():
            found.extend(matches_at(_SIGNED_NUMBER, folded, find_starts(folded, _OTHER_SIGNS)))
        return found


# --- the rules ---------------------------------------------------------------------------


def find_shares_above_whole(doc: Doc, claims: list[ClaimMatch] | None = None) -> Iterator[Hit]:
    """`130% of participants`, `a staggering 130% said`: more than all of a group; `a
    specificity of 112%`: more than a measure that tops out at 100% can be; `has fallen by
    104%`, `a 120% reduction`: more than all of an amount lost."""
    p = _patterns()
    text = doc_text(doc)
    for c in _claims(doc) if claims is None else claims:
        if c.kind != "percentage":
            continue
        value = c.value
        high = max(value) if isinstance(value, list) and all(_is_number(v) for v in value) else value
        if not _is_number(high) or high <= 100:
            continue
        claim = c
        if claim.unit == "percentage points":
            continue
        after = text[claim.end:claim.end + 80]
        before = text[max(0, claim.start - 80):claim.start]
        if p["fall_before"].search(before) or p["fall_after"].match(after):
            yield Hit(
                claim.start, claim.end,
                f"a fall of {_fmt(high)}% is more than all of it: nothing can fall by more than 100%.",
                "check the number (a rise would read `rose by ...%`)",
            )
            continue
        share_of = p["share_of"].match(after) or p["share_of_group_said"].match(after) or p["share_of_all"].match(after)
        in_parens = p["share_in_parens"].search(before) and re.match(r"\s*\)", after)
        if not (share_of or in_parens or p["share_said"].match(after)):
            wide = text[max(0, claim.start - 90):claim.start]
            if not (p["bounded_before"].search(wide) or p["scored_before"].search(before)
                    or _measure_of_the_paragraph(text, claim.start, before)) \
                    or (p["change_before"].search(before) and not p["bounded_rate_of"].search(before)):
                continue
            yield Hit(
                claim.start, claim.end,
                f"{_fmt(high)}% is more than a measure can be: it cannot exceed 100%.",
                "check the number",
            )
            continue
        if p["change_before"].search(before):
            continue
        end = claim.end + share_of.end() if share_of else claim.end
        yield Hit(
            claim.start, end,
            f"{_fmt(high)}% of a group is more than the whole group: a share cannot exceed 100%.",
            "check the number (an increase would read `rose by ...%`)",
        )


def _measure_of_the_paragraph(text: str, start: int, before: str) -> bool:
    """"it was reported as 127%", in a paragraph that opens with a measure that tops out at 100%
    ("Uptake varied sharply across the patch. ... it was 38.2%. ... it was 127%")."""
    p = _patterns()
    if not p["it_was_before"].search(before):
        return False
    opening = text.rfind("\n\n", 0, start)
    opening = 0 if opening < 0 else opening + 2
    return start - opening < 600 and p["measure_opens"].match(text, opening) is not None


def find_impossible_phases(doc: Doc, folded: str | None = None) -> Iterator[Hit]:
    """`Phase 5 trial`: clinical trials have phases 0 to IV."""
    p = _patterns()
    text = doc_text(doc)
    # every match begins with the P of "Phase"/"phase"/"PHASE": try only there (the case-folded
    # text, given, holds `phase` wherever the text holds `[Pp]hase` or `[Pp]HASE`: only `P`
    # lower-cases to `p`; it is searched once)
    if folded is not None:
        starts = find_starts(folded, ("phase",))
    else:
        starts = [i - 1 for i in find_starts(text, ("hase", "HASE")) if i and text[i - 1] in "Pp"]
    for m in matches_at(p["phase"], text, starts):
        parts = re.split(r"\s*/\s*", m["phase"])
        numbers = [_phase_number(part) for part in parts]
        if any(n is None for n in numbers) or all(n <= 4 for n in numbers):
            continue
        after = text[m.end():m.end() + 60]
        before = text[max(0, m.start() - 80):m.start()]
        if not (p["trial_after"].match(after) or p["trial_before"].search(before)):
            continue
        if re.match(r"^\s+[A-Z][a-z]", after) and not p["trial_after"].match(after):
            continue  # "Phase 5 Therapeutics": a company name
        yield Hit(
            m.start(), m.end(),
            f"`{m.group(0)}` is not a trial phase: clinical trials run in phases 0 to IV (4).",
            "check the phase (I, II, III or IV)",
        )


_EQUALS_ZERO = re.compile(r"(?:=|\b(?i:of|was|is))\s*0(?:\.0+)?\s*$")


def find_impossible_p_values(doc: Doc, claims: list[ClaimMatch] | None = None, signs: _Signs | None = None) -> Iterator[Hit]:
    """`p = 1.3`, `p = -0.02`: a p-value is a probability, between 0 and 1; `p=0.000`: never
    exactly 0 (a p-value too small to show is written `p<0.001`)."""
    p = _patterns()
    for c in _claims(doc) if claims is None else claims:
        if c.kind != "p_value" or not _is_number(c.value):
            continue
        claim = c
        raw = doc_text(doc)[claim.start:claim.end]
        if c.value == 0 and _EQUALS_ZERO.search(raw):
            yield Hit(
                claim.start, claim.end,
                f"`{raw}`: a p-value is never exactly 0 (one too small to show is written p<0.001).",
                "p<0.001",
            )
            continue
        if c.value <= 1:
            continue
        # a symbol, the word "value", or a decimal number: not "p of 5" in running prose
        if not (re.search(r"[=<>≤≥]", raw) or re.search(r"(?i:value)", raw) or "." in raw.split()[-1]):
            continue
        yield Hit(
            claim.start, claim.end,
            f"`{raw}`: a p-value is a probability and cannot exceed 1.",
            "check the value (perhaps a misplaced decimal point)",
        )
    signs = _Signs(doc_text(doc)) if signs is None else signs
    for m in p["negative_p"].finditer(doc_text(doc)) if signs.after_comparison else ():
        yield Hit(
            m.start(), m.end(),
            f"`{m.group(0)}`: a p-value cannot be negative.",
            None,
        )


_COMPARED_BETWEEN = re.compile(r"\b(?i:differences?|gaps?|contrast|distance|disparity|divide|choice)\s+(?:\w+\s+){0,2}?$")


def _reads_as_change(text: str, claim: ClaimMatch) -> bool:
    """`fell from 72 to 22 percent`, `dropped 72 to 22 percent`: a change, not a range; `the
    difference between 46% and 31%`: a comparison, not a range."""
    p = _patterns()
    words = text[claim.start:claim.end].split()
    lead = words[0].lower() if words else ""
    before = text[max(0, claim.start - 60):claim.start]
    if lead == "from" or re.search(r"\b(?i:from)\s*$", before):
        return not p["ratio_range_before"].search(re.sub(r"\b(?i:from)\s*$", "", before))
    if lead == "between" or re.search(r"\b(?i:between)\s*$", before):
        # "the difference between 46% and 31%": two values compared, not a range
        return bool(_COMPARED_BETWEEN.search(re.sub(r"\b(?i:between)\s*$", "", before)))
    if re.search(r"\b(?i:by)\s*$", before):
        return False  # "dropped by 64 to 18 percent": the size of the drop, a range
    return bool(p["range_verbs"].search(before))


def find_inverted_ranges(doc: Doc, claims: list[ClaimMatch] | None = None) -> Iterator[Hit]:
    """`between 72 and 22 percent`, `95% CI 0.90-0.60`: a range whose low end is above its high end."""
    text = doc_text(doc)
    for c in _claims(doc) if claims is None else claims:
        value = c.value
        if c.kind not in _RANGE_KINDS or not isinstance(value, list) or len(value) != 2:
            continue
        low, high = value
        if not (_is_number(low) and _is_number(high)) or low <= high:
            continue
        claim = c
        if c.kind != "confidence_interval" and _reads_as_change(text, claim):
            continue
        what = "confidence interval" if c.kind == "confidence_interval" else "range"
        yield Hit(
            claim.start, claim.end,
            f"The {what} `{text[claim.start:claim.end]}` runs from {_fmt(low)} down to {_fmt(high)}: its low end is above its high end.",
            f"{_fmt(high)} to {_fmt(low)}?",
        )


_FEW_WORDS_THEN_PAREN = re.compile(r"^(?:\s+[a-z][\w-]*){1,5}\s*[(\[]\s*$")
# "odds ratio 1.09 per hour, 95% CI ...": the estimate's unit of exposure, then a labelled interval
_PER_UNIT_THEN_COMMA = re.compile(r"^\s+(?i:per|for\s+each|for\s+every)\s+[a-z]+(?:\s+[a-z]+)?\s*[,;(\[]\s*$")
_LABELLED_CI = re.compile(r"\d{2}(?:\.\d)?\s*%\s*(?i:CI|confidence\s+interval)\b")


def _interval_after(text: str, estimate: ClaimMatch, next_claim: list[ClaimMatch]) -> tuple[int, float, float] | None:
    """The interval given right after an estimate: `(95% CI 0.61-0.88)` or bare `(0.61-0.88)`."""
    p = _patterns()
    end_char = estimate.end
    for c in next_claim:
        if c.kind != "confidence_interval":
            break
        ci = c
        gap = text[end_char:ci.start]
        if re.search(r"\d", gap) or not (
                (len(gap) <= 30 and p["ci_gap"].match(gap))
                # "an odds ratio of 3.49 for being screened (95% CI ...)": a few words, then a labelled interval
                or (len(gap) <= 40 and (_FEW_WORDS_THEN_PAREN.match(gap) or _PER_UNIT_THEN_COMMA.match(gap))
                    and _LABELLED_CI.match(text, ci.start))):
            return None
        value = c.value
        if isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value):
            return ci.end, float(value[0]), float(value[1])
        return None
    if estimate.kind != "effect_size":
        return None  # a bare interval is read only after an effect size
    m = p["bare_ci"].match(text[end_char:end_char + 40])
    if m:
        a, b = parse_number(m["a"]), parse_number(m["b"])
        if a is not None and b is not None:
            return end_char + m.end(), float(a), float(b)
    return None


# An estimate given as a fall, whose interval is then of the signed difference
_LOWER_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,2}?(?i:lower|less|fewer|smaller|worse|down|shorter)\b")


def _outside_interval(value: float, low: float, high: float) -> bool:
    """Whether an estimate lies outside its interval, both on one scale (not "23% lower (95% CI
    0.69-0.86)", a ratio's interval after a percentage)."""
    if low - 1e-9 <= value <= high + 1e-9:
        return False
    midpoint = (low + high) / 2
    return not (value > 0 and midpoint > 0 and not 0.2 <= value / midpoint <= 5)


def find_intervals_excluding_estimate(doc: Doc, claims: list[ClaimMatch] | None = None) -> Iterator[Hit]:
    """`hazard ratio of 0.52 (95% CI 0.61-0.88)`: the estimate must lie inside its own interval."""
    text = doc_text(doc)
    claims = _claims(doc) if claims is None else claims
    for i, estimate in enumerate(claims):
        value = estimate.value
        if estimate.kind not in ("effect_size", "percentage") or not _is_number(value):
            continue
        following = claims[i + 1:i + 2]
        if estimate.kind != "effect_size" and not (following and following[0].kind == "confidence_interval"):
            continue  # a bare interval is read only after an effect size (`_interval_after`)
        found = _interval_after(text, estimate, following)
        if not found:
            continue
        end, low, high = found
        if low > high:
            continue  # an inverted interval is flagged on its own
        if value > 0 and low < 0 and _LOWER_AFTER.match(text, estimate.end):
            value = -value  # "1.5 percentage points lower (95% CI −4.2 to 1.2)": a difference below zero
        if not _outside_interval(value, low, high):
            continue
        yield Hit(
            estimate.start, end,
            f"The estimate {_fmt(value)} lies outside its own confidence interval "
            f"({_fmt(low)} to {_fmt(high)}): one of the numbers is wrong.",
            "check the estimate and the interval against the study",
        )


def find_table_cells_out_of_bounds(doc: Doc, claims: list[ClaimMatch] | None = None) -> Iterator[Hit]:
    """In a table's row: `| Discharge summary within 24 hours | 104% |` under a `Compliance`
    header, more than a measure that tops out at 100% can be; `| 1.12 | 1.14 to 1.29 |` under
    `SHMI` and `95% CI`, an estimate outside the interval in the cell after it."""
    text = doc_text(doc)
    if "|" not in text and "\t" not in text:
        return
    claims = _claims(doc) if claims is None else claims
    starts = {c.start: c for c in claims if c.kind in ("percentage", "confidence_interval")}
    if not starts:
        return
    bounded = _patterns()["bounded_header"]
    for _, header, rows in delimited_tables(text):
        for cells in rows:
            for j, (a, b) in enumerate(cells):
                claim = next((starts[k] for k in range(a, b) if k in starts), None)
                if claim is None:
                    continue
                if claim.kind == "percentage":
                    value = claim.value
                    if _is_number(value) and value > 100 and j < len(header) and bounded.search(header[j]):
                        yield Hit(
                            claim.start, claim.end,
                            f"{_fmt(value)}% under `{header[j].strip()}` is more than a measure can be: it cannot exceed 100%.",
                            "check the number",
                        )
                    continue
                if j == 0 or not (isinstance(claim.value, list) and len(claim.value) == 2 and all(_is_number(v) for v in claim.value)):
                    continue
                estimate = parse_number(text[cells[j - 1][0]:cells[j - 1][1]].strip())
                low, high = (float(v) for v in claim.value)
                if estimate is None or low > high or estimate <= 0 or low + high <= 0:
                    continue  # an inverted interval is flagged on its own; a cell of no estimate
                if not _outside_interval(estimate, low, high):
                    continue
                yield Hit(
                    claim.start, claim.end,
                    f"The estimate {_fmt(estimate)} in the cell before lies outside its own confidence interval "
                    f"({_fmt(low)} to {_fmt(high)}): one of the numbers is wrong.",
                    "check the estimate and the interval against the study",
                )


def find_negative_counts(doc: Doc, signs: _Signs | None = None) -> Iterator[Hit]:
    """`-3 deaths`, `minus 12 patients`: a count of people or events cannot be negative."""
    signs = _Signs(doc_text(doc)) if signs is None else signs
    for m in _patterns()["negative_count"].finditer(doc_text(doc)) if signs.before_count else ():
        yield Hit(
            m.start(), m.end(),
            f"`{m.group(0)}`: a count of people or events cannot be negative.",
            None,
        )


# Where a number (`NUMBER`, case-insensitive) can begin, in the folded text: a digit or `.5` not
# inside another number, a number word, or the `a` of `a hundred` / `a dozen` (zero-width, so
# that no match hides another offset where a number can begin).
_NUMBER_START = re.compile(
    rf"(?<![\w\-/.,$£€])(?:\.?\d|{'|'.join(sorted([*UNITS, *TENS, 'dozen'], key=len, reverse=True))}"
    r"|a(?=\s+(?:hundred|dozen)))"
)
# The middle of a proportion (`six in five`, `1 out of every 3`) or of a part of a whole (`612 of
# the 540`), in the folded text: the turn words, then where the second number begins (whitespace
# must stand before the turn: `_turn_offsets` checks it). Each pattern begins with a literal
# (`in`, `o`), which `re` finds far faster than a pattern beginning with `\s` or a class.
_TURN_NEXT = rf"(?=\s+(?:every\s+)?(?:\.?\d|{'|'.join([*UNITS, *TENS, 'dozen'])}|a\s))"
_PROPORTION_TURNS = tuple(
    # `out of` and `of the` share one scan: where one matches the other cannot (a number, or
    # `the`/`these`/`those`/`all`, follows the `of`), so no match hides another
    re.compile(turn + _TURN_NEXT) for turn in (r"in", r"o(?:ut\s+of|f\s+(?:the|these|those|all))")
)
# Every ending of a number in the folded text (any suffix of one): its last (up to three) words
# (`a hundred thousand`, `twenty-five`), or digits with their separators, `m`/`bn` and a scale
# word. A number ending at `r` and starting before `r - _WINDOW` makes the whole window match.
_NUMBER_TAIL = re.compile(
    r"[\s,.\u202f\u00a0\-\u2010\u2011]*(?:[a-z]+(?:(?:[\-\u2010\u2011]|\s+)[a-z]+){0,2}"
    r"|[\d.][\d,.\u202f\u00a0 ]*(?:m|bn)?(?:\s+[a-z]+)?)?\Z"
)
_WINDOW = 40


def _turn_offsets(folded: str) -> list[int]:
    """The offsets of the whitespace right before each turn of a proportion (`in`, `out of`, `of
    the` ... followed by a number)."""
    offsets = []
    for pattern in _PROPORTION_TURNS:
        for turn in pattern.finditer(folded):
            space = turn.start() - 1
            if space >= 0 and folded[space].isspace():
                offsets.append(space)
    return offsets


def _proportion_starts(folded: str | None) -> list[int] | None:
    """The offsets where `proportion` or `part_of_whole` can match: the number starts just before
    a turn (`in`, `out of`, `of the` ...). None (try everywhere) when the folded text is unknown."""
    if folded is None:
        return None
    starts: set[int] = set()
    for end in _turn_offsets(folded):
        # the first number ends where the whitespace before the turn begins
        while end > 0 and folded[end - 1].isspace():
            end -= 1
        window = max(0, end - _WINDOW)
        if window > 0 and _NUMBER_TAIL.match(folded, window, end):
            window = 0  # a number (or what may be one) longer than the window: look from the start
        starts.update(m.start() for m in _NUMBER_START.finditer(folded, window, end))
    return sorted(starts)


_TIME_POINT_BEFORE = re.compile(r"\b(?i:day|week|month|year|visit|cycle)\s+$")


def find_proportions_above_one(doc: Doc, folded: str | None = None) -> Iterator[Hit]:
    """`six in five adults`, `612 of the 540 participants`: a part larger than its whole."""
    p = _patterns()
    text = doc_text(doc)
    starts = _proportion_starts(fold_case(text) if folded is None else folded)
    if starts == []:
        return
    for name in ("proportion", "part_of_whole"):
        for m in p[name].finditer(text) if starts is None else matches_at(p[name], text, starts):
            num, den = parse_number(m["num"]), parse_number(m["den"])
            if num is None or den is None or num <= den:
                continue
            if _TIME_POINT_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                continue  # "seen at month 24 in one participant": when, and in whom
            yield Hit(
                m.start(), m.end(),
                f"`{m.group(0)}`: {_fmt(num)} out of {_fmt(den)} is more than the whole group.",
                "check both numbers",
            )


@register(
    "implausible_value",
    severity="error",
    description="values that cannot be right: shares above 100%, Phase 5, p > 1, inverted ranges, "
    "a CI excluding its estimate, negative counts, proportions above one",
)
def find_implausible_values(doc: Doc) -> Iterator[Hit]:
    claims = _claims(doc)  # once, for every rule that reads claims
    folded = folded_text(doc)
    signs = _Signs(doc_text(doc), folded)
    yield from find_shares_above_whole(doc, claims)
    yield from find_impossible_phases(doc, folded)
    yield from find_impossible_p_values(doc, claims, signs)
    yield from find_inverted_ranges(doc, claims)
    yield from find_intervals_excluding_estimate(doc, claims)
    yield from find_table_cells_out_of_bounds(doc, claims)
    yield from find_negative_counts(doc, signs)
    yield from find_proportions_above_one(doc, folded)

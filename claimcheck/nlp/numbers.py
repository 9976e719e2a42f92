"""Reading numbers as news writes them: `1,840`, `forty-five`, `1.2 million`, `two-thirds`.

Pure functions, no spaCy: the claim rules (claims.py) build their regular expressions from the
patterns here and call `parse_number` / `parse_fraction` on what they matched.
"""

from __future__ import annotations

import re

from .regex import alternation

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 100, "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000, "million": 1_000_000,
    "crore": 10_000_000, "crores": 10_000_000, "billion": 1_000_000_000,
}
_ABBREVIATED_SCALES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}

# Denominators of fractions in words ("a third", "two-fifths", "one in five").
FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}

_UNIT_RE = alternation(UNITS)
_TENS_RE = alternation(TENS)
_ONES_RE = alternation(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])

# A number written in words: "forty-five", "twenty one", "a hundred", "twelve".
_TENS_AND_ONES = rf"(?:{_TENS_RE})(?:[-\u2010\u2011 ](?:{_ONES_RE}))?"
WORD_NUMBER = (
    # "two hundred and forty", "a hundred and five": British hundreds with "and"
    rf"(?:(?:(?:{_UNIT_RE})|a)\s+hundred\s+and\s+(?:{_TENS_AND_ONES}|(?:{_UNIT_RE}))"
    rf"|{_TENS_AND_ONES}|(?:{_UNIT_RE})|a\s+hundred|a\s+dozen|dozen)"
)
# A number in digits: "1,840", "40,000", "0.61", ".003", "1 840" is not accepted (ambiguous).
# Thousands may be grouped by commas or by (thin, no-break or plain) spaces: "1 204".
# Indian grouping: lakhs and crores by twos, the last three digits by three ("1,60,000").
# A whole number and a half or a quarter: "4 1/2", "4½", "2-1/2" (US style). A "+" after a
# number before a space is "or more" ("5+ years").
_MIXED_FRACTION = r"\d{1,3}(?:[ \u00a0-]?[½¼¾]|[ \u00a0-][13]/[24])(?![\d/])"
DIGIT_NUMBER = (
    "(?:" + _MIXED_FRACTION
    + r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?![\d,]\d)|\d{1,3}(?:[\u202f\u00a0 ]\d{3})+(?![\d,.]\d)"
    r"|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\+(?=[ \u00a0]))?"  # "5+ years", "2+ cans": so many or more
)
# Three groups of digits or more apart by single spaces that are no thousands ("13 11 26", an
# Australian telephone number; "1 262 400" is one number): no quantity starts inside them.
DIGIT_GROUPS = r"(?<![\d,.])(?!\d{1,3}(?: \d{3})+(?!\d| \d))\d+(?: \d+){2,}(?![\d,.]\d)"
SCALE_WORD = r"(?:hundred|thousand|lakhs?|million|crores?|billion)"
# The rest of a number in words after its scale word: "two thousand | eight hundred (and
# fifty)", "one hundred | twenty" (US), "two thousand | and fifty"; never a number that has a
# scale word of its own ("between two thousand and three thousand", "two hundred and three
# hundred": two numbers).
_WORD_TAIL = (
    rf"(?:(?<=(?i:hundred))\s+(?:(?i:and)\s+)?(?i:{_TENS_AND_ONES}|{_UNIT_RE})"
    rf"|(?:(?<=(?i:thousand))|(?<=(?i:million))|(?<=(?i:billion)))\s+(?:(?i:(?:{_UNIT_RE}|a)\s+hundred)"
    rf"(?:\s+(?i:and)\s+(?i:{_TENS_AND_ONES}|{_UNIT_RE}))?|(?:(?i:and)\s+)?(?i:{_TENS_AND_ONES}|{_UNIT_RE})))"
    rf"(?![\w\-\u2010\u2011]|\s+(?i:{SCALE_WORD})\b)"
)
# Any number, with an optional scale word: "1.2 million", "40 thousand", "forty-five".
# ("two hundred thousand": two scale words; "two thousand eight hundred": `_WORD_TAIL`)
NUMBER = (
    rf"(?:{DIGIT_NUMBER}(?:(?:m|bn|k|K)\b(?!\.\w))?(?:\s+(?i:{SCALE_WORD})\b){{0,2}}"
    rf"|(?i:{WORD_NUMBER})(?:\s+(?i:{SCALE_WORD})\b){{0,2}}(?:{_WORD_TAIL})?)"
)

_SPLIT_RE = re.compile(r"[\s\-\u2010\u2011]+")

# Articles translated from German, French, Spanish or Italian often keep their decimal commas
# and thousands points ("3,5 %", "odds ratio 1,7", "1.214 Kinder" -> 1,214 children). A comma
# before one or two digits cannot group thousands, so it is a decimal comma; one begins such
# an article's numbers, and the rules read them in a copy of the text with the comma and the
# point swapped inside each number (same length: every offset holds).
_COMMA_DECIMAL = re.compile(r",(?<=\d,)(?=\d{1,2}(?!\d))")  # "3,5", "61,2" (a literal first: fast)
_POINT_DECIMAL = re.compile(r"\.(?<=\d\.)(?=\d{1,2}(?!\d))|\.(?<=(?<![\d.,])0\.)(?=\d)")  # "3.5", "0.001"
_EUROPEAN_NUMBER = re.compile(
    r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|0,\d+|\d+,\d{1,2})(?![\d]|[.,]\d)"
)
_SWAP_SEPARATORS = str.maketrans(",.", ".,")
# A comma before one or two digits that end the number ("1,6", "64,8%"; not "1,60,000"): a
# decimal comma in any article, since no English number is written so
# (not in a list typed without spaces: "2,3 or 4 doses", "1,2,3")
_LONE_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(?<!\d,\s)(?<!\d,)\d+,\d{1,2}(?![\d]|[.,]\d|\s*,\s*\d|\s+(?:or|and)\s+\d)")


def with_decimal_points(text: str) -> str:
    """`text` with its numbers' decimal commas read as points (and thousands points as commas)
    when the article writes numbers so: a decimal comma ("3,5") and no decimal point, or
    decimal commas far more often than points. Otherwise `text` with only the commas that can
    be nothing but decimal ones read as points ("a relative risk of 1,6" in an article whose
    clock times and dates hold points: "from 10.00 to 19.00", "14.07")."""
    if _COMMA_DECIMAL.search(text) is None:  # (nearly every English article: one fast scan)
        return text
    commas = len(_COMMA_DECIMAL.findall(text))
    points = len(_POINT_DECIMAL.findall(text))
    if points and not (commas >= 3 and commas > 2 * points):
        return _LONE_DECIMAL_COMMA.sub(lambda m: m.group(0).replace(",", "."), text)
    return _EUROPEAN_NUMBER.sub(lambda m: m.group(0).translate(_SWAP_SEPARATORS), text)


# Full-width forms of ASCII ("５２％", "n＝806", "P＜0.001", "0.41～0.64") and the ideographic
# space, which machine translation from Chinese or Japanese leaves in English text: read as
# their ASCII forms (one character each: every offset holds).
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_HALF_WIDTH = {**{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}


def analysis_text(text: str) -> str:
    """The text the rules read: full-width forms as ASCII, then decimal commas as points where
    the article writes its numbers so (`with_decimal_points`). Same length as `text`."""
    if _FULL_WIDTH.search(text) is not None:
        text = text.translate(_HALF_WIDTH)
    return with_decimal_points(text)


_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[\u202f\u00a0 ]\d{3})+")
# A mixed number as `_MIXED_FRACTION` finds it ("4 1/2", "4½"), read into its parts
_FRACTION_VALUES = {"½": 0.5, "1/2": 0.5, "¼": 0.25, "1/4": 0.25, "¾": 0.75, "3/4": 0.75}
_MIXED = re.compile(rf"(\d{{1,3}})[ \u00a0-]?({'|'.join(_FRACTION_VALUES)})")
_GROUP_SPACE = re.compile(r"[\u202f\u00a0 ]")
_DIGITS_AND_SCALE = re.compile(
    r"(-?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)\s*(hundred|thousand|lakhs?|million|crores?|billion|m|bn|k)?"
)


# Digits with thousands commas or a decimal point, nothing else ("1,840", "0.61", ".5"): what
# the general path reads as `float` of the digits without commas, read so at once.
_PLAIN_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?|\.\d+")
# One number word alone ("three", "forty"): what `_parse_words` gives it.
_SINGLE_WORDS = {**UNITS, **TENS}


def parse_number(text: str) -> float | None:
    """The value of a number as written; None when it is not a number we can read.

    >>> parse_number("1,840"), parse_number("forty-five"), parse_number("1.2 million")
    (1840, 45, 1200000)
    """
    if text.isdecimal() and len(text) <= 15:
        return int(text)  # plain digits, most numbers (what the general path gives them, faster)
    if text[-1:] == "+":
        text = text[:-1]  # "5+": five or more
    if _PLAIN_DIGITS.fullmatch(text):
        return tidy(float(text.replace(",", "")))  # (the general path's answer, faster)
    cleaned = text.strip().lower().replace("\u2212", "-")
    if cleaned in _SINGLE_WORDS:
        return _SINGLE_WORDS[cleaned]  # (the general path's answer, faster)
    mixed = _MIXED.fullmatch(cleaned)
    if mixed:
        return tidy(int(mixed[1]) + _FRACTION_VALUES[mixed[2]])
    if _SPACE_GROUPED.fullmatch(cleaned):
        cleaned = _GROUP_SPACE.sub("", cleaned)
    if not cleaned:
        return None
    match = _DIGITS_AND_SCALE.fullmatch(cleaned)
    if match and match.group(1) not in ("", "-"):
        value = float(match.group(1).replace(",", ""))
        if match.group(2):
            value *= SCALES.get(match.group(2)) or _ABBREVIATED_SCALES[match.group(2)]
        return tidy(value)
    return _parse_words(cleaned)


def range_ends(low: str, high: str) -> tuple[float | None, float | None]:
    """The values of a range's two ends as written, with the far end's scale word carried to a
    near end that has none and is no larger than the far end's figure: "3 to 5 million" is
    3,000,000 to 5,000,000 ("500 to 2 million" is not 500 million to 2 million).

    >>> range_ends("3", "5 million"), range_ends("500", "2 million")
    ((3000000, 5000000), (500, 2000000))
    """
    a, b = parse_number(low), parse_number(high)
    if a is None or b is None or not low[-1:].isdigit():
        return a, b
    scaled = _DIGITS_AND_SCALE.fullmatch(high.strip().lower())
    if scaled and scaled.group(1) and scaled.group(2) and scaled.group(2) != "hundred" and a <= float(scaled.group(1).replace(",", "")):
        return tidy(a * (SCALES.get(scaled.group(2)) or _ABBREVIATED_SCALES[scaled.group(2)])), b
    return a, b


def _parse_words(text: str) -> float | None:
    words = [w for w in _SPLIT_RE.split(text) if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for i, word in enumerate(words):
        if word == "a" and i == 0:
            current = 1
            continue
        if word == "dozen":
            current = (current or 1) * 12
            seen = True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
            seen = True
        else:
            try:
                current += float(word.replace(",", ""))
                seen = True
            except ValueError:
                return None
    return tidy(total + current) if seen else None


def parse_fraction(numerator: str, denominator_word: str) -> float | None:
    """`a` + `third` -> 0.333; `two` + `thirds` -> 0.667; `three` + `quarters` -> 0.75."""
    denominator = FRACTION_WORDS.get(denominator_word.lower())
    if denominator is None:
        return None
    num = 1.0 if numerator.lower() in ("a", "an", "one") else parse_number(numerator)
    if num is None:
        return None
    return round(num / denominator, 3)


def parse_ratio(numerator: str, denominator: str) -> float | None:
    """`one` in `five` -> 0.2; `3` out of `10` -> 0.3."""
    num = 1.0 if numerator.lower() in ("a", "an") else parse_number(numerator)
    den = parse_number(denominator)
    if num is None or not den:
        return None
    return float(f"{num / den:.3g}")  # three significant figures: one in 400 is 0.0025


def tidy(value: float) -> float | int:
    """Integers as int (JSON `45`, not `45.0`)."""
    if value == int(value) and abs(value) < 1e15:
        return int(value)
    return value

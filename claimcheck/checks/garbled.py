"""The `garbled` check: text broken by translation or scraping.

Three families, each a pure function over the text:

- stray punctuation: `imaging. . The trial`, `the results. , which`, `, ,`, `, .`, `,,`,
  `imaging.. The` (never an ellipsis `...`/`. . .` or a decimal `.5`); a space before a full
  stop or a comma (`hearing aids .`, `comparison group , it is`);
- a doubled word: `the the` (not `had had`, `that that`, `what it is is`, `Walla Walla`;
  the list is data, `claimcheck/data/garbled.json`);
- a closing quotation mark that was never opened: `... explained. It is only ... perceived
  as such.”`. Curly quotes say which way they face; a straight `"` is read from where it
  stands and flagged only where a paragraph has an odd number of them. A quotation that runs
  over several paragraphs, each opening with a quote mark and only the last one closing, is
  the press style and is followed; a `”` that stands where an opening mark belongs (`”Yes`),
  an inch mark (`6”`), nested quotes, or a quotation opened with one kind of mark and closed
  with the other are not flagged. Paragraphs are blocks between blank lines when the
  text has them, lines otherwise (extracted web pages put one paragraph per line).

Cost: ~0.035 ms per article: each pattern is tried only where a match can begin (a stop or
comma before another, a token repeated, a quote mark), found with scans that `re` or `str.find`
run fast, never by trying a look-behind at every character; the paragraphs are read only when
the quote marks are not pairs on one line each.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from importlib import resources
from typing import Iterator

import numpy as np
from spacy.tokens import Doc

from ..nlp.regex import find_starts, matches_at
from ..nlp.sentences import doc_text
from .registry import Hit, register
from .shared import token_starts_and_lowers

DATA_FILE = "garbled.json"
_KEYS = {"about", "allowed_doubles", "allowed_doubles_after", "capitalised_doubles_flagged"}


def _word_list(raw: object, key: str) -> set[str]:
    if not isinstance(raw, list) or not all(isinstance(w, str) and w and w == w.lower() for w in raw):
        raise ValueError(f"{DATA_FILE}: {key!r} must be a list of lower-case strings")
    return set(raw)


def load_word_lists() -> tuple[set[str], dict[str, set[str]], set[str]]:
    raw = json.loads(resources.files("claimcheck.data").joinpath(DATA_FILE).read_text("utf-8"))
    if not isinstance(raw, dict) or set(raw) != _KEYS:
        raise ValueError(f"{DATA_FILE}: expected keys {sorted(_KEYS)}, got {sorted(raw) if isinstance(raw, dict) else raw!r}")
    allowed = _word_list(raw["allowed_doubles"], "allowed_doubles")
    if any(len(pair.split()) != 2 for pair in allowed):
        raise ValueError(f"{DATA_FILE}: 'allowed_doubles' entries must be two words")
    after = raw["allowed_doubles_after"]
    if not isinstance(after, dict):
        raise ValueError(f"{DATA_FILE}: 'allowed_doubles_after' must map a word to a list of words")
    after_sets = {word: _word_list(prev, f"allowed_doubles_after.{word}") for word, prev in after.items()}
    flagged = _word_list(raw["capitalised_doubles_flagged"], "capitalised_doubles_flagged")
    return allowed, after_sets, flagged


ALLOWED_DOUBLES, ALLOWED_DOUBLES_AFTER, CAPITALISED_FLAGGED = load_word_lists()

# --- stray punctuation ---------------------------------------------------------------------

_STRAY_PUNCTUATION = re.compile(
    r"(?<!\.)(?<!\.[ \t])\.[ \t]+\.(?![ \t]*\.)(?!\d)"  # ". ." but not ". . ." or ". .5"
    r"|(?<!\.)\.[ \t]+,"  # ". ,"
    r"|,[ \t]+,"  # ", ,"
    r"|,[ \t]+\.(?![\d.])"  # ", ." (not ", .5" or ", ...")
    r"|(?<!,),,(?!,)"  # ",,"
    r"|(?<=[^\s.])\.\.(?=[ \t]+[A-Z])"  # "imaging.. The" (not an ellipsis "...")
)


# Every match above begins with a stop/comma followed, after at most spaces or tabs, by another
# (`[.,](?=[ \t]*[.,])`), and is tried only there. The two patterns finding these few places
# each begin with their literal character, which `re` looks for quickly: a pattern beginning
# with a class (`[.,]`), or with the look-behinds above, makes it test every character.
_STRAY_STARTS = (re.compile(r"\.(?=[ \t]*[.,])"), re.compile(r",(?=[ \t]*[.,])"))


# "wear hearing aids .", "(pain, fever) .", "in 2024 .": a space before a full stop that ends a
# sentence, after a word, a number or a closing bracket or quote (not ". . ." or ".5")
_SPACE_BEFORE_STOP = re.compile(r"(?<=[^\W_]|[)\]\"”’'])[ \t]+\.(?=[\"”’')\]]?(?:\s|$))(?<!\.\.)")


# "Without a comparison group , it is hard": a space before a comma after a word, a number or
# a closing bracket or quote (a stray space left by a translation or an edit)
_SPACE_BEFORE_COMMA = re.compile(r"(?<=[^\W_]|[)\]\"”’'])[ \t]+,(?=\s)(?![ \t]*[.,])")  # (", ," is one slip, found below)
_COMMA_AFTER_SPACE = re.compile(r",(?<=[ \t],)")

# Where `_SPACE_BEFORE_STOP` can begin, one character before: a stop right after a space or tab.
# The pattern begins with the stop, which `re` skips to fast; `str.find(" .")` is ~2x slower, as
# the letter `n` shares a slot of its skip filter with the stop.
_STOP_AFTER_SPACE = re.compile(r"\.(?<=[ \t]\.)")


def _stray_starts(text: str) -> list[int]:
    """Every offset of a stop or comma followed, after spaces or tabs only, by another."""
    return sorted(m.start() for pattern in _STRAY_STARTS for m in pattern.finditer(text))


def find_stray_punctuation(text: str) -> Iterator[tuple[int, int]]:
    """What `_STRAY_PUNCTUATION.finditer(text)` finds (it never matches an empty string),
    trying it only where a match can begin; and a space before a full stop."""
    for stop in _STOP_AFTER_SPACE.finditer(text):
        m = _SPACE_BEFORE_STOP.match(text, stop.start() - 1)
        if m and not text.startswith(".", m.end()) and not text.startswith(" .", m.end()):
            yield m.span()
    for comma in _COMMA_AFTER_SPACE.finditer(text):
        start = comma.start() - 1
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        m = _SPACE_BEFORE_COMMA.match(text, start)
        if m:
            yield m.span()
    for m in matches_at(_STRAY_PUNCTUATION, text, _stray_starts(text)):
        yield m.span()


# --- doubled words -------------------------------------------------------------------------

# the repeat may straddle a line break inside a paragraph (`of the\nthe trial`), never a heading
# and the paragraph after it (`Vaccines\nVaccines are`): after a break the repeat is lower case.
# The quantifiers are possessive (`++`): a word and the spaces after it are taken whole, as a
# shorter word would be followed by a letter, not a space, and a repeat begins with a letter.
_DOUBLED = re.compile(
    r"(?<![\w'’-])([^\W\d_]++)(?:[ \t]++|[ \t]*+\n[ \t]*+(?=(?-i:[a-z])))(\1)(?![\w'’-]|-\w)", re.IGNORECASE
)
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)[^\w\n]*$")


def _said_three_times(text: str, start: int, end: int, key: str) -> bool:
    """Whether the doubled word at `start:end` is said a third time just before or after it."""
    after = re.compile(rf"[ \t,]+{re.escape(key)}(?![\w'’-])", re.IGNORECASE).match(text, end)
    before = _PREVIOUS_WORD.search(text, max(0, start - len(key) - 3), start)
    return after is not None or (before is not None and before.group(1).lower() == key)


def doubled_word_starts(doc: Doc) -> list[int]:
    """Where a doubled word can begin: a word token followed by the same word (any case), next
    or after whitespace only. Read from the tokens' lower-case forms (an array read once with
    the offsets `name_variant` reads: `shared.token_starts_and_lowers`; each attribute read
    costs ~8-12 µs an article), the other attributes looked up only on the ~2 tokens an
    article whose form comes again one or two tokens later; so the pattern is tried at these
    few places instead of at every character."""
    if len(doc) < 2:
        return []
    lower = token_starts_and_lowers(doc)[:, 1]
    starts = set()
    for i in np.flatnonzero(lower[:-1] == lower[1:]).tolist():
        if doc[i].is_alpha and doc[i + 1].is_alpha:
            starts.add(doc[i].idx)
    for i in np.flatnonzero(lower[:-2] == lower[2:]).tolist():
        if doc[i].is_alpha and doc[i + 1].is_space and doc[i + 2].is_alpha:
            starts.add(doc[i].idx)
    return sorted(starts)


def find_doubled_words(text: str, starts: list[int] | None = None) -> Iterator[tuple[int, int]]:
    """`the the`; tried only at `starts` if given (`doubled_word_starts`)."""
    for m in _DOUBLED.finditer(text) if starts is None else matches_at(_DOUBLED, text, starts):
        first, second = m.group(1), m.group(2)
        key = first.lower()
        if f"{key} {key}" in ALLOWED_DOUBLES:
            continue
        if key in ALLOWED_DOUBLES_AFTER:
            prev = _PREVIOUS_WORD.search(text, max(0, m.start() - 30), m.start())
            if prev and prev.group(1).lower() in ALLOWED_DOUBLES_AFTER[key]:
                continue
        if second[0].isupper() and key not in CAPITALISED_FLAGGED:
            continue  # `Walla Walla`, `Sirhan Sirhan`: a name, not a slip
        if len(key) == 1 and first != "a":
            continue
        if _said_three_times(text, m.start(), m.end(), key):
            continue  # `boom boom boom`: a word said three times is said so on purpose
        yield m.span()


# --- closing quotation marks never opened --------------------------------------------------

_QUOTE_MARKS = "“”\"„«»"  # found with `str.find`: a class of non-ASCII characters makes `re` slow
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_BY_BLOCK = re.compile(r"\S(?:[^\n]++|\n(?![ \t]*\n))*+")  # lines up to a blank line, a line at a time
_PARAGRAPH_BY_LINE = re.compile(r"[^\n]*\S[^\n]*")
_WORDS_BEFORE = re.compile(r"(?<!\S)(?:\S+[ \t]+){0,2}\S*$")


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    pattern = _PARAGRAPH_BY_BLOCK if _BLANK_LINE.search(text) else _PARAGRAPH_BY_LINE
    for m in pattern.finditer(text):
        yield m.span()


def _marks_by_paragraph(text: str, offsets: list[int], paragraphs: list[tuple[int, int]]) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """(index of the paragraph, its marks as (offset, mark)) for each paragraph holding some of
    the quote marks at `offsets` (sorted), in order: every mark lies in a paragraph, as a
    paragraph runs from a non-space character to the last one before a blank line (or the
    line's end)."""
    paragraph_starts = [start for start, _ in paragraphs]
    current, marks = -1, []
    for i in offsets:
        n = bisect_right(paragraph_starts, i) - 1
        if n != current and marks:
            yield current, marks
            marks = []
        current = n
        marks.append((i, text[i]))
    if marks:
        yield current, marks


def _is_opening_position(text: str, i: int, start: int, end: int) -> bool:
    """A quote mark where an opening one belongs: after a space or bracket, before a word."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in "([{—–-") and not after.isspace() and after not in ".,;:!?)"


def _is_closing_position(text: str, i: int, start: int, end: int) -> bool:
    """A quote mark where a closing one belongs: after a word or punctuation, before a space,
    punctuation or the end of the paragraph."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]—–")


def _paired_on_their_lines(text: str, offsets: list[int]) -> bool:
    """Whether the quote marks at `offsets` open and close by turns (`“ ” “ ” ...`, maybe a last
    one unclosed), each pair on one line: an opening mark is a `“` or a `"` where an opening
    one belongs, never after a digit (it could be read as an inch mark); a closing one is a `”`
    or a `"`. Then each closing mark finds the opening one just before it open, in its own
    paragraph, and `find_unopened_quotes` finds none without reading the paragraphs (most
    articles). (Where an opening mark belongs is the same read in the whole text as in its
    paragraph: whitespace stands before a paragraph's start and after its end.)"""
    end = len(text)
    for n in range(0, len(offsets), 2):
        opening = offsets[n]
        mark = text[opening]
        if not (mark == "“" or (mark == '"' and _is_opening_position(text, opening, 0, end))):
            return False
        if opening and text[opening - 1].isdigit():
            return False
        if n + 1 < len(offsets):
            closing = offsets[n + 1]
            if text[closing] not in '”"' or text.find("\n", opening, closing) >= 0:
                return False
    return True


def find_unopened_quotes(text: str) -> Iterator[int]:
    """Offsets of closing quotation marks with no opening one before them.

    Curly quotes say which way they face; a straight `"` is read from where it stands (after a
    space it opens, before one it closes), and is flagged only in a paragraph with an odd number
    of them, where one really is unmatched. An opening mark of either kind may be closed by the
    other kind (sloppy but not garbled)."""
    if "\u00e2\u20ac\u0153" in text:
        # `â€œ`: an opening quote mark in mojibake (the `encoding` check flags it) opens its
        # quotation all the same (read as `  “`, three characters for three: offsets hold)
        text = text.replace("\u00e2\u20ac\u0153", "  \u201c")
    # `â€”`, `â€œ`: a quote mark that is the last character of mojibake is no quote mark
    offsets = [i for i in find_starts(text, _QUOTE_MARKS) if text[i - 1:i] != "€"]
    if not offsets or _paired_on_their_lines(text, offsets):
        return
    paragraphs = list(_paragraphs(text))
    carried_curly = carried_straight = 0
    last = -2  # the paragraph with marks before
    for n, marks in _marks_by_paragraph(text, offsets, paragraphs):
        start, end = paragraphs[n]
        if n != last + 1 and not (n - last <= 3 and text[start].islower()):
            # a paragraph without marks came between: nothing is carried over, unless this one
            # goes on with a sentence broken by a page break (its first letter is lower case:
            # print and OCR copy, where a running header may stand between the two halves)
            carried_curly = carried_straight = 0
        last = n
        if any(mark in "„«»" for _, mark in marks):
            carried_curly = carried_straight = 0  # another language's quotation style: leave it alone
            continue
        odd_straight = sum(mark == '"' for _, mark in marks) % 2 == 1
        curly, straight = carried_curly, carried_straight
        for n, (i, mark) in enumerate(marks):
            if i > start and text[i - 1].isdigit() and _is_closing_position(text, i, start, end):
                continue  # an inch mark: `a 6” wound`, `a 12" pizza`
            # a paragraph that opens with a quote mark continues a quotation carried over
            continues = n == 0 and (carried_curly or carried_straight) and not text[start:i].strip()
            if mark == '"':
                if continues:
                    curly, straight = 0, 1
                elif _is_opening_position(text, i, start, end):
                    straight += 1
                elif straight:
                    straight -= 1
                elif curly:
                    curly -= 1  # opened with a curly quote, closed with a straight one
                elif odd_straight and _is_closing_position(text, i, start, end):
                    yield i
                else:
                    straight += 1
            elif mark == "“" or _is_opening_position(text, i, start, end):
                curly, straight = (1, 0) if continues else (curly + 1, straight)
            elif curly:
                curly -= 1
            elif straight:
                straight -= 1  # opened with a straight quote, closed with a curly one
            else:
                yield i
        carried_curly, carried_straight = min(curly, 1), min(straight, 1)


def _span_with_words_before(text: str, i: int) -> tuple[int, int]:
    """The closing mark with up to three words before it on its line: `perceived as such.”`."""
    line_start = text.rfind("\n", 0, i) + 1
    m = _WORDS_BEFORE.search(text, line_start, i)
    return (m.start() if m else i), i + 1


# --- the check -----------------------------------------------------------------------------

@register("garbled", severity="warning", description="stray punctuation, doubled words, unopened quotations")
def find_garbled(doc: Doc) -> Iterator[Hit]:
    text = doc_text(doc)
    for start, end in find_stray_punctuation(text):
        found = text[start:end]
        yield Hit(start, end, f"stray punctuation `{found}`: something was lost here in translation or editing",
                  suggestion=found[0] if found[0] == found[-1] else None)
    for start, end in find_doubled_words(text, doubled_word_starts(doc)):
        word = text[start:end].split()[0]
        yield Hit(start, end, f"the word `{word}` is repeated", suggestion=word)
    for i in find_unopened_quotes(text):
        start, end = _span_with_words_before(text, i)
        yield Hit(start, end, f"closing quotation mark `{text[i]}` that was never opened: the start of the "
                              "quotation, or its opening mark, may have been lost")

"""The `garbled` check: text broken by translation or scraping.

Three families, each a pure function over the text:

- stray punctuation: `imaging. . The trial`, `the results. , which`, `, ,`, `, .`, `,,`,
  `imaging.. The` (never an ellipsis `...`/`. . .` or a decimal `.5`);
- a doubled word: `the the` (not `had had`, `that that`, `what it is is`, `Walla Walla`;
  the list is data, `claimcheck/data/garbled.json`);
- a closing curly quotation mark `”` that was never opened: `... explained. It is only ...
  perceived as such.”`. Only curly double quotes are a safe signal (a straight `"` both opens
  and closes). A quotation that runs over several paragraphs, each opening with `“` and only
  the last one closing, is the press style and is followed; a `”` that stands where an opening
  mark belongs (`”Yes`), an inch mark (`6”`), or a quotation opened with a straight `"` and
  closed with a curly one are not flagged. Paragraphs are blocks between blank lines when the
  text has them, lines otherwise (extracted web pages put one paragraph per line).
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Iterator

from spacy.tokens import Doc

from .registry import Hit, register

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


def find_stray_punctuation(text: str) -> Iterator[tuple[int, int]]:
    for m in _STRAY_PUNCTUATION.finditer(text):
        yield m.span()


# --- doubled words -------------------------------------------------------------------------

# the repeat may straddle a line break inside a paragraph (`of the\nthe trial`), never a heading
# and the paragraph after it (`Vaccines\nVaccines are`): after a break the repeat is lower case
_DOUBLED = re.compile(
    r"(?<![\w'’-])([^\W\d_]+)(?:[ \t]+|[ \t]*\n[ \t]*(?=(?-i:[a-z])))(\1)(?![\w'’-]|-\w)", re.IGNORECASE
)
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)[^\w\n]*$")


def find_doubled_words(text: str) -> Iterator[tuple[int, int]]:
    for m in _DOUBLED.finditer(text):
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
        yield m.span()


# --- closing quotation marks never opened --------------------------------------------------

_QUOTE_MARK = re.compile(r"[“”\"„«»]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_BY_BLOCK = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")
_PARAGRAPH_BY_LINE = re.compile(r"[^\n]*\S[^\n]*")
_WORDS_BEFORE = re.compile(r"(?<!\S)(?:\S+[ \t]+){0,2}\S*$")


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    pattern = _PARAGRAPH_BY_BLOCK if _BLANK_LINE.search(text) else _PARAGRAPH_BY_LINE
    for m in pattern.finditer(text):
        yield m.span()


def _is_opening_position(text: str, i: int, start: int, end: int) -> bool:
    """A quote mark where an opening one belongs: after a space or bracket, before a word."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in "([{—–-") and not after.isspace() and after not in ".,;:!?)"


def find_unopened_quotes(text: str) -> Iterator[int]:
    """Offsets of closing curly quotes `”` with no opening `“` before them."""
    carried = 0
    for start, end in _paragraphs(text):
        # `â€”`, `â€œ`: a quote mark that is the last character of mojibake is no quote mark
        marks = [(m.start(), m.group()) for m in _QUOTE_MARK.finditer(text, start, end)
                 if text[m.start() - 1:m.start()] != "€"]
        if any(mark in "„«»" for _, mark in marks):
            carried = 0  # another language's quotation style: leave the paragraph alone
            continue
        depth, straight_open = carried, False
        for n, (i, mark) in enumerate(marks):
            if mark == '"':
                straight_open = not straight_open
            elif mark == "“" or _is_opening_position(text, i, start, end):
                # a paragraph that opens with a quote mark continues a quotation carried over
                depth = 1 if (n == 0 and carried and not text[start:i].strip()) else depth + 1
            elif i > start and text[i - 1].isdigit():
                continue  # an inch mark: `a 6” wound`
            elif depth:
                depth -= 1
            elif straight_open:
                straight_open = False  # opened with a straight quote, closed with a curly one
            else:
                yield i
        carried = 1 if depth and marks else 0


def _span_with_words_before(text: str, i: int) -> tuple[int, int]:
    """The closing mark with up to three words before it on its line: `perceived as such.”`."""
    line_start = text.rfind("\n", 0, i) + 1
    m = _WORDS_BEFORE.search(text, line_start, i)
    return (m.start() if m else i), i + 1


# --- the check -----------------------------------------------------------------------------

@register("garbled", severity="warning", description="stray punctuation, doubled words, unopened quotations")
def find_garbled(doc: Doc) -> Iterator[Hit]:
    text = doc.text
    for start, end in find_stray_punctuation(text):
        found = text[start:end]
        yield Hit(start, end, f"stray punctuation `{found}`: something was lost here in translation or editing",
                  suggestion=found[0] if found[0] == found[-1] else None)
    for start, end in find_doubled_words(text):
        word = text[start:end].split()[0]
        yield Hit(start, end, f"the word `{word}` is repeated", suggestion=word)
    for i in find_unopened_quotes(text):
        start, end = _span_with_words_before(text, i)
        yield Hit(start, end, "closing quotation mark `”` that was never opened: the start of the quotation, "
                              "or its opening mark, may have been lost")

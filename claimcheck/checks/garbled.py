"""The `garbled` check: text broken by translation or scraping.

Three families, each a pure function over the text:

- stray punctuation: `imaging. . The trial`, `the results. , which`, `, ,`, `, .`, `,,`,
  `imaging.. The` (never an ellipsis `...`/`. . .` or a decimal `.5`);
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
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from importlib import resources
from typing import Iterator

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, LOWER
from spacy.tokens import Doc

from ..nlp.regex import find_all, matches_at
from ..nlp.sentences import doc_text
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


# Every match above begins with a stop/comma followed, after at most spaces, by another; this
# pattern (zero-width after its first character, so it finds every such place) begins with a
# character class, which `re` scans for quickly, unlike the look-behinds above.
_STRAY_START = re.compile(r"[.,](?=[ \t]*[.,])")


# "wear hearing aids ." : a space before a full stop that ends a sentence (not ". . ." or ".5")
_SPACE_BEFORE_STOP = re.compile(r"(?<=[^\W\d_])[ \t]+\.(?=[\"”’')\]]?(?:\s|$))(?<!\.\.)")


def find_stray_punctuation(text: str) -> Iterator[tuple[int, int]]:
    """What `_STRAY_PUNCTUATION.finditer(text)` finds (it never matches an empty string),
    trying it only where a match can begin; and a space before a full stop."""
    for start, _ in find_all(text, (" .", "\t.")):
        m = _SPACE_BEFORE_STOP.match(text, start)
        if m and not text.startswith(".", m.end()) and not text.startswith(" .", m.end()):
            yield m.span()
    end = 0
    for candidate in _STRAY_START.finditer(text):
        if candidate.start() < end:
            continue
        m = _STRAY_PUNCTUATION.match(text, candidate.start())
        if m:
            end = m.end()
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


def doubled_word_starts(doc: Doc) -> list[int]:
    """Where a doubled word can begin: a word token followed by the same word (any case), next
    or after whitespace only. Read from token arrays, so the pattern is tried at these few
    places instead of at every character."""
    if len(doc) < 2:
        return []
    tokens = doc.to_array([LOWER, IS_ALPHA, IS_SPACE, IDX])
    lower, alpha, space, idx = tokens[:, 0], tokens[:, 1] == 1, tokens[:, 2] == 1, tokens[:, 3]
    next_same = alpha[:-1] & alpha[1:] & (lower[:-1] == lower[1:])
    after_space = alpha[:-2] & space[1:-1] & alpha[2:] & (lower[:-2] == lower[2:]) if len(doc) > 2 else next_same[:0]
    starts = set(idx[:-1][next_same].tolist()) | set(idx[:-2][after_space].tolist())
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
        yield m.span()


# --- closing quotation marks never opened --------------------------------------------------

_QUOTE_MARK = re.compile(r"[“”\"„«»]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_BY_BLOCK = re.compile(r"\S(?:[^\n]++|\n(?![ \t]*\n))*+")  # lines up to a blank line, a line at a time
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


def _is_closing_position(text: str, i: int, start: int, end: int) -> bool:
    """A quote mark where a closing one belongs: after a word or punctuation, before a space,
    punctuation or the end of the paragraph."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]—–")


def find_unopened_quotes(text: str) -> Iterator[int]:
    """Offsets of closing quotation marks with no opening one before them.

    Curly quotes say which way they face; a straight `"` is read from where it stands (after a
    space it opens, before one it closes), and is flagged only in a paragraph with an odd number
    of them, where one really is unmatched. An opening mark of either kind may be closed by the
    other kind (sloppy but not garbled)."""
    # `â€”`, `â€œ`: a quote mark that is the last character of mojibake is no quote mark
    all_marks = [(m.start(), m.group()) for m in _QUOTE_MARK.finditer(text) if text[m.start() - 1:m.start()] != "€"]
    if not all_marks:
        return
    offsets = [i for i, _ in all_marks]
    carried_curly = carried_straight = 0
    for start, end in _paragraphs(text):
        marks = all_marks[bisect_left(offsets, start):bisect_left(offsets, end)]
        if not marks:
            carried_curly = carried_straight = 0
            continue
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

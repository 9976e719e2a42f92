"""The `encoding` check: mojibake (`Itâ€™s`, `RÃ©union`, `Â£40`), U+FFFD replacement
characters (`Saint-Beno�t`) and unrendered HTML entities (`It&#8217;s`), each flagged on its
word with the repair (ftfy's, for mojibake) as the suggestion.

The analysed text is never modified: the flag only tells the editor what the word should
read. Candidates are found with one regular expression: a byte that starts a UTF-8 sequence
(`Ã`, `â`, `Â` ...) read as Windows-1252/Latin-1 and followed by a continuation byte read
the same way (`©`, `€`, `™` ...), the Mac Roman equivalents, a stray `Â`/`Ã` before a space
(a mangled no-break space), or U+FFFD. ftfy then has the last word: a candidate it would not
change is real text (`ESPAÑA”`, `IRMÃ DULCE`), so café, Müller, naïve, Arabic script, em
dashes and curly quotes never flag. One exception: a lone `Â` glued to a digit or a lower-case
letter before a space (`800Â IU`) is a mangled no-break space even where ftfy, seeing a plain
space after it, leaves it alone.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from importlib import resources
from typing import Iterable, Iterator

import ftfy
from spacy.tokens import Doc

from ..nlp.sentences import doc_text
from .registry import Hit, register

DATA_FILE = "encoding.json"
_KEYS = {"about", "lossy_guesses"}
REPLACEMENT = "\ufffd"


def load_lossy_guesses() -> dict[str, str]:
    raw = json.loads(resources.files("claimcheck.data").joinpath(DATA_FILE).read_text("utf-8"))
    if not isinstance(raw, dict) or set(raw) - _KEYS or "lossy_guesses" not in raw:
        raise ValueError(f"{DATA_FILE}: expected an object with keys {sorted(_KEYS)}")
    guesses = raw["lossy_guesses"]
    if not isinstance(guesses, dict) or not all(isinstance(k, str) and k and isinstance(v, str) for k, v in guesses.items()):
        raise ValueError(f"{DATA_FILE}: 'lossy_guesses' must map non-empty strings to strings")
    return guesses


LOSSY_GUESSES = load_lossy_guesses()


def _continuation_chars() -> str:
    """Bytes 0x80-0xBF as they show up when UTF-8 is read as Windows-1252 or Latin-1."""
    chars = set()
    for b in range(0x80, 0xC0):
        chars.add(chr(b))  # Latin-1 (and C1 controls)
        try:
            chars.add(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            pass
    chars.add(REPLACEMENT)  # an undefined byte that became U+FFFD
    # byte 0xA0 is a no-break space, which real text puts after letters (`voilà !`); it counts
    # only after `Â`/`Ã` (the `_CORE` alternative below)
    chars.discard("\u00a0")
    return "".join(sorted(chars))


_LEAD = "\u00c2-\u00f4"  # bytes 0xC2-0xF4 start a multi-byte UTF-8 sequence
_CONT = re.escape(_continuation_chars())
_CORE = (
    rf"[{_LEAD}][{_CONT}]"  # Ã© â€ Â£ ...
    r"|[\u00c2\u00c3](?=[ \u00a0])"  # Â / Ã before a space: a mangled no-break space
    r"|\u201a\u00c4\S|\u221a[^\s\d]"  # Mac Roman: ‚Äô √©
    r"|[\u0080-\u009f]"  # a Windows-1252 byte read as Latin-1: a C1 control (`it\x92s`)
    rf"|{REPLACEMENT}"
)
_WORD_CHAR = r"[^\s()\[\]{}<>\"`]"
MOJIBAKE = re.compile(_CORE)
# the characters a MOJIBAKE match begins with: `re` scans fast for one character class, not
# for MOJIBAKE's alternatives, which it tries at every position of the text
_MOJIBAKE_START = re.compile(rf"[{_LEAD}\u201a\u221a\u0080-\u009f{REPLACEMENT}]")
_WORD_START = re.compile(rf"{_WORD_CHAR}*$")
_WORD_END = re.compile(rf"{_WORD_CHAR}*")


# The first characters of a MOJIBAKE match that are not Latin-1 (U+0080-U+00FF): looked for
# with `str.find`.
_STARTS_BEYOND_LATIN1 = ("\u201a", "\u221a", REPLACEMENT)


def _may_hold_mojibake(text: str) -> bool:
    """False when `text` holds none of the characters a MOJIBAKE match begins with: no non-ASCII
    Latin-1 character (the text's Latin-1 characters, encoded, are all ASCII: ~1 us where
    scanning for `_MOJIBAKE_START` costs ~10) and none of `_STARTS_BEYOND_LATIN1`. True in
    about 40% of articles (`é`, `£`, a no-break space)."""
    return not text.encode("latin-1", "ignore").isascii() or any(char in text for char in _STARTS_BEYOND_LATIN1)


def _find_mojibake(text: str) -> Iterator[re.Match[str]]:
    """What `MOJIBAKE.finditer(text)` finds (MOJIBAKE never matches an empty string), trying
    MOJIBAKE only where one of its first characters stands."""
    if not _may_hold_mojibake(text):
        return
    end = 0
    for candidate in _MOJIBAKE_START.finditer(text):
        if candidate.start() < end:
            continue
        m = MOJIBAKE.match(text, candidate.start())
        if m:
            end = m.end()
            yield m


def _words_around(matches: Iterable[re.Match[str]], text: str) -> Iterator[tuple[int, int]]:
    """The whole word around each of `matches` (found first: matches are rare), once per word."""
    last_end = -1
    for m in matches:
        if m.start() < last_end:
            continue
        start = _WORD_START.search(text, max(0, m.start() - 64), m.start()).start()
        end = _WORD_END.match(text, m.end()).end()
        last_end = end
        yield start, end
_MOJIBAKE_CHARS = re.compile(rf"[{_LEAD}{_CONT}]")
_LEADING_QUOTES = "“‘«'"  # never the start of a mojibake sequence
_TRAILING_PUNCT = ".,;:!?'"
_TRAILING_QUOTES = "”’»"  # part of a sequence only right after another mojibake character (â€”)


def repair(word: str) -> str:
    """What ftfy (plus the lossy-sequence guesses) says `word` should read; where ftfy leaves
    it, its symbols read back (`GrowPenâ„¢` -> `GrowPen™`, which ftfy keeps for the `„`)."""
    for bad, good in LOSSY_GUESSES.items():
        word = word.replace(bad, good)
    fixed = ftfy.fix_encoding(word)
    return fixed if fixed != word else _SYMBOL_SEQUENCE.sub(_symbol, word)


# three or four characters that are the Windows-1252 reading of one UTF-8 symbol (`â„¢`, `â‚¬`)
_SYMBOL_SEQUENCE = re.compile(rf"[\u00e2-\u00f4][{_CONT}]{{2,3}}")


def _symbol(m: re.Match[str]) -> str:
    """The symbol or punctuation mark `m` is the mojibake of, or `m` itself."""
    for length in (3, 4):
        try:
            char = m.group()[:length].encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(char) == 1 and unicodedata.category(char)[0] in "SP":
            return char + m.group()[length:]
    return m.group()


_ENTITY_END = re.compile(r"&#?\w+$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The word without the ordinary quotes and punctuation around it (`;` ending `&amp;` stays)."""
    while end - start > 1 and text[start] in _LEADING_QUOTES:
        start += 1
    while end - start > 1 and (
        (text[end - 1] in _TRAILING_PUNCT and not (text[end - 1] == ";" and _ENTITY_END.search(text, start, end - 1)))
        or (text[end - 1] in _TRAILING_QUOTES and not _MOJIBAKE_CHARS.match(text[end - 2]))
    ):
        end -= 1
    return start, end


def _mangled_nbsp_after(text: str, start: int, end: int) -> bool:
    """Whether the word text[start:end] ends with a lone `Â` that is a mangled no-break space
    glued to a number or a lower-case word (`800Â IU`): ftfy leaves `800Â ` alone when the
    no-break space after it became a plain space, but no real word puts an upper-case `Â`
    after a digit or a lower-case letter (`ESPAÂ`, `ÂGE` are upper case)."""
    return (
        end - start >= 2 and text[end - 1] == "\u00c2" and text[end:end + 1] in (" ", "\u00a0")
        and (text[end - 2].isdigit() or text[end - 2].islower())
    )


def find_encoding_matches(text: str) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, repaired word or None) for every word with mojibake or U+FFFD."""
    for span in _words_around(_find_mojibake(text), text):
        start, end = _trim(text, *span)
        word = text[start:end]
        # a trailing space lets ftfy recognise a mangled no-break space (`Â ` -> no-break space)
        tail = text[end:end + 1] if text[end:end + 1] in (" ", "\u00a0") else ""
        fixed = repair(word + tail)
        fixed = fixed[: len(fixed) - len(tail)] if tail and fixed.endswith(tail) else fixed.rstrip(" \u00a0")
        if fixed == word and _mangled_nbsp_after(text, start, end):
            fixed = word[:-1]  # what ftfy makes of `testÂ ` (`test`), for `800Â ` too
        if REPLACEMENT in word:
            yield start, end, (fixed if fixed != word and REPLACEMENT not in fixed else None)
        elif fixed != word:
            yield start, end, fixed


# an HTML entity the page never rendered: `It&#8217;s`, `AT&amp;T`
HTML_ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def find_html_entities(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, rendered word) for every word with an unrendered HTML entity."""
    for span in _words_around(HTML_ENTITY.finditer(text), text):
        start, end = _trim(text, *span)
        word = text[start:end]
        rendered = html.unescape(word)
        if rendered != word:
            yield start, end, rendered


def _message(word: str, fixed: str | None) -> str:
    if REPLACEMENT in word and fixed is None:
        return (f"`{word}` contains U+FFFD, the replacement character: a character was lost when the "
                "text was converted between encodings; restore it from the original")
    if fixed is not None and not fixed.strip():
        return f"`{word}` is a mangled no-break space (UTF-8 read as Windows-1252): delete it"
    return f"`{word}` is garbled encoding (UTF-8 read as Windows-1252, 'mojibake'): it should read `{fixed}`"


@register("encoding", severity="error", description="mojibake and replacement characters")
def find_encoding_errors(doc: Doc) -> Iterator[Hit]:
    text = doc_text(doc)
    for start, end, fixed in find_encoding_matches(text):
        word = text[start:end]
        suggestion = fixed if fixed and fixed.strip() else None
        yield Hit(start, end, _message(word, fixed), suggestion=suggestion)
    for start, end, rendered in find_html_entities(text):
        shown = "a space" if rendered.isspace() else f"`{rendered}`"
        yield Hit(start, end, f"`{text[start:end]}` holds an HTML entity that was never rendered: it should read "
                              f"{shown}", suggestion=" " if rendered.isspace() else rendered)

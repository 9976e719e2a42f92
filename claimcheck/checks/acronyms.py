"""`acronym_mismatch`: an acronym used but never defined, one edit away from one that was.

Machine translation and hurried editing swap one acronym for a look-alike:
`borderline personality disorder (BPD)` ... `overactive in BDD patients`. The reader meets an
acronym nobody introduced, while the article's own acronym is one letter away.

1. Definitions are found the Schwartz-Hearst way: `long form (SF)` and `SF (long form)`, or
   a gloss that spells it out (`long form, or SF`, `SF, or long form`), the short form's
   letters matched right to left against the long form, its first letter at the start of a
   word. Only such checked definitions are proposed as "did you mean".
2. An acronym counts as introduced (never flagged) when it is defined that way, appears in
   parentheses anywhere, is glossed loosely (`SF, or long form`, `known as SF`), spelled out as a
   capitalised phrase, or is in the curated list of acronyms readers know (WHO, MRI, HIV ...).
3. An all-caps token of 2-6 characters that is not introduced, not a unit, state code, roman
   numeral or shouted word, and is one edit (substitution, transposition, insertion,
   deletion) from a defined acronym that is used at least as often, is flagged at each
   occurrence.

Cost: ~0.06 ms per article. The definition and acronym patterns are tried only where a match
can begin (near a parenthesis, a gloss key word, two capitals), and acronyms in use are looked
for only when the article defines one.

Word lists live in `data/acronyms.json`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import OSA
from spacy.tokens import Doc

from ..data import load_data
from ..nlp.regex import find_starts, matches_at
from ..nlp.sentences import doc_text, sentence_bounds
from .registry import Hit, register

_DATA_FILE = "acronyms.json"
_KEYS = {"known", "units", "us_states", "common_words"}


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The lists of `data/acronyms.json`, validated once (unknown keys rejected)."""
    raw = load_data(_DATA_FILE, _KEYS, string_lists=_KEYS)
    return {key: frozenset(words) for key, words in raw.items()}


# --- finding definitions -----------------------------------------------------------------

# "(BPD)", "(BPDs)", "(BoNT)", "(SGLT2)": a short form in parentheses.
_PAREN_SF = re.compile(r"\((?P<sf>[A-Za-z][A-Za-z0-9\-&]{0,9}[A-Za-z0-9]|[A-Z])\)")
# "BPD (borderline personality disorder)": a short form followed by its long form.
_SF_PAREN_LF = re.compile(r"(?<![\w\-])(?P<sf>[A-Z][A-Za-z0-9\-&]{1,9})\s*\((?P<lf>[^()]{3,120})\)")
# Loose glosses: "BPD, or borderline ...", "borderline ..., or BPD", "known as BPD", "BPD stands for".
_LOOSE_GLOSS = re.compile(
    r"(?:\b(?:known|referred\s+to|abbreviated)\s+as|\bcalled|,\s*or|\bshort\s+for|\bi\.e\.)\s+(?:the\s+)?[\"“‘']?(?P<a>[A-Z][A-Za-z0-9]{1,6})\b"
    r"|\b(?P<b>[A-Z][A-Za-z0-9]{1,6})[\"”’']?\s*(?:,\s*(?:or|short\s+for|which\s+stands\s+for)|\s+(?:stands\s+for|is\s+short\s+for))\b"
    # an apposition, "the Infant and Young Child Feeding programme, IYCF, which ...": a definition
    # only where the words before spell it
    r"|,\s+(?P<c>[A-Z][A-Z0-9]{1,6})(?=\s*,)"
)
_WORD = re.compile(r"[^\W_][\w'’\-]*")


def _is_short_form(sf: str) -> bool:
    letters = [c for c in sf if c.isalpha()]
    return 2 <= len(sf) <= 10 and len(letters) >= 2 and sum(c.isupper() for c in sf) >= 2


def best_long_form(short: str, long: str) -> str | None:
    """Schwartz & Hearst (2003): the shortest end of `long` whose characters spell `short`.

    Each short-form character is matched right to left in the long form; the first one must
    begin a word. Returns None when the letters cannot be found in order.
    """
    s = len(short) - 1
    l_ = len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l_ >= 0 and (long[l_].lower() != c or (s == 0 and l_ > 0 and long[l_ - 1].isalnum())):
            l_ -= 1
        if l_ < 0:
            return None
        l_ -= 1
        s -= 1
    start = long.rfind(" ", 0, l_ + 1) + 1
    result = long[start:].strip()
    words = result.split()
    if not words or len(result) <= len(short) or short.lower() in (w.lower() for w in words):
        return None
    if len(words) > min(len(short) + 5, len(short) * 2):
        return None
    return result


def _normalise(sf: str) -> str:
    """`BPDs` -> `BPD`, `BPD's` -> `BPD`."""
    sf = re.sub(r"['’]s$", "", sf)
    if len(sf) > 2 and sf.endswith("s") and sf[:-1].isupper():
        sf = sf[:-1]
    return sf


@dataclass
class Definitions:
    """What the article defines: checked definitions (short form -> long form), and every
    short form it introduces in any way."""

    defined: dict[str, str]
    introduced: set[str]


def find_definitions(text: str) -> Definitions:
    """Every definition and introduction of a short form in `text`."""
    definitions = checked_definitions(text)
    definitions.introduced |= glossed(text)
    return definitions


def checked_definitions(text: str) -> Definitions:
    """`long form (SF)` and `SF (long form)` definitions, and every short form in parentheses;
    not the loose glosses (`glossed`)."""
    defined: dict[str, str] = {}
    introduced: set[str] = set()
    for m in _PAREN_SF.finditer(text):
        sf = _normalise(m["sf"])
        if not _is_short_form(sf):
            continue
        introduced.add(sf)
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start() - 1)) + 1
        before = text[line_start:m.start()].rstrip()
        words = before.split()[-min(len(sf) + 5, len(sf) * 2):]
        long = best_long_form(sf, " ".join(words)) if words else None
        if long and sf not in defined:
            defined[sf] = long.strip(" ,;:\"“”")
    for m in matches_at(_SF_PAREN_LF, text, _sf_paren_starts(text)):
        sf, lf = _normalise(m["sf"]), m["lf"].strip()
        if not _is_short_form(sf) or len(lf.split()) < 2:
            continue
        long = best_long_form(sf, lf)
        if long and long == lf:
            introduced.add(sf)
            defined.setdefault(sf, lf)
    return Definitions(defined, introduced)


def _spells_initials(sf: str, long: str) -> bool:
    """Whether each letter of `sf` opens a word of `long` (an apposition must spell its words out:
    "Infant and Young Child Feeding, IYCF")."""
    initials = [w[0].upper() for w in re.findall(r"[A-Za-z][\w'’-]*", long) if w.lower() not in ("and", "of", "the", "for", "in", "on")]
    letters = [c for c in sf if c.isalpha()]
    return initials[:len(letters)] == letters or initials[-len(letters):] == letters


def glossed(text: str) -> set[str]:
    """Short forms glossed loosely: `SF, or long form`, `known as SF`, `SF stands for`."""
    return set(glossed_definitions(text))


def glossed_definitions(text: str) -> dict[str, str | None]:
    """The short forms glossed loosely, each with its long form when the gloss spells it out
    (`human papillomavirus, or HPV`, `HPV, or human papillomavirus`: checked as a definition
    in parentheses is, `best_long_form`), else None (`known as HPV`)."""
    found: dict[str, str | None] = {}
    for m in matches_at(_LOOSE_GLOSS, text, _gloss_starts(text)):
        sf = _normalise(m["a"] or m["b"] or m["c"])
        if not _is_short_form(sf):
            continue
        if m["a"] or m["c"]:  # the long form before the gloss: "human papillomavirus, or HPV"
            line_start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start())) + 1
            words = text[line_start:m.start()].split()[-min(len(sf) + 5, len(sf) * 2):]
        else:  # after it: "HPV, or human papillomavirus"
            words = text[m.end():m.end() + 120].split()[:min(len(sf) + 5, len(sf) * 2)]
            words = [w.rstrip(".,;:)") for w in words]
            # the long form ends where its letters do: tried from the shortest
            words = next((words[:n] for n in range(1, len(words) + 1)
                          if best_long_form(sf, " ".join(words[:n])) == " ".join(words[:n])), [])
        long = best_long_form(sf, " ".join(words)) if words else None
        if m["c"] and (long is None or not _spells_initials(sf, long)):
            continue  # "in the UK, USA, and France": a list, no definition
        if found.get(sf) is None:
            found[sf] = long.strip(" ,;:\"“”") if long else None
    return found


# "the ZEPHYR trial", "ZEPHYR study": a trial named by its acronym, which news rarely spells out
_TRIAL_NAME = re.compile(r"(?<![\w-])(?P<sf>[A-Z][A-Z0-9]{2,9})(?:-\d+)?\)?\s+(?:trial|study|studies|programme|program|registry)\b")


def named_trials(text: str) -> dict[str, str]:
    """The trials (studies, registries) named by an acronym and used twice or more: an acronym
    one letter away from one is a slip for it as for a defined one (`ZEPHR` in a story of the
    ZEPHYR trial, whose name, "(ZEPHYR) trial", spells no checked definition). Looked for at
    " trial", " stud", " program" and " regist" only."""
    found: dict[str, str] = {}
    for word in (" trial", " stud", " program", " regist"):
        for at in find_starts(text, (word,)):
            m = _TRIAL_NAME.search(text, max(0, at - 14), at + 12)
            if m and m.end() > at and m["sf"] not in found and text.count(m["sf"]) >= 2:
                found[m["sf"]] = f"the {m['sf']} {m.group().split()[-1]}"
    return found


# --- where the definition patterns can match ---------------------------------------------
# Scanning a whole article with `_SF_PAREN_LF` or `_LOOSE_GLOSS` costs ~0.06 and ~0.24 ms: the
# regex engine tries them at every character. Each of their matches holds a literal that
# `str.find` locates at once (an opening parenthesis; a key word of the gloss), with the
# short form at most a few characters before it; the patterns are tried only at those places.


def _skip_space_back(text: str, end: int) -> int:
    """The start of the whitespace run ending at `end` (`str.isspace` is what `\\s` matches)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _capitals_before(text: str, end: int, longest: int) -> list[int]:
    """Positions of the ASCII capitals that could begin a short form of 2..`longest`
    characters ending at `end`."""
    return [p for p in range(max(0, end - longest), end - 1) if "A" <= text[p] <= "Z"]


def _sf_paren_starts(text: str) -> list[int]:
    """Where `_SF_PAREN_LF` can match: a capital 2-10 characters before an opening parenthesis
    (and any whitespace before it)."""
    starts = []
    for paren in find_starts(text, ("(",)):
        starts.extend(_capitals_before(text, _skip_space_back(text, paren), 10))
    return sorted(set(starts))


# The key words of `_LOOSE_GLOSS`; its first branch begins at one of them, or at the comma of
# `, or`. Its second branch ends in `, or` / `, short for` / `, which stands for` (found by
# `_GLOSS_COMMA`) or `stands for` / `is short for` (found as key words).
_GLOSS_WORDS = ("known", "referred", "abbreviated", "called", "short", "stands", "i.e.")
_GLOSS_COMMA = re.compile(r",(?=\s*(?:or|short|which|[A-Z][A-Z0-9]{1,6}\s*,))")
_QUOTES = "\"”’'"


def _gloss_starts(text: str) -> list[int]:
    """Where `_LOOSE_GLOSS` can match: at a key word or a gloss comma, or at a capital that
    begins a 2-7 character short form before one (then maybe a quote, whitespace, `is`)."""
    starts = []
    anchors = [m.start() for m in _GLOSS_COMMA.finditer(text)]
    for word in _GLOSS_WORDS:
        anchors.extend(find_starts(text, (word,)))
    for anchor in anchors:
        starts.append(anchor)
        end = _skip_space_back(text, anchor)
        if text.startswith("short", anchor) and text.endswith("is", 0, end):
            end = _skip_space_back(text, end - 2)  # "SF is short for"
        if end > 0 and text[end - 1] in _QUOTES:
            end -= 1
        starts.extend(_capitals_before(text, end, 7))
    return sorted(set(starts))


# --- acronyms in use ---------------------------------------------------------------------

# An all-caps token of 2-6 characters (digits allowed after the first letter), with an
# optional plural or possessive; not part of a code (`GLX-4`, `IL-6`, `anti-TNF`).
_ACRONYM = re.compile(r"(?<![\w\-/.@&])(?P<sf>[A-Z][A-Z0-9]{1,5})(?:s|['’]s)?(?![\w@]|-\d|\.\w|/\w)")


def _acronym_starts(text: str) -> list[int]:
    """Every position where `_ACRONYM` can begin: a capital followed by a capital or a digit
    (`[A-Z](?=[A-Z0-9])`), found with numpy over the code points: `re` looking for a character
    class takes ~5 ns a character, and `_ACRONYM`'s look-behind would make it try every one."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    capital = (codes - np.uint32(ord("A"))) < 26  # below `A` wraps round to a large number
    digit = (codes - np.uint32(ord("0"))) < 10
    return np.flatnonzero(capital[:-1] & (capital[1:] | digit[1:])).tolist()


# Roman numerals as news uses them (Phase III, World War II, Henry VIII, XXI); not MCL or CD,
# which read as acronyms
_ROMAN = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")


def _shouting_line(text: str, start: int, end: int, exempt: frozenset[str] | set[str]) -> bool:
    """A headline or shouted phrase: other all-caps words beside this one, or a caps line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    words = [(m.start() + line_start, m.group(0)) for m in _WORD.finditer(text[line_start:line_end])]
    alpha = [(pos, w) for pos, w in words if any(c.isalpha() for c in w)]
    caps = [(pos, w) for pos, w in alpha if w.isupper() and len(w) >= 2]
    if len(alpha) >= 2 and len(caps) / len(alpha) >= 0.6:
        return True
    index = next((i for i, (pos, _) in enumerate(alpha) if pos <= start < pos + len(_)), None)
    if index is None:
        return False
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(alpha):
            word = alpha[neighbour][1]
            core = _normalise(word)
            if word.isupper() and len(core) >= 3 and core not in exempt:
                return True
    return False


def _sentence_index(doc: Doc):
    """offset -> index of its sentence."""
    starts = [start for start, _end in sentence_bounds(doc)]
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)


def _spelled_out(text: str, sf: str) -> bool:
    """`Body Dysmorphic Disorder` somewhere: the acronym's letters as a capitalised phrase.
    The pattern is tried only where its first letter stands (`str.find`): searched for, its
    leading `\\b` made `re` try it at every character (~80 us an article)."""
    letters = [c for c in sf if c.isalpha()]
    if len(letters) < 2:
        return False
    skip = r"(?:(?:of|and|the|for|in|on|&)\s+)?"
    pattern = r"\b" + skip.join(rf"{c}[\w\-]*\s+" for c in letters[:-1]) + skip + rf"{letters[-1]}[\w\-]*"
    return next(matches_at(re.compile(pattern), text, find_starts(text, (letters[0],))), None) is not None


def _one_edit(used: str, defined: str) -> bool:
    """One substitution, transposition, insertion or deletion of a letter (not a digit)."""
    if used == defined or used.upper() == defined.upper() or OSA.distance(used, defined) != 1:
        return False
    if min(len(used), len(defined)) < 3:
        # two letters leave too little to go on: only a swap (`SB` for `BS`)
        return len(used) == len(defined) == 2 and used == defined[::-1]
    diff = [(a, b) for a, b in zip(used, defined) if a != b] if len(used) == len(defined) else []
    if diff and all(a.isdigit() and b.isdigit() for a, b in diff):
        return False  # H5N1 and H5N2, SGLT1 and SGLT2: numbered siblings
    if len(used) != len(defined):
        longer, shorter = (used, defined) if len(used) > len(defined) else (defined, used)
        if longer.startswith(shorter) or longer.endswith(shorter):
            return False  # a letter added at an end is a word added: NSCLC and SCLC, PCOS and PCO
        extra = next((c for i, c in enumerate(longer) if i >= len(shorter) or c != shorter[i]), "")
        if extra.isdigit() or extra.islower():
            return False  # HFpEF and HFEF, BRCA1 and BRCA
    return True


@register(
    "acronym_mismatch",
    severity="warning",
    description="an acronym never defined that is one edit from one the article defined (BPD ... BDD)",
)
def find_acronym_mismatches(doc: Doc) -> Iterator[Hit]:
    text = doc_text(doc)
    lists = word_lists()
    definitions = checked_definitions(text)
    glosses = glossed_definitions(text)  # a gloss may define one too ("human papillomavirus, or HPV")
    targets = {**named_trials(text), **{sf: long for sf, long in glosses.items() if long}, **definitions.defined}
    if not targets:
        return  # nothing to be mistaken for
    uses: list[tuple[str, int, int]] = []
    for m in matches_at(_ACRONYM, text, _acronym_starts(text)):
        sf = m["sf"]
        if sf[1:].isdigit():
            continue  # one letter (`_ACRONYM` allows only capitals and digits after the first)
        uses.append((sf, m.start("sf"), m.end("sf")))
    counts = Counter(sf for sf, _, _ in uses)
    sentences = _Sentences(doc, uses)
    exempt = lists["known"] | lists["units"] | lists["common_words"] | definitions.introduced | set(glosses)
    verdicts: dict[str, tuple[str, str] | None] = {}
    for sf, start, end in uses:
        if sf not in verdicts:
            verdicts[sf] = _match_defined(sf, text, targets, counts, sentences, exempt, lists)
        verdict = verdicts[sf]
        if verdict is None or _shouting_line(text, start, end, exempt):
            continue
        target, long_form = verdict
        yield Hit(
            start, end,
            f"`{sf}` is never defined; did you mean `{target}` ({long_form})?",
            target,
        )


class _Sentences:
    """The sentences (indices) each acronym is used in, worked out for an acronym only when
    asked (rarely: for a look-alike of a defined one)."""

    def __init__(self, doc: Doc, uses: list[tuple[str, int, int]]) -> None:
        self._doc, self._uses = doc, uses
        self._sentence_of = None
        self._known: dict[str, set[int]] = {}

    def side_by_side(self, a: str, b: str, reach: int = 60) -> bool:
        """Whether `a` and `b` are used in one sentence within `reach` characters of each other
        (`SSRIs and SNRIs`, `IBS, unlike IBD`), not merely somewhere in one long sentence."""
        if not self.of(a) & self.of(b):
            return False
        starts_b = [start for used, start, _end in self._uses if used == b]
        return any(abs(start - other) <= reach for used, start, _end in self._uses if used == a for other in starts_b)

    def of(self, sf: str) -> set[int]:
        if sf not in self._known:
            if self._sentence_of is None:
                self._sentence_of = _sentence_index(self._doc)
            self._known[sf] = {self._sentence_of(start) for used, start, _end in self._uses if used == sf}
        return self._known[sf]


def _match_defined(
    sf: str,
    text: str,
    targets: dict[str, str],
    counts: Counter,
    sentences: _Sentences,
    exempt: frozenset[str],
    lists: dict[str, frozenset[str]],
) -> tuple[str, str] | None:
    """The defined acronym an undefined `sf` is a slip for, or None.

    A look-alike named beside the defined one, in one sentence, is a deliberate contrast
    (`SSRIs and SNRIs`, `IBS, unlike IBD, ...`), not a slip.
    """
    if sf in exempt or sf in targets or _ROMAN.match(sf):
        return None
    if len(sf) == 2 and sf in lists["us_states"]:
        return None
    candidates = [
        t for t in targets
        if _one_edit(sf, t) and counts.get(t, 0) >= counts[sf]
        and not sentences.side_by_side(sf, t)
    ]
    if not candidates or _spelled_out(text, sf):
        return None
    best = max(candidates, key=lambda t: counts.get(t, 0))
    return best, targets[best]

"""The `residue` check: page furniture left in the article body (`Go to top button`,
`Related articles`, `Subscribe now for free ...`, `Powered By: ...`, cookie banners, share
bars, comment-section prompts, breadcrumbs glued into words: `Beautifyingbeauty and
healthHealth`).

Furniture is a line of its own, so the rules are about lines, never words inside prose: a
rule either is the whole line (`Related articles`), starts the line (`Subscribe now ...`) or
sits in a short line (`... Powered By: XYZScripts.com`), and lines longer than the rule's
`max_words` are prose. The rules are data (`claimcheck/data/residue.json`), validated and
compiled once at import. Bylines, datelines, press-release endings (`Ends`, `Notes to
editors`, `Media contact`), contact details, captions and headings match no rule.

Cost: ~0.04 ms per article. A line is tried only against the rules that can open with its
first three characters (read from the parsed rules: prose lines meet none), and the rules that
need a literal (`cookies`, `›`) only in an article that holds one. In an article holding none,
the lines whose first three characters no rule can open with are skipped with one search of the
case-folded text (`Prefilter.lines_to_try`), without a Python step each.
"""

from __future__ import annotations

import json
import re
import re._constants as _sre_constants
import re._parser as _sre_parser
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from spacy.tokens import Doc

from ..nlp.regex import alternation, fold_case
from ..nlp.sentences import doc_text
from ..nlp.tables import table_line_starts
from .shared import folded_text
from .registry import Hit, register

DATA_FILE = "residue.json"
_TOP_KEYS = {"about", "rules", "glued_breadcrumb"}
_RULE_REQUIRED = {"id", "match", "pattern", "message"}
_RULE_OPTIONAL = {"max_words", "requires", "ignore_case", "after_furniture", "unless_next_line"}
_GLUE_KEYS = {"max_words", "first_lines", "message"}
_MATCH_KINDS = ("line", "start", "contains")

# what may surround furniture on its line: bullets, arrows, separators, a closing colon
_LEAD = r"[ \t]*(?:[-–—•·*>›»|#↑⬆▲][ \t]*)*"
_TAIL = r"[ \t]*(?:[.:›»→↑⬆▲|][ \t]*)*"


@dataclass(frozen=True)
class ResidueRule:
    id: str
    match: str
    pattern: re.Pattern[str]  # compiled for its `match` kind, group "f" = the furniture
    message: str
    max_words: int | None = None
    requires: re.Pattern[str] | None = None
    after_furniture: bool = False  # only right after another furniture line (`Share this:` / `Twitter`)
    unless_next_line: re.Pattern[str] | None = None  # not when the next line begins so (a disclosure)
    source: str = ""  # `pattern` without group "f", the bullets before it or `^`, its flags inline


@dataclass(frozen=True)
class GlueConfig:
    max_words: int
    first_lines: int
    message: str


def _compile(item: dict, where: str) -> ResidueRule:
    missing, unknown = _RULE_REQUIRED - set(item), set(item) - _RULE_REQUIRED - _RULE_OPTIONAL
    if missing or unknown:
        raise ValueError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    if item["match"] not in _MATCH_KINDS:
        raise ValueError(f"{where}: 'match' must be one of {_MATCH_KINDS}")
    max_words = item.get("max_words")
    if item["match"] != "line" and not (isinstance(max_words, int) and max_words > 0):
        raise ValueError(f"{where}: a {item['match']!r} rule needs a positive 'max_words'")
    ignore_case = item.get("ignore_case", True)
    flags = re.IGNORECASE if ignore_case else 0
    body = item["pattern"]
    try:
        pattern = re.compile(_rule_source(item["match"], f"(?P<f>(?:{body}))"), flags)
        requires = re.compile(item["requires"], flags) if item.get("requires") else None
        unless_next = re.compile(item["unless_next_line"], flags) if item.get("unless_next_line") else None
    except re.error as err:
        raise ValueError(f"{where}: bad regular expression: {err}") from err
    after = item.get("after_furniture", False)
    if not isinstance(after, bool):
        raise ValueError(f"{where}: 'after_furniture' must be true or false")
    source = f"(?{'i' if ignore_case else '-i'}:{_after_lead(item['match'], f'(?:{body})')})"
    return ResidueRule(item["id"], item["match"], pattern, item["message"], max_words, requires, after, unless_next, source)


def _rule_source(match: str, furniture: str) -> str:
    """The regex of a rule of kind `match` around the group `furniture`: the whole line
    (bullets and arrows aside), the start of the line, or anywhere in it."""
    return furniture if match == "contains" else rf"^{_LEAD}{_after_lead(match, furniture)}"


def _after_lead(match: str, furniture: str) -> str:
    """What follows the bullets of a `line` or `start` rule (or is all of a `contains` rule)."""
    return rf"{furniture}{_TAIL}$" if match == "line" else furniture


def parse_rules(raw: object, source: str = DATA_FILE) -> tuple[tuple[ResidueRule, ...], GlueConfig]:
    """Validate the JSON rules and compile them. Raises ValueError naming the bad rule."""
    if not isinstance(raw, dict) or set(raw) != _TOP_KEYS:
        raise ValueError(f"{source}: expected an object with keys {sorted(_TOP_KEYS)}")
    rules = []
    for i, item in enumerate(raw["rules"]):
        if not isinstance(item, dict):
            raise ValueError(f"{source}: rule {i}: not an object")
        rules.append(_compile(item, f"{source}: rule {item.get('id', i)}"))
    if len({r.id for r in rules}) != len(rules):
        raise ValueError(f"{source}: duplicate rule ids")
    glue = raw["glued_breadcrumb"]
    if not isinstance(glue, dict) or set(glue) != _GLUE_KEYS:
        raise ValueError(f"{source}: 'glued_breadcrumb' must have keys {sorted(_GLUE_KEYS)}")
    return tuple(rules), GlueConfig(int(glue["max_words"]), int(glue["first_lines"]), str(glue["message"]))


def load_rules() -> tuple[tuple[ResidueRule, ...], GlueConfig]:
    raw = json.loads(resources.files("claimcheck.data").joinpath(DATA_FILE).read_text("utf-8"))
    return parse_rules(raw)


# --- which rules can start a line with a given character --------------------------------------
#
# Trying one alternation of all ~200 anchored phrases on every line costs ~4.5 µs a line: `re`
# tries each case-insensitive alternative in turn. The rules a line can match are known from the
# first character after its bullets, so each character gets the alternation of its own rules.
# The characters a rule can start with are read from its parsed regex (`re._parser`) and are a
# superset of the truth: lookaheads are skipped, case is ignored, an unknown construct may start
# with anything. Only ASCII characters, the bullets and opening curly quotes are told apart; a
# line whose first character is anything else is tried against every rule.

_LEAD_ONLY = re.compile(_LEAD)
_LEAD_CHARS = frozenset(" \t-–—•·*>›»|#↑⬆▲")
_QUOTES = frozenset("“‘")  # opening quotes: quoted prose lines start with them, and no rule does
_UNIVERSE = frozenset(map(chr, range(128))) | _LEAD_CHARS | _QUOTES  # the characters told apart
_CATEGORIES = {
    _sre_constants.CATEGORY_DIGIT: r"\d", _sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    _sre_constants.CATEGORY_SPACE: r"\s", _sre_constants.CATEGORY_NOT_SPACE: r"\S",
    _sre_constants.CATEGORY_WORD: r"\w", _sre_constants.CATEGORY_NOT_WORD: r"\W",
}
_ONE_CHAR = (_sre_constants.LITERAL, _sre_constants.IN)
_REPEATS = (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT, _sre_constants.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_sre_constants.AT, _sre_constants.ASSERT, _sre_constants.ASSERT_NOT)


def _class_source(op, av) -> str | None:
    """A regex for one parsed single-character item (a literal or a class), or None."""
    if op is _sre_constants.LITERAL:
        return re.escape(chr(av))
    members = []
    for member_op, member_av in av:
        if member_op is _sre_constants.LITERAL:
            members.append(re.escape(chr(member_av)))
        elif member_op is _sre_constants.RANGE:
            members.append(f"{re.escape(chr(member_av[0]))}-{re.escape(chr(member_av[1]))}")
        elif member_op is _sre_constants.CATEGORY and member_av in _CATEGORIES:
            members.append(_CATEGORIES[member_av])
        else:
            return None  # a negated class, or anything unusual: it may be any character
    return f"[{''.join(members)}]"


def _item_chars(op, av) -> frozenset[str]:
    """The characters of `_UNIVERSE` one parsed single-character item can match, case ignored."""
    source = _class_source(op, av) if op in _ONE_CHAR else None
    return _UNIVERSE if source is None else _class_chars(source)


@lru_cache(maxsize=None)
def _class_chars(source: str) -> frozenset[str]:
    """The characters of `_UNIVERSE` a one-character regex matches, case ignored (the same few
    classes and letters come up again and again in the rules)."""
    one = re.compile(source, re.IGNORECASE)
    return frozenset(c for c in _UNIVERSE if one.fullmatch(c))


def _first_chars(items) -> tuple[frozenset[str], bool]:
    """The characters (of `_UNIVERSE`) a parsed regex can begin with, and whether it can
    match the empty string."""
    chars: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op in _ONE_CHAR or op in (_sre_constants.ANY, _sre_constants.NOT_LITERAL):
            first, nullable = _item_chars(op, av), False
        elif op is _sre_constants.BRANCH:
            branches = [_first_chars(branch) for branch in av[1]]
            first = frozenset().union(*(b[0] for b in branches))
            nullable = any(b[1] for b in branches)
        elif op is _sre_constants.SUBPATTERN:
            first, nullable = _first_chars(av[3])
        elif op is _sre_constants.ATOMIC_GROUP:
            first, nullable = _first_chars(av)
        elif op in _REPEATS:
            first, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        else:
            first, nullable = _UNIVERSE, True  # a back-reference or the like: anything
        chars |= first
        if not nullable:
            return frozenset(chars), False
    return frozenset(chars), True


def rule_start_keys(rule: ResidueRule) -> frozenset[str] | None:
    """The lower-cased ASCII characters a line can show after its bullets when `rule` matches
    it, or None when the rule must be tried on every line (it may match nothing at the start,
    or start with a bullet or a space, where the bullets before it could end earlier)."""
    chars, nullable = _first_chars(_sre_parser.parse(rule.source))
    if nullable or chars & _LEAD_CHARS:
        return None
    if not chars:
        raise ValueError(f"{DATA_FILE}: rule {rule.id}: its pattern can start with no character")
    return frozenset(c.lower() for c in chars if c.isascii() or c in _QUOTES)


# --- the first three characters a rule can match ----------------------------------------------
#
# Most lines are prose beginning with `The`, `A `, `In` ...; the rules beginning with `t` (`top
# of page`, `tweet`, `trending` ...) all fail on `The`, but `re` tries each of their alternatives
# in turn to find out. The first three characters of what a rule can match (lower-cased, read
# from its parsed regex like the first character above, a superset again) settle most lines
# with one set look-up.

_OPENING = 3  # characters
_MAX_OPENINGS = 5000  # a rule that can open in more ways than this is tried on every line


class _TooMany(Exception):
    """A rule opens in too many (or unknown) ways to list them."""


def _extend(heads: set[str], done: set[str], tails: frozenset[str], room: int) -> set[str]:
    """Each unfinished head followed by each of `tails` (what the next item can match), cut at
    `room` characters; the results of full length go to `done`, the others are returned
    (unfinished: more items may follow)."""
    unfinished: set[str] = set()
    for head in heads:
        for tail in tails:
            joined = head + tail[:room - len(head)]
            (done if len(joined) == room else unfinished).add(joined)
    if len(done) + len(unfinished) > _MAX_OPENINGS:
        raise _TooMany
    return unfinished


def _openings_of(items, room: int = _OPENING) -> frozenset[str]:
    """Every way (lower-cased, of `_UNIVERSE`) a parsed regex can begin: its first `room`
    characters, or all of a shorter match. Look-arounds and anchors are skipped (a superset)."""
    done: set[str] = set()
    heads = {""}
    for op, av in items:
        if not heads:
            break
        if op in _ZERO_WIDTH:
            continue
        left = room - min(map(len, heads))  # the most characters the item can still add
        if op in _ONE_CHAR or op in (_sre_constants.ANY, _sre_constants.NOT_LITERAL):
            tails = frozenset(c.lower() for c in _item_chars(op, av))
        elif op is _sre_constants.BRANCH:
            tails = frozenset().union(*(_openings_of(branch, left) for branch in av[1]))
        elif op is _sre_constants.SUBPATTERN:
            tails = _openings_of(av[3], left)
        elif op is _sre_constants.ATOMIC_GROUP:
            tails = _openings_of(av, left)
        elif op in _REPEATS:
            tails = _repeat_openings(av[0], av[1], _openings_of(av[2], left), left)
        else:
            raise _TooMany  # a back-reference or the like
        heads = _extend(heads, done, tails, room)
    return frozenset(done | heads)


def _repeat_openings(least: int, most: int, body: frozenset[str], room: int) -> frozenset[str]:
    """The openings (of `room` characters) of `least` to `most` repeats of a regex that opens in
    the ways `body`. Past `room` repeats every opening is full or the body matched nothing: no
    new ones."""
    done: set[str] = set()
    heads, ended = {""}, set()
    for count in range(min(most, room + 1)):
        if count >= least:
            ended |= heads
        heads = _extend(heads, done, body, room)
    return frozenset(done | heads | ended)


def rule_openings(rule: ResidueRule) -> frozenset[str] | None:
    """The lower-cased first three characters (or all, if fewer) of whatever `rule` can match
    after a line's bullets, or None when they are too many to list."""
    if rule_start_keys(rule) is None:
        return None
    try:
        return _openings_of(_sre_parser.parse(rule.source))
    except _TooMany:
        return None


def line_opening(line: str, at: int) -> str | None:
    """The first three characters of `line` from `at`, lower-cased; None when one is not of
    `_UNIVERSE` (lower-casing it may not be exact, and the openings only list those)."""
    opening = line[at:at + _OPENING]
    if not opening.isascii() and any(c not in _UNIVERSE for c in opening):
        return None
    return opening.lower()


# --- literals a rule's match must contain ------------------------------------------------------
#
# `Go to top` holds `top`, a cookie banner `cookies` or `privacy policy`, a breadcrumb `›` or
# `»`. A rule that needs one of a few such literals is left out of the alternations: it is
# tried alone, only in an article that holds one of them (looked up once in the lower-cased
# text), and there only on the lines that hold one. Lower-casing is exact only where every
# character lower-cases alone: in an article with a non-ASCII letter (`ſ` matches `s` when case
# is ignored) such rules are tried on every line, and a literal with one is never used.

_MAX_LITERALS = 6  # a rule needing one of more literals than this stays in the alternations
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _is_plain(literal: str) -> bool:
    """ASCII or characters without case (`›`, `©`): lower-casing them is exact."""
    return all(c.isascii() or c.lower() == c.upper() for c in literal)


def _usable(literals: frozenset[str]) -> bool:
    """Few enough, none empty, and all exact once lower-cased."""
    return 0 < len(literals) <= _MAX_LITERALS and "" not in literals and all(map(_is_plain, literals))


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two literal sets: a usable one, then the longer shortest
    literal, then fewer literals."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (_usable(s), min(map(len, s)), -len(s)))


def _required(items) -> frozenset[str] | None:
    """Lower-cased literals one of which every match of a parsed regex contains, or None."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is _sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run).lower()}))
            run = []
        found = None
        if op is _sre_constants.IN and len(av) <= 4 and all(m is _sre_constants.LITERAL for m, _ in av):
            found = frozenset(chr(c).lower() for _, c in av)
        elif op is _sre_constants.SUBPATTERN:
            found = _required(av[3])
        elif op is _sre_constants.ATOMIC_GROUP:
            found = _required(av)
        elif op in _REPEATS and av[0] >= 1:
            found = _required(av[2])
        elif op is _sre_constants.BRANCH:
            branches = [_required(branch) for branch in av[1]]
            found = None if None in branches else frozenset().union(*branches)
        best = _better(best, found)
    if run:
        best = _better(best, frozenset({"".join(run).lower()}))
    return best


def required_literals(source: str) -> frozenset[str] | None:
    """The literals (lower case) one of which a line matching `source` holds, when there are
    at most `_MAX_LITERALS` of them and lower-casing them is exact; else None."""
    literals = _required(_sre_parser.parse(source))
    return literals if literals is not None and _usable(literals) else None


def lowered(text: str) -> str | None:
    """`text` lower-cased (the same length), or None when a non-ASCII letter makes that inexact."""
    if not text.isascii() and any(c.lower() != c.upper() for c in set(_NON_ASCII.findall(text))):
        return None
    return text.lower()


@dataclass(frozen=True)
class GatedRule:
    """A rule tried alone, only on a line holding one of its `literals`."""

    literals: frozenset[str]
    pattern: re.Pattern[str]  # anchored after the bullets, or searched anywhere in the line
    anchored: bool
    finder: re.Pattern[str]  # `_literal_finder(literals)`

    def occurs_in(self, low: str) -> bool:
        """Whether one of the literals is in `low`, a lower-cased line."""
        return self.finder.search(low) is not None

    def may_match(self, line: str, low: str | None) -> bool:
        """Whether the rule's pattern matches `line`, which reads `low` lower-cased (None: a
        line lower-casing does not keep exact)."""
        if low is not None and not self.occurs_in(low):
            return False
        return (self.pattern.match(line) if self.anchored else self.pattern.search(line)) is not None


def _literal_finder(literals: Iterable[str]) -> re.Pattern[str]:
    """A case-sensitive regex finding any of `literals` (none: never), as a trie; a space in a
    literal matches any whitespace there, which only widens it."""
    literals = set(literals)
    return re.compile(alternation(literals) if literals else "(?!)")


def _alternation(sources: list[str]) -> re.Pattern[str]:
    """Anchored at the start of a line, after its bullets: any of `sources`."""
    return re.compile(rf"^{_LEAD}(?:{'|'.join(sources) or '(?!)'})")


_WIDE_START = 20  # an anchored rule that can start with this many characters is gated when it can be


def _by_search(literal: str) -> bool:
    """Whether `re` finds `literal` faster than `str.find`: when it is longer than a character and
    begins with ASCII punctuation (`(c)`). `re` skips to each rare first character; `str.find`
    steps one character at a time past every letter that shares a slot of its skip filter
    with one of the literal's (`h` with `(`, `i` with `)`), ~1.6x slower there."""
    return len(literal) > 1 and literal.isascii() and not literal[0].isalnum() and not literal[0].isspace()


@dataclass(frozen=True)
class Prefilter:
    """Proves that no rule matches a line, so that the rules need not be tried one by one on
    the prose lines. The anchored rules are one alternation per first character after the
    bullets (`by_first`; all of them, `anchored`, for a character not in it), except those that
    can start with almost any letter (`Ab › Cd`, `Any Site uses cookies`) and need one of a few
    literals (`gated_by_first`). The `contains` rules are gated the same way when they can be
    (`contained_gated`), the others one alternation (`contained`); both are tried only on a
    line short enough for one."""

    anchored: re.Pattern[str]
    by_first: dict[str, re.Pattern[str]]
    gated_by_first: dict[str, tuple[GatedRule, ...]]
    literals_by_first: dict[str, re.Pattern[str]]  # every literal of those and `contained_gated`
    contained: re.Pattern[str] | None
    contained_gated: tuple[GatedRule, ...]
    contained_max_words: int
    by_opening: dict[str, tuple[re.Pattern[str], ...]]  # the rules of `by_first` that can open a line so
    any_opening: frozenset[str]  # the first characters some rule of `by_first` may follow with anything
    all_literals: tuple[str, ...]  # every literal of the gated rules (`str.find` is faster than a regex)
    line_starts: re.Pattern[str]  # `_line_starts(by_opening, any_opening)`
    literal_finder: re.Pattern[str] | None  # `_literal_finder(all_literals)`; None if one begins with a space
    # `all_literals` split by the cheaper way to look for each (`_by_search`): `str.find` ...
    found_by_find: tuple[str, ...]
    # ... or `re` (a literal that begins with rare punctuation: `(c)`)
    found_by_search: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, rules: tuple[ResidueRule, ...]) -> "Prefilter":
        anchored = [r for r in rules if r.match != "contains"]
        starts = {r.id: rule_start_keys(r) for r in anchored}
        wide = [r for r in anchored if starts[r.id] is None or len(starts[r.id]) >= _WIDE_START]
        gated = {r.id: g for r in wide if (g := _gated(r)) is not None}
        contained = [r for r in rules if r.match == "contains" and _gated(r) is None]
        contained_gated = [g for r in rules if r.match == "contains" and (g := _gated(r)) is not None]
        openings = {r.id: rule_openings(r) for r in anchored if r.id not in gated}
        by_first, gated_by_first, literals_by_first, any_opening = {}, {}, {}, set()
        for key in sorted({c.lower() for c in _UNIVERSE if c.isascii() or c in _QUOTES} - {" ", "\t"}):
            ids = [r.id for r in anchored if starts[r.id] is None or key in starts[r.id]]
            by_first[key] = _alternation([r.source for r in anchored if r.id in ids and r.id not in gated])
            if any(openings[i] is None for i in ids if i not in gated):
                any_opening.add(key)
            gated_by_first[key] = tuple(gated[i] for i in ids if i in gated)
            literals_by_first[key] = _literal_finder(
                literal for rule in (*gated_by_first[key], *contained_gated) for literal in rule.literals)
        all_literals = tuple(sorted({literal for rule in (*gated.values(), *contained_gated) for literal in rule.literals}))
        by_opening = _by_opening([r for r in anchored if r.id in openings], openings)
        return cls(_alternation([r.source for r in anchored]), _shared(by_first), gated_by_first,
                   _shared(literals_by_first), re.compile(_starts_with(contained)) if contained else None,
                   tuple(contained_gated),
                   max((r.max_words for r in rules if r.match == "contains" and r.max_words), default=0),
                   by_opening, frozenset(any_opening), all_literals, _line_starts(by_opening, any_opening),
                   None if any(lit[:1].isspace() for lit in all_literals) else _literal_finder(all_literals),
                   tuple(lit for lit in all_literals if not _by_search(lit)),
                   tuple(re.compile(re.escape(lit)) for lit in all_literals if _by_search(lit)))

    def holds_no_literal(self, text: str, folded: str | None | bool = False) -> bool:
        """Whether `text`, case folded, holds none of the gated rules' literals: then no line of
        it can hold one (the usual case, settled with one search of the whole text). `folded`:
        `fold_case(text)`, if known."""
        folded = fold_case(text) if folded is False else folded
        return folded is not None and not any(literal in folded for literal in self.found_by_find) \
            and not any(literal.search(folded) for literal in self.found_by_search)

    def lines_to_try(self, text: str, folded: str, after: int, literal_free: bool = True) -> Iterator[int] | None:
        """The starts (first non-space character), past offset `after`, of the lines of `text`
        on which a rule may match (`folded`: `fold_case(text)`; `literal_free`: it holds none
        of `all_literals`), or None when they cannot be told (try every line). A line whose
        first three characters after its bullets are an opening some rule can begin with
        (`by_opening`), hold a non-ASCII character, or are none (a line of bullets), found with
        one search of `folded` (where a non-ASCII character stays one, but for
        `_FOLDED_TO_ASCII`: then `text` is searched too); in a text holding a literal, also a
        line holding one (`lines_holding_literals`). A superset: the other lines are proved
        to match no rule without a Python step per line."""
        if self.contained is not None or (not literal_free and self.literal_finder is None):
            return None  # a `contains` rule may match any line
        starts = [m.end(1) for m in self.line_starts.finditer(folded, after)]
        extra = [] if literal_free else self.lines_holding_literals(text, folded, after)
        if not text.isascii() and any(char in text for char in _FOLDED_TO_ASCII):
            extra.extend(m.end(1) for m in _NON_ASCII_OPENING.finditer(text, after))
        return iter(sorted({*starts, *extra}) if extra else starts)

    def lines_holding_literals(self, text: str, folded: str, after: int) -> list[int]:
        """The starts of the lines (past `after`) where `folded` holds a literal of the gated
        rules (`literal_finder`: a space in one matches any whitespace, as in `GatedRule`):
        the only lines a gated rule can match. (No literal begins with a space, so a match
        begins on the line whose literal it is, and none hides another line's.)"""
        starts = []
        for m in self.literal_finder.finditer(folded, after):
            line_start = text.rfind("\n", 0, m.start()) + 1
            starts.append(_NON_SPACE.search(text, line_start).start())
        return starts

    def _anchored_match(self, first: str, line: str, at: int) -> bool:
        """Whether a rule of `by_first[first]` matches `line` (bullets before `at`): tried are
        only those that can begin with its first three characters."""
        opening = None if first in self.any_opening else line_opening(line, at)
        if opening is None:
            return self.by_first[first].match(line) is not None
        by_opening = self.by_opening
        rules = by_opening.get(opening) or by_opening.get(opening[:2]) or by_opening.get(opening[:1]) or ()
        for rule in rules:  # usually none
            if rule.match(line):
                return True
        return False

    def may_match(self, line: str, literal_free: bool = False) -> bool:
        """False when no rule can match `line`, whatever its `max_words`, `requires` or
        `after_furniture` say. `literal_free`: the line is known to hold none of the gated
        rules' literals, case folded (`holds_no_literal` of its text)."""
        at = _LEAD_ONLY.match(line).end()
        first = line[at:at + 1].lower()
        alternation = self.by_first.get(first)
        if alternation is None:  # a character no rule is indexed by: try them all
            return self.anchored.match(line) is not None or self._may_contain(line, None)
        if self._anchored_match(first, line, at):
            return True
        if literal_free:
            return self.contained is not None and self._may_contain(line, lowered(line))
        low = lowered(line)
        if low is not None and not self.literals_by_first[first].search(low):
            # no gated rule can match: the usual case, settled with one search
            return self.contained is not None and self._may_contain(line, low)
        if any(rule.may_match(line, low) for rule in self.gated_by_first[first]):
            return True
        return self._may_contain(line, low)

    def _may_contain(self, line: str, low: str | None) -> bool:
        """Whether a `contains` rule may match `line` (`low`: it lower-cased, None: unknown)."""
        if self.contained is None and not any(low is None or r.occurs_in(low) for r in self.contained_gated):
            return False  # the usual case, settled without counting the line's words
        if _more_words_than(line, self.contained_max_words):
            return False
        if self.contained is not None and self.contained.search(line):
            return True
        return any(rule.may_match(line, low) for rule in self.contained_gated)


def _by_opening(rules: list[ResidueRule], openings: dict[str, frozenset[str] | None]) -> dict[str, tuple[re.Pattern[str], ...]]:
    """For each way a rule can open (`rule_openings`, up to three characters), the rules that
    can open a line beginning so (their own patterns, anchored at the line's start, which match
    where `_alternation([rule.source])` does): those opening with it or with its first one or
    two characters. A line whose first three characters are not a key is
    looked up by its first two, then its first one; no key, no rule. (`rules`: those with known
    openings.)"""
    rules_by_opening: dict[str, set[str]] = {}
    for rule in rules:
        for opening in openings[rule.id]:
            rules_by_opening.setdefault(opening, set()).add(rule.id)
    by_opening, shared = {}, {}
    for opening in rules_by_opening:
        ids = {i for n in (1, 2, 3) for i in rules_by_opening.get(opening[:n], ())}
        patterns = tuple(r.pattern for r in rules if r.id in ids)  # in the rules' order
        by_opening[opening] = shared.setdefault(patterns, patterns)
    return by_opening


# A line start, then its bullets (all of them, as `_LEAD_ONLY` reads them) and what follows them
# (`{}`, looked at but not taken, so that no match runs into the next line): group 1 ends where
# the line starts (`\n`, then the whitespace before its first non-space character).
_LINE_START = r"\n(\s*+)(?=\S)(?=(?>" + _LEAD + r"){})"
# A line whose first three characters after its bullets hold one not of `_UNIVERSE` (a non-ASCII
# one other than the bullets and opening quotes: `line_opening` gives None, or `by_first` has no
# key for the first): tried against every rule.
_OTHERS = "".join(sorted(re.escape(c) for c in _UNIVERSE if not c.isascii()))
_NON_ASCII_NEAR = rf"[\x00-\x7f{_OTHERS}]{{0,2}}[^\x00-\x7f{_OTHERS}]"
_NON_ASCII_OPENING = re.compile(_LINE_START.format(_NON_ASCII_NEAR))
# The only non-ASCII characters `fold_case` turns into ASCII ones (İ ı ſ and the Kelvin sign K).
_FOLDED_TO_ASCII = ("İ", "ı", "ſ", "\u212a")


def _line_starts(by_opening: dict[str, tuple], any_opening: set[str]) -> re.Pattern[str]:
    """A regex finding, in a case-folded text, the line starts after which comes an opening of
    `by_opening` (or a first character of `any_opening`), a non-ASCII character within three, or
    nothing but whitespace: the lines `Prefilter.may_match` may accept in a text holding no
    literal (a trie of the ~4000 openings: a superset, as the trie's space matches any
    whitespace)."""
    openings = alternation({*by_opening, *any_opening}) if by_opening or any_opening else "(?!)"
    return re.compile(_LINE_START.format(rf"(?:{openings}|{_NON_ASCII_NEAR}|\s|\Z)"))


def _gated(rule: ResidueRule) -> GatedRule | None:
    """`rule` as a gated rule, when it needs one of a few literals."""
    literals = required_literals(rule.source)
    if literals is None:
        return None
    anchored = rule.match != "contains"
    pattern = _alternation([rule.source]) if anchored else re.compile(rule.source)
    return GatedRule(literals, pattern, anchored, _literal_finder(literals))


def _shared(patterns: dict[str, re.Pattern[str]]) -> dict[str, re.Pattern[str]]:
    """`patterns` with one object per distinct source (most first characters share one)."""
    by_source: dict[str, re.Pattern[str]] = {}
    return {key: by_source.setdefault(p.pattern, p) for key, p in patterns.items()}


def _starts_with(rules: list[ResidueRule]) -> str:
    """The alternation of `contains` rules, behind a look-ahead for the characters they can
    start with (any non-ASCII one too): `re` then skips the other positions of the line at
    once instead of trying every alternative there."""
    if not rules:
        return "(?!)"
    alternation = "|".join(r.source for r in rules)
    chars, nullable = _first_chars(_sre_parser.parse(alternation))
    ascii_chars = sorted(c for c in chars if c.isascii())
    if nullable or not ascii_chars:
        return alternation
    return rf"(?=[{''.join(re.escape(c) for c in ascii_chars)}]|[^\x00-\x7f])(?:{alternation})"


RULES, GLUE = load_rules()
PREFILTER = Prefilter.of(RULES)

_LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line's text from its first to its last non-space
_ANGLE_LINK = re.compile(r"\s*<https?://[^<>\s]+>")  # blanked out (offsets kept) before the rules read a line
_NON_SPACE = re.compile(r"\S")
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # healthHealth: a lower-case letter glued to a capital
_HOME_GLUED = re.compile(r"\bHome(?=[A-Z][a-z])")


def _more_words_than(line: str, n: int) -> bool:
    """`len(line.split()) > n`, without splitting all of a long line."""
    return len(line.split(None, n)) > n


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, trimmed of surrounding whitespace."""
    for m in _LINE.finditer(text):
        yield m.span()


def _match_rule(rule: ResidueRule, line: str) -> tuple[int, int] | None:
    """Where in `line` the furniture starts and ends, or None."""
    if rule.max_words is not None and _more_words_than(line, rule.max_words):
        return None
    m = rule.pattern.search(line) if rule.match == "contains" else rule.pattern.match(line)
    if m is None or (rule.requires is not None and not rule.requires.search(line)):
        return None
    if rule.match == "contains":  # the whole line, or a group `at` the pattern names
        return m.span("at") if "at" in rule.pattern.groupindex else (0, len(line))
    return m.start("f"), len(line)


def is_glued_breadcrumb(line: str, glue: GlueConfig = GLUE) -> bool:
    """A short line of category links glued together: `Beautifyingbeauty and healthHealth`
    (a word glued to its own capitalised copy) or `HomeHealth`."""
    if _more_words_than(line, glue.max_words) or line.rstrip()[-1:] in ".!?":
        return False
    if _HOME_GLUED.search(line):
        return True
    for token in line.split():
        for g in _GLUE.finditer(token):
            after = re.match(r"[A-Z][a-z]+", token[g.start():]).group()
            if token[: g.start()].lower().endswith(after.lower()):
                return True
    return False


def _lines_to_try(text: str, folded: str | None, literal_free: bool) -> Iterator[tuple[int, int, int]]:
    """(n, start, end) of the lines of `text` to try, `n` their index among the lines (-1: past
    the first `GLUE.first_lines`, not counted): the first lines (at least one: the others are
    found after a newline), then, when `folded` is known, only those `PREFILTER.lines_to_try`
    finds (`literal_free`: the text holds no gated rule's literal), else every line."""
    lines = _lines(text)
    end = 0
    for n, (start, end) in zip(range(max(1, GLUE.first_lines)), lines):
        yield n, start, end
    starts = None if folded is None else PREFILTER.lines_to_try(text, folded, end, literal_free)
    if starts is None:
        for start, end in lines:
            yield -1, start, end
        return
    for start in starts:
        yield -1, start, _LINE.match(text, start).end()


def find_residue_lines(text: str, folded: str | None | bool = False) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of every furniture line in `text` (`folded`: `fold_case(text)`, if known).
    A line follows furniture (`after_furniture` rules) when only whitespace parts it from the
    last furniture line."""
    folded = fold_case(text) if folded is False else folded
    literal_free = PREFILTER.holds_no_literal(text, folded)
    furniture_end = -1  # where the last furniture line ends
    in_tables = None  # where the lines of the text's tables start (a row is no furniture), when asked
    for n, start, end in _lines_to_try(text, folded, literal_free):
        line = text[start:end]
        if "<http" in line:  # a plain-text email's links: "View in browser <https://...>"
            line = _ANGLE_LINK.sub(lambda m: " " * len(m.group()), line)
        if 0 <= n < GLUE.first_lines and is_glued_breadcrumb(line):
            yield start, end, GLUE.message
            furniture_end = end
            continue
        if not PREFILTER.may_match(line, literal_free):
            continue
        after_furniture = furniture_end >= 0 and text[furniture_end:start].isspace()
        for rule in RULES:
            if rule.after_furniture and not after_furniture:
                continue
            span = _match_rule(rule, line)
            if span is not None and rule.unless_next_line is not None:
                following = _LINE.search(text, end)
                if following is not None and rule.unless_next_line.match(text, following.start()):
                    continue  # "SPONSORED CONTENT" / "This article is paid for by ...": the piece's label
            if span is not None and ("|" in line or "\t" in line):
                if in_tables is None:
                    in_tables = table_line_starts(text)
                if start in in_tables:
                    break  # "Ashby Vale   |   48 |   53": a table's row
            if span is not None:
                yield start + span[0], start + span[1], rule.message
                furniture_end = end
                break


@register("residue", severity="warning", description="page furniture left in the article body")
def find_residue(doc: Doc) -> Iterator[Hit]:
    for start, end, message in find_residue_lines(doc_text(doc), folded_text(doc)):
        yield Hit(start, end, message)

"""The `placeholder` check: template and machine-translation leftovers that stand where a
fact should be (`Phase XNUMX`, `£TK million`, `[INSERT QUOTE]`, `XX%`, `{{study_name}}`, `%s`).

The rules are data (`claimcheck/data/placeholders.json`), validated and compiled once at
import, so a bad rule fails when the checks are loaded, not in the middle of a batch. Each
rule is a regular expression over `doc.text`, with optional context guards that keep the
legitimate look-alikes quiet: roman numerals (`Super Bowl XXX`, `Henry VIII`), `X-ray`,
`Generation X`, `TK Maxx`, an acronym the article defines (`thymidine kinase (TK)`).
"""

from __future__ import annotations

import json
import re
import re._constants as _sre_constants
import re._parser as _sre_parser
from dataclasses import dataclass
from importlib import resources
from typing import Iterator

from spacy.tokens import Doc

from ..nlp.sentences import doc_text
from .registry import Hit, register

DATA_FILE = "placeholders.json"
_TOP_KEYS = {"about", "rules"}
_RULE_REQUIRED = {"id", "pattern", "message"}
_RULE_OPTIONAL = {"ignore_case", "suggestion", "not_after", "not_before", "unless_defined", "prefilters"}
_CONTEXT = 40  # characters of context the guards look at


@dataclass(frozen=True)
class PlaceholderRule:
    id: str
    pattern: re.Pattern[str]
    message: str
    suggestion: str | None = None
    not_after: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None
    unless_defined: bool = False
    prefilters: tuple[re.Pattern[str], ...] = ()  # one finds something in every match: the rule runs only where one does
    prefix: str = ""  # the literal every match of `pattern` begins with (`literal_prefix`)
    prefilter_prefixes: tuple[str, ...] = ()  # the same for each of `prefilters`

    def may_match(self, text: str) -> bool:
        """False when the rule cannot match `text`: no prefilter finds anything there, or the
        text lacks a character of the literal every match begins with. A regex is run only
        when the text holds each character of the literal it begins with."""
        if self.prefilters:
            return any(_has_characters(text, prefix) and p.search(text)
                       for p, prefix in zip(self.prefilters, self.prefilter_prefixes))
        return _has_characters(text, self.prefix)


def _has_characters(text: str, literal: str) -> bool:
    """Whether `text` holds every character of `literal`: finding one character takes a
    `memchr`, ~10x faster than a regex scan (or `str.find` of two characters), and most literals
    here hold a character most articles lack (`X`, `K`, `{`, `<`, `?`)."""
    return all(map(text.__contains__, literal))


def literal_prefix(pattern: re.Pattern[str]) -> str:
    """The literal text every match of `pattern` begins with ('' if none is known): its leading
    literal characters, read from the parsed regex. When case is ignored, only characters
    without case count."""
    prefix = []
    for op, av in _sre_parser.parse(pattern.pattern, pattern.flags):
        if op is not _sre_constants.LITERAL:
            break
        char = chr(av)
        if pattern.flags & re.IGNORECASE and not (char.isascii() and not char.isalpha()):
            break
        prefix.append(char)
    return "".join(prefix)


def parse_rules(raw: object, source: str = DATA_FILE) -> tuple[PlaceholderRule, ...]:
    """Validate the JSON rules and compile them. Raises ValueError naming the bad rule."""
    if not isinstance(raw, dict) or set(raw) - _TOP_KEYS or "rules" not in raw:
        raise ValueError(f"{source}: expected an object with keys {sorted(_TOP_KEYS)}")
    rules = []
    for i, item in enumerate(raw["rules"]):
        where = f"{source}: rule {item.get('id', i) if isinstance(item, dict) else i}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: not an object")
        missing, unknown = _RULE_REQUIRED - set(item), set(item) - _RULE_REQUIRED - _RULE_OPTIONAL
        if missing or unknown:
            raise ValueError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
        for key in ("id", "pattern", "message"):
            if not isinstance(item[key], str) or not item[key]:
                raise ValueError(f"{where}: {key!r} must be a non-empty string")
        try:
            flags = re.IGNORECASE if item.get("ignore_case", False) else 0
            pattern = re.compile(item["pattern"], flags)
            not_after = re.compile(item["not_after"]) if item.get("not_after") else None
            not_before = re.compile(item["not_before"]) if item.get("not_before") else None
            prefilters = tuple(re.compile(p, flags) for p in item.get("prefilters", []))
        except re.error as err:
            raise ValueError(f"{where}: bad regular expression: {err}") from err
        suggestion = item.get("suggestion")
        if suggestion is not None and not isinstance(suggestion, str):
            raise ValueError(f"{where}: 'suggestion' must be a string or null")
        rules.append(PlaceholderRule(item["id"], pattern, item["message"], suggestion, not_after,
                                     not_before, bool(item.get("unless_defined", False)), prefilters,
                                     literal_prefix(pattern), tuple(map(literal_prefix, prefilters))))
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{source}: duplicate rule ids")
    return tuple(rules)


def load_rules() -> tuple[PlaceholderRule, ...]:
    raw = json.loads(resources.files("claimcheck.data").joinpath(DATA_FILE).read_text("utf-8"))
    return parse_rules(raw)


RULES = load_rules()


def _is_defined(text: str, letters: str) -> bool:
    """The article defines `letters` as an acronym: `thymidine kinase (TK)` or `TK (thymidine ...)`."""
    return re.search(rf"\(\s*{re.escape(letters)}s?\s*\)|\b{re.escape(letters)}\s\([a-z]", text) is not None


def find_placeholder_matches(text: str, rules: tuple[PlaceholderRule, ...] = RULES) -> list[tuple[int, int, PlaceholderRule]]:
    """Every placeholder in `text` as (start, end, rule), longest first where rules overlap."""
    found = []
    defined: dict[str, bool] = {}  # letters -> the article defines them (looked up once per article)
    for rule in rules:
        if not rule.may_match(text):
            continue
        for m in rule.pattern.finditer(text):
            start, end = m.span()
            if start == end:
                continue
            if rule.not_after and rule.not_after.search(text[max(0, start - _CONTEXT):start]):
                continue
            if rule.not_before and rule.not_before.search(text[end:end + _CONTEXT]):
                continue
            if rule.unless_defined:
                letters = (m.groupdict().get("letters") or m.group()).strip()  # (a rule may name them)
                if letters not in defined:
                    defined[letters] = _is_defined(text, letters)
                if defined[letters]:
                    continue
            found.append((start, end, rule))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, PlaceholderRule]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


@register("placeholder", severity="error", description="template and machine-translation placeholders left in the text")
def find_placeholders(doc: Doc) -> Iterator[Hit]:
    text = doc_text(doc)
    for start, end, rule in find_placeholder_matches(text):
        yield Hit(start, end, rule.message.replace("{text}", text[start:end]), suggestion=rule.suggestion)

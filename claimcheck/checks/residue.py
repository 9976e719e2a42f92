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
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterator

from spacy.tokens import Doc

from ..nlp.sentences import doc_text
from .registry import Hit, register

DATA_FILE = "residue.json"
_TOP_KEYS = {"about", "rules", "glued_breadcrumb"}
_RULE_REQUIRED = {"id", "match", "pattern", "message"}
_RULE_OPTIONAL = {"max_words", "requires", "ignore_case", "after_furniture"}
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
    except re.error as err:
        raise ValueError(f"{where}: bad regular expression: {err}") from err
    after = item.get("after_furniture", False)
    if not isinstance(after, bool):
        raise ValueError(f"{where}: 'after_furniture' must be true or false")
    source = f"(?{'i' if ignore_case else '-i'}:{_after_lead(item['match'], f'(?:{body})')})"
    return ResidueRule(item["id"], item["match"], pattern, item["message"], max_words, requires, after, source)


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


@dataclass(frozen=True)
class Prefilter:
    """Proves with two regexes that no rule matches a line, so that the rules need not be tried
    one by one on the prose lines: one alternation of the rules anchored at the start of the
    line, one of the rules found anywhere in it (searched only on a line short enough for one)."""

    anchored: re.Pattern[str]
    contained: re.Pattern[str]
    contained_max_words: int

    @classmethod
    def of(cls, rules: tuple[ResidueRule, ...]) -> "Prefilter":
        anchored = [r.source for r in rules if r.match != "contains"]
        contained = [r for r in rules if r.match == "contains"]
        return cls(re.compile(rf"^{_LEAD}(?:{'|'.join(anchored) or '(?!)'})"),
                   re.compile("|".join(r.source for r in contained) or "(?!)"),
                   max((r.max_words for r in contained if r.max_words), default=0))

    def may_match(self, line: str) -> bool:
        """False when no rule can match `line`, whatever its `max_words`, `requires` or
        `after_furniture` say."""
        if self.anchored.match(line):
            return True
        return len(line.split()) <= self.contained_max_words and self.contained.search(line) is not None


RULES, GLUE = load_rules()
PREFILTER = Prefilter.of(RULES)

_LINE = re.compile(r"[^\n]*\S[^\n]*")
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # healthHealth: a lower-case letter glued to a capital
_HOME_GLUED = re.compile(r"\bHome(?=[A-Z][a-z])")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, trimmed of surrounding whitespace."""
    for m in _LINE.finditer(text):
        line = m.group()
        start = m.start() + len(line) - len(line.lstrip())
        yield start, m.start() + len(line.rstrip())


def _match_rule(rule: ResidueRule, line: str) -> int | None:
    """Where in `line` the furniture starts, or None."""
    if rule.max_words is not None and len(line.split()) > rule.max_words:
        return None
    m = rule.pattern.search(line) if rule.match == "contains" else rule.pattern.match(line)
    if m is None or (rule.requires is not None and not rule.requires.search(line)):
        return None
    return 0 if rule.match == "contains" else m.start("f")


def is_glued_breadcrumb(line: str, glue: GlueConfig = GLUE) -> bool:
    """A short line of category links glued together: `Beautifyingbeauty and healthHealth`
    (a word glued to its own capitalised copy) or `HomeHealth`."""
    if len(line.split()) > glue.max_words or line.rstrip()[-1:] in ".!?":
        return False
    if _HOME_GLUED.search(line):
        return True
    for token in line.split():
        for g in _GLUE.finditer(token):
            after = re.match(r"[A-Z][a-z]+", token[g.start():]).group()
            if token[: g.start()].lower().endswith(after.lower()):
                return True
    return False


def find_residue_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of every furniture line in `text`."""
    after_furniture = False
    for n, (start, end) in enumerate(_lines(text)):
        line = text[start:end]
        if n < GLUE.first_lines and is_glued_breadcrumb(line):
            yield start, end, GLUE.message
            after_furniture = True
            continue
        if not PREFILTER.may_match(line):
            after_furniture = False
            continue
        for rule in RULES:
            if rule.after_furniture and not after_furniture:
                continue
            offset = _match_rule(rule, line)
            if offset is not None:
                yield start + offset, end, rule.message
                after_furniture = True
                break
        else:
            after_furniture = False


@register("residue", severity="warning", description="page furniture left in the article body")
def find_residue(doc: Doc) -> Iterator[Hit]:
    for start, end, message in find_residue_lines(doc_text(doc)):
        yield Hit(start, end, message)

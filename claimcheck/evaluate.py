"""`claimcheck eval`: score the checker against gold annotations (CONTRACT.md's rules).

A prediction matches a gold item of the same kind when its span overlaps an occurrence of the
gold `text` in the report's text. Claims and flags: precision, recall and F1 per kind and
micro-averaged; claims also value accuracy (share of matched gold claims whose value is read
right). Sources: journal precision/recall. HTML pages: extraction must_include/must_exclude.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from .errors import ClaimcheckError, InputError
from .models import CLAIM_KINDS, FLAG_KINDS, Report
from .sources.journals import normalise_journal

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_ROMAN = {"0": 0, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


def find_gold_pairs(corpus: str | Path) -> list[tuple[Path, Path]]:
    """(article, gold) pairs under `corpus`, recursively."""
    root = Path(corpus)
    if not root.is_dir():
        raise InputError(str(corpus), "not a directory")
    pairs = []
    for gold in sorted(root.rglob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        for suffix in ARTICLE_SUFFIXES:
            article = gold.with_name(stem + suffix)
            if article.exists():
                pairs.append((article, gold))
                break
    if not pairs:
        raise InputError(str(corpus), "no annotated articles (NAME.gold.json beside NAME.txt/.md/.html)")
    return pairs


def normalise_phase(value: str) -> str:
    parts = []
    for part in str(value).replace(" ", "").split("/"):
        m = re.fullmatch(r"(IV|V?I{0,3}|0|\d+)([a-cA-C]?)", part, re.I)
        if m and m.group(1).upper() in _ROMAN:
            parts.append(f"{_ROMAN[m.group(1).upper()]}{m.group(2).lower()}")
        else:
            parts.append(part.lower())
    return "/".join(parts)


def values_equal(predicted: Any, gold: Any) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if isinstance(gold, list) or isinstance(predicted, list):
        if not (isinstance(gold, list) and isinstance(predicted, list)) or len(gold) != len(predicted):
            return False
        return all(values_equal(p, g) for p, g in zip(predicted, gold))
    if isinstance(gold, str) or isinstance(predicted, str):
        return normalise_phase(str(predicted)) == normalise_phase(str(gold))
    return math.isclose(float(predicted), float(gold), rel_tol=0.01, abs_tol=1e-9)


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle:
        return []
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Tally:
    """Counts per kind: gold, matched gold, predictions, false predictions, values right."""

    def __init__(self) -> None:
        self.gold: dict[str, int] = defaultdict(int)
        self.found: dict[str, int] = defaultdict(int)
        self.predicted: dict[str, int] = defaultdict(int)
        self.false: dict[str, int] = defaultdict(int)
        self.values_right: dict[str, int] = defaultdict(int)
        self.misses: list[dict] = []
        self.false_alarms: list[dict] = []
        self.wrong_values: list[dict] = []

    def scores(self, kinds: Iterable[str], with_values: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for kind in list(kinds) + ["micro"]:
            if kind == "micro":
                g, f, p, fp, v = (sum(d.values()) for d in (self.gold, self.found, self.predicted, self.false, self.values_right))
            else:
                g, f, p, fp, v = self.gold[kind], self.found[kind], self.predicted[kind], self.false[kind], self.values_right[kind]
            if kind != "micro" and g == 0 and p == 0:
                continue
            precision = (p - fp) / p if p else 1.0
            recall = f / g if g else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            row = {"gold": g, "predicted": p, "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
            if with_values:
                row["value_accuracy"] = round(v / f, 4) if f else 1.0
            out[kind] = row
        return out


def _score_items(name: str, report: Report, gold_items: list[dict], predicted: list, tally: Tally, with_values: bool,
                 removed_counts_as_found: set[str] = frozenset()) -> None:
    gold_spans = []
    for item in gold_items:
        kind = item["kind"]
        spans = occurrences(report.text, item["text"])
        gold_spans.append((kind, spans))
        tally.gold[kind] += 1
        if not spans and kind in removed_counts_as_found:
            tally.found[kind] += 1
            continue
        matches = [p for p in predicted if p.kind == kind and any(_overlaps((p.start, p.end), s) for s in spans)]
        if not matches:
            tally.misses.append({"article": name, "kind": kind, "text": item["text"], "in_text": bool(spans)})
            continue
        tally.found[kind] += 1
        if with_values:
            if any(values_equal(p.value, item.get("value")) for p in matches):
                tally.values_right[kind] += 1
            else:
                tally.wrong_values.append({"article": name, "kind": kind, "text": item["text"],
                                           "gold": item.get("value"), "predicted": matches[0].value})
    for p in predicted:
        tally.predicted[p.kind] += 1
        if not any(k == p.kind and any(_overlaps((p.start, p.end), s) for s in spans) for k, spans in gold_spans):
            tally.false[p.kind] += 1
            tally.false_alarms.append({"article": name, "kind": p.kind, "text": p.text})


def evaluate_corpus(corpus: str | Path) -> dict[str, Any]:
    from .check import check_input
    from .nlp.pipeline import get_nlp
    from .settings import get_settings

    settings = get_settings(offline=True)
    nlp = get_nlp()
    claims, flags = Tally(), Tally()
    src = {"gold": 0, "predicted": 0, "found": 0, "false": 0, "misses": [], "false_alarms": []}
    extraction = {"checks": 0, "passed": 0, "failures": []}
    clean = {"articles": 0, "with_flags": []}
    errors = []
    pairs = find_gold_pairs(corpus)
    for article_path, gold_path in pairs:
        name = str(article_path.relative_to(Path(corpus)))
        try:
            gold = json.loads(gold_path.read_text("utf-8"))
        except (OSError, ValueError) as err:
            errors.append({"article": name, "error": f"bad gold file: {err}"})
            continue
        try:
            report = check_input(str(article_path), settings, nlp)
        except ClaimcheckError as err:
            errors.append({"article": name, "error": err.reason})
            continue
        _score_items(name, report, gold.get("claims", []), report.claims, claims, True)
        _score_items(name, report, gold.get("flags", []), report.flags, flags, False, {"residue"})
        if not gold.get("flags"):
            clean["articles"] += 1
            if report.flags:
                clean["with_flags"].append({"article": name, "flags": [f"{f.kind}: {f.text}" for f in report.flags]})
        gold_journals = {normalise_journal(s.get("journal")) for s in gold.get("sources", []) if s.get("journal")}
        predicted_journals = {normalise_journal(s.journal) for s in report.sources if s.journal}
        src["gold"] += len(gold_journals)
        src["predicted"] += len(predicted_journals)
        src["found"] += len(gold_journals & predicted_journals)
        src["false"] += len(predicted_journals - gold_journals)
        src["misses"] += [{"article": name, "journal": j} for j in sorted(gold_journals - predicted_journals)]
        src["false_alarms"] += [{"article": name, "journal": j} for j in sorted(predicted_journals - gold_journals)]
        block = gold.get("extraction") or {}
        squashed = " ".join(report.text.split())
        for needle in block.get("must_include", []):
            extraction["checks"] += 1
            if " ".join(needle.split()) in squashed:
                extraction["passed"] += 1
            else:
                extraction["failures"].append({"article": name, "must_include": needle})
        for needle in block.get("must_exclude", []):
            extraction["checks"] += 1
            if " ".join(needle.split()) not in squashed:
                extraction["passed"] += 1
            else:
                extraction["failures"].append({"article": name, "must_exclude": needle})

    sp = (src["predicted"] - src["false"]) / src["predicted"] if src["predicted"] else 1.0
    sr = src["found"] / src["gold"] if src["gold"] else 1.0
    return {
        "articles": len(pairs),
        "claims": claims.scores(CLAIM_KINDS, with_values=True),
        "flags": flags.scores(FLAG_KINDS, with_values=False),
        "sources": {"gold": src["gold"], "predicted": src["predicted"], "precision": round(sp, 4),
                    "recall": round(sr, 4), "f1": round(2 * sp * sr / (sp + sr), 4) if sp + sr else 0.0},
        "extraction": {"checks": extraction["checks"], "passed": extraction["passed"],
                       "accuracy": round(extraction["passed"] / extraction["checks"], 4) if extraction["checks"] else 1.0},
        "clean_articles": {"articles": clean["articles"], "with_flags": len(clean["with_flags"])},
        "errors": errors,
        "details": {
            "claim_misses": claims.misses, "claim_false_alarms": claims.false_alarms,
            "wrong_values": claims.wrong_values, "flag_misses": flags.misses,
            "flag_false_alarms": flags.false_alarms, "source_misses": src["misses"],
            "source_false_alarms": src["false_alarms"], "extraction_failures": extraction["failures"],
            "clean_with_flags": clean["with_flags"],
        },
    }


def _table(title: str, rows: dict[str, dict], with_values: bool) -> list[str]:
    head = f"{title:<22}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}" + (f"{'value':>8}" if with_values else "")
    lines = [head, "-" * len(head)]
    for kind, r in rows.items():
        line = f"{kind:<22}{r['gold']:>6}{r['predicted']:>6}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
        if with_values:
            line += f"{r['value_accuracy']:>8.3f}"
        lines.append(line)
    return lines


def format_scores(scores: dict[str, Any], details: bool = False) -> str:
    out = [f"{scores['articles']} annotated articles", ""]
    out += _table("claims", scores["claims"], True) + [""]
    out += _table("flags", scores["flags"], False) + [""]
    s = scores["sources"]
    out.append(f"sources (journals): gold {s['gold']}, predicted {s['predicted']}, "
               f"P {s['precision']:.3f}, R {s['recall']:.3f}, F1 {s['f1']:.3f}")
    e = scores["extraction"]
    out.append(f"extraction checks: {e['passed']}/{e['checks']} passed ({e['accuracy']:.1%})")
    c = scores["clean_articles"]
    out.append(f"clean articles with any flag: {c['with_flags']} of {c['articles']}")
    for err in scores["errors"]:
        out.append(f"error: {err['article']}: {err['error']}")
    if details:
        for key, items in scores["details"].items():
            if items:
                out += ["", f"{key}:"] + [f"  {json.dumps(i, ensure_ascii=False)}" for i in items]
    return "\n".join(out)

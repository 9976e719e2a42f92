"""Cross-checking an article's numbers against the resolved study's abstract.

    crosscheck_report(report, full_text=None)   # sets claim.check; adds source_mismatch flags

The abstract's numbers are read by the claim finder itself (`nlp.claims.find_claims`): one
logic for numbers in the article and in the study. For each claim linked to a resolved
source:

- `confirmed`: the abstract states the same value for the same kind of thing (tolerance 1 %,
  10 % when the article hedges: "nearly", "about", "over"). A percentage "22 to 72 percent
  less common" is also compared with ratios (reporting odds ratios 0.79 to 0.27 are a
  21-73 % lower risk);
- `mismatch`: the abstract gives the study's size for the same kind of subjects (people,
  records) and the article's number is none of them ("40 patients" for 40,000 reports): a
  `source_mismatch` flag names both values. Only sample sizes are called mismatches; an
  abstract lists too many percentages and durations to say that a missing one is wrong;
- `not_in_source`: the abstract does not state it (nor the open-access full text, when the
  caller passes a way to fetch it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..models import Claim, Flag, Report
from ..nlp.claims import ClaimMatch, find_claims, terms
from .mentions import sentence_spans, span_index

APPROXIMATE = {
    "nearly", "almost", "about", "around", "approximately", "roughly", "some", "over", "more than",
    "less than", "fewer than", "at least", "up to", "just over", "just under", "under", "an estimated",
    "as many as", "upwards of", "close to", "well over", "~", "≈",
}
DAYS = {"seconds": 1 / 86400, "minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7, "months": 30.44,
        "years": 365.25, "decades": 3652.5}
LOWER_WORDS = re.compile(r"\b(?:less|lower|fewer|reduc\w*|decreas\w*|drop\w*|cut|declin\w*|protect\w*|smaller)\b", re.I)
HIGHER_WORDS = re.compile(r"\b(?:more|higher|greater|increas\w*|rais\w*|ris\w*|extra)\b", re.I)


@dataclass
class SourceNumber:
    kind: str
    value: object
    unit: str | None
    text: str  # what the source says, the clause around the number
    derived: str | None = None  # how a value was derived ("1 - ratio")


def _clause(text: str, start: int, end: int, limit: int = 180) -> str:
    left = max(text.rfind(sep, 0, start) for sep in (". ", "; ", "\n")) + 1
    right_candidates = [i for i in (text.find(sep, end) for sep in (". ", "; ", "\n")) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    clause = text[left:right].strip()
    if len(clause) <= limit:
        return clause
    lo = max(left, start - (limit - (end - start)) // 2)
    return "…" + text[lo:lo + limit].strip() + "…"


def source_numbers(text: str) -> list[SourceNumber]:
    """The quantitative claims a source text makes (the article's own claim finder reads them)."""
    spans = sentence_spans(text)

    def sentence_of(offset: int) -> tuple[int, int]:
        return spans[span_index(spans, offset)] if spans else (0, len(text))

    out = []
    for m in find_claims(text, sentence_of):
        out.append(SourceNumber(m.kind, m.value, m.unit, _clause(text, m.start, m.end)))
    return out


def _subject_class(unit: str | None) -> str:
    t = terms()
    unit = (unit or "").lower()
    if unit in (w.lower() for w in t["pooled_nouns"]):
        return "studies"
    if unit in (w.lower() for w in t["event_nouns"]) and not unit.endswith("reports"):
        return "events"  # (reports are events counted, or the records a study analysed: its size)
    return "subjects"  # people and records: "patients", "women", "reports", or n = 45


def _scalars(value) -> list[float]:
    if isinstance(value, list):
        return [float(v) for v in value if isinstance(v, (int, float))]
    return [float(value)] if isinstance(value, (int, float)) else []


def _close(a: float, b: float, rel: float, abs_tol: float = 0.0) -> bool:
    return abs(a - b) <= max(abs_tol, rel * max(abs(a), abs(b)))


def _values_agree(claim_value, source_value, rel: float, abs_tol: float = 0.0) -> bool:
    a, b = _scalars(claim_value), _scalars(source_value)
    if not a or not b:
        return False
    if len(a) == 1 and len(b) == 1:
        return _close(a[0], b[0], rel, abs_tol)
    if len(a) == 2 and len(b) == 2:
        return all(_close(x, y, rel, abs_tol) for x, y in zip(sorted(a), sorted(b), strict=True))
    return False


def _tolerance(claim: Claim) -> float:
    return 0.10 if (claim.qualifier or "").lower() in APPROXIMATE else 0.01


def _percent_candidates(claim: Claim, numbers: list[SourceNumber]) -> list[SourceNumber]:
    out = [n for n in numbers if n.kind == "percentage"]
    lower = bool(LOWER_WORDS.search(claim.sentence or ""))
    higher = bool(HIGHER_WORDS.search(claim.sentence or ""))
    for n in numbers:
        if n.kind != "effect_size":
            continue
        ratios = _scalars(n.value)
        if not ratios or any(r <= 0 for r in ratios):
            continue
        if lower and all(r < 1 for r in ratios):
            pct = [round((1 - r) * 100, 1) for r in ratios]
            out.append(SourceNumber("percentage", pct if len(pct) > 1 else pct[0], "percent", n.text,
                                    derived=f"a {_fmt(sorted(pct))}% lower risk (1 − ratio)"))
        elif higher and all(r > 1 for r in ratios):
            pct = [round((r - 1) * 100, 1) for r in ratios]
            out.append(SourceNumber("percentage", pct if len(pct) > 1 else pct[0], "percent", n.text,
                                    derived=f"a {_fmt(sorted(pct))}% higher risk (ratio − 1)"))
    return out


def _in_days(value, unit: str | None) -> list[float]:
    factor = DAYS.get((unit or "").lower())
    return [v * factor for v in _scalars(value)] if factor else []


def _fmt(value) -> str:
    if isinstance(value, list):
        return "–".join(_fmt(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


WHOLE_STUDY = re.compile(
    r"\b(?:examin\w*|analy[sz]\w*|data\s+(?:from|on)|stud(?:y|ied)\s+(?:of|involving)|enrolled|included|recruited|"
    r"involving|surveyed|followed|tracked|sample\s+of|cohort\s+of|review\w*\s+of)\b", re.I)
SUBGROUP = re.compile(
    r"\b(?:group|groups|arm|arms|received|receiving|assigned|randomi[sz]ed\s+to|of\s+whom|of\s+them|among|"
    r"subset|subgroup|developed|died|who\s+took|placebo|control)\b", re.I)


def _size_mismatch(claim: Claim, sizes: list[SourceNumber]) -> tuple[str, SourceNumber | None]:
    """A sample size the study cannot have: more subjects than the study had, or a whole-study
    size far below it ("data from 40 patients" for 40,000 reports). A smaller number may be a
    subgroup, so it is only a mismatch when the sentence presents it as the whole study."""
    v = _scalars(claim.value)[0]
    largest = max(sizes, key=lambda n: _scalars(n.value)[0])
    top = _scalars(largest.value)[0]
    if v > top * (1 + _tolerance(claim)):
        return "mismatch", largest
    sentence = claim.sentence or claim.text
    at = max(0, sentence.find(claim.text))
    near = sentence[max(0, at - 40):at + len(claim.text) + 30]
    if v * 5 <= top and WHOLE_STUDY.search(near) and not SUBGROUP.search(near):
        return "mismatch", largest
    return "not_in_source", None


def compare_claim(claim: Claim, numbers: list[SourceNumber]) -> tuple[str, SourceNumber | None]:
    """(status, the source number it rests on) for one claim against a source's numbers."""
    rel = _tolerance(claim)
    kind = claim.kind
    if kind in ("sample_size", "count"):
        wanted = _subject_class(claim.unit) if kind == "sample_size" else "events"
        pool = [n for n in numbers if n.kind in ("sample_size", "count") and _subject_class(n.unit) == wanted
                or (kind == "count" and n.kind == "count")]
        for n in pool:
            if _values_agree(claim.value, n.value, rel):
                return "confirmed", n
        # the study's size: sample sizes, and counts of people or records ("40 thousand reports")
        sizes = [n for n in pool if (n.kind == "sample_size" or n.unit) and _scalars(n.value)]
        if kind == "sample_size" and sizes and _scalars(claim.value):
            return _size_mismatch(claim, sizes)
        return "not_in_source", None
    if kind == "percentage":
        for n in _percent_candidates(claim, numbers):
            if _values_agree(claim.value, n.value, max(rel, 0.03), abs_tol=2.0 if n.derived else 0.5):
                return "confirmed", n
        return "not_in_source", None
    if kind == "proportion":
        for n in numbers:
            if n.kind == "proportion":
                value = n.value
            elif n.kind == "percentage":
                value = [v / 100 for v in _scalars(n.value)]
            else:
                value = None
            if isinstance(value, list) and len(value) == 1:
                value = value[0]
            if value is not None and _values_agree(claim.value, value, rel, abs_tol=0.02):
                return "confirmed", n
        return "not_in_source", None
    if kind == "duration":
        mine = _in_days(claim.value, claim.unit)
        for n in numbers:
            if n.kind == "duration" and mine and _values_agree(mine, _in_days(n.value, n.unit), max(rel, 0.05)):
                return "confirmed", n
        return "not_in_source", None
    if kind in ("effect_size", "confidence_interval", "p_value", "dose"):
        for n in numbers:
            if n.kind == kind and _values_agree(claim.value, n.value, max(rel, 0.02), abs_tol=0.005):
                return "confirmed", n
        return "not_in_source", None
    if kind == "trial_phase":
        for n in numbers:
            if n.kind == "trial_phase" and claim.value is not None and str(n.value).lower() == str(claim.value).lower():
                return "confirmed", n
        return "not_in_source", None
    return "not_in_source", None


def crosscheck_report(report: Report, full_text: Callable[[dict], str] | None = None) -> Report:
    """Compare every claim linked to a resolved source with that source's abstract (in place)."""
    sources = {s.id: s for s in report.sources}
    numbers_of: dict[str, list[SourceNumber]] = {}
    full_numbers_of: dict[str, list[SourceNumber]] = {}
    for claim in report.claims:
        source = sources.get(claim.source or "")
        resolved = source.resolved if source else None
        if not resolved or resolved.get("status") != "resolved" or not resolved.get("abstract"):
            continue
        if source.id not in numbers_of:
            numbers_of[source.id] = source_numbers(resolved["abstract"])
        status, found = compare_claim(claim, numbers_of[source.id])
        where = "abstract"
        if status == "not_in_source" and full_text is not None:
            if source.id not in full_numbers_of:
                body = full_text(resolved)
                full_numbers_of[source.id] = source_numbers(body) if body else []
            if full_numbers_of[source.id]:
                status2, found2 = compare_claim(claim, full_numbers_of[source.id])
                if status2 == "confirmed":
                    status, found, where = status2, found2, "full_text"
        claim.check = {
            "status": status,
            "source_text": found.text if found else None,
            "source_value": found.value if found else None,
            "in": where if found else None,
        }
        if found and found.derived:
            claim.check["note"] = found.derived
        summary = resolved.setdefault("crosscheck", {"confirmed": [], "mismatch": [], "not_in_source": []})
        summary[status].append(claim.id)
        if status == "mismatch" and found is not None:
            report.flags.append(mismatch_flag(report, claim, found, resolved))
    return report


def mismatch_flag(report: Report, claim: Claim, found: SourceNumber, resolved: dict) -> Flag:
    mine, theirs = _scalars(claim.value), _scalars(found.value)
    ratio = max(mine[0], theirs[0]) / max(min(mine[0], theirs[0]), 1e-9) if mine and theirs else 1.0
    who = resolved.get("citation") or "the cited study"
    return Flag(
        id=f"f{len(report.flags) + 1}",
        kind="source_mismatch",
        severity="error" if ratio >= 2 else "warning",
        text=claim.text,
        start=claim.start,
        end=claim.end,
        message=(f"The article says {_fmt(claim.value)} (“{claim.text}”) but {who} reports "
                 f"{_fmt(found.value)} (“{found.text}”)."),
        suggestion=_fmt(found.value),
    )


__all__ = ["ClaimMatch", "SourceNumber", "compare_claim", "crosscheck_report", "source_numbers"]

"""Claims in the cells of Markdown tables (`| Group | Women | Hip fractures | HR (95% CI) |`).

A number in a table cell has no noun after it: what it counts is in its column's header, or
else in its row's label. So a table is read as a table:

- a table is a header line, a separator line (`|---|:--:|`) and the lines with cells after it;
- a cell holds one number, perhaps with a second in brackets (`412 (12.4%)`, `0.79 (0.70–0.89)`),
  or a range (`0.70–0.89`), or a multiple (`1.6×`, an effect size in any column); any other
  cell (`Reference`, `54 (IQR 41–63)`, text) is left alone;
- the header says what the column's numbers are; where it names nothing (`Drug`, `Placebo`,
  `2024`), the row's first cell does (`Serious adverse events`);
- people (`Women`, `n`, `Participants`) are the sample of the study, or a count where the
  article reports no study; events (`Hip fractures`, `Deaths`) a count; a ratio (`HR`, `Odds
  ratio`) an effect size, with the interval in brackets after it; `%` a percentage; `P` a
  p-value; `95% CI` an interval.

A key-facts line (`- Adults followed: 18,392`, `**New cases:** 1,487`) is read the same way,
its label as the header of its one number.

Nothing is guessed from a header that names none of these (`Mean age (years)`, `BMI`, `Dose`):
those cells are left as they are. Table claims replace the counts and samples the sentence
rules read in the same cells (those rules see no noun there), and leave any other claim found
there (`12.4%`, `p = 0.03`) as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .groups import EVENT_CONTEXT, LIST_ITEM_START, _mentions_a_study
from .numbers import parse_number
from .patterns import ClaimMatch, _is_year, terms

# A separator line: cells of dashes, with optional colons, between pipes.
_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)+\|?[ \t]*$", re.M)
# (signed: differences and their intervals; Indian grouping, thousands grouped by spaces and
# scale words: "1,60,000", "2 851", "14.2 lakh")
_NUMBER = (
    r"[-\u2212]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s(?:lakhs?|crores?|thousand|million|billion))?"
)
_DASH = r"[-\u2010\u2013\u2014]|\s+to\s+"
# A cell's content: a number; perhaps a second in brackets (a share, an interval); or a range.
_CELL = re.compile(
    rf"(?P<qual>[<>≤≥~]\s*)?(?P<num>{_NUMBER})(?P<pct>\s*%|\s+(?i:percentage\s+points?|pp))?(?P<times>\s?×)?(?P<per>\s+per\s+[\d,]+)?"
    rf"(?:\s*(?P<bracket>\(\s*(?P<b1>{_NUMBER})(?:(?:{_DASH})\s*(?P<b2>{_NUMBER}))?\s*(?P<bpct>%)?\s*\))"
    # a review's people and the studies they come from: "1,890 (4 studies)"
    r"|\s*\(\s*(?P<pooled>(?P<k>\d{1,3})\s+(?i:studies|trials|RCTs))\s*\))?"
    rf"|(?P<lo>{_NUMBER})\s*(?:{_DASH})\s*(?P<hi>{_NUMBER})"
)
_RATIO_HEADER = re.compile(
    r"\b(?:a?HRs?|a?ORs?|a?RRs?|IRRs?|(?i:hazard|odds|risk|rate)\s+ratios?|(?i:relative\s+risks?))\b"
)
_P_HEADER = re.compile(r"(?i:^\s*p(?:\s*[-\s]?\s*values?|\s+for\s+\w+)?\s*$)")
_CI_HEADER = re.compile(r"(?i:^\s*(?:\d+\s*%\s*)?(?:CI|confidence\s+intervals?)\s*$)")
# "Difference (95% CI)", "Mean change (95% CI)": an estimate that is no ratio, with its interval
_CI_IN_HEADER = re.compile(r"(?i:\b(?:CI|confidence\s+intervals?)\b)")
# "Rate per 100,000", "Deaths per 1,000 births", "per million": a rate, read as the proportion it
# is (as "8.1 per 100,000" is in a sentence); not a cost or a dose per so many.
_RATE_HEADER = re.compile(r"(?i:\bper\s+(?P<per>\d{1,3}(?:[,\s]\d{3})+|\d+|million|thousand)\b)")
# After a rate's "per 1,000": time at risk ("h", "player-hours", "person-years"): its cells are
# events over that time, counted as the sentences count "2.9 injuries per 1,000 hours"
_EXPOSURE_PER = re.compile(
    r"[^\S\n]*(?i:h|hrs?|hours|(?:player|person|patient|athlete|bed|treatment)[-\s](?:hours|years|months|days|exposures)"
    r"|bed-days|exposures)\b"
)
_NOT_A_RATE = re.compile(r"(?i:\b(?:cost|costs|price|spend|spending|mg|ml|dose|doses|kg)\b|[£$€])")
_PER_WORDS = {"million": 1_000_000, "thousand": 1_000}
# How a header's numbers are grouped, which says nothing of what they count: "Cases by age",
# "Confirmed cases by the day their illness started".
_BY_GROUPING = re.compile(
    r"(?i:\bby\s+(?:the\s+)?(?:age|ages|age\s+group|age\s+band|day|date|week|month|year|region|area|sex|gender|"
    r"district|county|trust|hospital|setting)\b.*$)"
)
# A header that is only what happened to the people of each row.
_OUTCOME_HEADER = re.compile(
    r"(?i:^\s*(?:(?:number|no\.?)\s+)?(?:hospitali[sz]ed|admitted|died|dead|recovered|vaccinated|infected|treated|"
    r"referred|discharged|readmitted|diagnosed|confirmed|(?:tested\s+)?positive)\s*(?:\(\s*n\s*\))?\s*$)"
)
# A header that is only how many were studied: "Number sampled", "Tested", "No. enrolled".
_STUDIED_HEADER = re.compile(
    r"(?i:^\s*(?:(?:number|no\.?|total)\s+)?(?:sampled|tested|screened|enrolled|recruited|randomi[sz]ed|"
    r"included|analy[sz]ed|surveyed|examined|swabbed)\s*(?:\(\s*n\s*\))?\s*$)"
)
# A column of ages or age bands ("Age band", "Age group", "Ages"): its cells are who the row is
# about ("Under 3 months", "15 to 44 years"), no claim.
_AGE_HEADER = re.compile(
    r"(?i:^\s*(?:age|ages|aged)(?:\s+(?:band|bands|group|groups|range|years?|\(years\)|at\s+(?:admission|diagnosis|onset|death|vaccination|infection|referral)))?\s*$)")
# A column of lengths of time: its unit in brackets ("Median wait (weeks)", "Length of stay
# (days)"); not ages ("Mean age (years)").
_DURATION_HEADER = re.compile(
    r"(?i:\((?P<unit>minutes|hours|days|weeks|months|years)\)\s*$"
    r"|^\s*(?:median|mean|average)\s+(?P<unit2>minutes|hours|days|weeks|months|years)\b)"
)  # ("Median days from first request to death")
_PERCENT_HEADER = re.compile(r"%|(?i:\b(?:per\s*cent|percent|percentage|proportion|share)\b)")
# "Taste alteration, n (%)": how many had it, and their share
_N_SHARE_HEADER = re.compile(r"(?i:[^\W\d_].*?,?\s+(?:n|no\.)\s*\(\s*%\s*\)\s*$)")
_COUNT_WITH_SHARE = re.compile(rf"(?:{_NUMBER})\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)")
_COUNT_HEADER = re.compile(r"(?i:^\s*(?:n|no\.?|number|total|count|sample(?:\s+size)?)\s*(?:\(\s*%\s*\))?\s*$)")
# A poll's or a forum's tally: how many gave each answer, counted (no study's sample)
_TALLY_HEADER = re.compile(r"(?i:^\s*(?:replies|answers|votes)\s*(?:\(\s*%\s*\))?\s*$)")
# A header that says its column holds no counts, whatever its rows or caption count: exposure,
# rates, averages, scores, money ("Match exposure (player-hours)", "Mean cost (£)"; not "2024",
# "Week 6" nor "Drug 16 mg", under which a row's events are counted).
_NO_COUNT_HEADER = re.compile(
    r"(?i:\b(?:exposure|person-years|patient-years|player-hours|patient-days|rate|rates|mean|median|average|"
    r"score|index|bmi|cost|price)\b)|[£$€]"
)
# Headers whose numbers are rates, averages or measurements, not counts of anything.
_NOT_COUNTED = re.compile(
    r"(?i:\b(?:per|rate|rates|mean|median|average|age|ages|aged|years?|months?|weeks?|days?|hours?|"
    r"score|index|bmi|change|difference|dose|mg|ml|kg|cost|price|£|\$|€)\b)"
)


# A line that is only a label and a number: `- Adults followed: 18,392`, `**Deaths:** 31`. The
# number after the colon is found first (the pattern opens with the colon, which `re` looks for
# quickly), then the label before it, from the line's start.
_FACT_VALUE = re.compile(
    rf":(?:\*\*|__)?[ \t]*(?:\*\*|__)?(?P<value>(?:[<>≤≥~][ \t]*)?(?:{_NUMBER}))(?:\*\*|__)?[ \t]*$", re.M
)
# A key-facts line comparing two groups, each number with its share: `- Hot flushes: 59 (18.3%)
# vs 18 (5.6%)`, `- Responders: 167 (51.9%) versus 111 (34.7%); difference ...`.
_SHARE = r"[ \t]*\([ \t]*\d+(?:\.\d+)?[ \t]*%[ \t]*\)"
_FACT_PAIR = re.compile(
    rf":[ \t]*(?P<value>{_NUMBER}){_SHARE}[ \t]+(?i:vs\.?|versus|and|compared\s+with)[ \t]+(?P<value2>{_NUMBER}){_SHARE}"
    r"[ \t]*(?:[;,.].*)?$", re.M
)
_FACT_LABEL = re.compile(r"[ \t]*(?:[-*\u2022][ \t]+)?(?:\*\*|__)?(?P<label>[^\W\d_][^:\n|*]{1,60}?)(?:\*\*|__)?[ \t]*")




def list_heading(text: str, pos: int, longest: int = 100) -> str | None:
    """The line a list is introduced by (its heading, or a line ending in a colon): the last
    line before the list item at `pos` that is neither blank nor an item, if it is short (at
    most `longest` characters) and no sentence."""
    end = text.rfind("\n", 0, pos)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip() and not LIST_ITEM_START.match(line):
            line = line.strip()
            return line if len(line) <= longest and not line.endswith((".", "!", "?")) else None  # a heading, not a sentence
        end = start - 1
    return None


def fact_lines(text: str) -> Iterator[tuple[str, int, int, bool]]:
    """(label, start, end of the number, whether it has a share) of each number of the
    key-facts lines."""
    for pattern in (_FACT_VALUE, _FACT_PAIR) if "%)" in text else (_FACT_VALUE,):
        for m in pattern.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            label = _FACT_LABEL.fullmatch(text, line_start, m.start())
            if label is None:
                continue
            for group in ("value", "value2") if pattern is _FACT_PAIR else ("value",):
                yield label["label"], m.start(group), m.end(group), pattern is _FACT_PAIR


# What a header says was done to its people: served by a service (counted) or studied (a sample).
_SERVED = re.compile(
    r"(?i:\b(?:supported|helped|treated|seen|reached|served|assisted|housed|fed|vaccinated|immuni[sz]ed|admitted|"
    r"referred|registered|discharged|visited|contacted|trained|employed)\b)"
)
# ... or what happened to them: an outbreak's cases, counted ("Sick people have been reported from
# nine states:", "Infected residents")
_AFFECTED = re.compile(r"(?i:\b(?:sick|ill|infected|sickened|affected|symptomatic|hospitali[sz]ed|injured|poisoned)\b)")
# "Estimated number of people": how many a population holds, estimated (no study's sample)
_ESTIMATED = re.compile(r"(?i:\bestimated?\b)")
_STUDIED = re.compile(
    r"(?i:\b(?:followed|enrolled|recruited|included|analy[sz]ed|randomi[sz]ed|studied|surveyed|screened|"
    r"interviewed|assessed|tested)\b)"
)


class _Column:
    """What a column's (or a row label's) numbers are: a claim kind, perhaps with a unit."""

    __slots__ = ("kind", "unit", "share", "per")

    def __init__(self, kind: str | None, unit: str | None = None, share: bool = False, per: float = 0) -> None:
        self.kind = kind
        self.unit = unit
        self.share = share  # `n (%)`: the bracketed number is a percentage
        self.per = per  # a rate's denominator: `Rate per 100,000` (-1: over time at risk, `per 1,000 h`)


_NOTHING = _Column(None)


@lru_cache(maxsize=1)
def _nouns() -> tuple[dict[str, str], int]:
    """The people, record and event nouns (lower-case) with the kind of what they count, and
    the most words any of them has."""
    data = terms()
    nouns: dict[str, str] = {}
    for key, kind in (("people_nouns", "people"), ("record_nouns", "people"), ("event_nouns", "count")):
        for noun in data[key]:
            nouns.setdefault(noun.lower(), kind)
    return nouns, max(len(n.split()) for n in nouns)


_HEADER_WORD = re.compile(r"[^\W\d_][\w'\-]*")


def classify_header(header: str, study: bool) -> _Column:
    """What the numbers under (or beside) this header are."""
    header = header.strip()
    if not header:
        return _NOTHING
    if _RATIO_HEADER.search(header):
        return _Column("effect_size")
    if _P_HEADER.match(header):
        return _Column("p_value")
    if _CI_HEADER.match(header):
        return _Column("confidence_interval")
    if _CI_IN_HEADER.search(header):
        return _Column("estimate_with_interval")
    duration = _DURATION_HEADER.search(header)
    if duration and not re.search(r"(?i:\bage)", header):
        return _Column("duration", (duration["unit"] or duration["unit2"]).lower())
    share = "%" in header
    if _COUNT_HEADER.match(header):
        return _Column("sample_size" if study else "count", share=share)
    if _TALLY_HEADER.match(header):
        return _Column("count", share="%" in header)
    if _OUTCOME_HEADER.match(header):
        return _Column("count")  # "Hospitalised", "Died": the people it happened to, counted
    if _STUDIED_HEADER.match(header):
        return _Column("sample_size" if study else "count")  # "Number sampled"
    rate = _RATE_HEADER.search(header)
    if rate and _EXPOSURE_PER.match(header, rate.end()):
        return _Column("count", per=-1)  # "Injury rate per 1,000 h": events over time at risk (as in sentences)
    if rate and not _NOT_A_RATE.search(header):
        per = _PER_WORDS.get(rate["per"].lower()) or parse_number(re.sub(r"\s", "", rate["per"]))
        if per and per > 1:
            return _Column("proportion", per=per)
    if _NOT_COUNTED.search(_BY_GROUPING.sub("", header)):  # ("Cases by age": cases, grouped by age)
        return _NOTHING
    nouns, longest = _nouns()
    words = [w.lower() for w in _HEADER_WORD.findall(header)]
    for i in range(len(words)):
        for n in range(longest, 0, -1):
            kind = nouns.get(" ".join(words[i:i + n])) if i + n <= len(words) else None
            if kind == "people":
                if _SERVED.search(header) or _AFFECTED.search(header) or _ESTIMATED.search(header):
                    return _Column("count", words[i + n - 1], share=share)  # "People supported", "Sick people"
                if _STUDIED.search(header):
                    return _Column("sample_size", words[i + n - 1], share=share)  # "Adults followed"
                return _Column("sample_size" if study else "count", words[i + n - 1], share=share)
            if kind == "count":
                return _Column("count", words[i + n - 1], share=share)
    if _N_SHARE_HEADER.match(header) and not _NOT_COUNTED.search(header):
        return _Column("count", share=True)  # "Taste alteration, n (%)": those who had it
    if _PERCENT_HEADER.search(header):
        return _Column("percentage", "percent")
    return _NOTHING


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of the table line `text[start:end]`, stripped of spaces."""
    line = text[start:end]
    inner_start, inner_end = 0, len(line)
    stripped = line.strip()
    if stripped.startswith("|"):
        inner_start = line.index("|") + 1
    if stripped.endswith("|") and len(stripped) > 1:
        inner_end = line.rindex("|")
    cells = []
    pos = inner_start
    for piece in line[inner_start:inner_end].split("|"):
        left = len(piece) - len(piece.lstrip())
        cells.append((start + pos + left, start + pos + len(piece.rstrip())))
        pos += len(piece) + 1
    return cells


# A table pasted from a word processor or spreadsheet: three lines or more, each with the same
# number (two or more) of tabs between its cells. Or typed with pipes between the cells and no
# separator line under the header (`Subgroup | Patients | HR (95% CI)`, plain text).
_TAB_LINES = re.compile(r"^[^\t\n]*\t[^\n]*(?:\n[^\t\n]*\t[^\n]*){2,}", re.M)
_PIPE_LINES = re.compile(r"^[^|\n]*\|[^\n]*(?:\n[^|\n]*\|[^\n]*){2,}", re.M)


def _tab_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each tab-separated cell of the line `text[start:end]`, stripped of spaces."""
    cells, pos = [], start
    for piece in text[start:end].split("\t"):
        left = len(piece) - len(piece.lstrip())
        cells.append((pos + left, pos + len(piece.rstrip())))
        pos += len(piece) + 1
    return cells


# Or typed with spaces, its columns lined up: cells apart by two spaces or more.
# (a rule of dashes may stand under the header: "-------------")
# (and a label of one short cell over some rows: "Serious adverse events of interest")
_SPACED_LINE = r"[^\n]*\S {2,}\S[^\n]*|[ \t]*[-=_\u2500\u2014]{8,}[ \t]*|[ \t]*[A-Z][\w ,()'-]{0,58}[\w)]"
_SPACED_LINES = re.compile(rf"^(?:{_SPACED_LINE})(?:\n(?:{_SPACED_LINE})){{2,}}", re.M)
_ARM_SIZE = re.compile(r"[nN] ?=")  # "n=5,618" under an arm's name
_RULE_LINE = re.compile(r"[ \t]*[-=_\u2500\u2014]{8,}[ \t]*")
_CELL_GAP = re.compile(r" {2,}|\t")


def _spaced_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of the line `text[start:end]`, cells apart by two spaces or more."""
    line = text[start:end]
    left = len(line) - len(line.lstrip())
    cells, pos = [], left
    for gap in _CELL_GAP.finditer(line.rstrip(), left):
        cells.append((start + pos, start + gap.start()))
        pos = gap.end()
    cells.append((start + pos, start + len(line.rstrip())))
    return cells


def spaced_tables(text: str) -> Iterator[tuple[int, list[str], list[list[tuple[int, int]]]]]:
    """Each table typed with spaces, as `tables` gives them: a header line of three cells or more,
    then two rows or more with as many cells, every row's cells after its label a number (lines
    of prose with two spaces after a full stop are no table). Between them may stand a rule of
    dashes, the arms' sizes under the header (`n=5,618   n=5,632`) and a label of one cell over
    some rows ("Serious adverse events"); another line ends the table."""
    for block in _SPACED_LINES.finditer(text):
        header: list[tuple[int, int]] | None = None
        header_start, rows = -1, []
        pos = block.start()
        for line in block.group().split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            if _RULE_LINE.fullmatch(line):
                continue
            cells = _spaced_cells(text, start, end)
            if header is not None and len(cells) == len(header) and all(
                    _CELL.fullmatch(text, a, b) or text[a:b] in ("-", "–", "—") for a, b in cells[1:]):
                rows.append(cells)
                continue
            if header is not None and (len(cells) == 1 or all(_ARM_SIZE.match(text, a, b) for a, b in cells)):
                continue  # a label over the next rows, or the arms' sizes
            if header is not None and len(rows) >= 2:
                yield header_start, [text[a:b] for a, b in header], rows
            header, header_start, rows = (cells, start, []) if len(cells) >= 3 else (None, -1, [])
        if header is not None and len(rows) >= 2:
            yield header_start, [text[a:b] for a, b in header], rows


def tab_tables(text: str) -> Iterator[tuple[int, list[str], list[list[tuple[int, int]]]]]:
    """Each tab-separated table in `text` (a header line, then two rows or more with as many
    cells), as `tables` gives them."""
    return _delimited_tables(text, _TAB_LINES, _tab_cells)


def pipe_tables(text: str) -> Iterator[tuple[int, list[str], list[list[tuple[int, int]]]]]:
    """Each table of pipe-separated lines with no separator line (a header line, then two rows
    or more with as many cells), as `tables` gives them; a block with a separator line is a
    Markdown table, read by `tables`."""
    return _delimited_tables(text, _PIPE_LINES, _cells)


def _delimited_tables(text: str, block_re: re.Pattern, cells_of) -> Iterator[tuple[int, list[str], list[list[tuple[int, int]]]]]:
    for block in block_re.finditer(text):
        if _SEPARATOR.search(block.group()):
            continue
        lines, pos = [], block.start()
        for line in block.group().split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        cells = [cells_of(text, a, b) for a, b in lines]
        i = 0
        while i < len(lines):  # runs of lines with the same number of cells
            j = i
            while j + 1 < len(lines) and len(cells[j + 1]) == len(cells[i]):
                j += 1
            if j - i >= 2 and len(cells[i]) >= 3:
                yield lines[i][0], [text[a:b] for a, b in cells[i]], cells[i + 1:j + 1]
            i = j + 1


@lru_cache(maxsize=4)
def delimited_tables(text: str) -> tuple[tuple[int, list[str], list[list[tuple[int, int]]]], ...]:
    """The text's Markdown, tab-separated and pipe-separated tables, in that order, as `tables`
    gives them (each reader tried only where its delimiter is). Read once a text: the claims,
    the residue check, the table totals and the implausible cells all ask (callers only read it)."""
    piped = "|" in text
    return (*(tables(text) if piped else ()), *(tab_tables(text) if "\t" in text else ()),
            *(pipe_tables(text) if piped else ()))


@lru_cache(maxsize=4)
def spaced_tables_of(text: str) -> tuple[tuple[int, list[str], list[list[tuple[int, int]]]], ...]:
    """`spaced_tables`, read once a text (the claims and `read_line_starts` both ask); none
    where no lines could hold such a table (`_SPACED_LINES`)."""
    if "   " not in text or _SPACED_LINES.search(text) is None:
        return ()
    return tuple(spaced_tables(text))


@lru_cache(maxsize=4)
def fact_lines_of(text: str) -> tuple[tuple[str, int, int, bool], ...]:
    """`fact_lines`, read once a text (the claims and `read_line_starts` both ask)."""
    return tuple(fact_lines(text))


def _line_starts(text: str, tables) -> set[int]:
    """Where the header line and each row of the tables start."""
    starts: set[int] = set()
    for header_start, _, rows in tables:
        starts.add(header_start)
        starts.update(text.rfind("\n", 0, cells[0][0]) + 1 for cells in rows if cells)
    return starts


def table_line_starts(text: str) -> set[int]:
    """Where each line of the text's tables (Markdown, pipe- or tab-separated) starts: its
    header line and its rows."""
    return _line_starts(text, delimited_tables(text))


@lru_cache(maxsize=4)
def read_line_starts(text: str) -> frozenset[int]:
    """Where each line `table_claims` reads starts: every table's header and rows (Markdown,
    pipe- or tab-separated, typed with spaces) and the key-facts lines. What it leaves there it
    left knowing the header or label."""
    starts = _line_starts(text, (*delimited_tables(text), *spaced_tables_of(text)))
    starts.update(text.rfind("\n", 0, start) + 1 for _, start, _, _ in fact_lines_of(text))
    return frozenset(starts)


def tables(text: str) -> Iterator[tuple[int, list[str], list[list[tuple[int, int]]]]]:
    """Each Markdown table in `text`: where its header line starts, its header cells, and its
    body rows as cell offsets."""
    for sep in _SEPARATOR.finditer(text):
        header_end = sep.start() - 1
        if header_end <= 0:
            continue
        header_start = text.rfind("\n", 0, header_end) + 1
        if "|" not in text[header_start:header_end]:
            continue
        header = [text[a:b] for a, b in _cells(text, header_start, header_end)]
        rows = []
        pos = sep.end() + 1
        while pos < len(text):
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end < 0 else line_end
            if "|" not in text[pos:line_end]:
                break
            if _SEPARATOR.fullmatch(text, pos, line_end):
                # a second separator: the row before it heads the next table, read on its own
                # (after a title row: "| Dialysis register | | |", "|---|", "| Year | Patients |")
                if rows:
                    rows.pop()
                break
            rows.append(_cells(text, pos, line_end))
            pos = line_end + 1
        yield header_start, header, rows


def _cell_claims(text: str, start: int, end: int, column: _Column) -> list[ClaimMatch]:
    """The claims in one cell, read as the column says."""
    for mark in ("**", "__", "*", "_"):  # a bold or italic cell: "**7,418**", a total row's
        if end - start > 2 * len(mark) and text.startswith(mark, start) and text.endswith(mark, start, end):
            start, end = start + len(mark), end - len(mark)
            break
    m = _CELL.fullmatch(text, start, end)
    if m is None:
        return []
    kind = column.kind
    if m["lo"] is not None:  # a range alone: an interval, in an interval or ratio column
        if kind not in ("confidence_interval", "effect_size", "estimate_with_interval"):
            return []
        low, high = parse_number(m["lo"]), parse_number(m["hi"])
        return [ClaimMatch("confidence_interval", start, end, [low, high])]
    raw, value = m["num"], parse_number(m["num"])
    if value is None:
        return []
    if m["pooled"] is not None:  # "1,890 (4 studies)": a review's people and its studies, whatever the column
        return [ClaimMatch("sample_size", m.start("num"), m.end("num"), value),
                ClaimMatch("sample_size", m.start("pooled"), m.end("pooled"), int(m["k"]))]
    qualifier = m["qual"].strip() if m["qual"] else None
    claims = []
    if kind == "estimate_with_interval":  # "-0.2 (-0.7 to 0.3)", "18.5 percentage points (13.1 to 23.9)": the interval only
        if m["b2"] is None:
            return []
        return [ClaimMatch("confidence_interval", m.start("bracket"), m.end("bracket"),
                           [parse_number(m["b1"]), parse_number(m["b2"])])]
    if m["pct"]:
        return []  # `12.4%`: the percentage rules read it
    if m["per"] and kind != "estimate_with_interval":
        return []  # `404 per 1,000`: a rate, read by the sentence rules
    if m["times"]:  # `1.6×`: a multiple, whatever the column
        return [ClaimMatch("effect_size", m.start("num"), m.end("times"), value, None, qualifier)]
    if kind == "effect_size":
        claims.append(ClaimMatch(kind, m.start("num"), m.end("num"), value, None, qualifier))
        if m["b2"] is not None:
            claims.append(ClaimMatch("confidence_interval", m.start("bracket"), m.end("bracket"),
                                     [parse_number(m["b1"]), parse_number(m["b2"])]))
        return claims
    if kind == "p_value":
        return [ClaimMatch(kind, m.start("num"), m.end("num"), value, None, qualifier)]
    if kind == "confidence_interval":
        return []
    if kind == "percentage":
        return [ClaimMatch(kind, m.start("num"), m.end("num"), value, "percent", qualifier)]
    if kind == "duration":
        if raw[0] in "-\u2212" or m["b1"] is not None:
            return []
        return [ClaimMatch(kind, m.start("num"), m.end("num"), value, column.unit, qualifier)]
    if kind == "proportion":  # a rate per so many
        if raw[0] in "-\u2212" or m["b1"] is not None:
            return []
        return [ClaimMatch(kind, m.start("num"), m.end("num"), round(value / column.per, 12), None, qualifier)]
    if column.per == -1:  # events over time at risk: the rate, as written
        if raw[0] in "-\u2212" or m["b1"] is not None:
            return []
        return [ClaimMatch(kind, m.start("num"), m.end("num"), value, None, qualifier)]
    # people or events: whole numbers only (`4.2` under `Patients` is no count of them), not negative
    if ("." in raw and not raw[-1].isalpha()) or raw[0] in "-\u2212" or (_is_year(raw) and "," not in raw):
        return []  # (a decimal with a scale word is whole: "1.2 lakh")
    claims.append(ClaimMatch(kind, m.start("num"), m.end("num"), value, column.unit, qualifier))
    if m["b1"] is not None and m["b2"] is None and (m["bpct"] or column.share):
        share = parse_number(m["b1"])
        if share is not None:
            claims.append(ClaimMatch("percentage", m.start("b1"), m.end("bpct") if m["bpct"] else m.end("b1"),
                                     share, "percent"))
    return claims


_TABLE_KINDS = frozenset({"count", "sample_size"})


def table_claims(text: str, claims: list[ClaimMatch]) -> list[ClaimMatch]:
    """`claims` with the claims of the text's Markdown tables and key-facts lines: these replace the counts
    and samples found in the same cells, and give way to any other claim there. People in a
    table are a study's sample when the article reports a study (as in sentences)."""
    has_table = "|" in text and "--" in text and _SEPARATOR.search(text) is not None
    tabbed = "\t" in text
    piped = "|" in text and _PIPE_LINES.search(text) is not None
    spaced = spaced_tables_of(text)
    facts = fact_lines_of(text)
    if not has_table and not tabbed and not piped and not spaced and not facts:
        return claims
    is_study = _mentions_a_study(text)
    found: list[ClaimMatch] = []
    for label, start, end, with_share in facts:
        column = classify_header(label, is_study)
        if column.kind is None and not with_share:  # "- North East: 1,020" under "Where we helped (people supported, by region)"
            heading = list_heading(text, start)
            column = classify_header(heading, is_study) if heading else column
            column = column if column.kind in ("count", "sample_size") else _NOTHING
        if with_share and column.kind not in ("sample_size", "count"):
            column = _Column("count")  # "Hot flushes: 59 (18.3%) vs 18 (5.6%)": those who had it, in each group
        if column.kind:
            found.extend(_cell_claims(text, start, end, column))
    ages: list[tuple[int, int]] = []  # the cells of age columns
    all_tables = [*delimited_tables(text), *spaced]
    for header_start, header, rows in all_tables:
        columns = [classify_header(h, is_study) for h in header]
        age_columns = {j for j, h in enumerate(header) if _AGE_HEADER.match(h)}
        # a column whose header says its numbers are no counts ("Exposure (player-hours)", "Mean
        # cost"): neither its row's label nor the caption makes them counts
        uncounted = {j for j, (h, c) in enumerate(zip(header, columns)) if c.kind is None and _NO_COUNT_HEADER.search(h)}
        caption = None
        labels = [classify_header(text[cells[0][0]:cells[0][1]], is_study) if cells else _NOTHING for cells in rows]
        if sum(_YEAR_HEADER.fullmatch(h.strip()) is not None for h in header[1:]) >= 2:
            # "| Road user | 2023 | 2024 |": people counted year by year, no study's sample (unless
            # the row says they were studied: "| Patients included | 87,905 | 89,640 |")
            labels = [_Column("count", label.unit)
                      if label.kind == "sample_size" and not _STUDIED.search(text, cells[0][0], cells[0][1]) else label
                      for label, cells in zip(labels, rows)]
        # a table of events by arm ("Any adverse event"), or of outcomes with their ratios ("| Stroke |
        # 118 (2.1%) | 167 (3.0%) | 0.70 (0.55-0.88) |"): its rows of `n (%)` cells count people who
        # had something ("Dysgeusia (altered taste)", "Primary composite outcome")
        events = any(label.kind == "count" and label.unit for label in labels)
        ratios = any(column.kind == "effect_size" for column in columns)
        for cells, label in zip(rows, labels):
            ages.extend(cells[j] for j in age_columns if j < len(cells))
            if label.kind is None and cells and not _NOT_COUNTED.search(text[cells[0][0]:cells[0][1]]):
                shares = [(a, b) for j, (a, b) in enumerate(cells[1:], start=1) if not (j < len(columns) and columns[j].kind)]
                if (events and all(_COUNT_WITH_SHARE.fullmatch(text, a, b) for a, b in cells[1:])) or (
                        ratios and shares and all(_COUNT_WITH_SHARE.fullmatch(text, a, b) for a, b in shares)):
                    label = _Column("count")
                else:
                    if caption is None:
                        caption = _caption_column(text, header_start, is_study)
                    label = caption
            # a row of measurements ("Median age at death (years)"): no counts under its columns of people
            measured = bool(cells) and _NO_COUNT_HEADER.search(text, cells[0][0], cells[0][1]) is not None
            # a row naming an event ("Died in hospital"): its cells under columns of people count those who had it
            outcome = bool(cells) and EVENT_CONTEXT.search(text, cells[0][0], cells[0][1]) is not None
            for j, (start, end) in enumerate(cells[1:], start=1):
                if j in uncounted:
                    continue
                column = columns[j] if j < len(columns) and columns[j].kind else label
                if column.kind in ("count", "sample_size") and measured:
                    continue
                if (column.kind == "sample_size" and column is not label and outcome
                        and _COUNT_WITH_SHARE.fullmatch(text, start, end)):
                    column = _Column("count", column.unit)  # "| Died in hospital | 1,047 (63%) |": those of the group who had it
                if column.kind or text[end - 1:end] == "×":
                    found.extend(_cell_claims(text, start, end, column))
    if ages:
        claims = [c for c in claims if not any(a <= c.start and c.end <= b for a, b in ages)]
    if not found:
        return claims
    kept = [c for c in claims if not (c.kind in _TABLE_KINDS and any(_overlap(c, f) for f in found))]
    new = [f for f in found if not any(_overlap(c, f) for c in kept)]
    return sorted(kept + new, key=lambda c: c.start)


# A column headed by a year or a year's span: "2023", "2023/24", "2023-24", "FY2024".
_YEAR_HEADER = re.compile(r"\**(?:FY\s?)?(?:18|19|20)\d\d(?:\s?[/\u2013-]\s?(?:\d\d|(?:19|20)\d\d))?\**")


def _caption_column(text: str, header_start: int, study: bool) -> _Column:
    """What a table's caption (`Table 1: Emergency admissions for falls, by age group`) says its
    numbers count, for cells whose column and row name nothing (`| 65 to 69 | 20,410 |` under
    `Year ending March 2024`): events only. A caption naming people is most often a table of
    their characteristics (`Table 1: Participants`), whose rows of ages and blood pressures are
    no samples."""
    caption = _title_row(text, header_start) or list_heading(text, header_start, longest=200)
    column = classify_header(caption, study) if caption else _NOTHING
    return column if column.kind == "count" and column.unit else _NOTHING


def _title_row(text: str, header_start: int) -> str | None:
    """The text of the title row above a table's header row (`| Confirmed and probable pertussis
    cases, Jan. 1 through June 7 | | |`, then a separator line), if there is one."""
    sep_end = header_start - 1
    sep_start = text.rfind("\n", 0, max(0, sep_end)) + 1
    if sep_end <= 0 or not _SEPARATOR.fullmatch(text, sep_start, sep_end):
        return None
    row_start = text.rfind("\n", 0, max(0, sep_start - 1)) + 1
    cells = [text[a:b] for a, b in _cells(text, row_start, sep_start - 1) if b > a]
    return cells[0] if len(cells) == 1 and "|" in text[row_start:sep_start] else None


def _overlap(a: ClaimMatch, b: ClaimMatch) -> bool:
    return a.start < b.end and b.start < a.end

"""A table's total row that is not the sum of the rows it totals (a `number_mismatch`).

    | Area        | Confirmed admissions |
    |-------------|----------------------|
    | Aldmoor     | 248                  |
    | ...         | ...                  |
    | Total       | 1,246                |   <- the rows add up to 1,264

Read on the Markdown tables of the analysed text (`nlp.tables.tables`: HTML tables are
written out so) and its tab-separated ones (`tab_tables`), column by column, where every cell of the column is a whole number (a count
may carry its share in brackets: `412 (12.4%)`) and the header names no rate, share, mean,
score or change (`Rate per 100,000`, `ASAR`): those never add up.

A total row is a row whose label says `Total` (`Eastmarch total`, `**Total**`), `All` /
`Overall` (not `All other counties`, the rest) or `Statewide`; it totals the rows above it (or, at the top of the table, the rows below it). A
table that lists only some of the rows of a whole (`Selected regions` ... `England total`)
has a total larger than its rows: so a total is flagged only when its rows add up to more
than it, or when the two read as one number mistyped (two neighbouring digits swapped, or
one digit changed). Tables with a subtotal among the rows are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..nlp.tables import delimited_tables
from .registry import Hit

# ("All other counties" is the rest, a row like the others; "Statewide" is all of them)
_TOTAL_LABEL = re.compile(r"(?i:\b(?:sub-?)?totals?\b|^(?:all|overall)\b(?!\s+(?:the\s+)?others?\b)|^(?:statewide|nationwide|countrywide)$)")
# a whole number, perhaps bold, perhaps with its share in brackets: "1,246", "**412**", "87 (12.4%)"
_COUNT_CELL = re.compile(
    r"^[*_]{0,2}(?P<n>\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)[*_]{0,2}(?:\s*\([^()\d]*\d[^()]*\))?$"
)
# a column whose numbers do not add up: rates, shares, averages, scores, changes, ages
_NOT_ADDED = re.compile(
    r"(?i:\bper\b|\brates?\b|%|\bper\s?cent|\bpercent|\bshare|\bproportion|\bmean\b|\bmedian\b|\baverage|\bratio|"
    r"\bindex\b|\bscores?\b|\bage\b|\bchange|\bASAR\b|\bCI\b|\binterval|\brank)"
)


def _count(cell: str) -> int | None:
    m = _COUNT_CELL.match(cell)
    return int(re.sub(r"\D", "", m["n"])) if m else None


def _swapped_at(a: str, b: str) -> tuple[int, int] | None:
    """Where `b` is `a` with two of its digits swapped (their positions), else None."""
    if len(a) != len(b) or a == b:
        return None
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 2 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return diff[0], diff[1]
    return None


def swapped_neighbours(a: str, b: str) -> bool:
    """`b` is `a` with two neighbouring digits swapped (1842 and 1824). (Read by
    `number_mismatch` too.)"""
    at = _swapped_at(a, b)
    return at is not None and at[1] == at[0] + 1


def two_digits_swapped(a: str, b: str) -> bool:
    """`b` is `a` with two of its digits swapped, neighbours or not (3412 and 3214)."""
    return _swapped_at(a, b) is not None


def one_digit_changed(a: str, b: str) -> bool:
    """`b` is `a` with one digit changed (184 and 194). (Read by `number_mismatch` too.)"""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _one_slip(a: int, b: int) -> bool:
    """Whether `a` and `b` (as written) read as one number mistyped: the same length, and
    either one digit changed or two neighbouring digits swapped."""
    x, y = str(a), str(b)
    return one_digit_changed(x, y) or swapped_neighbours(x, y)


def find_table_total_mismatches(text: str) -> Iterator[Hit]:
    if "|" not in text and "\t" not in text:
        return
    for _header_start, header, rows in delimited_tables(text):
        labels = [text[row[0][0]:row[0][1]].strip("*_ ") if row else "" for row in rows]
        totals = [i for i, label in enumerate(labels) if _TOTAL_LABEL.search(label)]
        if len(totals) != 1:
            continue  # no total, or subtotals: which rows each adds up is not sure
        t = totals[0]
        parts = rows[:t] if t > 0 else rows[1:]
        if len(parts) < 2:
            continue
        total_row = rows[t]
        for column in range(1, len(total_row)):
            if column < len(header) and _NOT_ADDED.search(header[column]):
                continue
            start, end = total_row[column]
            total = _count(text[start:end])
            if total is None:
                continue
            values = [_count(text[row[column][0]:row[column][1]]) if column < len(row) else None for row in parts]
            if None in values:
                continue
            added = sum(values)
            if added == total or not (added > total or _one_slip(added, total)):
                continue
            yield Hit(
                start, end,
                f"the rows {'above' if t > 0 else 'below'} add up to {added:,}, not the total `{text[start:end]}`.",
                f"the rows add up to {added:,}",
            )

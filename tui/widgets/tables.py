"""Tables of a report's claims, flags and sources.

Each row's key is the item's id; moving the cursor posts `ItemHighlighted` (when the table
has focus, i.e. the user moved it), Enter posts `ItemChosen`. Cells are `rich.text.Text`
built from `safe()` text, never markup strings.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual.widgets import DataTable

from claimcheck.models import Claim, Flag, Report, Source
from claimcheck.render import format_value, safe

from ..messages import ItemChosen, ItemHighlighted
from .palette import CLAIM_COLOURS, SEVERITY_COLOURS, SEVERITY_ICONS

T = TypeVar("T", Claim, Flag, Source)


def cell(text: str | None, limit: int = 60, style: str = "") -> Text:
    """One line of safe text, cut to `limit` characters."""
    flat = " ".join(safe(text or "").split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return Text(flat, style=style)


class ItemTable(DataTable, Generic[T]):
    """A table of report items (claims, flags or sources) keyed by item id."""

    DEFAULT_CSS = """
    ItemTable {
        height: 1fr;
    }
    """

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.items: list[T] = []
        self.report: Report | None = None

    def on_mount(self) -> None:
        self.add_columns(*self.COLUMNS)

    def row_cells(self, item: T) -> list[Text]:
        raise NotImplementedError

    def set_items(self, items: list[T], report: Report) -> None:
        self.report = report
        self.items = list(items)
        self.clear()
        for item in self.items:
            self.add_row(*self.row_cells(item), key=item.id)

    @property
    def current(self) -> T | None:
        if not self.items or not (0 <= self.cursor_row < len(self.items)):
            return None
        return self.items[self.cursor_row]

    def select_index(self, index: int) -> T | None:
        """Move the cursor to row `index` and announce that item."""
        if not self.items:
            return None
        index %= len(self.items)
        self.move_cursor(row=index, animate=False)
        item = self.items[index]
        self.post_message(ItemHighlighted(item))
        return item

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.has_focus and self.current is not None:
            self.post_message(ItemHighlighted(self.current))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(ItemChosen(self.current))


class ClaimsTable(ItemTable[Claim]):
    COLUMNS = ("Kind", "Claim", "Value", "Source", "Sentence")

    def row_cells(self, claim: Claim) -> list[Text]:
        value = format_value(claim.value) + (f" {claim.unit}" if claim.unit else "")
        source = ""
        if claim.source and self.report:
            source = next((s.journal or s.mention for s in self.report.sources if s.id == claim.source), claim.source)
        if claim.check:
            source += f" [{claim.check.get('status')}]"
        return [
            cell(claim.kind, style=CLAIM_COLOURS.get(claim.kind, "")),
            cell(claim.text, 30, "bold"),
            cell(value, 20),
            cell(source, 30),
            cell(claim.sentence, 80, "dim"),
        ]


class FlagsTable(ItemTable[Flag]):
    COLUMNS = ("Severity", "Kind", "Text", "Message", "Suggestion")

    def row_cells(self, flag: Flag) -> list[Text]:
        colour = SEVERITY_COLOURS.get(flag.severity, "")
        return [
            cell(f"{SEVERITY_ICONS.get(flag.severity, '?')} {flag.severity}", style=colour),
            cell(flag.kind),
            cell(flag.text, 30, f"bold {colour}"),
            cell(flag.message, 70),
            cell(flag.suggestion, 40, "green"),
        ]


def resolved_cells(source: Source) -> tuple[Text, Text]:
    """(resolved DOI/title or `unresolved: reason`, confidence) of a source."""
    resolved = source.resolved
    if not resolved:
        return cell("not resolved", style="dim"), cell("")
    if resolved.get("status") == "unresolved" or not (resolved.get("doi") or resolved.get("title")):
        return cell(f"unresolved: {resolved.get('reason') or 'no match'}", style="yellow"), cell("")
    label = " ".join(str(bit) for bit in (resolved.get("doi"), resolved.get("title")) if bit)
    score = resolved.get("score")
    confidence = f"{score:.2f}" if isinstance(score, (int, float)) else ""
    return cell(label, 60, "green"), cell(confidence)


class SourcesTable(ItemTable[Source]):
    COLUMNS = ("Mention", "Resolved", "Confidence", "Cross-check", "Journal", "Year")

    def row_cells(self, source: Source) -> list[Text]:
        resolved, confidence = resolved_cells(source)
        return [
            cell(source.mention, 32, "italic"),
            resolved,
            confidence,
            cell(crosscheck_summary(source, self.report)),
            cell(source.journal),
            cell(str(source.year) if source.year else ""),
        ]


def crosscheck_summary(source: Source, report: Report | None) -> str:
    """e.g. "2 confirmed, 1 mismatch" over the claims linked to `source`."""
    if report is None:
        return ""
    counts: dict[str, int] = {}
    for claim in report.claims:
        if claim.source == source.id and claim.check:
            status = str(claim.check.get("status"))
            counts[status] = counts.get(status, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in counts.items())

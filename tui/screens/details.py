"""A modal with everything about one claim, flag or source, and its place in the article."""

from __future__ import annotations

import re

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from claimcheck.models import Claim, Flag, Report
from claimcheck.render import format_value, line_of, safe

from ..messages import Item

CONTEXT_CHARS = 120


def context_of(report: Report, start: int, end: int) -> Text:
    """The item with some article text around it, the item in bold reverse."""
    text = report.text

    def flat(part: str) -> str:
        return re.sub(r"\s+", " ", safe(part))

    out = Text("…" + flat(text[max(0, start - CONTEXT_CHARS) : start]).lstrip(), style="dim")
    out.append(flat(text[start:end]), style="bold reverse")
    out.append(flat(text[end : end + CONTEXT_CHARS]).rstrip() + "…", style="dim")
    return out


def item_fields(item: Item, report: Report) -> list[tuple[str, str]]:
    if isinstance(item, Claim):
        source = next((s for s in report.sources if s.id == item.source), None)
        fields = [
            ("claim", item.kind), ("text", item.text),
            ("value", format_value(item.value) + (f" {item.unit}" if item.unit else "")),
            ("qualifier", item.qualifier or ""), ("sentence", item.sentence),
            ("source", source.mention if source else "none linked"),
        ]
        if item.check:
            fields += [(f"check: {k}", str(v)) for k, v in item.check.items()]
    elif isinstance(item, Flag):
        fields = [
            ("flag", item.kind), ("severity", item.severity), ("text", item.text),
            ("message", item.message), ("suggestion", item.suggestion or ""),
        ]
    else:
        fields = [
            ("source", item.mention), ("journal", item.journal or ""),
            ("year", str(item.year or "")), ("DOI", item.doi or ""), ("URL", item.url or ""),
        ]
        if item.resolved is None:
            fields.append(("resolved", "not resolved"))
        else:
            fields += [(f"resolved: {k}", str(v)) for k, v in item.resolved.items()]
        linked = [c.text for c in report.claims if c.source == item.id]
        fields.append(("claims", ", ".join(linked) or "none linked"))
    fields.append(("line", str(line_of(report.text, item.start))))
    return [(name, value) for name, value in fields if value]


class DetailsScreen(ModalScreen[None]):
    """Details of one item. Escape closes; `c` copies the flag's message (or the item's text)."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close"),
        Binding("c", "copy", "Copy"),
    ]

    def __init__(self, item: Item, report: Report) -> None:
        super().__init__()
        self.item = item
        self.report = report

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for name, value in item_fields(self.item, self.report):
            table.add_row(Text(name), Text(safe(value)))
        with VerticalScroll(id="details-box") as box:
            box.border_title = Text(safe(f"{type(self.item).__name__} {self.item.id}"))
            box.border_subtitle = "Esc close · c copy"
            yield Static(table)
            yield Static(context_of(self.report, self.item.start, self.item.end), id="details-context")

    def action_copy(self) -> None:
        text = self.item.message if isinstance(self.item, Flag) else getattr(self.item, "text", None)
        text = text or getattr(self.item, "mention", "")
        self.app.copy_to_clipboard(text)
        self.notify("Copied to the clipboard.", markup=False)

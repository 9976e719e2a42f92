"""The help screen: what the colours mean and every key, read from the bindings themselves."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.palette import CLAIM_COLOURS, SEVERITY_BACKGROUNDS

INTRO = (
    "claimcheck reads a health-news article and lists its quantitative claims, the defects "
    "in it (flags) and the studies it cites. Paste a URL, a file path or the article's text "
    "in the bar at the top and press Enter."
)


def key_label(key: str) -> str:
    names = {"slash": "/", "question_mark": "?", "escape": "Esc", "enter": "Enter", "delete": "Del"}
    return " ".join(names.get(k, k) for k in key.split(","))


def bindings_table(title: str, bindings: list[BindingType]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            table.add_row(key_label(binding.key), binding.tooltip or binding.description)
    return table


def legend() -> Table:
    table = Table(title="Colours", title_justify="left", show_header=False, box=None, padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for kind, colour in CLAIM_COLOURS.items():
        table.add_row(Text(kind, style=f"bold underline {colour}"), "claim")
    for severity, background in SEVERITY_BACKGROUNDS.items():
        table.add_row(Text(f" {severity} ", style=f"on {background}"), "flag")
    table.add_row(Text("source", style="italic underline #af87ff"), "cited source")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "claimcheck help"
            box.border_subtitle = "Esc close"
            yield Static(Text(INTRO), classes="help-intro")
            for title, bindings in self.sections:
                yield Static(bindings_table(title, bindings))
            yield Static(legend())

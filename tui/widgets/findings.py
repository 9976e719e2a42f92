"""The findings pane: tabs of claims, flags and sources, with kind and severity filters.

It shows one report; changing a filter refills the tables and posts `FiltersChanged` so the
article can show only what the tables show.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Select, TabbedContent, TabPane

from claimcheck.models import Claim, Flag, Report

from ..messages import FiltersChanged, Item
from .tables import ClaimsTable, FlagsTable, ItemTable, SourcesTable

TABS = {"claims": "claims-tab", "flags": "flags-tab", "sources": "sources-tab"}
SEVERITY_ORDER = ("error", "warning", "info")


class FindingsPanel(Vertical):
    DEFAULT_CSS = """
    FindingsPanel {
        width: 1fr;
    }
    FindingsPanel TabPane {
        padding: 0;
    }
    FindingsPanel .filters {
        height: 1;
        margin: 0 0 1 0;
    }
    FindingsPanel .filters Select {
        width: 1fr;
        margin: 0 1 0 0;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.report: Report | None = None
        self._filter_values: dict[str, list[str]] = {}

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=TABS["flags"]):
            with TabPane("Claims", id=TABS["claims"]):
                with Horizontal(classes="filters"):
                    yield Select([], prompt="All claim kinds", compact=True, id="claim-kind")
                yield ClaimsTable(id="claims")
            with TabPane("Flags", id=TABS["flags"]):
                with Horizontal(classes="filters"):
                    yield Select([], prompt="All severities", compact=True, id="flag-severity")
                    yield Select([], prompt="All flag kinds", compact=True, id="flag-kind")
                yield FlagsTable(id="flags")
            with TabPane("Sources", id=TABS["sources"]):
                yield SourcesTable(id="sources")

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    @property
    def claims_table(self) -> ClaimsTable:
        return self.query_one(ClaimsTable)

    @property
    def flags_table(self) -> FlagsTable:
        return self.query_one(FlagsTable)

    @property
    def sources_table(self) -> SourcesTable:
        return self.query_one(SourcesTable)

    @property
    def active_table(self) -> ItemTable:
        return self.table(next(name for name, tab in TABS.items() if tab == self.tabs.active))

    def table(self, name: str) -> ItemTable:
        return {"claims": self.claims_table, "flags": self.flags_table, "sources": self.sources_table}[name]

    def show_tab(self, name: str, focus: bool = True) -> None:
        self.tabs.active = TABS[name]
        if focus:
            self.table(name).focus()

    # -- the report and its filters -------------------------------------------------------------

    def show(self, report: Report, keep_view: bool = False) -> None:
        """Show `report` with no filter and the flags tab first (when there are flags); with
        `keep_view`, keep the tab, the filters and the rows (the same article, updated)."""
        self.report = report
        self._filter_values = {
            "#claim-kind": list(dict.fromkeys(c.kind for c in report.claims)),
            "#flag-kind": list(dict.fromkeys(f.kind for f in report.flags)),
            "#flag-severity": [s for s in SEVERITY_ORDER if any(f.severity == s for f in report.flags)],
        }
        rows = {name: self.table(name).cursor_row for name in TABS}
        with self.prevent(Select.Changed):
            for select_id, values in self._filter_values.items():
                select = self.query_one(select_id, Select)
                current = select.value
                select.set_options([(v, v) for v in values])
                if keep_view and current in values:
                    select.value = current
        self._fill()
        if keep_view:
            for name, row in rows.items():
                table = self.table(name)
                if table.row_count:
                    table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        else:
            self.show_tab("flags" if report.flags else "claims")

    def visible_claims(self) -> list[Claim]:
        kind = self.query_one("#claim-kind", Select).value
        return [c for c in self.report.claims if kind in (Select.NULL, c.kind)] if self.report else []

    def visible_flags(self) -> list[Flag]:
        if self.report is None:
            return []
        severity = self.query_one("#flag-severity", Select).value
        kind = self.query_one("#flag-kind", Select).value
        return [f for f in self.report.flags if severity in (Select.NULL, f.severity) and kind in (Select.NULL, f.kind)]

    def _fill(self) -> None:
        assert self.report is not None
        claims, flags, sources = self.visible_claims(), self.visible_flags(), self.report.sources
        self.claims_table.set_items(claims, self.report)
        self.flags_table.set_items(flags, self.report)
        self.sources_table.set_items(sources, self.report)
        for name, shown, total in (
            ("claims", len(claims), len(self.report.claims)),
            ("flags", len(flags), len(self.report.flags)),
            ("sources", len(sources), len(sources)),
        ):
            count = f"{shown}/{total}" if shown != total else str(total)
            self.tabs.get_tab(TABS[name]).label = f"{name.title()} ({count})"

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.report is not None:
            self._fill()
            self.post_message(FiltersChanged())

    def cycle_filter(self, select_id: str) -> None:
        """Set the filter `select_id` to its next value (after the last: no filter)."""
        select = self.query_one(select_id, Select)
        values = [Select.NULL, *self._filter_values.get(select_id, [])]
        current = values.index(select.value) if select.value in values else 0
        select.value = values[(current + 1) % len(values)]

    def cycle_kind(self) -> None:
        """The kind filter of the claims tab when it is shown, else of the flags tab."""
        if self.tabs.active == TABS["claims"]:
            self.cycle_filter("#claim-kind")
        else:
            self.show_tab("flags", focus=False)
            self.cycle_filter("#flag-kind")

    def cycle_severity(self) -> None:
        self.show_tab("flags", focus=False)
        self.cycle_filter("#flag-severity")

    # -- moving between items ----------------------------------------------------------------------

    def step_flag(self, current: Item | None, step: int) -> Flag | None:
        """Select the flag `step` rows from `current` (wrapping); the first/last if none is current."""
        table = self.flags_table
        if not table.items:
            return None
        self.show_tab("flags")
        if isinstance(current, Flag) and current in table.items:
            index = table.items.index(current) + step
        else:
            index = 0 if step > 0 else -1
        return table.select_index(index)

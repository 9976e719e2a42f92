"""The main screen: input bar, the article with highlights, and tabs of claims, flags, sources.

Checking runs in a thread worker (`run_check` calls the library); the worker talks back only
through messages, tagged with the run number so that a cancelled or superseded run is ignored.
Online, the analysis is shown as soon as it is ready and updated in place (same tab, rows and
scroll) when the sources have been resolved.
"""

from __future__ import annotations

import sqlite3

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState, get_current_worker

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Claim, Flag, Report, Source
from claimcheck.render import safe

from ..export import export_report
from ..messages import (
    AnalysisReady,
    CheckFailed,
    CheckFinished,
    CheckRequested,
    FiltersChanged,
    ItemChosen,
    ItemHighlighted,
    StageChanged,
)
from ..runner import Cancelled, clean_source, run_check
from ..widgets.article_view import ArticleView, Highlight, highlights_for
from ..widgets.findings import FindingsPanel
from ..widgets.input_bar import InputBar
from ..widgets.status_line import StatusLine
from .details import DetailsScreen
from .history import HistoryScreen


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary(report: Report) -> str:
    counts = report.flag_counts()
    detail = ", ".join(plural(counts[s], s) for s in ("error", "warning", "info") if counts.get(s))
    flags = plural(len(report.flags), "flag") + (f" ({detail})" if detail else "")
    return f"{plural(len(report.claims), 'claim')} · {flags} · {plural(len(report.sources), 'source')}"


class MainScreen(Screen):
    BINDINGS = [
        Binding("slash", "focus_input", "Check", tooltip="Check another article: focus the input bar"),
        Binding("escape", "cancel", "Cancel", tooltip="Cancel the running check"),
        Binding("n", "next_flag", "Next flag", tooltip="Jump to the next flag in the article"),
        Binding("p", "previous_flag", "Prev flag", tooltip="Jump to the previous flag in the article"),
        Binding("d", "details", "Details", tooltip="Show everything about the current claim, flag or source"),
        Binding("c", "copy_flag", "Copy", tooltip="Copy the current flag's message to the clipboard"),
        Binding("k", "cycle_kind", "Kind", tooltip="Filter by kind: cycle the claims' or flags' kind filter"),
        Binding("s", "cycle_severity", "Severity", tooltip="Filter by severity: cycle the flags' severity filter"),
        Binding("e", "export('json')", "JSON", tooltip="Export the report as JSON (the path is shown)"),
        Binding("m", "export('markdown')", "MD", tooltip="Export the report as Markdown (the path is shown)"),
        Binding("h", "history", "History", tooltip="History of checked articles: reopen without fetching, delete"),
        Binding("1", "show_tab('claims')", "Claims", show=False, tooltip="Show the claims tab"),
        Binding("2", "show_tab('flags')", "Flags", show=False, tooltip="Show the flags tab"),
        Binding("3", "show_tab('sources')", "Sources", show=False, tooltip="Show the sources tab"),
        Binding("a", "focus_article", "Article", show=False, tooltip="Focus the article to scroll it"),
    ]

    def __init__(self, initial: str | None = None) -> None:
        super().__init__()
        self.initial = initial
        self.report: Report | None = None
        self.marked_item: Claim | Flag | Source | None = None
        self._run = 0
        self._worker: Worker | None = None
        self._shown_run = 0  # the run whose analysis is on screen before its sources resolve

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield InputBar(id="input-bar")
        with Horizontal(id="body"):
            yield ArticleView(id="article")
            yield FindingsPanel(id="findings")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.article.border_title = "Article"
        self.input_bar.focus_input()
        if self.initial:
            self.input_bar.input.value = self.initial
            self.check(self.initial)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def input_bar(self) -> InputBar:
        return self.query_one(InputBar)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def findings(self) -> FindingsPanel:
        return self.query_one(FindingsPanel)

    # -- checking -----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.state in (WorkerState.PENDING, WorkerState.RUNNING)

    def check(self, source: str, text: str | None = None) -> None:
        """Start checking `source` (a path or URL) or the pasted `text`."""
        if text is None:
            source = clean_source(source)
        self._run += 1
        self.status.start("starting")
        self._worker = self.check_worker(self._run, source, text)
        if self.input_bar.input.has_focus:
            self.article.focus()  # keys are commands again while the check runs
        self.refresh_bindings()

    def on_check_requested(self, message: CheckRequested) -> None:
        self.check(message.source, message.text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="check", description="checking an article")
    def check_worker(self, run: int, source: str, text: str | None) -> None:
        worker = get_current_worker()
        try:
            report = run_check(
                source,
                text,
                self.app.settings,
                self.app.nlp,
                on_stage=lambda stage: self.post_message(StageChanged(run, stage)),
                on_analysis=lambda report: self.post_message(AnalysisReady(run, report)),
                is_cancelled=lambda: worker.is_cancelled,
            )
        except Cancelled:
            return
        except ClaimcheckError as err:
            self.post_message(CheckFailed(run, str(err)))
            return
        self.post_message(CheckFinished(run, report))

    def on_stage_changed(self, message: StageChanged) -> None:
        if message.run == self._run and self.busy:
            self.status.set_stage(message.stage)

    def on_check_failed(self, message: CheckFailed) -> None:
        if message.run != self._run:
            return
        self.status.finish(f"✖ {message.reason}", "-error")
        self.notify(message.reason, title="Could not check", severity="error", markup=False)
        if self.report is None:
            self.input_bar.focus_input()  # nothing else to look at: let the user fix the input
        self.refresh_bindings()

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        """The analysis, shown while the sources are still being resolved."""
        if message.run != self._run:
            return
        self._save(message.report)
        self.show_report(message.report, final=False)
        self._shown_run = message.run

    def on_check_finished(self, message: CheckFinished) -> None:
        if message.run != self._run:
            return
        report = message.report
        self._save(report)
        if self._shown_run == message.run:
            self.update_report(report)  # the same article, now with its sources resolved
        else:
            self.show_report(report)
        self.refresh_bindings()

    def _save(self, report: Report) -> None:
        try:
            self.app.history.add(report)
        except (sqlite3.Error, OSError) as err:
            self.notify(f"History not saved: {err}", severity="warning", markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker:
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            reason = f"internal error: {type(error).__name__}: {error}"
            self.status.finish(f"✖ {reason}", "-error")
            self.notify(reason, title="Could not check", severity="error", markup=False)
        self.refresh_bindings()

    def action_cancel(self) -> None:
        if not self.busy or self._worker is None:
            return
        self._worker.cancel()
        shown = self._shown_run == self._run
        self._run += 1  # anything the old run still sends is ignored
        self.status.finish("Cancelled: sources not resolved." if shown else "Cancelled.", "")
        self.notify("Check cancelled.", markup=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.busy
        if action in {"next_flag", "previous_flag", "copy_flag", "export", "details", "cycle_kind", "cycle_severity"}:
            return True if self.report is not None else None
        return True

    # -- showing a report ----------------------------------------------------------------------

    def show_report(self, report: Report, note: str = "", final: bool = True) -> None:
        """Show `report`: article, tables, filters, header; focus the flags (or claims).
        `final=False`: more is coming for it (its sources), the status line stays busy."""
        self.report = report
        self.marked_item = None
        self.findings.show(report)
        self.article.show_article(report.text, self._highlights())
        # Text, not str: a border title string would be read as markup
        self.article.border_title = Text(safe(report.title or report.input)[:80])
        self.app.sub_title = self.app.subtitle_for(report)
        if final:
            self.status.finish(f"✓ {safe(report.input)}: {summary(report)}{note}")
        for warning in report.warnings:
            self.notify(warning, title="Warning", severity="warning", markup=False)

    def update_report(self, report: Report) -> None:
        """Replace the report of the article shown (same text) keeping tab, rows and scroll."""
        marked = self.marked_item
        self.report = report
        self.findings.show(report, keep_view=True)
        self.article.set_highlights(self._highlights())
        if marked is not None:
            items = [*report.claims, *report.flags, *report.sources]
            self.marked_item = next(
                (i for i in items if type(i) is type(marked) and (i.start, i.end) == (marked.start, marked.end)), None
            )
        self.status.finish(f"✓ {safe(report.input)}: {summary(report)}")

    def _highlights(self) -> list[Highlight]:
        sources = self.report.sources if self.report else []
        return highlights_for(self.findings.visible_claims(), self.findings.visible_flags(), sources)

    def on_filters_changed(self, message: FiltersChanged) -> None:
        self.article.set_highlights(self._highlights())

    # -- items --------------------------------------------------------------------------------

    def on_item_highlighted(self, message: ItemHighlighted) -> None:
        self.marked_item = message.item
        self.article.mark(message.item.start, message.item.end)

    def on_item_chosen(self, message: ItemChosen) -> None:
        self.marked_item = message.item
        self.article.mark(message.item.start, message.item.end)
        self.action_details()

    def _step_flag(self, step: int) -> None:
        if self.findings.step_flag(self.marked_item, step) is None:
            self.notify("No flags to jump to.", markup=False)

    def action_next_flag(self) -> None:
        self._step_flag(+1)

    def action_previous_flag(self) -> None:
        self._step_flag(-1)

    def action_details(self) -> None:
        if self.report is None:
            return
        item = self.findings.active_table.current or self.marked_item
        if item is not None:
            self.app.push_screen(DetailsScreen(item, self.report))

    def action_copy_flag(self) -> None:
        flag = self.marked_item if isinstance(self.marked_item, Flag) else self.findings.flags_table.current
        if flag is None:
            self.notify("No flag selected.", markup=False)
            return
        self.app.copy_to_clipboard(flag.message)
        self.notify(f"Copied: {safe(flag.message)}", markup=False)

    def action_cycle_kind(self) -> None:
        self.findings.cycle_kind()

    def action_cycle_severity(self) -> None:
        self.findings.cycle_severity()

    # -- other actions ----------------------------------------------------------------------------

    def action_focus_input(self) -> None:
        self.input_bar.focus_input()

    def action_focus_article(self) -> None:
        self.article.focus()

    def action_show_tab(self, name: str) -> None:
        self.findings.show_tab(name)

    def action_export(self, fmt: str) -> None:
        if self.report is None:
            return
        try:
            path = export_report(self.report, fmt, self.app.export_dir)
        except OSError as err:
            self.notify(f"Export failed: {err}", severity="error", markup=False)
            return
        self.notify(f"Report written to {path}", title=f"Exported {fmt}", markup=False)
        self.app.last_export = path

    def action_history(self) -> None:
        def reopen(entry_id: int | None) -> None:
            if entry_id is None:
                return
            try:
                report = self.app.history.load(entry_id)
            except (KeyError, sqlite3.Error, OSError) as err:
                self.notify(f"Cannot reopen: {err}", severity="error", markup=False)
                return
            self.show_report(report, note="  (from history, not fetched again)")

        self.app.push_screen(HistoryScreen(self.app.history), reopen)

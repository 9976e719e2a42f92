"""The history screen: checked articles from the local database; reopen or delete them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ..history import History, HistoryEntry
from ..widgets.tables import cell


class HistoryScreen(Screen[int | None]):
    """Dismisses with the chosen entry's id (the main screen reopens it), or None."""

    BINDINGS = [
        Binding("enter", "open", "Open", priority=True),
        Binding("d,delete", "delete", "Delete"),
        Binding("escape,q", "close", "Back"),
    ]

    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history
        self.entries: list[HistoryEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("History: Enter reopens a check (no fetching), d deletes it.", id="history-hint")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="history-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Checked", "Title", "Input", "Claims", "Flags")
        self.refresh_entries()
        table.focus()

    def refresh_entries(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.entries = self.history.entries()
        for entry in self.entries:
            table.add_row(
                cell(entry.checked_at.replace("T", " ")[:19]),
                cell(entry.title or "", 50, "bold"),
                cell(entry.input, 50),
                cell(str(entry.claims)),
                cell(str(entry.flags)),
                key=str(entry.id),
            )
        if self.entries:
            table.move_cursor(row=min(row, len(self.entries) - 1))
        self.query_one("#history-hint", Static).update(
            "No checks yet." if not self.entries else "Enter reopens a check (no fetching), d deletes it."
        )

    def _current(self) -> HistoryEntry | None:
        row = self.query_one(DataTable).cursor_row
        return self.entries[row] if self.entries and 0 <= row < len(self.entries) else None

    def action_open(self) -> None:
        entry = self._current()
        if entry is not None:
            self.dismiss(entry.id)

    def action_delete(self) -> None:
        entry = self._current()
        if entry is None:
            return
        self.history.delete(entry.id)
        self.refresh_entries()
        self.notify(f"Deleted {entry.title or entry.input}", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)

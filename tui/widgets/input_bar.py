"""The input bar: a URL, a file path, or a whole article pasted as text; Enter checks it.

A single-line paste (a URL, a path) goes into the field as usual. A multi-line paste is kept
aside as the article's text and the field shows a short marker instead; editing the field
drops the pasted text again.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label

from claimcheck.ingest.files import normalise_newlines

from ..messages import CheckRequested


def pasted_marker(text: str) -> str:
    words = len(text.split())
    return f"[pasted article: {words} words, {len(text)} characters] (Enter checks it)"


class ArticleInput(Input):
    """An `Input` that keeps a multi-line paste whole instead of cutting it to its first line."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.pasted_text: str | None = None

    def on_paste(self, event: events.Paste) -> None:
        # Terminals send line breaks in a paste as CR, LF or CRLF.
        if len(event.text.strip().splitlines()) < 2:
            return  # one line: Input's own handler inserts it
        event.prevent_default()
        event.stop()
        self.pasted_text = normalise_newlines(event.text)
        self.value = pasted_marker(self.pasted_text)
        self.cursor_position = len(self.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.pasted_text is not None and event.value != pasted_marker(self.pasted_text):
            self.pasted_text = None


class InputBar(Horizontal):
    """Label + input; posts `CheckRequested` on Enter."""

    DEFAULT_CSS = """
    InputBar {
        height: 3;
        padding: 0 1;
    }
    InputBar > Label {
        padding: 1 1 0 0;
        text-style: bold;
        color: $accent;
    }
    InputBar > ArticleInput {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label("Check ›")
        yield ArticleInput(
            placeholder="Paste a URL, a file path or an article's text, then press Enter",
            id="source-input",
        )

    @property
    def input(self) -> ArticleInput:
        return self.query_one(ArticleInput)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        pasted = self.input.pasted_text
        if pasted is not None:
            self.post_message(CheckRequested(source="<pasted>", text=pasted))
        elif event.value.strip():
            self.post_message(CheckRequested(source=event.value))

    def focus_input(self) -> None:
        self.input.focus()
        self.input.select_all()

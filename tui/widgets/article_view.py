"""The article with its claims, flags and source mentions highlighted in place.

The text is shown one paragraph (block between blank lines) per widget, so that an item can
be scrolled into view by its character offset. Every piece of article text goes through
`claimcheck.render.safe` and is rendered as plain `rich.text.Text` (never markup): an
article can neither drive the terminal nor style the UI.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

from claimcheck.models import Claim, Flag, Source
from claimcheck.render import safe

from .palette import MARK_STYLE, SOURCE_STYLE, claim_style, flag_style

_BLOCK_GAP = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    style: Style


def split_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank block of `text` between blank lines."""
    blocks = []
    pos = 0
    for gap in _BLOCK_GAP.finditer(text):
        blocks.append((pos, gap.start()))
        pos = gap.end()
    blocks.append((pos, len(text)))
    return [(s, e) for s, e in blocks if text[s:e].strip()]


def highlights_for(claims: list[Claim], flags: list[Flag], sources: list[Source]) -> list[Highlight]:
    """Claims first, then sources, then flags (a background) so a flag shows on top."""
    marks = [Highlight(c.start, c.end, claim_style(c.kind)) for c in claims]
    marks += [Highlight(s.start, s.end, SOURCE_STYLE) for s in sources]
    marks += [Highlight(f.start, f.end, flag_style(f.severity)) for f in flags]
    return marks


class ArticleParagraph(Static):
    """One block of the article; re-rendered when its highlights or its mark change."""

    DEFAULT_CSS = """
    ArticleParagraph {
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: blank;
    }
    ArticleParagraph.-marked {
        border-left: thick $accent;
    }
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        super().__init__()
        self.source_text = text
        self.start = start
        self.end = end
        self._shown: tuple | None = None

    def _spans(self, highlights: list[Highlight], mark: tuple[int, int] | None) -> tuple[Highlight, ...]:
        spans = list(highlights)
        if mark is not None:
            spans.append(Highlight(mark[0], mark[1], MARK_STYLE))
        return tuple(h for h in spans if h.start < self.end and h.end > self.start)

    def build(self, highlights: list[Highlight], mark: tuple[int, int] | None = None) -> Text:
        text = Text(safe(self.source_text[self.start : self.end]))
        for h in self._spans(highlights, mark):
            s, e = max(h.start, self.start), min(h.end, self.end)
            text.stylize(h.style, s - self.start, e - self.start)
        return text

    def show(self, highlights: list[Highlight], mark: tuple[int, int] | None = None) -> None:
        """Render with these highlights (only when they changed for this paragraph)."""
        shown = self._spans(highlights, mark)
        if shown == self._shown:
            return
        self._shown = shown
        self.update(self.build(highlights, mark))
        self.set_class(mark is not None, "-marked")


class ArticleView(VerticalScroll, can_focus=True):
    """Scrollable article text with highlights; `mark(start, end)` scrolls to an item."""

    DEFAULT_CSS = """
    ArticleView {
        padding: 0 1;
    }
    ArticleView > .article-title {
        text-style: bold;
        margin: 0 0 1 0;
        padding: 0 1;
    }
    ArticleView > .article-empty {
        color: $text-muted;
        padding: 1 2;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self.highlights: list[Highlight] = []
        self.marked: tuple[int, int] | None = None
        self._paragraphs: list[ArticleParagraph] = []
        self._starts: list[int] = []

    def on_mount(self) -> None:
        self.mount(Static(Text(PLACEHOLDER), classes="article-empty"))

    def show_article(self, text: str, highlights: list[Highlight]) -> None:
        """Replace the article shown (and forget the mark)."""
        self.text = text
        self.highlights = highlights
        self.marked = None
        self.remove_children()
        self._paragraphs = [ArticleParagraph(text, s, e) for s, e in split_blocks(text)]
        self._starts = [p.start for p in self._paragraphs]
        for paragraph in self._paragraphs:
            paragraph.show(highlights)
        if self._paragraphs:
            self.mount_all(self._paragraphs)
        else:
            self.mount(Static(Text("(the article has no text)"), classes="article-empty"))
        self.scroll_home(animate=False)

    def set_highlights(self, highlights: list[Highlight]) -> None:
        """New highlights (e.g. after filtering); keeps the mark and the scroll position."""
        self.highlights = highlights
        for paragraph in self._paragraphs:
            paragraph.show(highlights, self._mark_in(paragraph))

    def paragraph_at(self, offset: int) -> ArticleParagraph | None:
        if not self._paragraphs:
            return None
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self._paragraphs[i]

    def mark(self, start: int, end: int) -> ArticleParagraph | None:
        """Mark text[start:end] and scroll it into the middle of the view."""
        old = self.paragraph_at(self.marked[0]) if self.marked else None
        self.marked = (start, end)
        paragraph = self.paragraph_at(start)
        if old is not None and old is not paragraph:
            old.show(self.highlights)
        if paragraph is None:
            return None
        paragraph.show(self.highlights, self.marked)
        self.call_after_refresh(self._scroll_to_item, paragraph, start)
        return paragraph

    def _mark_in(self, paragraph: ArticleParagraph) -> tuple[int, int] | None:
        if self.marked and paragraph is self.paragraph_at(self.marked[0]):
            return self.marked
        return None

    def _scroll_to_item(self, paragraph: ArticleParagraph, offset: int) -> None:
        region = paragraph.virtual_region
        if region.height <= self.scrollable_content_region.height:
            self.scroll_to_center(paragraph, animate=False)
            return
        # A paragraph taller than the view: aim at the item's approximate line.
        fraction = (offset - paragraph.start) / max(1, paragraph.end - paragraph.start)
        line = region.y + int(fraction * region.height)
        self.scroll_to_region(Region(0, line, 1, 1), center=True, animate=False)


PLACEHOLDER = (
    "Paste a URL, a file path or an article's text in the bar above and press Enter.\n\n"
    "Claims are underlined in a colour per kind, flags have a background by severity "
    "(red: error, yellow: warning, blue: info), cited sources are in italics."
)

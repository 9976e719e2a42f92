"""Building many distinct articles from the annotated corpus, for the benchmarks.

Each copy keeps the article's shape (paragraphs, claims, HTML) but varies its text so that no
cache (spaCy's tokenizer cache, our own) sees the same string twice: every number but the
dates is replaced by another with the same number of digits, the body paragraphs are rotated,
and a line with a unique serial number is added. The mix of `.txt`, `.md` and `.html` follows the corpus.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpora"
SUFFIXES = (".txt", ".md", ".html", ".htm")
_DIGITS = re.compile(r"\d+")
_HTML_TEXT = re.compile(r">([^<]+)<")


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    """The annotated articles of one corpus folder (not its README)."""
    return sorted(p for p in corpus.iterdir() if p.suffix.lower() in SUFFIXES and p.stem.lower() != "readme")


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# Dates stay valid ("June 2, 2024", "2 June 2024", "2024-06-02", years): a page's date with
# impossible numbers sends trafilatura's date search into its slow parser, which real pages
# never do.
_DATE = re.compile(
    rf"{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|\d{{4}}-\d\d-\d\d(?:T[\d:.]+Z?)?"
    r"|\b(?:19|20)\d\d\b"
)


def vary_numbers(text: str, rng: random.Random) -> str:
    def swap(m: re.Match) -> str:
        digits = m.group(0)
        low = 10 ** (len(digits) - 1) if len(digits) > 1 else 0
        return str(rng.randint(low, 10 ** len(digits) - 1))

    pieces, last = [], 0
    for date in _DATE.finditer(text):
        pieces += [_DIGITS.sub(swap, text[last:date.start()]), date.group(0)]
        last = date.end()
    return "".join(pieces) + _DIGITS.sub(swap, text[last:])


def vary_text(text: str, rng: random.Random, serial: int) -> str:
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 3:  # keep the title/first paragraph, rotate the body
        k = rng.randrange(1, len(paragraphs) - 1)
        paragraphs = paragraphs[:1] + paragraphs[1 + k:] + paragraphs[1:1 + k]
    body = vary_numbers("\n\n".join(paragraphs), rng)
    return f"{body}\n\nArchive reference {serial} (batch {rng.randrange(10**6)}).\n"


def vary_html(html: str, rng: random.Random, serial: int) -> str:
    varied = _HTML_TEXT.sub(lambda m: ">" + vary_numbers(m.group(1), rng) + "<", html)
    note = f"<p>Archive reference {serial} (batch {rng.randrange(10**6)}).</p>"
    return varied.replace("</article>", note + "</article>", 1) if "</article>" in varied else varied.replace("</body>", note + "</body>", 1)


def build_articles(out_dir: Path, n: int, seed: int = 7, corpus: Path = CORPUS) -> list[Path]:
    """Write `n` varied articles into `out_dir` (in sub-folders of 500) and return their paths."""
    rng = random.Random(seed)
    sources = [(p.suffix.lower(), p.read_text("utf-8", errors="replace")) for p in corpus_files(corpus)]
    paths = []
    for i in range(n):
        suffix, text = sources[i % len(sources)]
        varied = vary_html(text, rng, i) if suffix in (".html", ".htm") else vary_text(text, rng, i)
        folder = out_dir / f"part{i // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article{i:05d}{suffix}"
        path.write_text(varied, encoding="utf-8")
        paths.append(path)
    return paths

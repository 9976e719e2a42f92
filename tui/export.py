"""Writing a report to a file (JSON or Markdown) with the library's renderers."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from claimcheck.models import Report
from claimcheck.render.json import render_json
from claimcheck.render.markdown import render_markdown

FORMATS = {"json": ".json", "markdown": ".md"}


def slug(text: str, limit: int = 40) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:limit].strip("-") or "report"


def default_export_path(report: Report, fmt: str, directory: Path) -> Path:
    """`directory/<slug of title or input>-<timestamp>.<ext>`, never an existing file."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{slug(report.title or report.input)}-{stamp}"
    path = directory / f"{base}{FORMATS[fmt]}"
    n = 2
    while path.exists():
        path = directory / f"{base}-{n}{FORMATS[fmt]}"
        n += 1
    return path


def export_report(report: Report, fmt: str, directory: Path) -> Path:
    """Write `report` as `fmt` ("json" or "markdown") into `directory`; returns the path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = default_export_path(report, fmt, directory)
    content = render_json([report]) + "\n" if fmt == "json" else render_markdown(report)
    path.write_text(content, encoding="utf-8")
    return path

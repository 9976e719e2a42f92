"""Report -> Markdown, for pasting into an editor's ticket or a fact-check log."""

from __future__ import annotations

from ..models import Report
from . import KIND_LABELS, format_value, line_of


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(report: Report) -> str:
    out = [f"# claimcheck: {_cell(report.title or report.input)}", "", f"Input: `{report.input}`", ""]
    if report.error:
        out += [f"**Error:** {report.error}", ""]
        return "\n".join(out)
    out += [f"## Flags ({len(report.flags)})", ""]
    if report.flags:
        out += ["| severity | kind | line | text | message | suggestion |", "|---|---|---|---|---|---|"]
        for f in report.flags:
            out.append(
                f"| {f.severity} | {f.kind} | {line_of(report.text, f.start)} | `{_cell(f.text)}` | "
                f"{_cell(f.message)} | {_cell(f.suggestion or '')} |"
            )
    else:
        out.append("No flags.")
    out += ["", f"## Claims ({len(report.claims)})", ""]
    for kind, label in KIND_LABELS.items():
        claims = [c for c in report.claims if c.kind == kind]
        if not claims:
            continue
        out += [f"### {label}", ""]
        for c in claims:
            sentence = _cell(c.sentence).replace(_cell(c.text), f"**{_cell(c.text)}**", 1)
            out.append(f"- `{_cell(c.text)}` = {format_value(c.value)}{' ' + c.unit if c.unit else ''}: {sentence}")
        out.append("")
    out += [f"## Sources ({len(report.sources)})", ""]
    for s in report.sources:
        bits = [b for b in (s.journal, str(s.year) if s.year else None, s.doi) if b]
        resolved = (s.resolved or {}).get("doi") if s.resolved else None
        out.append(f"- {_cell(s.mention)} ({', '.join(bits)})" + (f" → {resolved}" if resolved else ""))
    if not report.sources:
        out.append("No sources detected.")
    return "\n".join(out) + "\n"

"""Report -> a rich renderable for the terminal: flags first by severity, then claims by kind.

Colours only on a terminal (rich decides); piped output is plain text.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ..models import Report
from . import KIND_LABELS, format_value, line_of, safe

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _sentence_with_highlight(sentence: str, needle: str) -> Text:
    sentence = safe(" ".join(sentence.split()))
    needle = safe(" ".join(needle.split()))
    text = Text("    ")
    i = sentence.find(needle)
    if i < 0:
        text.append(sentence, style="dim")
        return text
    text.append(sentence[:i], style="dim")
    text.append(needle, style="bold green")
    text.append(sentence[i + len(needle):], style="dim")
    return text


def render_text(report: Report) -> Group:
    parts: list = []
    header = Text()
    header.append("claimcheck ", style="bold")
    header.append(safe(report.input))
    if report.title:
        header.append(f" — {safe(report.title)}", style="italic")
    parts.append(header)
    if report.error:
        parts.append(Text(f"error: {safe(report.error)}", style="bold red"))
        return Group(*parts)
    for warning in report.warnings:
        parts.append(Text(f"warning: {safe(warning)}", style="yellow"))

    parts.append(Text(f"\nFlags ({len(report.flags)})", style="bold underline"))
    if not report.flags:
        parts.append(Text("  none", style="dim"))
    for severity in ("error", "warning", "info"):
        for f in (f for f in report.flags if f.severity == severity):
            line = Text("  ")
            line.append(f"{severity:<7}", style=SEVERITY_STYLES[severity])
            line.append(f" line {line_of(report.text, f.start):<4} ")
            line.append(f"{f.kind:<17} ", style="bold")
            line.append(f"“{safe(f.text)}” ", style=SEVERITY_STYLES[severity])
            line.append(safe(f.message))
            if f.suggestion:
                line.append(f" → {safe(f.suggestion)}", style="green")
            parts.append(line)

    parts.append(Text(f"\nClaims ({len(report.claims)})", style="bold underline"))
    for kind, label in KIND_LABELS.items():
        claims = [c for c in report.claims if c.kind == kind]
        if not claims:
            continue
        parts.append(Text(f"  {label}", style="bold"))
        for c in claims:
            line = Text("  • ")
            line.append(safe(c.text), style="bold")
            line.append(f"  = {format_value(c.value)}{' ' + c.unit if c.unit else ''}")
            if c.qualifier:
                line.append(f" ({c.qualifier})", style="dim")
            if c.check:
                line.append(f"  [{c.check.get('status')}]", style="magenta")
            parts.append(line)
            parts.append(_sentence_with_highlight(c.sentence, c.text))

    parts.append(Text(f"\nSources ({len(report.sources)})", style="bold underline"))
    if not report.sources:
        parts.append(Text("  none detected", style="dim"))
    for s in report.sources:
        line = Text("  • ")
        line.append(safe(s.journal or s.mention), style="bold")
        if s.year:
            line.append(f" ({s.year})")
        if s.doi:
            line.append(f" doi:{s.doi}")
        line.append(f"  “{safe(s.mention)}”", style="dim")
        if s.resolved:
            resolved = s.resolved
            if resolved.get("doi"):
                line.append(f"  → {resolved.get('doi')} {safe(str(resolved.get('title') or ''))}", style="green")
            elif resolved.get("status") == "unresolved":
                line.append(f"  unresolved: {safe(str(resolved.get('reason')))}", style="yellow")
        parts.append(line)
    return Group(*parts)

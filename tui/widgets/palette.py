"""Colours shared by the article view and the tables: one per claim kind, one per severity."""

from __future__ import annotations

from rich.style import Style

CLAIM_COLOURS = {
    "sample_size": "#5fd7ff",
    "percentage": "#87d75f",
    "proportion": "#d7d787",
    "trial_phase": "#d787ff",
    "effect_size": "#ffaf5f",
    "p_value": "#ff87af",
    "confidence_interval": "#d7af87",
    "duration": "#87afff",
    "dose": "#ffd75f",
    "count": "#5fd7af",
}

SEVERITY_COLOURS = {"error": "#ff5f5f", "warning": "#ffd75f", "info": "#5fafd7"}
SEVERITY_BACKGROUNDS = {"error": "#5f0000", "warning": "#4e4e00", "info": "#00405f"}
SEVERITY_ICONS = {"error": "✖", "warning": "▲", "info": "●"}


def claim_style(kind: str) -> Style:
    return Style(color=CLAIM_COLOURS.get(kind, "#d0d0d0"), underline=True, bold=True)


def flag_style(severity: str) -> Style:
    return Style(bgcolor=SEVERITY_BACKGROUNDS.get(severity, "#444444"), color="#ffffff")


SOURCE_STYLE = Style(italic=True, underline=True, color="#af87ff")
MARK_STYLE = Style(reverse=True, bold=True)

"""Renderers: Report -> text for people (text, markdown) or machines (json). No logic here."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

KIND_LABELS = {
    "sample_size": "Sample sizes",
    "percentage": "Percentages",
    "proportion": "Proportions",
    "trial_phase": "Trial phases",
    "effect_size": "Effect sizes",
    "p_value": "P-values",
    "confidence_interval": "Confidence intervals",
    "duration": "Durations",
    "dose": "Doses",
    "count": "Counts",
}


def safe(text: str) -> str:
    """Neutralise control characters and bidi overrides: article text never drives a terminal."""
    return _CONTROL.sub(lambda m: "\u241b" if m.group() == "\x1b" else " ", text)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def format_value(value) -> str:
    if value is None:
        return "unreadable"
    if isinstance(value, list):
        return f"{format_value(value[0])}–{format_value(value[1])}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)

"""The span extensions claimcheck's components write, declared in one place with defaults.

Claims live in `doc.spans["claims"]` (label = claim kind), flags in `doc.spans["flags"]`
(label = flag kind), source mentions in `doc.spans["sources"]`.

    span._.claim_value      number, [low, high], phase string or None
    span._.claim_unit       "patients", "weeks", "mg", "percent" ... or None
    span._.claim_qualifier  "nearly", "more than", "<" ... or None
    span._.flag_severity    "error" | "warning" | "info"
    span._.flag_message     the one-line explanation for a journalist
    span._.flag_suggestion  a fix, or None
"""

from __future__ import annotations

from spacy.tokens import Span

CLAIMS = "claims"
FLAGS = "flags"
SOURCES = "sources"

_SPAN_EXTENSIONS = (
    "claim_value",
    "claim_unit",
    "claim_qualifier",
    "flag_severity",
    "flag_message",
    "flag_suggestion",
)


def register_extensions() -> None:
    """Declare the extensions (idempotent: safe to call from every component)."""
    for name in _SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def span_value_key(name: str, start_char: int, end_char: int) -> tuple:
    """The key under which spaCy keeps `span._.<name>` in `doc.user_data` for a span with these
    character offsets (what `Underscore._get_key` makes): writing `doc.user_data[key] = value`
    is `span._.<name> = value` for an extension with no setter (all of ours), without building
    an `Underscore` object per span. `tests/test_claims_speed4.py` checks the two agree."""
    return ("._.", name, start_char, end_char)

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

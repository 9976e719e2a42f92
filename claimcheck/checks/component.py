"""The spaCy component that runs the registered checks and writes `doc.spans["flags"]`.

The checks run inside `checks.shared.shared_values`: what several of them read from the Doc
(the case-folded text, the claim records, token arrays) is worked out once per Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp.extensions import FLAGS, register_extensions, span_value_key
from .registry import select_checks
from .shared import shared_values


def _set_flag_values(doc: Doc, span: Span, severity: str, message: str, suggestion: str | None) -> None:
    """`span._.flag_severity = severity`, and the same for `flag_message` and `flag_suggestion`.

    Written straight into `doc.user_data`, where spaCy's `Underscore` keeps a span's extension
    values, under the key it reads them from (`extensions.span_value_key`, as the claim finder
    writes its values). Through `span._` this cost ~1.3 us a flag more (~4 us an article: the
    accessor is a new Python object each time it is read, and each assignment looks the
    extension up again); `tests/test_checks_speed8.py` checks that `span._` reads back what is
    written here."""
    user_data, start, end = doc.user_data, span.start_char, span.end_char
    user_data[span_value_key("flag_severity", start, end)] = severity
    user_data[span_value_key("flag_message", start, end)] = message
    user_data[span_value_key("flag_suggestion", start, end)] = suggestion


class FlagFinder:
    def __init__(self, nlp: Language, name: str, checks: list[str], skip: list[str]) -> None:
        self.name = name
        register_extensions()
        self.checks = select_checks(checks or None, skip)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        # spaCy keys span extensions by character offsets only, so a second flag on the same
        # characters would overwrite the first one's message: the first check to flag them wins
        seen: set[tuple[int, int]] = set()
        with shared_values(doc):  # what several checks read is worked out once
            hits = [(check, hit) for check in self.checks for hit in check.func(doc)]
        for check, hit in hits:
            span = doc.char_span(hit.start, hit.end, label=check.kind, alignment_mode="expand")
            if span is None or (span.start_char, span.end_char) in seen:
                continue
            seen.add((span.start_char, span.end_char))
            _set_flag_values(doc, span, hit.severity or check.severity, hit.message, hit.suggestion)
            spans.append(span)
        spans.sort(key=lambda s: (s.start, s.end))
        doc.spans[FLAGS] = spans
        return doc


@Language.factory(
    "claimcheck_flags",
    assigns=["doc.spans"],
    default_config={"checks": [], "skip": []},
)
def make_flag_finder(nlp: Language, name: str, checks: list[str], skip: list[str]) -> FlagFinder:
    return FlagFinder(nlp, name, checks, skip)

"""The spaCy component that runs the registered checks and writes `doc.spans["flags"]`.

The checks run inside `checks.shared.shared_values`: what several of them read from the Doc
(the case-folded text, the claim records, token arrays) is worked out once per Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import FLAGS, register_extensions
from .registry import select_checks
from .shared import shared_values


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
            extensions = span._  # a new accessor object each time it is read
            extensions.flag_severity = hit.severity or check.severity
            extensions.flag_message = hit.message
            extensions.flag_suggestion = hit.suggestion
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

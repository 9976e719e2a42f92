"""What the tests of the rules written after blind sets read: the claims of a text (kind, text,
value) and the flags of one kind the pipeline puts on it."""

from __future__ import annotations

from claimcheck.nlp.claims import find_claims


def claims(text: str) -> list[tuple]:
    return [(c.kind, text[c.start:c.end], c.value) for c in find_claims(text)]


def flags(nlp, text: str, kind: str) -> list[str]:
    doc = nlp(text)
    return [s.text for s in doc.spans["flags"] if s.label_ == kind]

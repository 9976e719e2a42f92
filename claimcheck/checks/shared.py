"""Values several flag checks read from one Doc, worked out once per Doc while the flags
component runs.

The case-folded text (`nlp.regex.fold_case`, read by `residue`, `implausible_value` and
`number_mismatch`) and the claim records (`nlp.claims.claim_records`, read by
`implausible_value` and `number_mismatch`) cost ~6 and ~13 us an article each time they are
worked out. The component opens `shared_values(doc)` around its checks: inside it, the first
check to ask works a value out and the others find it in `doc.user_data`; when it closes, the
values are dropped. Outside it (a check called on its own) every call works the value out
afresh, so a check never sees a value left from before the Doc changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from spacy.tokens import Doc

from ..nlp.claims import ClaimMatch, claim_records
from ..nlp.regex import fold_case
from ..nlp.sentences import doc_text

_KEY = "claimcheck_checks_shared"
T = TypeVar("T")


@contextmanager
def shared_values(doc: Doc) -> Iterator[None]:
    """While open, `folded_text` and `claims` of this Doc are worked out once."""
    doc.user_data[_KEY] = {}
    try:
        yield
    finally:
        doc.user_data.pop(_KEY, None)


def _once(doc: Doc, name: str, compute: Callable[[Doc], T]) -> T:
    """`compute(doc)`, kept for the Doc while `shared_values` is open."""
    store = doc.user_data.get(_KEY)
    if store is None:
        return compute(doc)
    if name not in store:
        store[name] = compute(doc)
    return store[name]


def folded_text(doc: Doc) -> str | None:
    """`fold_case(doc_text(doc))`: the text lower-cased offset for offset, or None."""
    return _once(doc, "folded", lambda d: fold_case(doc_text(d)))


def claims(doc: Doc) -> list[ClaimMatch]:
    """`claim_records(doc)`: the Doc's claims in order. Shared between checks: read it, never
    change it."""
    return _once(doc, "claims", claim_records)

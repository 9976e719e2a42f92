"""Values several flag checks read from one Doc, worked out once per Doc while the flags
component runs.

The lower-cased text (read by `name_variant`), the case-folded text (`nlp.regex.fold_case`:
the lower-cased text unless a rare character needs folding first; read by `residue`,
`implausible_value` and `number_mismatch`) and the claim records (`nlp.claims.claim_records`,
read by `implausible_value` and `number_mismatch`) cost ~5, ~6 and ~13 us an article each time
they are worked out. The component opens `shared_values(doc)` around its checks: inside it, the first
check to ask works a value out and the others find it in `doc.user_data`; when it closes, the
values are dropped. Outside it (a check called on its own) every call works the value out
afresh, so a check never sees a value left from before the Doc changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import numpy as np
from spacy.attrs import IDX, LOWER
from spacy.tokens import Doc

from ..nlp.claims import ClaimMatch, claim_records
from ..nlp.regex import fold_case
from ..nlp.sentences import doc_text

_KEY = "claimcheck_checks_shared"
_FOLDED_FIRST = ("İ", "ı", "ſ")  # the characters `fold_case` translates before lower-casing
T = TypeVar("T")


@contextmanager
def shared_values(doc: Doc) -> Iterator[None]:
    """While open, the values this module reads from the Doc are worked out once."""
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


def per_doc(doc: Doc, name: str, compute: Callable[[Doc], T]) -> T:
    """A check's own value: `compute(doc)`, kept for the Doc under `name` while `shared_values`
    is open (worked out afresh on each call outside it). `name` must differ from the names
    of the values below."""
    return _once(doc, name, compute)


def token_starts_and_lowers(doc: Doc) -> np.ndarray:
    """`doc.to_array([IDX, LOWER])`: each token's character offset and its lower-case form's
    hash (read by `garbled` and `name_variant`: one read of two attributes costs ~16 us an
    article, two reads of one ~20 us)."""
    return _once(doc, "idx_lower", lambda d: d.to_array([IDX, LOWER]))


def lowered_text(doc: Doc) -> str:
    """`doc_text(doc).lower()`."""
    return _once(doc, "lowered", lambda d: doc_text(d).lower())


def folded_text(doc: Doc) -> str | None:
    """`fold_case(doc_text(doc))`: the text lower-cased offset for offset, or None."""
    return _once(doc, "folded", _fold)


def _fold(doc: Doc) -> str | None:
    """`fold_case(doc_text(doc))`, from `lowered_text` when no character needs folding before
    lower-casing (`fold_case` then returns the lower-cased text if its length is unchanged)."""
    text = doc_text(doc)
    if any(char in text for char in _FOLDED_FIRST):
        return fold_case(text)
    lowered = lowered_text(doc)
    return lowered if len(lowered) == len(text) else None


def claims(doc: Doc) -> list[ClaimMatch]:
    """`claim_records(doc)`: the Doc's claims in order. Shared between checks: read it, never
    change it."""
    return _once(doc, "claims", claim_records)

"""The Doc's text and its sentence boundaries as character offsets, computed once per Doc.

`doc.text` joins every token each time it is read (~1 ms for an article); `doc_text(doc)`
reads it once and caches it on the Doc.

`doc.sents` and `span.sent` walk the tokens in Python each time they are asked; checks that
need "the sentence around this offset" call `sentence_bounds` / `sentence_at` instead, which
read the boundaries once through numpy and cache them on the Doc.
"""

from __future__ import annotations

import bisect

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

_KEY = "claimcheck_sentence_bounds"
_TEXT_KEY = "claimcheck_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per Doc (a Doc's text never changes once it is made)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of every sentence, in order; the whole text if none are set."""
    text = doc_text(doc)
    cached = doc.user_data.get(_KEY)
    if cached is not None and cached[0] == len(text):
        return cached[1]
    if len(doc) == 0:
        bounds = [(0, len(text))]
    else:
        array = doc.to_array([IDX, SENT_START])
        starts = [int(idx) for idx in array[array[:, 1] == 1, 0]]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        ends = starts[1:] + [len(text)]
        bounds = []
        for start, end in zip(starts, ends):
            stripped_end = len(text[start:end].rstrip()) + start
            bounds.append((start, max(start, stripped_end)))
    doc.user_data[_KEY] = (len(text), bounds)
    return bounds


def sentence_at(doc: Doc, offset: int) -> tuple[int, int]:
    """(start, end) of the sentence holding character `offset`."""
    bounds = sentence_bounds(doc)
    i = bisect.bisect_right([b[0] for b in bounds], offset) - 1
    return bounds[max(0, i)]


def sentence_finder(doc: Doc):
    """A function offset -> (start, end) over this Doc's sentences (bisect on cached bounds)."""
    bounds = sentence_bounds(doc)
    starts = [b[0] for b in bounds]

    def sentence_of(offset: int) -> tuple[int, int]:
        return bounds[max(0, bisect.bisect_right(starts, offset) - 1)]

    return sentence_of

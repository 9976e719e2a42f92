"""The Doc's text and its sentences: where they end, and their boundaries as character offsets.

`doc.text` joins every token each time it is read (~0.15 ms for an article); `doc_text(doc)`
reads it once and caches it on the Doc, and the pipeline's tokenizer (`nlp.tokenizer`) stores
the input string there before any component asks. `doc_text` is the text the rules read: in an
article written with decimal commas ("3,5 %") they are read as points, in a copy of the same
length; `original_text` is the text as written, for what a report shows.

`claimcheck_sentences` sets sentence starts as spaCy's `sentencizer` does (after `.`, `!`, `?`
and the other sentence-final characters, once the punctuation that follows them ends), and
also after every line break (headings, bylines and furniture lines stand alone). It reads
two token attributes (ORTH, IDX) as arrays and walks only from the sentence-final tokens, never
building Python `Token` objects: ~0.07 ms an article, where the sentencizer and a line-break
pass took ~0.5 ms.
"""

from __future__ import annotations

import bisect
import re

import numpy as np
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc

from .numbers import analysis_text

_KEY = "claimcheck_sentence_bounds"
TEXT_KEY = "claimcheck_text"  # the text the rules read (`doc_text`)
ORIGINAL_KEY = "claimcheck_original_text"  # the text as written (`original_text`)


def original_text(doc: Doc) -> str:
    """`doc.text` as written, computed once per Doc: what a report shows (`doc_text` may read
    decimal commas as points)."""
    text = doc.user_data.get(ORIGINAL_KEY)
    if text is None:
        text = doc.text
        doc.user_data[ORIGINAL_KEY] = text
    return text


def doc_text(doc: Doc) -> str:
    """The text the rules read: `doc.text`, computed once per Doc (a Doc's text never changes
    once it is made), with full-width forms as ASCII and decimal commas read as points in an
    article that writes its numbers so (`numbers.analysis_text`: same length, so every offset
    is an offset of `doc.text`)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = analysis_text(original_text(doc))
        doc.user_data[TEXT_KEY] = text
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
        bounds = _bounds(text, array[array[:, 1] == 1, 0].tolist())
    doc.user_data[_KEY] = (len(text), bounds)
    return bounds


def _bounds(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the sentences that start at these character offsets (in order), each
    without its trailing whitespace."""
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(text)]
    bounds = []
    for start, end in zip(starts, ends):
        while end > start and text[end - 1].isspace():
            end -= 1
        bounds.append((start, end))
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


_LINE_BREAK = re.compile(r"\n\s*")

_FINAL_CHARS = tuple(Sentencizer.default_punct_chars)
# The sentence-final characters beyond ASCII, and any character beyond the Basic Multilingual
# Plane (a class holding astral characters one by one is ~20x slower to search): a text without
# any has only `.`, `!` and `?` to look for.
_MAYBE_NON_ASCII_FINAL = re.compile(
    "[" + re.escape("".join(c for c in _FINAL_CHARS if not c.isascii() and ord(c) < 0x10000)) + "\U00010000-\U0010ffff]"
)


class SentenceSplitter:
    """Sentence starts: spaCy's sentencizer rule, plus a start after every line break.

    The sentencizer's final tokens are the tokens that are one sentence-final character, found
    by comparing the tokens' ORTH ids with those of `.`, `!` and `?` (with all 128 only in a
    text that may hold another). After each, the first token that is no punctuation starts a
    sentence; the walk looks up only the tokens after a final (`Lexeme.is_punct`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        strings = nlp.vocab.strings
        self.ascii_final_ids = tuple((c, strings.add(c)) for c in ".!?")
        self.final_ids = np.array([strings.add(c) for c in _FINAL_CHARS], dtype=np.uint64)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        text = doc_text(doc)
        tokens = doc.to_array([ORTH, IDX])
        idx = tokens[:, 1]
        starts = {0}
        starts.update(self._after_finals(tokens[:, 0], self._finals(text, tokens[:, 0])))
        if "\n" in text and n > 1:
            ends = [m.end() for m in _LINE_BREAK.finditer(text)]
            after = np.searchsorted(idx, ends, side="left")  # first token after each break
            starts.update(after[(after > 0) & (after < n)].tolist())
        values = np.full((n, 1), -1, dtype=np.int64)
        ordered = sorted(starts)
        values[ordered, 0] = 1
        doc.from_array([SENT_START], values.view(np.uint64))  # (-1 as uint64, as `astype` makes it, without a copy)
        # the sentences' character bounds, as `sentence_bounds` would read them back
        doc.user_data[_KEY] = (len(text), _bounds(text, idx[ordered].tolist()))
        return doc

    def _finals(self, text: str, orth: np.ndarray) -> list[int]:
        """The indices of the tokens that are one sentence-final character."""
        if text.isascii() or not _MAYBE_NON_ASCII_FINAL.search(text):
            # (only those of `.`, `!` and `?` that the text holds: most hold no `!`)
            ids = [orth_id for char, orth_id in self.ascii_final_ids if char in text]
            if not ids:
                return []
            finals = orth == ids[0]
            for orth_id in ids[1:]:
                finals |= orth == orth_id
            return np.flatnonzero(finals).tolist()
        return np.flatnonzero(np.isin(orth, self.final_ids)).tolist()

    def _after_finals(self, orth: np.ndarray, finals: list[int]) -> list[int]:
        """The sentence starts after these final tokens: after each, the first following token
        that is no punctuation ("done. ) Next")."""
        n = len(orth)
        final_set = set(finals)
        vocab = self.vocab
        found = []
        for i in finals:
            j = i + 1
            while j < n and (j in final_set or vocab[int(orth[j])].is_punct):
                j += 1
            if j < n:
                found.append(j)
        return found


@Language.factory("claimcheck_sentences", assigns=["token.is_sent_start"])
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(nlp, name)

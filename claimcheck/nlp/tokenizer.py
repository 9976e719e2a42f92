"""The pipeline's tokenizer: spaCy's English tokenizer, one whitespace-separated chunk at a time,
behind a dictionary of the chunks it has already split.

spaCy's tokenizer splits the text on whitespace and tokenises each chunk (prefixes, suffixes,
infixes, special cases) on its own. `ChunkTokenizer` keeps each chunk's tokens in a plain dict,
tokenises the chunks it has not seen in one call to spaCy's tokenizer, and builds the Doc once
from the words and their trailing spaces: ~0.23 ms for a 3,500-character article where spaCy's
tokenizer takes ~0.5-0.6 ms, as most chunks of news text have been seen before.

The tokens are spaCy's: the same texts, offsets and whitespace on every corpus article and on
the 800 varied texts of the benchmark. The one difference is a quirk of spaCy's last pass, which
matches special cases across a single space and lets such a match (`[ :` as the emoticon `[:`)
keep a special case in the next chunk (`:)`) from being applied; here a chunk's tokens never
depend on its neighbours. Random punctuation soups hit it (3 of 4,000); news text does not.

It also keeps the input string on the Doc (`sentences.doc_text` then costs nothing: `doc.text`
would join every token again).

What it does not carry over: the `norm` a special case gives its tokens (`"n't"` -> "not"); a
token's norm here is its lexeme's. Our rule components never read norms; a statistical model
does, so `build_nlp(model=...)` keeps spaCy's tokenizer (through `TextKeepingTokenizer`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .sentences import TEXT_KEY

# A chunk of non-space characters and the single " " after it, if any (spaCy records that
# space on the chunk's last token); or a run of whitespace, which is a token of its own.
_CHUNK = re.compile(r"(\S+)( ?)|(\s+)")


class ChunkTokenizer:
    """spaCy's `tokenizer` with a per-chunk cache of at most `limit` chunks (cleared when full,
    so memory stays flat over any number of articles). Anything else is the wrapped tokenizer's
    (`explain`, serialisation, ...)."""

    def __init__(self, tokenizer, limit: int = 100_000) -> None:
        self.tokenizer = tokenizer
        self.limit = limit
        self._split: dict[str, tuple[str, ...]] = {}

    def __call__(self, text: str) -> Doc:
        split = self._split
        words: list[str] = []
        spaces: list[bool] = []
        unseen: list[tuple[int, str]] = []  # (index in words, chunk) of chunks not in the cache
        for chunk, space, blank in _CHUNK.findall(text):
            if blank:
                words.append(blank)
                spaces.append(False)
                continue
            pieces = split.get(chunk)
            if pieces is None:
                unseen.append((len(words), chunk))
                words.append(chunk)  # replaced below
                spaces.append(bool(space))
            elif len(pieces) == 1:
                words.append(pieces[0])
                spaces.append(bool(space))
            else:
                words.extend(pieces)
                spaces.extend([False] * (len(pieces) - 1))
                spaces.append(bool(space))
        if unseen:
            words, spaces = self._fill(words, spaces, unseen)
        doc = Doc(self.tokenizer.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc

    def _fill(self, words: list[str], spaces: list[bool], unseen: list[tuple[int, str]]):
        """Tokenise the unseen chunks in one call, cache them, and put their tokens in place.

        The chunks are joined by line breaks: a line break is a token of its own that no
        special case holds, so no special-case match can reach from one chunk into the next
        (one spanning a single space can: `: o.O` keeps `o.` from being a token)."""
        split = self._split
        if len(split) + len(unseen) > self.limit:
            split.clear()
        tokens = [token.text for token in self.tokenizer("\n".join(chunk for _, chunk in unseen))]
        current: list[str] = []
        chunk_pieces = []
        for token in tokens:
            if token == "\n":
                chunk_pieces.append(tuple(current))
                current = []
            else:
                current.append(token)
        chunk_pieces.append(tuple(current))
        multi = False
        for (index, chunk), pieces in zip(unseen, chunk_pieces):
            split[chunk] = pieces
            if len(pieces) == 1:
                words[index] = pieces[0]
            else:
                words[index] = pieces  # type: ignore[call-overload]  (spread out below)
                multi = True
        if not multi:
            return words, spaces
        flat_words: list[str] = []
        flat_spaces: list[bool] = []
        for word, space in zip(words, spaces):
            if type(word) is tuple:
                flat_words.extend(word)
                flat_spaces.extend([False] * (len(word) - 1))
            else:
                flat_words.append(word)
            flat_spaces.append(space)
        return flat_words, flat_spaces

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


class TextKeepingTokenizer:
    """spaCy's tokenizer, unchanged, that also keeps the input string on the Doc: for pipelines
    with a statistical model, which need spaCy's tokens exactly (norms included)."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)

"""The pipeline's tokenizer: spaCy's English tokenizer, one whitespace-separated chunk at a time,
behind a dictionary of the chunks it has already split.

spaCy's tokenizer splits the text on whitespace and tokenises each chunk (prefixes, suffixes,
infixes, special cases) on its own. `ChunkTokenizer` keeps each chunk's tokens in a plain dict,
tokenises the chunks it has not seen in one call to spaCy's tokenizer, and builds the Doc once
from the lexeme ids of the words and their trailing spaces (an id needs no hashing of the word's
text). On the benchmark's articles (3,500 characters, with new numbers in each) that is ~0.45
ms where spaCy's tokenizer takes ~0.65 ms; much of what is left is spaCy making a lexeme for
every new string, which both pay (~7 us each).

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

from spacy.attrs import ORTH
from spacy.tokens import Doc

from .sentences import TEXT_KEY

# A chunk of non-space characters and the single " " after it, if any (spaCy records that
# space on the chunk's last token); or a run of whitespace, which is a token of its own.
_CHUNK = re.compile(r"(\S+)( ?)|(\s+)")


class ChunkTokenizer:
    """spaCy's `tokenizer` with a per-chunk cache of about `limit` chunks (~4 MB for 20,000; it
    is cleared when full, so memory stays flat over any number of articles; spaCy's own cache
    holds 10,000). Anything else is the wrapped tokenizer's
    (`explain`, serialisation, ...)."""

    def __init__(self, tokenizer, limit: int = 20_000) -> None:
        self.tokenizer = tokenizer
        self.limit = limit
        self._split: dict[str, tuple[int, ...]] = {}  # chunk -> the lexeme ids of its tokens
        self._blanks: dict[str, int] = {}  # a run of whitespace (one token) -> its id
        self._newline = tokenizer.vocab.strings.add("\n")

    def __call__(self, text: str) -> Doc:
        chunks = _CHUNK.findall(text)
        split = self._split
        if len(split) > self.limit:
            split.clear()
            self._blanks.clear()
        unseen = [chunk for chunk, _, _ in chunks if chunk and chunk not in split]
        if unseen:
            self._learn(unseen)
        words: list[int | str] = []
        spaces: list[bool] = []
        blanks = self._blanks
        for chunk, space, blank in chunks:
            if blank:
                orth = blanks.get(blank)
                if orth is None:
                    orth = blanks[blank] = self.tokenizer.vocab.strings.add(blank)
                words.append(orth)
                spaces.append(False)
                continue
            pieces = split[chunk]
            if len(pieces) == 1:
                words.append(pieces[0])
            else:
                words.extend(pieces)
                spaces.extend([False] * (len(pieces) - 1))
            spaces.append(space == " ")
        # the cached tokens are lexeme ids: the Doc finds each lexeme without hashing its text again
        doc = Doc(self.tokenizer.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc

    def _learn(self, unseen: list[str]) -> None:
        """Tokenise the unseen chunks in one call and cache their tokens (as lexeme ids).

        The chunks are joined by line breaks: a line break is a token of its own that no
        special case holds, so no special-case match can reach from one chunk into the next
        (one spanning a single space can: `: o.O` keeps `o.` from being a token)."""
        split = self._split
        pieces: list[int] = []
        unseen = list(dict.fromkeys(unseen))  # a chunk seen twice in one text is split once
        chunk_at = iter(unseen)
        newline = self._newline
        for orth in self.tokenizer("\n".join(unseen)).to_array(ORTH).tolist():
            if orth == newline:
                split[next(chunk_at)] = tuple(pieces)
                pieces = []
            else:
                pieces.append(orth)
        split[next(chunk_at)] = tuple(pieces)

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

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
from functools import lru_cache
from itertools import chain

from spacy.attrs import ORTH
from spacy.tokens import Doc

from .numbers import analysis_text
from .sentences import ORIGINAL_KEY, TEXT_KEY

# A piece of the text: a chunk of non-space characters and the single " " after it, if any
# (spaCy records that space on the chunk's last token); or a run of whitespace, which is a token
# of its own.
_PIECE = re.compile(r"\S+ ?|\s+")


class ChunkTokenizer:
    """spaCy's `tokenizer` with a per-piece cache of about `limit` pieces (~5 MB for 20,000; it
    is cleared when full, so memory stays flat over any number of articles; spaCy's own cache
    holds 10,000). Anything else is the wrapped tokenizer's
    (`explain`, serialisation, ...).

    A piece is a chunk with its trailing space, if any (`_PIECE`): the cache maps it to the
    lexeme ids of its tokens and to their trailing spaces, so the Doc's words and spaces are
    two lookups a piece, chained in C (`map`, `chain`): no Python loop over the text."""

    def __init__(self, tokenizer, limit: int = 20_000) -> None:
        self.tokenizer = tokenizer
        self.limit = limit
        self._words: dict[str, tuple[int, ...]] = {}  # piece -> the lexeme ids of its tokens
        self._spaces: dict[str, tuple[bool, ...]] = {}  # piece -> whether each token has a space after it
        self._newline = tokenizer.vocab.strings.add("\n")

    def __call__(self, text: str) -> Doc:
        pieces = _PIECE.findall(text)
        words_of = self._words
        if len(words_of) > self.limit:
            words_of.clear()
            self._spaces.clear()
        unseen = set(pieces).difference(words_of)
        if unseen:
            self._learn(sorted(unseen))
        words = list(chain.from_iterable(map(words_of.__getitem__, pieces)))
        spaces = list(chain.from_iterable(map(self._spaces.__getitem__, pieces)))
        # the cached tokens are lexeme ids: the Doc finds each lexeme without hashing its text again
        doc = Doc(self.tokenizer.vocab, words=words, spaces=spaces)
        doc.user_data[ORIGINAL_KEY] = text
        doc.user_data[TEXT_KEY] = analysis_text(text)
        return doc

    def _learn(self, unseen: list[str]) -> None:
        """Tokenise the chunks of the unseen pieces in one call and cache their tokens (as
        lexeme ids) and spaces; a run of whitespace is one token.

        The chunks are joined by line breaks: a line break is a token of its own that no
        special case holds, so no special-case match can reach from one chunk into the next
        (one spanning a single space can: `: o.O` keeps `o.` from being a token)."""
        words_of, spaces_of = self._words, self._spaces
        strings = self.tokenizer.vocab.strings
        chunks: dict[str, list[str]] = {}  # chunk -> its unseen pieces ("word", "word ")
        for piece in unseen:
            if piece[0].isspace():
                words_of[piece] = (strings.add(piece),)
                spaces_of[piece] = (False,)
            else:
                chunks.setdefault(piece[:-1] if piece[-1] == " " else piece, []).append(piece)
        if not chunks:
            return
        tokens: list[int] = []
        chunk_at = iter(chunks.items())
        newline = self._newline
        for orth in [*self.tokenizer("\n".join(chunks)).to_array(ORTH).tolist(), newline]:
            if orth != newline:
                tokens.append(orth)
                continue
            _, pieces = next(chunk_at)
            ids = tuple(tokens)
            tokens = []
            for piece in pieces:
                words_of[piece] = ids
                spaces_of[piece] = _spaces(len(ids), piece[-1] == " ")

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


@lru_cache(maxsize=None)
def _spaces(count: int, trailing: bool) -> tuple[bool, ...]:
    """The spaces after a chunk's `count` tokens: none inside it, `trailing` after the last
    (one shared tuple for each shape)."""
    return (False,) * (count - 1) + (trailing,)


class TextKeepingTokenizer:
    """spaCy's tokenizer, unchanged, that also keeps the input string on the Doc: for pipelines
    with a statistical model, which need spaCy's tokens exactly (norms included)."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[ORIGINAL_KEY] = text
        doc.user_data[TEXT_KEY] = analysis_text(text)
        return doc

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)

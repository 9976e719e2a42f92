"""The pipeline's tokenizer gives spaCy's tokens, whatever it has cached before."""

from pathlib import Path

import pytest
import spacy

from claimcheck.ingest import load_article
from claimcheck.nlp.pipeline import build_nlp
from claimcheck.nlp.sentences import doc_text
from claimcheck.nlp.tokenizer import ChunkTokenizer
from claimcheck.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".md", ".html", ".htm"}


def _tokens(doc):
    return [(t.text, t.whitespace_, t.idx, t.is_punct, t.is_space) for t in doc]


@pytest.fixture(scope="module")
def spacy_tokenizer():
    return spacy.blank("en").tokenizer


def _corpus_texts() -> list[str]:
    settings = get_settings(offline=True)
    paths = sorted(p for p in (ROOT / "corpora").rglob("*") if p.suffix in SUFFIXES and p.stem.lower() != "readme")
    seed = ROOT.parent / "shared" / "seed-article.txt"
    if seed.exists():
        paths.append(seed)
    return [load_article(str(p), settings).text for p in paths]


def test_same_tokens_as_spacy_on_every_corpus_article(spacy_tokenizer):
    tokenizer = ChunkTokenizer(spacy.blank("en").tokenizer)
    texts = _corpus_texts()
    assert len(texts) >= 90
    for text in texts + texts:  # the second round comes from the cache
        assert _tokens(tokenizer(text)) == _tokens(spacy_tokenizer(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "   ",
        "\n",
        " leading space",
        "  two leading spaces",
        "trailing space ",
        "trailing spaces  \n",
        "a  b\n\nc \n d\t\te\xa0f\u2009g",
        "Dr. Smith's (n=1,840) trial: 22-72% (95% CI 0.61-0.92), p<0.05; don't stop.",
        "U.S. e.g. i.e. a.m. 10mg 5km COVID-19 omega-3 24/7 http://example.org/a?b=1 x@y.org",
        "“Quoted,” she said — ‘really’… (yes).\n\nNext paragraph.",
    ],
)
def test_same_tokens_as_spacy_on_awkward_text(spacy_tokenizer, text):
    tokenizer = ChunkTokenizer(spacy.blank("en").tokenizer)
    first = tokenizer(text)
    assert _tokens(first) == _tokens(spacy_tokenizer(text))
    assert _tokens(tokenizer(text)) == _tokens(first)  # from the cache
    assert first.text == text


def test_the_cache_stays_bounded_and_right(spacy_tokenizer):
    tokenizer = ChunkTokenizer(spacy.blank("en").tokenizer, limit=50)
    for i in range(200):
        text = f"Trial {i}: {i * 7} of {i * 13 + 5} patients (n={i}) improved by {i}.{i % 10}%."
        assert _tokens(tokenizer(text)) == _tokens(spacy_tokenizer(text))
        assert len(tokenizer._words) <= 50 + 40  # the limit, plus one text's new pieces


def test_the_pipeline_keeps_the_input_text():
    nlp = build_nlp()
    text = "Line one.\n\n  Line two,  with spaces. "
    doc = nlp(text)
    assert doc_text(doc) == text == doc.text
    assert isinstance(nlp.tokenizer, ChunkTokenizer)
    assert nlp.tokenizer.explain("don't")  # the wrapped tokenizer's own methods still answer

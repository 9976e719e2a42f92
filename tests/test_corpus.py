"""The team's corpus: well-formed gold, and the checker's scores on it (regression guard)."""

import json
from pathlib import Path

import pytest

from claimcheck.evaluate import evaluate_corpus, find_gold_pairs
from claimcheck.models import CLAIM_KINDS, FLAG_KINDS

CORPUS = Path(__file__).resolve().parents[1] / "corpora"


def test_gold_files_are_well_formed():
    pairs = find_gold_pairs(CORPUS)
    assert len(pairs) >= 25
    for article, gold_path in pairs:
        gold = json.loads(gold_path.read_text("utf-8"))
        assert set(gold) <= {"claims", "flags", "sources", "extraction"}, gold_path
        raw = article.read_text("utf-8")
        for claim in gold["claims"]:
            assert claim["kind"] in CLAIM_KINDS, (gold_path, claim)
            assert "value" in claim, (gold_path, claim)
            if article.suffix == ".txt":
                assert claim["text"] in raw, (gold_path, claim)
        for flag in gold["flags"]:
            assert flag["kind"] in FLAG_KINDS, (gold_path, flag)


def test_no_article_copies_the_seed():
    for path in CORPUS.rglob("*"):
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            assert "Semmelweis University in Hamburg" not in path.read_text("utf-8", errors="replace")


@pytest.fixture(scope="module")
def scores():
    return evaluate_corpus(CORPUS)


def test_claim_scores_meet_the_bar(scores):
    claims = scores["claims"]
    assert claims["micro"]["f1"] >= 0.90, claims["micro"]
    assert claims["micro"]["value_accuracy"] >= 0.90
    for kind, row in claims.items():
        assert row["f1"] >= 0.80, (kind, row)


def test_every_extraction_check_passes(scores):
    assert scores["errors"] == []
    assert scores["extraction"]["accuracy"] >= 0.97, scores["details"]["extraction_failures"]

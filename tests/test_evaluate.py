"""`claimcheck eval`: the scoring rules of CONTRACT.md, on small corpora made here."""

import json

from claimcheck.cli import main
from claimcheck.evaluate import evaluate_corpus, normalise_phase, values_equal


def write(tmp_path, name, text, gold):
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")


def test_overlap_matching_precision_recall_and_values(tmp_path):
    write(
        tmp_path,
        "a",
        "The study examined 45 patients for six weeks. A Phase III trial follows.",
        {
            "claims": [
                {"kind": "sample_size", "text": "examined 45 patients", "value": 45},  # longer span: overlap counts
                {"kind": "duration", "text": "six weeks", "value": 7},  # value wrong on purpose
                {"kind": "dose", "text": "The study", "value": 1},  # never predicted: a miss
            ],
            "flags": [],
            "sources": [],
        },
    )
    scores = evaluate_corpus(tmp_path)
    claims = scores["claims"]
    assert claims["sample_size"]["recall"] == 1.0
    assert claims["duration"]["value_accuracy"] == 0.0
    assert claims["dose"]["recall"] == 0.0
    # the trial phase was predicted but is not in the gold: a false positive
    assert claims["trial_phase"]["precision"] == 0.0
    assert claims["micro"]["gold"] == 3 and claims["micro"]["predicted"] == 3
    assert scores["clean_articles"] == {"articles": 1, "with_flags": 0}


def test_extraction_checks_and_missing_residue_count_as_caught(tmp_path):
    write(
        tmp_path,
        "b",
        "Researchers followed 120 adults.",
        {
            "claims": [{"kind": "sample_size", "text": "120 adults", "value": 120}],
            "flags": [{"kind": "residue", "text": "Cookie settings"}],
            "sources": [],
            "extraction": {"must_include": ["Researchers followed"], "must_exclude": ["Cookie settings"]},
        },
    )
    scores = evaluate_corpus(tmp_path)
    assert scores["flags"]["residue"]["recall"] == 1.0
    assert scores["extraction"] == {"checks": 2, "passed": 2, "accuracy": 1.0}


def test_values_equal_rules():
    assert values_equal(0.3333, 0.333)
    assert values_equal([22, 72], [22.0, 72.0])
    assert not values_equal([22, 72], 22)
    assert values_equal("III", "3") and values_equal("IIb", "2b") and values_equal("2/3", "II/III")
    assert values_equal(None, None) and not values_equal(None, 0)
    assert normalise_phase("IV") == "4"


def test_eval_cli_prints_table_and_json(tmp_path, capsys):
    write(tmp_path, "c", "We enrolled 30 volunteers.", {"claims": [{"kind": "sample_size", "text": "30 volunteers", "value": 30}], "flags": [], "sources": []})
    assert main(["eval", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "sample_size" in out and "micro" in out
    assert main(["eval", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["claims"]["micro"]["f1"] == 1.0


def test_eval_on_a_folder_without_gold_is_a_usage_error(tmp_path, capsys):
    assert main(["eval", str(tmp_path)]) == 2
    assert "no annotated articles" in capsys.readouterr().err

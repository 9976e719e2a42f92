"""The model that reads the numbers the rules leave: which numbers it is asked about, what it
adds to the claims, and how it is trained."""

import json
import math

import pytest

from claimcheck.check import check_article
from claimcheck.models import Article
from claimcheck.nlp.claims import find_claims
from claimcheck.nlp.number_model import NumberModel, leftover_numbers, model_claims, number_model
from claimcheck.nlp.number_model_train import cross_validate, examples, fit
from claimcheck.nlp.patterns import ClaimMatch


def leftovers(text, claims=()):
    return [text[a:b] for a, b, _ in leftover_numbers(text, list(claims))]


def test_leftover_numbers_are_the_unclaimed_ones_and_never_years_times_or_percentages():
    text = "In 2021, at 10:30, 3/4 of them and 45% saw a dozen doctors; 12 were ill and 2,019 cases."
    assert leftovers(text) == ["a dozen", "12", "2,019"]  # ("dozen" once: it is inside "a dozen")
    claimed = [ClaimMatch("count", text.index("12 were"), text.index(" were ill"), 12)]
    assert leftovers(text, claimed) == ["a dozen", "2,019"]
    # a telephone number's groups are no numbers; thousands grouped by spaces are one
    text = "Call 13 11 26 at any time: 1 262 400 people were screened, of every 1,000 tested 59."
    assert leftovers(text) == ["1 262 400", "59"]


@pytest.mark.parametrize("text, numbers", [
    ("Of those relatives, 42 were tested, and Nineteen caused moderate harm.", {"42": 42, "Nineteen": 19}),
    ("Crews attended 88 of them; 23 were still waiting at midnight.", {"23": 23}),
    ("In 2021, 23 were still waiting at midnight.", {"23": 23}),  # (the year is never asked)
])
def test_the_model_reads_counts_the_rules_leave(text, numbers):
    rules = find_claims(text, read_leftovers=False)
    assert not any(c.start <= text.index(n) < c.end for c in rules for n in numbers)
    added = [c for c in find_claims(text) if c not in rules]
    assert {text[c.start:c.end]: c.value for c in added} == numbers
    assert {c.kind for c in added} == {"count"}


@pytest.mark.parametrize("text", [
    "She has type 2 diabetes and paid 48 euros for the test in 2021.",
    "The clinic on 14 Station Road opened at 9 on 3 March; call 01632 960274.",
    "The WHO said COVID-19 was no longer an emergency on 5 May.",
    "Chapter 3 describes the 12-week programme for people aged 65 and over.",
])
def test_look_alikes_stay_unclaimed(text):
    assert find_claims(text) == find_claims(text, read_leftovers=False)


def test_the_models_claims_reach_the_report():
    text = "Of those relatives, 42 were tested, and Nineteen caused moderate harm."
    assert find_claims(text, read_leftovers=False) == []
    report = check_article(Article(text=text, input="x"))
    assert [(c.kind, c.text, c.value) for c in report.claims] == [("count", "42", 42), ("count", "Nineteen", 19)]


def test_probabilities_are_the_softmax_of_intercept_plus_weights():
    model = NumberModel(["count", "none"], [0.5, 1.0], {"b0=of": [2.0, -1.0], "s=v<10": [0.0, 0.5]})
    probs = model.probabilities(["b0=of", "s=v<10", "never-seen"])
    scores = [0.5 + 2.0 + 0.0, 1.0 - 1.0 + 0.5]
    expected = [math.exp(s) / sum(map(math.exp, scores)) for s in scores]
    assert probs == pytest.approx(expected)
    assert model.best(["b0=of"])[0] == "count"
    assert model.best([]) == ("none", pytest.approx(math.exp(1.0) / (math.exp(0.5) + math.exp(1.0))))


def test_the_shipped_model_has_weights_for_each_class():
    model = number_model()
    assert set(model.classes) == {"count", "none", "sample_size"}
    assert len(model.intercept) == 3 and len(model.weights) > 1000
    assert all(len(row) == 3 for row in list(model.weights.values())[:100])


def _write(folder, name, text, claims):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, "utf-8")
    (folder / f"{name}.gold.json").write_text(json.dumps({"claims": claims, "flags": [], "sources": []}), "utf-8")


def test_training_reads_labels_from_gold_and_cross_validates_by_folder(tmp_path):
    for group in ("a", "b"):
        for i in range(3):
            text = f"The clinic counted visits. Of those, {41 + i} were new, on floor {12 + i}, in {2020 + i}."
            _write(tmp_path / group, f"art{i}", text, [{"kind": "count", "text": f"{41 + i} were new", "value": 41 + i}])
    rows = examples(tmp_path)
    labels = sorted((group, label) for group, _, label in rows)
    # per article: the labelled count, and the number no gold claim holds (the year is never asked)
    assert labels.count(("a", "count")) == 3 and labels.count(("b", "count")) == 3
    assert labels.count(("a", "none")) == 3 and labels.count(("b", "none")) == 3
    model = fit(rows)
    assert set(model.classes) == {"count", "none"}
    tally = cross_validate(rows, folds=2)
    assert tally["count"]["gold"] == 6

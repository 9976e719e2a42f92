"""Training `number_model`'s weights on the annotated corpus (scikit-learn).

    python -m claimcheck.nlp.number_model_train corpora/            # cross-validate, then train and save
    python -m claimcheck.nlp.number_model_train corpora/ --no-save  # only cross-validate

For every annotated article, the rules read its claims (`find_claims(..., read_leftovers=False)`)
and every number they left becomes one example: its features (`number_model.features`) and its
label, the kind of the gold claim whose text holds it with its value ("none" when no gold claim
does; examples inside a gold claim that is valued by another number are left out). Kinds other
than `number_model.KINDS` count as "none" to the model.

Before the weights are saved, the same training is cross-validated with the corpus's folders
as groups (each writer's set of articles is tested by a model that never saw that writer), and
what the model would add at `THRESHOLD` is printed kind by kind: right, wrong kind, and no claim.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from .number_model import KINDS, MODEL_FILE, THRESHOLD, NumberModel, features, leftover_numbers

def examples(corpus: Path) -> list[tuple[str, list[str], str]]:
    """(group, features, label) of every number the rules leave in the corpus's articles."""
    from ..evaluate import find_gold_pairs, occurrences, values_equal
    from ..ingest import load_article
    from ..settings import get_settings
    from .claims import _spans_of_no_claim, find_claims
    from .pipeline import get_nlp
    from .sentences import doc_text, sentence_finder

    settings = get_settings(offline=True)
    nlp = get_nlp()
    out = []
    for article_path, gold_path in find_gold_pairs(corpus):
        relative = article_path.relative_to(corpus)
        group = relative.parts[0] if len(relative.parts) > 1 else "."
        gold = json.loads(gold_path.read_text("utf-8"))
        with nlp.select_pipes(enable="claimcheck_sentences"):
            doc = nlp(load_article(str(article_path), settings).text)
        text = doc_text(doc)
        sentence_of = sentence_finder(doc)
        claims = find_claims(text, sentence_of, read_leftovers=False)
        spans = [(span, item) for item in gold.get("claims", []) for span in occurrences(text, item["text"])]
        for start, end, value in leftover_numbers(text, claims, _spans_of_no_claim(text)):
            holders = [item for (a, b), item in spans if a <= start < b]
            valued = [item for item in holders if values_equal(value, _first(item.get("value")))]
            if holders and not valued:
                continue
            label = valued[0]["kind"] if valued else "none"
            out.append((group, features(text, start, end, value, claims, sentence_of(start)),
                        label if label in KINDS else "none"))
    return out


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def fit(rows: list[tuple[str, list[str], str]], c: float = 1.0) -> NumberModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(feats, 1) for _, feats, _ in rows])
    y = [label for _, _, label in rows]
    model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    classes = [str(k) for k in model.classes_]
    weights = {}
    for j, name in enumerate(vectorizer.get_feature_names_out()):
        column = [round(float(w), 4) for w in model.coef_[:, j]]
        if any(abs(w) >= 0.005 for w in column):
            weights[str(name)] = column
    return NumberModel(classes, [round(float(b), 4) for b in model.intercept_], weights)


def cross_validate(rows: list[tuple[str, list[str], str]], folds: int = 5, seed: int = 1) -> dict[str, Counter]:
    """What the model adds, with the corpus's folders as groups: per kind, right / wrong kind /
    no claim, and the gold examples of the kind."""
    groups = sorted({g for g, _, _ in rows})
    random.Random(seed).shuffle(groups)
    tally: dict[str, Counter] = {kind: Counter() for kind in KINDS}
    for k in range(folds):
        test = set(groups[k::folds])
        model = fit([r for r in rows if r[0] not in test])
        for group, feats, label in rows:
            if group not in test:
                continue
            if label in KINDS:
                tally[label]["gold"] += 1
            kind, probability = model.best(feats)
            if kind in KINDS and probability >= THRESHOLD:
                tally[kind]["right" if label == kind else "no claim" if label == "none" else "wrong kind"] += 1
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimcheck.nlp.number_model_train", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--no-save", action="store_true", help="only cross-validate")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / MODEL_FILE)
    args = parser.parse_args(argv)
    rows = examples(args.corpus)
    print(f"{len(rows)} numbers left by the rules; labels: {dict(Counter(label for _, _, label in rows))}")
    for kind, tally in sorted(cross_validate(rows).items()):
        added = tally["right"] + tally["wrong kind"] + tally["no claim"]
        print(f"cross-validated {kind}: adds {added}, right {tally['right']} of {tally['gold']} left by the rules, "
              f"wrong kind {tally['wrong kind']}, no claim {tally['no claim']}, precision {tally['right'] / max(1, added):.3f}")
    if args.no_save:
        return 0
    model = fit(rows)
    data = {"classes": model.classes, "intercept": model.intercept, "weights": dict(sorted(model.weights.items()))}
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", "utf-8")
    print(f"saved {len(model.weights)} features to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Did a speed change alter what the checker finds? Snapshot the offline reports, compare later.

    python benchmarks/outputs.py save /tmp/before.jsonl          # corpus + 400 varied texts
    ... change the code ...
    python benchmarks/outputs.py compare /tmp/before.jsonl       # exit 1 and a diff if any differ
    python benchmarks/outputs.py compare /tmp/before.jsonl --kinds residue,garbled

Each line holds one article's claims (kind, offsets, value, unit, qualifier, sentence), flags
(kind, offsets, severity, message, suggestion) and detected sources. The texts are the
annotated corpus, all its folders (HTML extracted), plus `--variants` copies varied by `corpus.vary_text`
(other numbers, rotated paragraphs), so a refactoring is tried on many more number shapes
than the gold files hold. `--kinds` limits the comparison to those claim/flag kinds (the
sources are then left out).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus_files, vary_text

from claimcheck.check import check_article
from claimcheck.ingest import load_article
from claimcheck.models import Article
from claimcheck.nlp.pipeline import build_nlp
from claimcheck.settings import get_settings


def articles(variants: int, seed: int = 5) -> list[Article]:
    settings = get_settings(offline=True)
    root = Path(__file__).resolve().parent.parent / "corpora"
    base = []
    for folder in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        base += [load_article(str(p), settings) for p in corpus_files(folder)]
    rng = random.Random(seed)
    varied = [
        Article(text=vary_text(base[i % len(base)].text, rng, i), input=f"varied-{i}")
        for i in range(variants)
    ]
    return base + varied


def snapshot(article: Article, nlp) -> dict:
    report = check_article(article, nlp)
    return {
        "input": _name(article.input),
        "claims": [[c.kind, c.start, c.end, c.value, c.unit, c.qualifier, c.sentence] for c in report.claims],
        "flags": [[f.kind, f.start, f.end, f.severity, f.message, f.suggestion] for f in report.flags],
        "sources": [asdict(s) for s in report.sources],
    }


def _name(input: str) -> str:
    """A corpus file by its name, so snapshots from two checkouts compare."""
    return Path(input).name if input.startswith("/") else input


def _limit(record: dict, kinds: set[str] | None) -> dict:
    record = {**record, "input": _name(record["input"])}
    if not kinds:
        return record
    return {
        "input": record["input"],
        "claims": [c for c in record["claims"] if c[0] in kinds],
        "flags": [f for f in record["flags"] if f[0] in kinds],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--variants", type=int, default=400)
    parser.add_argument("--kinds", help="comma-separated claim/flag kinds to compare (default: everything)")
    args = parser.parse_args(argv)
    nlp = build_nlp()
    records = [json.loads(json.dumps(snapshot(a, nlp), default=str)) for a in articles(args.variants)]
    if args.action == "save":
        with args.path.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record) + "\n")
        print(f"saved {len(records)} reports to {args.path}")
        return 0
    kinds = set(args.kinds.split(",")) if args.kinds else None
    before = [json.loads(line) for line in args.path.open(encoding="utf-8")]
    if len(before) != len(records):
        print(f"{len(before)} reports saved, {len(records)} now: save again with the same --variants")
        return 1
    differing = 0
    for old, new in zip(before, records):
        old, new = _limit(old, kinds), _limit(new, kinds)
        if old == new:
            continue
        differing += 1
        if differing <= 10:
            print(f"--- {new['input']}")
            for key in ("claims", "flags", "sources"):
                gone = [x for x in old.get(key, []) if x not in new.get(key, [])]
                added = [x for x in new.get(key, []) if x not in old.get(key, [])]
                for item in gone:
                    print(f"  - {key}: {item}")
                for item in added:
                    print(f"  + {key}: {item}")
    print(f"{differing} of {len(records)} reports differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())

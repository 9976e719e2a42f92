"""Offline checking speed in one process, against spaCy's blank tokenizer on the same texts.

    python benchmarks/throughput.py            # 600 articles
    python benchmarks/throughput.py --n 2000   # more
    python benchmarks/throughput.py --quick    # 200, for a smoke run
    python benchmarks/throughput.py --profile  # plus where the check's time goes (cProfile)

The corpus's articles are read once (HTML extracted), then varied (`corpus.vary_text`: other
numbers, rotated paragraphs, a serial line) until there are N distinct texts, so no cache sees
a text twice. Reported: articles/s of `check_article` (the offline analysis `check` and
`batch` run), articles/s of `spacy.blank("en")` tokenising texts of the same kind (the floor),
their ratio (target >= 0.3), and the process's peak RSS. The two are timed in alternating
chunks of 25 articles, so that a shared machine's changing load falls on both alike.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus_files, vary_text

from claimcheck.check import check_article
from claimcheck.ingest import load_article
from claimcheck.models import Article
from claimcheck.nlp.pipeline import build_nlp
from claimcheck.settings import get_settings


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def varied_articles(n: int, seed: int = 11) -> list[Article]:
    settings = get_settings(offline=True)
    base = [load_article(str(p), settings) for p in corpus_files()]
    rng = random.Random(seed)
    return [
        Article(text=vary_text(base[i % len(base)].text, rng, i), input=f"varied-{i}", title=base[i % len(base)].title)
        for i in range(n)
    ]


def rates(check, blank, articles: list[Article], fresh: list[Article], chunk: int = 25) -> tuple[float, float]:
    """Articles/s of `check` over `articles` and of `blank` over `fresh`, timed in alternating
    chunks so that both see the same load on a shared machine."""
    check_time = blank_time = 0.0
    for i in range(0, len(articles), chunk):
        start = time.perf_counter()
        for article in articles[i:i + chunk]:
            check(article)
        middle = time.perf_counter()
        for article in fresh[i:i + chunk]:
            blank(article)
        check_time += middle - start
        blank_time += time.perf_counter() - middle
    return len(articles) / check_time, len(fresh) / blank_time


def stage_breakdown(nlp, articles: list[Article]) -> str:
    """Milliseconds per article in each stage of `check_article`, each flag check timed alone."""
    from collections import defaultdict

    from claimcheck.check import claims_from_doc, flags_from_doc
    from claimcheck.checks.registry import select_checks
    from claimcheck.sources.mentions import find_sources

    times: dict[str, float] = defaultdict(float)
    checks = select_checks()

    def timed(name: str, func, *args):
        start = time.perf_counter()
        result = func(*args)
        times[name] += time.perf_counter() - start
        return result

    total = 0.0
    for article in articles:
        start = time.perf_counter()
        check_article(article, nlp)
        total += time.perf_counter() - start
    # the stages on other texts: run on the same ones, they would find every cache warm
    for article in varied_articles(len(articles), seed=17):
        doc = timed("tokenizer", nlp.make_doc, article.text)
        for name, component in nlp.pipeline:
            if name == "claimcheck_flags":
                for check in checks:
                    timed(f"  check {check.kind} ({check.func.__module__}.{check.func.__name__})",
                          lambda d, f=check.func: list(f(d)), doc)
            doc = timed(f"component {name}", component, doc)
        claims = timed("report: claims_from_doc", claims_from_doc, doc)
        timed("report: flags_from_doc", flags_from_doc, doc)
        timed("report: find_sources", find_sources, doc, article, claims)
        timed("doc.text (one access, for scale)", lambda d: d.text, doc)
    n = len(articles)
    lines = [f"check_article: {total / n * 1e3:.1f} ms per article; stages timed separately:"]
    for name, seconds in times.items():
        lines.append(f"  {seconds / n * 1e3:7.2f} ms  {seconds / total:5.1%}  {name}")
    return "\n".join(lines)


def profile_check(nlp, articles: list[Article], top: int = 25) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        check_article(article, nlp)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=600, help="articles (default 600)")
    parser.add_argument("--quick", action="store_true", help="200 articles")
    parser.add_argument("--profile", action="store_true", help="profile the check and print the top functions")
    args = parser.parse_args(argv)
    n = 200 if args.quick else args.n

    articles = varied_articles(n)
    texts_chars = sum(len(a.text) for a in articles)
    nlp = build_nlp()
    blank = build_blank()
    for article in varied_articles(20, seed=10):  # warm up both (regex compilation, lazy imports) on other texts
        check_article(article, nlp)
        blank(article.text)
    rss_before = peak_rss_mb()

    fresh = varied_articles(n, seed=12)  # texts neither pipeline has seen
    check_rate, blank_rate = rates(lambda a: check_article(a, nlp), lambda a: blank(a.text), articles, fresh)
    ratio = check_rate / blank_rate

    print(f"articles: {n} ({texts_chars / n:,.0f} characters on average), one process")
    print(f"check_article (offline): {check_rate:8.1f} articles/s")
    print(f"spacy.blank('en'):       {blank_rate:8.1f} articles/s")
    print(f"ratio: {ratio:.3f} (target >= 0.3)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (after warm-up: {rss_before:.0f} MB)")
    if args.profile:
        sample = varied_articles(min(n, 200), seed=13)
        print()
        print(stage_breakdown(nlp, sample))
        print()
        print(profile_check(nlp, sample))
    return 0


def build_blank():
    import spacy

    return spacy.blank("en")


if __name__ == "__main__":
    sys.exit(main())

"""`claimcheck batch` at scale: throughput for --jobs 1 and 2, the blank-tokenizer floor with
the same number of processes, and peak RSS per worker as N grows.

    python benchmarks/batch.py                 # N = 1,000 for the rates; 1,000 and 5,000 for memory
    python benchmarks/batch.py --n 2000        # the rates on 2,000 articles
    python benchmarks/batch.py --quick         # 200 for the rates, 200 and 1,000 for memory
    python benchmarks/batch.py --keep DIR      # keep the generated articles and outputs in DIR

Articles are generated from the corpus with varied text (`corpus.build_articles`), so no cache
sees the same text twice; the mix of .txt/.md/.html follows the corpus. Each run is the real
command in a subprocess (`python -m claimcheck batch DIR --out F --jobs J --offline`), its
process tree sampled with psutil every 50 ms for RSS.

Rates:
- end to end: N / wall time of the command (interpreter and worker start-up included);
- steady: lines written per second between the first and the last line of the output, which
  is what a long batch sees;
- floor: the analysed texts (the `text` of each output record, i.e. after HTML extraction)
  written as .txt files and tokenised by `spacy.blank("en")` in a pool of J spawned processes,
  each reading its files; timed after the workers have started.
The ratio is steady batch rate / floor rate at the same J (target >= 0.3). For scale, the
per-article work (`work.check_file`: read, extract, check, serialise) is also timed in the
benchmark's own process, without worker processes, IPC or the writer, and split by stage
(`stage_breakdown`: hashing, reading text files, reading + extracting HTML, `check_article`,
the output line), so what the batch adds around the check shows.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_articles

REPO = Path(__file__).resolve().parent.parent


@dataclass
class BatchRun:
    n: int
    jobs: int
    wall: float
    steady_rate: float
    parent_peak_mb: float
    worker_peaks_mb: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def end_to_end_rate(self) -> float:
        return self.n / self.wall


def run_batch(src: Path, out: Path, jobs: int, n: int) -> BatchRun:
    if out.exists():
        out.unlink()
    cmd = [sys.executable, "-m", "claimcheck", "batch", str(src), "--out", str(out),
           "--jobs", str(jobs), "--offline", "--summary", "json"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peaks: dict[int, float] = {}
    is_worker: dict[int, bool] = {}
    first_line: tuple[float, int] | None = None
    last_count = 0
    last_change = start
    counter = LineCounter(out)
    while proc.poll() is None:
        try:
            tree = [root] + root.children(recursive=True)
        except psutil.NoSuchProcess:
            break
        for p in tree:
            try:
                rss = p.memory_info().rss / 2**20
                if p.pid not in is_worker:
                    is_worker[p.pid] = p.pid != root.pid and "spawn_main" in " ".join(p.cmdline())
            except psutil.Error:
                continue
            peaks[p.pid] = max(peaks.get(p.pid, 0.0), rss)
        count = counter.count()
        now = time.perf_counter()
        if count and first_line is None:
            first_line = (now, count)
        if count != last_count:
            last_count, last_change = count, now
        time.sleep(0.05)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}): {stderr[-2000:]}")
    summary = json.loads(stdout)
    total = _lines(out)
    assert total == n, f"{total} lines for {n} articles"
    if first_line is None or last_change <= first_line[0]:
        steady = n / wall
    else:
        steady = (last_count - first_line[1]) / (last_change - first_line[0])
    workers = [peak for pid, peak in peaks.items() if is_worker.get(pid)]
    return BatchRun(n, jobs, wall, steady, peaks.get(root.pid, 0.0), sorted(workers, reverse=True),
                    summary["errors"]["total"])


class LineCounter:
    """Lines in a growing file, reading only what was appended since the last call."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.lines = 0

    def count(self) -> int:
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                data = handle.read()
        except FileNotFoundError:
            return 0
        self.offset += len(data)
        self.lines += data.count(b"\n")
        return self.lines


def _lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    except FileNotFoundError:
        return 0


# --- the floor: spacy.blank("en") in J processes over the same texts ----------------------

_BLANK = None


def _init_blank() -> None:
    global _BLANK
    import spacy

    _BLANK = spacy.blank("en")


def _tokenise_file(path: str) -> int:
    with open(path, encoding="utf-8") as handle:
        return len(_BLANK(handle.read()))


def _ready(_: int) -> bool:
    return _BLANK is not None


def write_analysed_texts(out: Path, dest: Path) -> list[str]:
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    with open(out, encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            path = dest / f"t{i:05d}.txt"
            path.write_text(json.loads(line)["text"], encoding="utf-8")
            paths.append(str(path))
    return paths


def floor_rate(paths: list[str], jobs: int) -> float:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs, initializer=_init_blank) as pool:
        assert all(pool.map(_ready, range(jobs * 4), chunksize=1))
        start = time.perf_counter()
        pool.map(_tokenise_file, paths, chunksize=16)
        return len(paths) / (time.perf_counter() - start)


def in_process_rate(src: Path, limit: int = 300) -> float:
    """`work.check_file` on the first `limit` articles in this process: the batch machinery
    (processes, IPC, writing) left out, for comparison with the --jobs 1 rate."""
    from claimcheck.batch.work import check_file

    files = sorted(str(p) for p in src.rglob("*") if p.is_file())[:limit]
    for path in files[:10]:
        check_file(path, path, True)
    start = time.perf_counter()
    for path in files:
        check_file(path, path, True)
    return len(files) / (time.perf_counter() - start)


def stage_breakdown(src: Path, limit: int = 300) -> dict[str, float]:
    """Where `work.check_file`'s time goes, in ms per article over the first `limit` articles:
    hashing, reading text files, reading and extracting HTML pages (also per page), the check
    itself (`check.check_article`) and the output line (`work.record_line`)."""
    from claimcheck.batch.work import hash_file, pipeline, record_line
    from claimcheck.check import check_article
    from claimcheck.ingest import load_article
    from claimcheck.settings import get_settings

    nlp, settings = pipeline(), get_settings(offline=True)
    files = sorted(str(p) for p in src.rglob("*") if p.is_file())[:limit]
    totals = dict.fromkeys(("hash", "read text", "read + extract HTML", "check_article", "line"), 0.0)
    pages = 0
    for warm_up in (True, False):
        for path in files[:10] if warm_up else files:
            html = path.endswith((".html", ".htm"))
            start = time.perf_counter()
            digest = hash_file(path)
            hashed = time.perf_counter()
            article = load_article(path, settings)
            loaded = time.perf_counter()
            report = check_article(article, nlp)
            checked = time.perf_counter()
            record_line(report, path, digest)
            done = time.perf_counter()
            if warm_up:
                continue
            pages += html
            totals["hash"] += hashed - start
            totals["read + extract HTML" if html else "read text"] += loaded - hashed
            totals["check_article"] += checked - loaded
            totals["line"] += done - checked
    ms = {stage: 1e3 * seconds / len(files) for stage, seconds in totals.items()}
    ms["per HTML page"] = 1e3 * totals["read + extract HTML"] / pages if pages else 0.0
    ms["HTML share"] = pages / len(files)
    return ms


# --- the report ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles for the rate runs (default 1000)")
    parser.add_argument("--memory-n", type=int, nargs=2, default=None, metavar=("SMALL", "LARGE"),
                        help="the two sizes for the memory runs (default 1000 5000)")
    parser.add_argument("--quick", action="store_true", help="N = 200, memory at 200 and 1000")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    n = 200 if args.quick else args.n
    small, large = args.memory_n or ((200, 1000) if args.quick else (1000, 5000))

    work = args.keep or Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        built: dict[int, Path] = {}

        def articles(count: int) -> Path:
            if count not in built:
                built[count] = work / f"articles-{count}"
                if not built[count].exists():
                    build_articles(built[count], count, seed=count)
            return built[count]

        print(f"cores: {psutil.cpu_count()} logical; load average at start: {psutil.getloadavg()[0]:.2f}")
        runs: dict[tuple[int, int], BatchRun] = {}
        floors: dict[int, float] = {}
        for jobs in (1, 2):
            runs[(n, jobs)] = run_batch(articles(n), work / f"out-{n}-j{jobs}.jsonl", jobs, n)
        texts = write_analysed_texts(work / f"out-{n}-j1.jsonl", work / f"texts-{n}")
        for jobs in (1, 2):
            floors[jobs] = floor_rate(texts, jobs)
        in_process = in_process_rate(articles(n))
        stages = stage_breakdown(articles(n))
        for count in (small, large):
            if (count, 2) not in runs:
                runs[(count, 2)] = run_batch(articles(count), work / f"out-{count}-j2.jsonl", 2, count)

        print(f"\nthroughput, N = {n} (articles/s)")
        print(f"{'jobs':>4}  {'end to end':>10}  {'steady':>8}  {'blank floor':>11}  {'ratio':>6}")
        for jobs in (1, 2):
            run = runs[(n, jobs)]
            print(f"{jobs:>4}  {run.end_to_end_rate:>10.1f}  {run.steady_rate:>8.1f}  {floors[jobs]:>11.1f}"
                  f"  {run.steady_rate / floors[jobs]:>6.3f}")
        print(f"in one process, no batch machinery (work.check_file, first 300): {in_process:.1f}")
        around = sum(ms for stage, ms in stages.items() if stage not in ("check_article", "per HTML page", "HTML share"))
        print("  ms per article: " + ", ".join(f"{stage} {ms:.3f}" for stage, ms in stages.items()
                                             if stage not in ("per HTML page", "HTML share"))
              + f"; around the check {around:.3f} ({stages['HTML share']:.0%} HTML pages,"
              f" {stages['per HTML page']:.2f} ms a page)")
        floor_ms = 1e3 / floors[1]
        budget = floor_ms / 0.3 - around
        print(f"  the floor at one job is {floor_ms:.3f} ms an article. With the work around the check as it is,"
              f"\n  a check costing one tokenisation would give a ratio of {floor_ms / (around + floor_ms):.3f};"
              f" a ratio of 0.3 leaves the check {budget:.3f} ms ({budget / floor_ms:.2f} floors; it takes"
              f" {stages['check_article'] / floor_ms:.2f})")
        scaling = runs[(n, 2)].steady_rate / runs[(n, 1)].steady_rate
        print(f"scaling 1 -> 2 jobs: {scaling:.2f}x; target: ratio >= 0.3")

        print("\nmemory, --jobs 2 (peak RSS, MB)")
        print(f"{'N':>6}  {'per worker':>16}  {'main process':>12}  {'wall s':>7}  {'errors':>6}")
        for count in (small, large):
            run = runs[(count, 2)]
            workers = ", ".join(f"{p:.0f}" for p in run.worker_peaks_mb[:4])
            extra = f" (+{len(run.worker_peaks_mb) - 4})" if len(run.worker_peaks_mb) > 4 else ""
            print(f"{count:>6}  {workers + extra:>16}  {run.parent_peak_mb:>12.0f}  {run.wall:>7.1f}  {run.errors:>6}")
        growth = max(runs[(large, 2)].worker_peaks_mb) - max(runs[(small, 2)].worker_peaks_mb)
        print(f"largest worker peak, N = {small} -> {large}: {growth:+.0f} MB")
        print(f"load average at the end: {psutil.getloadavg()[0]:.2f}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

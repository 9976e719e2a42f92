"""Checking many saved articles into a JSONL file: parallel, resumable, lossless.

    claimcheck batch corpora/ 'archive/**/*.html' --out results.jsonl [--jobs N]
    find archive -name '*.txt' | claimcheck batch - --out results.jsonl
    claimcheck batch archive/ --out results.jsonl --executor dask [--scheduler tcp://host:8786]

The flow, one module each:

    inputs.discover    directories (recursive), globs, `-` (paths on stdin) -> files; other
                       types skipped and counted
    results.ResultsFile  the output: torn last line cut, (input, content_hash) pairs done
    executors          LocalExecutor (spawned worker processes) or DaskExecutor, both running
                       work.check_file per article and yielding results as they complete
    work.check_file    read, check with `check.check_input` (what `check` runs), -> one line
    summary            counts for the end-of-run summary; the progress bar (terminal only)
    runner.run_batch   the command: wires the above, handles Ctrl-C, picks the exit code

Each output line is `Report.to_dict()` with `input` (the path as found: `DIR/sub/a.txt`, the
glob match, or the stdin line) and `content_hash` (sha256 of the file's bytes). A re-run with
the same `--out` skips every file whose (input, content_hash) pair is already there, so an
unchanged article is never checked twice, and a changed one is checked again and gets a new
line (the last line for an input is the current one). Lines are in completion order, which
varies between runs with several workers and on Dask; the records themselves do not.
"""

from .runner import run_batch

__all__ = ["run_batch"]

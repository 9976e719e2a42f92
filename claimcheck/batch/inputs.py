"""Finding the articles of a batch: directories (recursive), globs, files, and `-` (paths on stdin).

    found = discover(["corpora/", "archive/**/*.html", "-"], stdin=sys.stdin)
    found.files        # [(path as found, real path)], sorted per input, each file once
    found.unsupported  # {".pdf": 3, ".json": 27}: files of other types, skipped and counted
    found.missing      # named inputs that matched nothing

The path "as found" is what the report's `input` holds: the directory as given joined with the
file's path inside it (`corpora/a.txt`), a glob's match, or the line read from stdin.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from ..ingest.files import HTML_SUFFIXES

# The suffixes a batch picks up. `ingest.files` also reads suffix-less files, but in a folder
# walk those are far more often READMEs, LICENSEs and lock files than articles.
BATCH_SUFFIXES = frozenset({".txt", ".md", ".markdown"} | HTML_SUFFIXES)

_GLOB_CHARS = frozenset("*?[")


@dataclass
class Discovery:
    files: list[tuple[str, str]] = field(default_factory=list)
    unsupported: Counter = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)

    @property
    def unsupported_total(self) -> int:
        return sum(self.unsupported.values())


def is_article_file(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in BATCH_SUFFIXES


def _walk(directory: str) -> Iterable[str]:
    """Every file under `directory`, in a stable (sorted) order."""
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            yield os.path.join(root, name)


def expand(arg: str) -> list[str] | None:
    """The paths one input names (directories not yet walked); None when it names nothing."""
    if os.path.exists(arg):
        return [arg]
    if _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        return matches or None
    return None


def stdin_inputs(stream: TextIO) -> list[str]:
    """One path per line; blank lines and surrounding whitespace ignored."""
    return [line.strip() for line in stream if line.strip()]


def discover(inputs: Iterable[str], stdin: TextIO | None = None) -> Discovery:
    found = Discovery()
    seen: set[str] = set()
    args: list[str] = []
    for arg in inputs:
        if arg == "-":
            args.extend(stdin_inputs(stdin) if stdin is not None else [])
        else:
            args.append(arg)
    for arg in args:
        paths = expand(arg)
        if paths is None:
            found.missing.append(arg)
            continue
        for path in paths:
            candidates = _walk(path) if os.path.isdir(path) else [path]
            for candidate in candidates:
                if not is_article_file(candidate):
                    found.unsupported[os.path.splitext(candidate)[1].lower() or "(none)"] += 1
                    continue
                real = os.path.realpath(candidate)
                if real in seen:
                    continue
                seen.add(real)
                found.files.append((os.path.normpath(candidate), real))
    return found

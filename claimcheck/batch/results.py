"""The batch's JSONL output: one report per line, appended, flushed, resumable.

    results = ResultsFile.open("results.jsonl")   # repairs a torn tail, reads what is done
    results.is_done("a.txt", "9f86d0...")         # same input, same content hash -> skip
    results.append(line)                          # one write + flush per line
    results.close()

Only the batch's main process writes, one whole line per `write` call, so after a crash only
the last line can be incomplete. `open` finds that torn tail (no final newline, or a last line
that is not JSON) and truncates the file back to the end of the last complete record, so the
article is redone and never appears twice. An invalid line in the middle (the file was edited)
is left alone, counted in `invalid_lines`, and its article redone.

An exclusive `flock` on the file stops two batches from appending to it at once.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import BinaryIO

try:  # POSIX; elsewhere two concurrent runs are the user's to avoid
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


class ResultsLocked(Exception):
    """Another batch is writing to the same output file."""


@dataclass
class ScanResult:
    done: set[tuple[str, str]] = field(default_factory=set)
    records: int = 0
    invalid_lines: int = 0
    valid_end: int = 0  # byte offset just after the last complete record
    torn_bytes: int = 0  # bytes after it, to cut off


def _record_key(line: bytes) -> tuple[str, str | None] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("input"), str):
        return None
    digest = record.get("content_hash")
    return record["input"], digest if isinstance(digest, str) else None


def scan(handle: BinaryIO) -> ScanResult:
    """Read every line: the (input, content_hash) pairs done, and where the valid part ends."""
    result = ScanResult()
    handle.seek(0)
    offset = 0
    pending_invalid = 0
    for line in handle:
        offset += len(line)
        key = _record_key(line) if line.endswith(b"\n") else None
        if key is None:
            if line.strip():
                pending_invalid += 1
            continue
        # an invalid line followed by a valid one is in the middle: keep it, redo its article
        result.invalid_lines += pending_invalid
        pending_invalid = 0
        result.records += 1
        result.valid_end = offset
        if key[1] is not None:
            result.done.add(key)  # type: ignore[arg-type]
    result.torn_bytes = offset - result.valid_end
    return result


class ResultsFile:
    def __init__(self, path: str, handle: BinaryIO, scanned: ScanResult) -> None:
        self.path = path
        self._handle = handle
        self.scanned = scanned
        self.written = 0

    @classmethod
    def open(cls, path: str) -> ResultsFile:
        """Open (creating) `path` for appending: lock it, scan it, cut a torn tail."""
        handle = open(path, "a+b")  # noqa: SIM115 - kept open for the whole batch, closed by close()
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise ResultsLocked(f"{path}: another batch is writing to this file") from None
            scanned = scan(handle)
            if scanned.torn_bytes:
                handle.truncate(scanned.valid_end)
                handle.flush()
                os.fsync(handle.fileno())
            handle.seek(0, os.SEEK_END)
        except BaseException:
            handle.close()
            raise
        return cls(path, handle, scanned)

    @property
    def done(self) -> set[tuple[str, str]]:
        return self.scanned.done

    def is_done(self, input: str, digest: str | None) -> bool:
        return digest is not None and (input, digest) in self.scanned.done

    def append(self, line: str) -> None:
        """Append one record (a JSON string without newline) and flush it to the OS."""
        self._handle.write(line.encode("utf-8") + b"\n")
        self._handle.flush()
        self.written += 1

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()

    def __enter__(self) -> ResultsFile:  # noqa: PYI034
        return self

    def __exit__(self, *exc) -> None:
        self.close()

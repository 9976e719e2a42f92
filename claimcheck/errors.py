"""Errors a user can act on. Each carries the input it is about and a one-line reason.

    ClaimcheckError
    ├── InputError        a file that is missing, empty, binary, undecodable, of an unknown type
    ├── FetchError        a URL that could not be fetched (HTTP status, DNS, timeout, size, type)
    ├── ExtractionError   a page with no article text in it
    ├── OfflineError      a URL asked for while offline
    └── SourceError       a bibliographic API failure (kept inside the report as `unresolved`)
"""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class: `str(err)` is the one line shown to the user."""

    def __init__(self, input: str, reason: str) -> None:
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason


class InputError(ClaimcheckError):
    pass


class FetchError(ClaimcheckError):
    pass


class ExtractionError(ClaimcheckError):
    pass


class OfflineError(ClaimcheckError):
    pass


class SourceError(ClaimcheckError):
    pass

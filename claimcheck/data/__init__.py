"""Word lists and rules shipped as data, and the one loader that validates them.

Every data file is a JSON object with a fixed set of keys: `load_data` rejects unknown or
missing keys and checks that the named keys hold lists of non-empty strings, so a bad file
fails when the component or check is built, not in the middle of a batch.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Iterable


def load_json(name: str) -> Any:
    """The parsed content of `claimcheck/data/<name>`."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))


def load_data(name: str, keys: Iterable[str], string_lists: Iterable[str] = ()) -> dict[str, Any]:
    """`data/<name>` as a dict with exactly `keys`; each key of `string_lists` a list of strings."""
    raw = load_json(name)
    expected = set(keys)
    if not isinstance(raw, dict) or set(raw) != expected:
        got = set(raw) if isinstance(raw, dict) else set()
        raise ValueError(f"{name}: expected keys {sorted(expected)}, unexpected/missing {sorted(got ^ expected)}")
    for key in string_lists:
        words = raw[key]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f"{name}: {key!r} must be a list of non-empty strings")
    return raw


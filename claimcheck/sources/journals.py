"""The journal list (package data `data/journals.json`): canonical names, aliases, DOI prefixes.

    canonical_journal("NEJM")            -> "The New England Journal of Medicine"
    normalise_journal("the Lancet")      -> "The Lancet"   (unknown names: a tidied lowercase key)
    journal_for_doi("10.1038/s41598-…")  -> "Scientific Reports"
    journal_for_url("https://jamanetwork.com/journals/jamapediatrics/…") -> "JAMA Pediatrics"

The list is validated when first loaded: unknown keys, duplicate names and an alias claimed
by two journals are errors, so a bad edit fails at once and not mid-run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_ENTRY_KEYS = {"name", "aliases", "kind", "needs_context", "doi_prefixes", "urls"}
_KINDS = {"journal", "preprint"}


@dataclass(frozen=True)
class Journal:
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "journal"
    needs_context: bool = False
    doi_prefixes: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way the journal is written: the name, the name without "The", the aliases."""
        forms = [self.name, *self.aliases]
        forms += [f[4:] for f in forms if f.startswith("The ")]
        return tuple(dict.fromkeys(forms))


_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the ")


def _key(name: str) -> str:
    """Case, punctuation, "&"/"and", a leading "the" and spacing do not tell journals apart."""
    text = name.casefold().replace("’", "'").replace("&", " and ")
    text = _PUNCTUATION.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def parse_journals(raw: dict) -> tuple[Journal, ...]:
    """Validate the JSON document of the journal list and build the entries."""
    if set(raw) - {"about", "journals", "not_journals"} or not isinstance(raw.get("journals"), list):
        raise ValueError("journals.json: expected {'about', 'journals': [...], 'not_journals': [...]}")
    journals = []
    owner: dict[str, str] = {}
    for entry in raw["journals"]:
        unknown = set(entry) - _ENTRY_KEYS
        if unknown or "name" not in entry:
            raise ValueError(f"journals.json: bad entry {entry.get('name')!r} (unknown keys {sorted(unknown)})")
        journal = Journal(
            name=entry["name"],
            aliases=tuple(entry.get("aliases", ())),
            kind=entry.get("kind", "journal"),
            needs_context=bool(entry.get("needs_context", False)),
            doi_prefixes=tuple(p.lower() for p in entry.get("doi_prefixes", ())),
            urls=tuple(u.lower() for u in entry.get("urls", ())),
        )
        if journal.kind not in _KINDS:
            raise ValueError(f"journals.json: {journal.name}: kind must be one of {sorted(_KINDS)}")
        for spelling in journal.spellings:
            key = _key(spelling)
            if owner.get(key, journal.name) != journal.name:
                raise ValueError(f"journals.json: {spelling!r} names both {owner[key]!r} and {journal.name!r}")
            owner[key] = journal.name
        journals.append(journal)
    return tuple(journals)


@lru_cache(maxsize=1)
def _raw() -> dict:
    return json.loads(resources.files("claimcheck.data").joinpath("journals.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def journals() -> tuple[Journal, ...]:
    """The shipped journal list, loaded and validated once."""
    return parse_journals(_raw())


@lru_cache(maxsize=1)
def not_journals() -> frozenset[str]:
    """Newspapers and magazines with journal-like names (casefolded): "wall street journal"."""
    names = _raw().get("not_journals", [])
    if not all(isinstance(n, str) for n in names):
        raise ValueError("journals.json: not_journals must be a list of names")
    return frozenset(n.casefold() for n in names)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Journal]:
    return {_key(s): j for j in journals() for s in j.spellings}


def journal_named(name: str | None) -> Journal | None:
    """The listed journal `name` stands for, in any of its spellings."""
    return _by_key().get(_key(name)) if name else None


def canonical_journal(name: str | None) -> str | None:
    """The canonical name of a listed journal, or None for a name not on the list."""
    journal = journal_named(name)
    return journal.name if journal else None


def normalise_journal(name: str | None) -> str:
    """A journal name to compare by: the canonical name if listed, else a tidied lowercase key.

    `normalise_journal("NEJM") == normalise_journal("The New England Journal of Medicine")`.
    """
    return canonical_journal(name) or _key(name or "")


def journal_for_doi(doi: str | None) -> str | None:
    """The journal a DOI prefix identifies (`10.1038/s41598-…` is Scientific Reports)."""
    if not doi:
        return None
    doi = doi.lower()
    best: tuple[int, str] | None = None
    for journal in journals():
        for prefix in journal.doi_prefixes:
            if doi.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), journal.name)
    return best[1] if best else None


def journal_for_url(url: str | None) -> str | None:
    """The journal a publisher URL points into (`jamanetwork.com/journals/jamapediatrics/…`)."""
    if not url:
        return None
    url = re.sub(r"^[a-z]+://(www\.)?", "", url.lower())
    best: tuple[int, str] | None = None
    for journal in journals():
        for fragment in journal.urls:
            if fragment in url and (best is None or len(fragment) > best[0]):
                best = (len(fragment), journal.name)
    return best[1] if best else None

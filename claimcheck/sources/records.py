"""The one protocol every bibliographic API adapter follows, and the one record type they return.

    api.search(Query(journal="Scientific Reports", year=2021, authors=["Wollmer"],
                     topic=["botox", "botulinum toxin"], terms=["anxiety", ...]))
        -> list[Record]          (search hits: a Record, as complete as the API's search answer)
    api.get("10.1038/s41598-021-03713-x" | "PMID:34934096" | "PMC1234567") -> Record

Adapters raise `SourceError` (errors.py) with a one-line reason for every failure; the
resolver turns it into `resolved = {"status": "unresolved", "reason": ...}`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Protocol


@dataclass
class Record:
    """A study as any API describes it, normalised. Authors are "Surname Initials" strings."""

    api: str
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    title: str = ""
    journal: str | None = None
    year: int | None = None
    authors: list[str] = field(default_factory=list)
    abstract: str = ""
    is_open_access: bool = False

    @property
    def key(self) -> str:
        """What `get` takes to fetch this record again: the DOI, else PMID:…, else the PMCID."""
        if self.doi:
            return self.doi
        if self.pmid:
            return f"PMID:{self.pmid}"
        return self.pmcid or self.title

    @property
    def surnames(self) -> list[str]:
        return [surname_of(a) for a in self.authors if a]

    def citation(self) -> str:
        """ "Kruger et al., Scientific Reports 2022" """
        names = self.surnames
        who = names[0] + (" et al." if len(names) > 1 else "") if names else "the study"
        where = ", ".join(str(x) for x in (self.journal, self.year) if x)
        return f"{who} ({where})" if where else who

    def to_dict(self) -> dict:
        return asdict(self)


# A search hit is a Record too (possibly without an abstract: Crossref and PubMed summaries).
Candidate = Record


@dataclass
class Query:
    """What we know about a cited study, for an API to turn into its own query syntax."""

    journal: str | None = None
    year: int | None = None
    authors: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # topic words, any of them (OR)
    topic: list[str] = field(default_factory=list)  # the study's main subject, one of these required

    def without_authors(self) -> "Query":
        return Query(self.journal, self.year, [], list(self.terms), list(self.topic))

    def without_topic(self) -> "Query":
        return Query(self.journal, self.year, list(self.authors), list(self.terms), [])

    def relaxations(self) -> list["Query"]:
        """This query, then looser ones to try when it finds nothing: without names, without the topic."""
        out = [self]
        if self.authors:
            out.append(self.without_authors())
        if self.topic:
            out.append(self.without_authors().without_topic())
        return out

    def describe(self) -> str:
        parts = [f"journal={self.journal}" if self.journal else "", f"year={self.year}" if self.year else "",
                 f"authors={','.join(self.authors)}" if self.authors else "",
                 f"topic={'|'.join(self.topic)}" if self.topic else "",
                 f"terms={' '.join(self.terms)}" if self.terms else ""]
        return "; ".join(p for p in parts if p)


def any_of(words: list[str]) -> str:
    """ "(a OR "b c")": one of the words or phrases, for Europe PMC and PubMed queries."""
    return "(" + " OR ".join(f'"{w}"' if " " in w else w for w in words) + ")"


class BibliographicAPI(Protocol):
    """Europe PMC, Crossref, NCBI: one small adapter module each."""

    name: str

    def search(self, query: Query) -> list[Candidate]: ...

    def get(self, id: str) -> Record: ...


def fold(text: str) -> str:
    """Lowercase without accents: Krüger and Kruger compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def surname_of(author: str) -> str:
    """ "Kruger THC" -> "Kruger"; "van Dyke J" -> "van Dyke"; "Jane Doe" -> "Doe"."""
    parts = author.replace(",", " ").split()
    if len(parts) > 1 and re.fullmatch(r"[A-Z]{1,4}", parts[-1]):
        return " ".join(parts[:-1])
    return parts[-1] if parts else author


def author_name(family: str | None, given: str | None = None, initials: str | None = None) -> str:
    """ "Surname Initials" from a family name and given names or initials."""
    if not family:
        return (given or "").strip()
    if not initials and given:
        initials = "".join(p[0] for p in re.split(r"[\s.\-]+", given) if p and p[0].isalpha()).upper()
    return f"{family.strip()} {initials}".strip()


def strip_markup(text: str | None) -> str:
    """Plain text of an abstract given in JATS/HTML (`<jats:p>…</jats:p>`)."""
    if not text:
        return ""
    text = re.sub(r"<jats:title>[^<]*</jats:title>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"')
    return re.sub(r"\s+", " ", text).strip()

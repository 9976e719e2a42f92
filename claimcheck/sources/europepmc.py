"""Europe PMC REST API adapter: the main resolver (abstracts, PMIDs, DOIs, open-access full text).

    GET {base}/search?query=...&format=json&resultType=core&pageSize=25
        -> {"hitCount": n, "resultList": {"result": [{"pmid", "pmcid", "doi", "title",
            "authorString", "authorList": {"author": [{"lastName", "initials"}]},
            "journalInfo": {"journal": {"title"}}, "journalTitle", "pubYear", "abstractText",
            "isOpenAccess": "Y"|"N"}, ...]}}
    GET {base}/{PMCID}/fullTextXML -> JATS XML (open-access articles only)

Query syntax: fielded terms `JOURNAL:"Scientific Reports"`, `PUB_YEAR:2021`, `AUTH:"Wollmer"`,
`DOI:"10.…"`, `EXT_ID:123 AND SRC:MED`, `PMCID:PMC123`, combined with AND; topic words OR-ed.
Preprints have no journal: `SRC:PPR AND PUBLISHER:"medRxiv"` (the server is `bookOrReportDetails.publisher`).
Europe PMC asks for no more than ~10 requests per second.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..errors import SourceError
from .journals import journal_named
from .records import Candidate, Query, Record, any_of, author_name, strip_markup
from .session import ApiSession

RATE = 10.0
PAGE_SIZE = 25


def _quote(text: str) -> str:
    return '"' + text.replace('"', " ") + '"'


def build_query(query: Query) -> str:
    parts = []
    journal = journal_named(query.journal)
    if journal is not None and journal.kind == "preprint":
        parts.append(f"SRC:PPR AND PUBLISHER:{_quote(journal.name)}")  # preprints have no journal
    elif query.journal:
        parts.append(f"JOURNAL:{_quote(query.journal)}")
    if query.year:
        parts.append(f"PUB_YEAR:{query.year}")
    for author in query.authors:
        parts.append(f"AUTH:{_quote(author)}")
    if query.topic:
        parts.append(any_of(query.topic))
    if query.terms:
        parts.append(any_of(query.terms))
    return " AND ".join(parts)


def record_from_result(item: dict[str, Any]) -> Record:
    journal = (((item.get("journalInfo") or {}).get("journal") or {}).get("title") or item.get("journalTitle")
               or (item.get("bookOrReportDetails") or {}).get("publisher"))
    authors = [
        author_name(a.get("lastName"), a.get("firstName"), a.get("initials")) if a.get("lastName") else a.get("fullName", "")
        for a in (item.get("authorList") or {}).get("author", []) or []
    ]
    if not authors and item.get("authorString"):
        authors = [a.strip().rstrip(".") for a in item["authorString"].split(",") if a.strip()]
    year = item.get("pubYear") or (item.get("journalInfo") or {}).get("yearOfPublication")
    return Record(
        api="europepmc",
        doi=item.get("doi") or None,
        pmid=str(item["pmid"]) if item.get("pmid") else None,
        pmcid=item.get("pmcid") or None,
        title=strip_markup(item.get("title")).rstrip("."),
        journal=journal,
        year=int(year) if str(year or "").isdigit() else None,
        authors=[a for a in authors if a],
        abstract=strip_markup(item.get("abstractText")),
        is_open_access=item.get("isOpenAccess") == "Y",
    )


def _results(data: Any, url: str) -> list[dict[str, Any]]:
    try:
        results = data["resultList"]["result"]
    except (KeyError, TypeError):
        raise SourceError(url, "unexpected answer from Europe PMC (no resultList)") from None
    if not isinstance(results, list):
        raise SourceError(url, "unexpected answer from Europe PMC (resultList is not a list)")
    return [r for r in results if isinstance(r, dict)]


class EuropePMC:
    """search/get over Europe PMC's REST search (resultType=core carries the abstract)."""

    name = "europepmc"

    def __init__(self, session: ApiSession, base_url: str):
        self.session = session
        self.base = base_url.rstrip("/")

    def _search(self, expression: str) -> list[Record]:
        url = f"{self.base}/search"
        data = self.session.get_json(
            url, {"query": expression, "format": "json", "resultType": "core", "pageSize": PAGE_SIZE}, rate=RATE
        )
        return [record_from_result(item) for item in _results(data, url)]

    def search(self, query: Query) -> list[Candidate]:
        expression = build_query(query)
        return self._search(expression) if expression else []

    def get(self, id: str) -> Record:
        id = id.strip()
        if re.fullmatch(r"(?i)PMC\d+", id):
            expression = f"PMCID:{id.upper()}"
        elif re.fullmatch(r"(?i)(?:PMID:)?\d{1,9}", id):
            expression = f"EXT_ID:{id.split(':')[-1]} AND SRC:MED"
        else:
            expression = f"DOI:{_quote(id)}"
        records = self._search(expression)
        if not records:
            raise SourceError(id, "not found in Europe PMC")
        return records[0]

    def full_text(self, pmcid: str) -> str:
        """The body text of an open-access article (JATS `<body>` paragraphs), "" when unreadable."""
        xml = self.session.get_text(f"{self.base}/{pmcid}/fullTextXML", rate=RATE)
        try:
            root = ET.fromstring(xml)
        except ET.ParseError:
            return ""
        body = root.find(".//body")
        paragraphs = body.iter("p") if body is not None else root.iter("p")
        return "\n".join(" ".join("".join(p.itertext()).split()) for p in paragraphs)

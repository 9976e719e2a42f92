"""Crossref REST API adapter: DOIs and bibliographic search for what Europe PMC does not index.

    GET {base}/works?query.bibliographic=...&query.container-title=...&query.author=...
        &filter=from-pub-date:2021-01-01,until-pub-date:2021-12-31&rows=10&mailto=...
        -> {"status": "ok", "message-type": "work-list",
            "message": {"items": [{"DOI", "title": [...], "container-title": [...],
            "issued": {"date-parts": [[2021, 12, 22]]}, "author": [{"given", "family"}],
            "abstract": "<jats:p>…</jats:p>"}, ...]}}
    GET {base}/works/{doi}?mailto=... -> {"status": "ok", "message-type": "work", "message": {...}}

`mailto` puts us in Crossref's polite pool, which asks for no more than ~3 list requests a second.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ..errors import SourceError
from .journals import journal_named
from .records import Candidate, Query, Record, author_name, strip_markup
from .session import ApiSession

RATE = 3.0
ROWS = 10


def _year(item: dict[str, Any]) -> int | None:
    for key in ("issued", "published", "published-print", "published-online", "created"):
        parts = (item.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and isinstance(parts[0][0], int):
            return parts[0][0]
    return None


def _first(values: Any) -> str | None:
    if isinstance(values, list) and values:
        return str(values[0])
    return str(values) if isinstance(values, str) else None


def record_from_item(item: dict[str, Any]) -> Record:
    return Record(
        api="crossref",
        doi=item.get("DOI") or None,
        title=strip_markup(_first(item.get("title")) or ""),
        journal=_first(item.get("container-title")),
        year=_year(item),
        authors=[author_name(a.get("family"), a.get("given")) or a.get("name", "")
                 for a in item.get("author", []) or [] if isinstance(a, dict)],
        abstract=strip_markup(item.get("abstract")),
    )


class Crossref:
    name = "crossref"

    def __init__(self, session: ApiSession, base_url: str, mailto: str):
        self.session = session
        self.base = base_url.rstrip("/")
        self.mailto = mailto

    def search(self, query: Query) -> list[Candidate]:
        words = query.topic + query.terms
        if not (words or query.authors):
            return []
        params: dict[str, Any] = {"rows": ROWS, "mailto": self.mailto}
        if words:
            params["query.bibliographic"] = " ".join(words)
        if query.authors:
            params["query.author"] = " ".join(query.authors)
        filters = []
        journal = journal_named(query.journal)
        if journal is not None and journal.kind == "preprint":
            filters.append("type:posted-content")  # preprints are posted content, not in a container
        elif query.journal:
            params["query.container-title"] = query.journal
        if query.year:
            filters.append(f"from-pub-date:{query.year}-01-01,until-pub-date:{query.year}-12-31")
        if filters:
            params["filter"] = ",".join(filters)
        url = f"{self.base}/works"
        data = self.session.get_json(url, params, rate=RATE)
        try:
            items = data["message"]["items"]
        except (KeyError, TypeError):
            raise SourceError(url, "unexpected answer from Crossref (no message.items)") from None
        return [record_from_item(i) for i in items if isinstance(i, dict)]

    def get(self, id: str) -> Record:
        doi = id.strip()
        if not doi.startswith("10."):
            raise SourceError(id, "Crossref looks up DOIs only")
        url = f"{self.base}/works/{quote(doi, safe='/()')}"
        data = self.session.get_json(url, {"mailto": self.mailto}, rate=RATE)
        try:
            return record_from_item(data["message"])
        except (KeyError, TypeError, AttributeError):
            raise SourceError(url, "unexpected answer from Crossref (no message)") from None

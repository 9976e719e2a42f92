"""NCBI E-utilities adapter (PubMed): search by fields, fetch the abstract by PMID.

    GET {base}/esearch.fcgi?db=pubmed&term=...&retmode=json&retmax=10
        -> {"esearchresult": {"count": "1", "idlist": ["34934096"], ...}}
    GET {base}/esummary.fcgi?db=pubmed&id=1,2&retmode=json
        -> {"result": {"uids": ["34934096"], "34934096": {"title", "fulljournalname",
            "source", "pubdate": "2021 Dec 21", "authors": [{"name": "Wollmer MA"}],
            "articleids": [{"idtype": "doi", "value": "10.…"}, {"idtype": "pmc", ...}]}}}
    GET {base}/efetch.fcgi?db=pubmed&id=34934096&retmode=xml -> PubmedArticleSet XML

Term syntax: `"Scientific reports"[Journal] AND 2021[dp] AND Wollmer[Author] AND (a OR b)`.
Every call carries `tool` and `email`, and `api_key` when NCBI_API_KEY is set: 3 requests a
second without a key, 10 with one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..errors import SourceError
from .records import Candidate, Query, Record, any_of, author_name
from .session import ApiSession

RETMAX = 10


def build_term(query: Query) -> str:
    parts = []
    if query.journal:
        parts.append(f'"{query.journal}"[Journal]')
    if query.year:
        parts.append(f"{query.year}[dp]")
    parts += [f"{a}[Author]" for a in query.authors]
    if query.topic:
        parts.append(any_of(query.topic))
    if query.terms:
        parts.append(any_of(query.terms))
    return " AND ".join(parts)


def _year(text: str | None) -> int | None:
    m = re.search(r"\b(19|20)\d\d\b", text or "")
    return int(m.group(0)) if m else None


def record_from_summary(uid: str, item: dict[str, Any]) -> Record:
    ids = {a.get("idtype"): a.get("value") for a in item.get("articleids", []) or [] if isinstance(a, dict)}
    pmcid = ids.get("pmc") or None
    if pmcid and not pmcid.upper().startswith("PMC"):
        pmcid = "PMC" + pmcid
    return Record(
        api="ncbi",
        doi=ids.get("doi") or None,
        pmid=str(uid),
        pmcid=pmcid,
        title=(item.get("title") or "").rstrip("."),
        journal=item.get("fulljournalname") or item.get("source"),
        year=_year(item.get("pubdate") or item.get("epubdate")),
        authors=[a.get("name", "") for a in item.get("authors", []) or [] if isinstance(a, dict) and a.get("name")],
    )


def record_from_pubmed_xml(xml: str, pmid: str) -> Record:
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        raise SourceError(pmid, "malformed XML from NCBI efetch") from None
    article = root.find(".//PubmedArticle")
    if article is None:
        raise SourceError(pmid, "not found in PubMed")

    def text(path: str) -> str:
        node = article.find(path)
        return " ".join("".join(node.itertext()).split()) if node is not None else ""

    abstract = " ".join(
        ((node.get("Label") + ": ") if node.get("Label") else "") + " ".join("".join(node.itertext()).split())
        for node in article.findall(".//Abstract/AbstractText")
    )
    ids = {node.get("IdType"): (node.text or "").strip() for node in article.findall(".//ArticleIdList/ArticleId")}
    authors = [
        author_name(a.findtext("LastName"), a.findtext("ForeName"), a.findtext("Initials")) or a.findtext("CollectiveName") or ""
        for a in article.findall(".//AuthorList/Author")
    ]
    year = text(".//Journal/JournalIssue/PubDate/Year") or text(".//Journal/JournalIssue/PubDate/MedlineDate")
    return Record(
        api="ncbi",
        doi=ids.get("doi") or None,
        pmid=text(".//MedlineCitation/PMID") or pmid,
        pmcid=ids.get("pmc") or None,
        title=text(".//ArticleTitle").rstrip("."),
        journal=text(".//Journal/Title") or None,
        year=_year(year),
        authors=[a for a in authors if a],
        abstract=abstract,
    )


class NCBI:
    name = "ncbi"

    def __init__(self, session: ApiSession, base_url: str, email: str, api_key: str | None = None):
        self.session = session
        self.base = base_url.rstrip("/")
        self.common = {"tool": "claimcheck", "email": email, "api_key": api_key}
        self.rate = 10.0 if api_key else 3.0

    def _get(self, endpoint: str, params: dict[str, Any]) -> Any:
        return self.session.get_json(f"{self.base}/{endpoint}", {**params, **self.common}, rate=self.rate)

    def search(self, query: Query) -> list[Candidate]:
        term = build_term(query)
        if not term:
            return []
        data = self._get("esearch.fcgi", {"db": "pubmed", "term": term, "retmode": "json", "retmax": RETMAX})
        try:
            ids = [str(i) for i in data["esearchresult"]["idlist"]]
        except (KeyError, TypeError):
            raise SourceError(self.base, "unexpected answer from NCBI esearch (no esearchresult.idlist)") from None
        if not ids:
            return []
        summary = self._get("esummary.fcgi", {"db": "pubmed", "id": ",".join(ids), "retmode": "json"})
        try:
            result = summary["result"]
            uids = [str(u) for u in result.get("uids", ids)]
        except (KeyError, TypeError, AttributeError):
            raise SourceError(self.base, "unexpected answer from NCBI esummary (no result)") from None
        return [record_from_summary(uid, result[uid]) for uid in uids if isinstance(result.get(uid), dict)]

    def get(self, id: str) -> Record:
        pmid = id.split(":")[-1].strip()
        if not pmid.isdigit():
            term = f"{id}[doi]" if id.startswith("10.") else f"{id}[pmc]"
            data = self._get("esearch.fcgi", {"db": "pubmed", "term": term, "retmode": "json", "retmax": 1})
            try:
                found = data["esearchresult"]["idlist"]
            except (KeyError, TypeError):
                raise SourceError(self.base, "unexpected answer from NCBI esearch") from None
            if not found:
                raise SourceError(id, "not found in PubMed")
            pmid = str(found[0])
        xml = self.session.get_text(f"{self.base}/efetch.fcgi",
                                    {"db": "pubmed", "id": pmid, "retmode": "xml", **self.common}, rate=self.rate)
        return record_from_pubmed_xml(xml, pmid)

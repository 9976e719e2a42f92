"""Resolving a report's sources to the studies themselves, online, then cross-checking numbers.

    resolve_report(report, settings, client=None)   # fills source.resolved, claim.check, flags

For each source:

1. An identifier the article gives (a DOI, a PubMed/PMC/Europe PMC link) is looked up
   directly: Europe PMC, then Crossref (DOIs), then NCBI.
2. Otherwise a query is built from what the article says: the journal, the year, the surnames
   of researchers named near the mention, and topic words from the mention's sentence and the
   paragraphs about the study; the word the article repeats most (with its brand/generic
   names: Botox, botulinum toxin) is required. Europe PMC is asked first, Crossref and NCBI
   when it fails or finds nothing; without a hit, the query is retried without the author
   names, then without the required topic. Candidates
   are ranked (rank.py) and the best is accepted at `rank.ACCEPT` or more; its score and the
   runner-up are kept.
3. A hit without an abstract (Crossref, PubMed summaries) is completed by a direct lookup.

Every failure leaves `resolved = {"status": "unresolved", "reason": "..."}`: rate limits,
HTTP errors, timeouts, malformed answers, no confident match. Nothing here runs offline.
"""

from __future__ import annotations

import time
from typing import Callable

import httpx

from ..errors import SourceError
from ..ingest.html import identifiers_in_url
from ..models import Report, Source
from ..settings import Settings
from .crosscheck import crosscheck_report
from .crossref import Crossref
from .europepmc import EuropePMC
from .mentions import (
    SourceContext,
    find_researchers,
    sentence_spans,
    source_contexts,
    span_index,
)
from .ncbi import NCBI
from .rank import ACCEPT, Ranked, main_topic, rank_candidates, topic_terms
from .records import BibliographicAPI, Query, Record, fold
from .session import ApiSession, Etiquette, ResponseCache, make_api_client


class Resolver:
    """Looks sources up in the APIs, in order (Europe PMC first)."""

    def __init__(self, apis: list[BibliographicAPI], europepmc: EuropePMC | None = None):
        self.apis = apis
        self.europepmc = europepmc

    @classmethod
    def from_settings(cls, session: ApiSession, settings: Settings) -> "Resolver":
        epmc = EuropePMC(session, settings.europepmc_url)
        apis: list[BibliographicAPI] = [
            epmc,
            Crossref(session, settings.crossref_url, settings.contact_email),
            NCBI(session, settings.ncbi_url, settings.contact_email, settings.ncbi_api_key),
        ]
        return cls(apis, epmc)

    # --- one source ------------------------------------------------------------------------

    def resolve(self, source: Source, query: Query, context: str) -> dict:
        ids = identifiers_in_url(source.url) if source.url else {}
        identifier = source.doi or ids.get("doi") or (f"PMID:{ids['pmid']}" if ids.get("pmid") else None) or ids.get("pmcid")
        if identifier:
            return self.by_identifier(identifier)
        return self.by_search(query, context)

    def by_identifier(self, identifier: str) -> dict:
        reasons = []
        for api in self.apis:
            if api.name == "crossref" and not identifier.startswith("10."):
                continue
            try:
                record = api.get(identifier)
            except SourceError as err:
                reasons.append(f"{api.name}: {err.reason}")
                continue
            record = self.complete(record)
            return resolved_dict(record, api.name, "identifier", score=1.0, parts=None, runner_up=None,
                                 query=identifier)
        return unresolved(f"{identifier}: " + "; ".join(reasons))

    def by_search(self, query: Query, context: str) -> dict:
        if not (query.terms or query.topic or query.authors):
            return unresolved("nothing to search with (no journal, year, names or topic words)")
        reasons = []
        best_miss: Ranked | None = None
        for api in self.apis:
            try:
                hits = []
                for attempt in query.relaxations():
                    hits = api.search(attempt)
                    if hits:
                        break
            except SourceError as err:
                reasons.append(f"{api.name}: {err.reason}")
                continue
            if not hits:
                reasons.append(f"{api.name}: no results")
                continue
            ranked = rank_candidates(context, query, hits)
            best = ranked[0]
            if best.score < ACCEPT:
                reasons.append(f"{api.name}: no confident match (best {best.score:.2f}: {best.candidate.title[:80]})")
                best_miss = best if best_miss is None or best.score > best_miss.score else best_miss
                continue
            runner = ranked[1] if len(ranked) > 1 else None
            record = self.complete(best.candidate)
            return resolved_dict(record, api.name, "search", best.score, best.parts, runner, query.describe())
        out = unresolved("; ".join(reasons) or "no results", query.describe())
        if best_miss is not None:
            out["best"] = {"title": best_miss.candidate.title, "doi": best_miss.candidate.doi, "score": best_miss.score}
        return out

    def complete(self, record: Record) -> Record:
        """Fill in the abstract (and ids) of a hit that came without one."""
        if record.abstract:
            return record
        for api in self.apis:
            if api.name == record.api and api.name != "ncbi":
                continue  # the same API would give the same record (PubMed: efetch has the abstract)
            if api.name == "crossref":
                identifier = record.doi
            elif api.name == "ncbi":
                identifier = f"PMID:{record.pmid}" if record.pmid else record.doi
            else:
                identifier = record.doi or (f"PMID:{record.pmid}" if record.pmid else None)
            if not identifier:
                continue
            try:
                other = api.get(identifier)
            except SourceError:
                continue
            if other.abstract:
                record.abstract = other.abstract
                record.pmid = record.pmid or other.pmid
                record.pmcid = record.pmcid or other.pmcid
                record.doi = record.doi or other.doi
                record.is_open_access = record.is_open_access or other.is_open_access
                break
        return record

    def full_text(self, resolved: dict) -> str:
        """Open-access full text from Europe PMC ("" when not open access or unavailable)."""
        if self.europepmc is None or not resolved.get("is_open_access") or not resolved.get("pmcid"):
            return ""
        try:
            return self.europepmc.full_text(resolved["pmcid"])
        except SourceError:
            return ""


def resolved_dict(record: Record, via: str, method: str, score: float, parts: dict | None,
                  runner_up: Ranked | None, query: str) -> dict:
    return {
        "status": "resolved",
        "via": via,
        "method": method,
        "doi": record.doi,
        "pmid": record.pmid,
        "pmcid": record.pmcid,
        "title": record.title,
        "journal": record.journal,
        "year": record.year,
        "authors": record.authors[:10],
        "citation": record.citation(),
        "is_open_access": record.is_open_access,
        "abstract": record.abstract or None,
        "score": round(score, 3),
        "score_parts": parts,
        "runner_up": None if runner_up is None else {
            "title": runner_up.candidate.title, "doi": runner_up.candidate.doi, "score": round(runner_up.score, 3),
        },
        "query": query,
    }


def unresolved(reason: str, query: str | None = None) -> dict:
    out = {"status": "unresolved", "reason": reason}
    if query:
        out["query"] = query
    return out


def query_for(source: Source, text: str, context: SourceContext, known_researchers: list[str]) -> tuple[Query, str]:
    """The search query for a source and the text to rank candidates against."""
    spans = sentence_spans(text)
    s, e = spans[span_index(spans, source.start)] if spans else (0, len(text))
    sentence = text[s:e]
    names = list(context.researchers)
    folded_context = fold(context.text + " " + sentence)
    for name in known_researchers:  # "Wollmer said ..." after "Dr. Axel Wollmer" elsewhere
        if name not in names and fold(name) in folded_context:
            names.append(name)
    topic = main_topic(sentence, context.text)
    skip = {fold(n) for n in names} | {w for t in topic for w in t.split()}
    terms = [t for t in topic_terms(sentence, context.text, limit=10) if t not in skip][:8]
    query = Query(journal=source.journal, year=source.year, authors=names[:2], terms=terms, topic=topic)
    return query, sentence + "\n" + context.text


def resolve_report(
    report: Report,
    settings: Settings,
    client: httpx.Client | None = None,
    *,
    etiquette: Etiquette | None = None,
    sleep: Callable[[float], None] = time.sleep,
    full_text: bool = True,
) -> Report:
    """Resolve every source of `report` and cross-check its claims (in place; returns it).

    Offline (`settings.offline`) this does nothing and opens no socket.
    """
    if settings.offline or not report.sources:
        return report
    own_client = client is None
    client = client or make_api_client(settings)
    cache = ResponseCache.open(settings.cache_dir)
    try:
        session = ApiSession(client, settings, cache, etiquette, sleep)
        resolver = Resolver.from_settings(session, settings)
        contexts = source_contexts(report.text, report.sources, report.links)
        known = list(dict.fromkeys(name for name, _ in find_researchers(report.text)))
        for source in report.sources:
            query, context = query_for(source, report.text, contexts[source.id], known)
            source.resolved = resolver.resolve(source, query, context)
        crosscheck_report(report, resolver.full_text if full_text else None)
    finally:
        cache.close()
        if own_client:
            client.close()
    return report

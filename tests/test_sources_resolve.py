"""Resolving sources online against local stand-ins for Europe PMC, Crossref and NCBI.

No test touches the internet: the stand-ins answer from tests/fixtures/sources/ (each API's
own JSON/XML format), through `httpx.MockTransport` or a local pytest-httpserver pointed at
by the CLAIMCHECK_*_URL settings. Every test gets its own CLAIMCHECK_CACHE_DIR.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
import pytest
from werkzeug import Request as WRequest
from werkzeug import Response as WResponse

from claimcheck.check import check_article, check_input
from claimcheck.ingest import load_article
from claimcheck.models import Report, Source
from claimcheck.settings import get_settings
from claimcheck.sources.resolve import resolve_report
from claimcheck.sources.session import Etiquette, make_api_client

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
SEED = FIXTURES / "seed-article.txt"
DOIS = ["10.1038/s41598-022-17509-0", "10.1038/s41598-021-03713-x", "10.1038/s41598-020-69773-7"]


def load(name: str):
    return json.loads((FIXTURES / name).read_text("utf-8"))


# --- the stand-in APIs: a tiny search engine over the fixture records ---------------------------


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


class FakeAPIs:
    """Answers like the three APIs, from the fixtures. `answer(path, params)` -> (status, body, type)."""

    def __init__(self, epmc_overrides: dict[str, dict] | None = None):
        self.epmc = load("europepmc-search.json")
        for item in self.epmc["resultList"]["result"]:
            item.update((epmc_overrides or {}).get(item["doi"], {}))
        self.crossref = load("crossref-works.json")
        self.summary = load("ncbi-esummary.json")
        self.full_texts: dict[str, str] = {}
        self.seen: list[str] = []

    # Europe PMC: JOURNAL:"..." AND PUB_YEAR:2021 AND AUTH:"..." AND (a OR b), DOI:"...", EXT_ID:1 AND SRC:MED
    def europepmc(self, params: dict[str, str]) -> list[dict]:
        q = params["query"]
        hits = []
        for item in self.epmc["resultList"]["result"]:
            text = f"{item['title']} {item['abstractText']}"
            journal = item["journalInfo"]["journal"]["title"].lower()
            authors = [a["lastName"].lower() for a in item["authorList"]["author"]]
            ok = True
            for m in re.finditer(r'JOURNAL:"([^"]+)"', q):
                ok &= m.group(1).lower() == journal
            for m in re.finditer(r"PUB_YEAR:(\d{4})", q):
                ok &= m.group(1) == item["pubYear"]
            for m in re.finditer(r'AUTH:"([^"]+)"', q):
                ok &= m.group(1).lower() in authors
            for m in re.finditer(r'DOI:"([^"]+)"', q):
                ok &= m.group(1).lower() == item["doi"].lower()
            for m in re.finditer(r"EXT_ID:(\d+)", q):
                ok &= m.group(1) == item["pmid"]
            score = 0
            for group in re.findall(r"\(([^()]*)\)", q):  # each OR-group needs one word or phrase
                found = [t for t in (t.strip().strip('"').lower() for t in group.split(" OR ")) if t in text.lower()]
                score += len(found)
                ok &= bool(found)
            if ok:
                hits.append((score, item))
        hits.sort(key=lambda h: -h[0])
        return [item for _, item in hits]

    def crossref_search(self, params: dict[str, str]) -> list[dict]:
        hits = []
        year = re.search(r"from-pub-date:(\d{4})", params.get("filter", ""))
        for item in self.crossref["message"]["items"]:
            if year and str(item["issued"]["date-parts"][0][0]) != year.group(1):
                continue
            container = params.get("query.container-title")
            if container and container.lower() != item["container-title"][0].lower():
                continue
            words = _words(params.get("query.bibliographic", ""))
            if words and not words & _words(item["title"][0] + " " + item["abstract"]):
                continue
            hits.append(item)
        return hits

    def ncbi_search(self, term: str) -> list[str]:
        ids = []
        for uid in self.summary["result"]["uids"]:
            item = self.summary["result"][uid]
            efetch = (FIXTURES / f"ncbi-efetch-{uid}.xml").read_text("utf-8")
            ok = True
            for m in re.finditer(r"(\d{4})\[dp\]", term):
                ok &= m.group(1) in item["pubdate"]
            for m in re.finditer(r'"([^"]+)"\[Journal\]', term):
                ok &= m.group(1).lower() == item["fulljournalname"].lower()
            for m in re.finditer(r"(\S+)\[Author\]", term):
                ok &= any(a["name"].lower().startswith(m.group(1).lower()) for a in item["authors"])
            for m in re.finditer(r"(\S+)\[doi\]", term):
                ok &= m.group(1).lower() in efetch.lower()
            for group in re.findall(r"\(([^()]*)\)", term):
                ok &= any(t.strip().strip('"').lower() in efetch.lower() for t in group.split(" OR "))
            if ok:
                ids.append(uid)
        return ids

    def answer(self, path: str, params: dict[str, str]) -> tuple[int, str, str]:
        self.seen.append(path)
        if path.startswith("/europepmc/PMC") and path.endswith("/fullTextXML"):
            pmcid = path.split("/")[2]
            if pmcid not in self.full_texts:
                return 404, "not found", "text/plain"
            return 200, self.full_texts[pmcid], "application/xml"
        if path.startswith("/europepmc/search"):
            body = dict(self.epmc, resultList={"result": self.europepmc(params)})
            body["hitCount"] = len(body["resultList"]["result"])
            return 200, json.dumps(body), "application/json"
        if path.startswith("/crossref/works/"):
            doi = unquote(path[len("/crossref/works/"):]).lower()
            for item in self.crossref["message"]["items"]:
                if item["DOI"].lower() == doi:
                    return 200, json.dumps({"status": "ok", "message-type": "work", "message-version": "1.0.0",
                                            "message": item}), "application/json"
            return 404, "Resource not found.", "text/plain"
        if path.startswith("/crossref/works"):
            items = self.crossref_search(params)
            msg = dict(self.crossref["message"], items=items, **{"total-results": len(items)})
            return 200, json.dumps(dict(self.crossref, message=msg)), "application/json"
        if path.startswith("/ncbi/esearch.fcgi"):
            ids = self.ncbi_search(params["term"])
            return 200, json.dumps({"header": {"type": "esearch", "version": "0.3"}, "esearchresult": {
                "count": str(len(ids)), "retmax": str(len(ids)), "retstart": "0", "idlist": ids,
                "translationset": [], "querytranslation": params["term"]}}), "application/json"
        if path.startswith("/ncbi/esummary.fcgi"):
            ids = params["id"].split(",")
            result = {"uids": ids, **{i: self.summary["result"][i] for i in ids}}
            return 200, json.dumps({"header": self.summary["header"], "result": result}), "application/json"
        if path.startswith("/ncbi/efetch.fcgi"):
            return 200, (FIXTURES / f"ncbi-efetch-{params['id']}.xml").read_text("utf-8"), "text/xml"
        return 404, "not found", "text/plain"

    # as an httpx transport
    def transport(self) -> httpx.MockTransport:
        def handler(request: httpx.Request) -> httpx.Response:
            params = dict(request.url.params.multi_items())
            status, body, ctype = self.answer(request.url.path, params)
            return httpx.Response(status, text=body, headers={"content-type": ctype})

        return httpx.MockTransport(handler)

    # as a pytest-httpserver handler
    def werkzeug_handler(self, request: WRequest) -> WResponse:
        params = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}
        status, body, ctype = self.answer(request.path, params)
        return WResponse(body, status=status, content_type=ctype)


@pytest.fixture(autouse=True)
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMCHECK_OFFLINE", raising=False)
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    for name in ("EUROPEPMC", "CROSSREF", "NCBI"):
        monkeypatch.setenv(f"CLAIMCHECK_{name}_URL", f"http://{name.lower()}.test/{name.lower()}")
    return tmp_path / "cache"


FAST = Etiquette(max_retries=2, max_wait=5.0, backoff=0.01)


def seed_report() -> Report:
    return check_article(load_article(str(SEED)))


def resolve_with(transport: httpx.BaseTransport, report: Report | None = None, sleeps: list | None = None) -> Report:
    settings = get_settings()
    report = report or seed_report()
    with make_api_client(settings, transport) as client:
        resolve_report(report, settings, client, etiquette=FAST,
                       sleep=(sleeps.append if sleeps is not None else lambda s: None))
    return report


def claim(report: Report, text: str):
    return next(c for c in report.claims if text in c.text)


# --- the seed: three sources, three DOIs, the cross-checks ----------------------------------------


@pytest.fixture
def seed_resolved() -> tuple[Report, FakeAPIs]:
    fake = FakeAPIs()
    return resolve_with(fake.transport()), fake


def test_seed_sources_resolve_to_the_three_dois(seed_resolved):
    report, _ = seed_resolved
    assert [s.resolved["status"] for s in report.sources] == ["resolved"] * 3
    assert [s.resolved["doi"] for s in report.sources] == DOIS
    assert [s.resolved["pmid"] for s in report.sources] == ["35987909", "34934096", "32732918"]
    assert all(s.resolved["via"] == "europepmc" for s in report.sources)


def test_resolved_keeps_score_and_runner_up(seed_resolved):
    report, _ = seed_resolved
    first = report.sources[0].resolved
    assert first["score"] >= 0.45
    assert set(first["score_parts"]) == {"text", "journal", "year", "authors"}
    assert first["runner_up"] is not None and first["runner_up"]["score"] < first["score"]
    assert first["title"].startswith("Neuronal effects of glabellar botulinum toxin")
    assert first["journal"] == "Scientific reports" and first["year"] == 2022
    assert "Wollmer" in first["query"]


def test_45_patients_confirmed_against_kruger(seed_resolved):
    report, _ = seed_resolved
    c = claim(report, "45 patients")
    assert c.source == "s1"
    assert c.check["status"] == "confirmed"
    assert c.check["source_value"] == 45
    assert "45 women" in c.check["source_text"]
    assert claim(report, "four weeks later").check["status"] == "confirmed"


def test_22_to_72_percent_compared_with_reporting_odds_ratios(seed_resolved):
    report, _ = seed_resolved
    c = claim(report, "22 to 72 percent")
    assert c.source == "s2"
    assert c.check["status"] == "confirmed"
    assert c.check["source_value"] == [21.0, 73.0]
    assert "0.79 to 0.27" in c.check["source_text"]
    assert "21–73% lower risk" in c.check["note"]


def test_40_patients_not_confirmed_when_the_abstract_states_no_count(seed_resolved):
    report, _ = seed_resolved
    c = claim(report, "40 Botox-injected patients")
    assert c.source == "s2"
    assert c.check["status"] == "not_in_source"
    assert not [f for f in report.flags if f.kind == "source_mismatch"]


def test_about_a_third_confirmed_against_the_2020_study(seed_resolved):
    report, _ = seed_resolved
    c = claim(report, "about a third")
    assert (c.source, c.check["status"]) == ("s3", "confirmed")


def test_a_different_count_in_the_abstract_is_a_source_mismatch():
    fake = FakeAPIs({DOIS[1]: {"abstractText": (
        "We searched the FDA Adverse Event Reporting System (FAERS) and analysed reports of nearly 40,000 "
        "patients treated with botulinum toxin for anxiety. Reporting odds ratios ranged from 0.79 to 0.27.")}})
    report = resolve_with(fake.transport())
    c = claim(report, "40 Botox-injected patients")
    assert c.check["status"] == "mismatch"
    assert c.check["source_value"] == 40000
    (flag,) = [f for f in report.flags if f.kind == "source_mismatch"]
    assert (flag.text, flag.start, flag.end) == (c.text, c.start, c.end)
    assert report.text[flag.start:flag.end] == flag.text
    assert "40,000" in flag.message and "40 " in flag.message and "Wollmer et al." in flag.message
    assert flag.severity == "error"
    assert flag.id == f"f{len(report.flags)}"


def test_open_access_full_text_is_read_when_the_abstract_is_silent():
    # an invented PMCID: the fixture abstract here leaves out the 4-week time point
    fake = FakeAPIs({DOIS[0]: {"pmcid": "PMC0000001", "abstractText": (
        "We studied the neuronal effects of glabellar botulinum toxin injections in 45 women with borderline "
        "personality disorder, with acupuncture as the active control.")}})
    fake.full_texts["PMC0000001"] = (
        "<article><front><article-meta><title-group><article-title>T</article-title></title-group></article-meta>"
        "</front><body><sec><title>Methods</title><p>Participants were scanned before treatment and again "
        "4 weeks after the injections.</p></sec></body></article>")
    report = resolve_with(fake.transport())
    c = claim(report, "four weeks later")
    assert (c.check["status"], c.check["in"]) == ("confirmed", "full_text")
    assert claim(report, "45 patients").check["in"] == "abstract"
    assert "/europepmc/PMC0000001/fullTextXML" in fake.seen


def test_report_json_carries_resolved_and_checks(seed_resolved):
    report, _ = seed_resolved
    data = json.loads(json.dumps(report.to_dict()))
    assert data["sources"][1]["resolved"]["doi"] == DOIS[1]
    assert data["sources"][1]["resolved"]["crosscheck"]["confirmed"]
    assert any(c["check"] and c["check"]["status"] == "confirmed" for c in data["claims"])


# --- identifiers and fallbacks --------------------------------------------------------------------


def test_a_doi_in_the_article_is_looked_up_directly():
    fake = FakeAPIs()
    report = Report(input="x", text="See the study at doi.org/10.1038/s41598-021-03713-x now.")
    report.sources = [Source(id="s1", mention="doi.org/10.1038/s41598-021-03713-x", start=11, end=46,
                             doi="10.1038/s41598-021-03713-x")]
    resolve_with(fake.transport(), report)
    resolved = report.sources[0].resolved
    assert (resolved["status"], resolved["method"], resolved["pmid"]) == ("resolved", "identifier", "34934096")
    assert fake.seen == ["/europepmc/search"]


def test_a_pubmed_link_is_looked_up_by_pmid():
    fake = FakeAPIs()
    report = Report(input="x", text="Read it on PubMed.")
    report.sources = [Source(id="s1", mention="PubMed", start=11, end=17,
                             url="https://pubmed.ncbi.nlm.nih.gov/35987909/")]
    resolve_with(fake.transport(), report)
    assert report.sources[0].resolved["doi"] == DOIS[0]


def test_crossref_and_ncbi_take_over_when_europepmc_fails():
    fake = FakeAPIs()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/europepmc"):
            return httpx.Response(500, text="Internal Server Error")
        params = dict(request.url.params.multi_items())
        status, body, ctype = fake.answer(request.url.path, params)
        return httpx.Response(status, text=body, headers={"content-type": ctype})

    report = resolve_with(httpx.MockTransport(handler))
    assert [s.resolved["doi"] for s in report.sources] == DOIS
    assert report.sources[0].resolved["via"] == "crossref"
    assert claim(report, "45 patients").check["status"] == "confirmed"


def test_ncbi_alone_resolves_with_efetch_abstracts():
    fake = FakeAPIs()

    def handler(request: httpx.Request) -> httpx.Response:
        if not request.url.path.startswith("/ncbi"):
            return httpx.Response(503, text="down", headers={"retry-after": "0"})
        params = dict(request.url.params.multi_items())
        status, body, ctype = fake.answer(request.url.path, params)
        return httpx.Response(status, text=body, headers={"content-type": ctype})

    report = resolve_with(httpx.MockTransport(handler))
    assert [s.resolved["doi"] for s in report.sources] == DOIS
    assert {s.resolved["via"] for s in report.sources} == {"ncbi"}
    assert claim(report, "45 patients").check["status"] == "confirmed"


# --- failures end unresolved with the reason ---------------------------------------------------------


def failing(make_response) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return make_response(request)

    return httpx.MockTransport(handler), sent


def test_429_with_retry_after_is_honoured_then_unresolved():
    transport, sent = failing(lambda r: httpx.Response(429, text="Too Many Requests", headers={"Retry-After": "2"}))
    sleeps: list[float] = []
    report = resolve_with(transport, sleeps=sleeps)
    for source in report.sources:
        assert source.resolved["status"] == "unresolved"
        assert "HTTP 429" in source.resolved["reason"] and "Retry-After 2 s" in source.resolved["reason"]
        assert "europepmc" in source.resolved["reason"] and "crossref" in source.resolved["reason"]
    assert sleeps.count(2.0) == 3 * 2  # waited as asked: 3 APIs x 2 retries
    assert len(sent) == 3 * 3  # 3 APIs x (1 try + 2 retries); the next sources do not insist
    assert all(c.check is None for c in report.claims)


def test_a_retry_after_longer_than_the_limit_is_not_waited_out():
    transport, sent = failing(lambda r: httpx.Response(429, headers={"Retry-After": "3600"}))
    sleeps: list[float] = []
    report = resolve_with(transport, sleeps=sleeps)
    assert 3600.0 not in sleeps
    assert all("Retry-After 3600 s" in s.resolved["reason"] for s in report.sources)
    assert len(sent) == 3  # one try per API, then the host is left alone


def test_429_then_success_resolves():
    fake = FakeAPIs()
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(429, headers={"Retry-After": "1"})
        status, body, ctype = fake.answer(request.url.path, dict(request.url.params.multi_items()))
        return httpx.Response(status, text=body, headers={"content-type": ctype})

    sleeps: list[float] = []
    report = resolve_with(httpx.MockTransport(handler), sleeps=sleeps)
    assert [s.resolved["doi"] for s in report.sources] == DOIS
    assert 1.0 in sleeps


def test_500_is_unresolved_with_the_status():
    transport, sent = failing(lambda r: httpx.Response(500, text="boom"))
    report = resolve_with(transport)
    reason = report.sources[0].resolved["reason"]
    assert report.sources[0].resolved["status"] == "unresolved"
    assert "HTTP 500" in reason and "europepmc.test" in reason and "crossref.test" in reason
    assert len(sent) == 9  # no retry on 500


def test_timeouts_are_unresolved_with_the_reason():
    def timeout(request):
        raise httpx.ReadTimeout("timed out", request=request)

    transport, _ = failing(timeout)
    report = resolve_with(transport)
    assert all("timed out" in s.resolved["reason"] for s in report.sources)


def test_malformed_json_is_unresolved_with_the_reason():
    transport, _ = failing(lambda r: httpx.Response(200, text="{not json", headers={"content-type": "application/json"}))
    report = resolve_with(transport)
    assert all("malformed JSON" in s.resolved["reason"] for s in report.sources)


def test_unexpected_json_shape_is_unresolved():
    transport, _ = failing(lambda r: httpx.Response(200, json={"hello": "world"}))
    report = resolve_with(transport)
    assert "unexpected answer from Europe PMC" in report.sources[0].resolved["reason"]


def test_connection_refused_is_unresolved():
    def refuse(request):
        raise httpx.ConnectError("connection refused", request=request)

    transport, sent = failing(refuse)
    report = resolve_with(transport)
    assert all("connection refused (europepmc.test)" in s.resolved["reason"] for s in report.sources)
    assert len(sent) == 3  # each API's host asked once; the next sources get the same reason


def test_no_confident_match_is_unresolved_and_names_the_best_miss():
    fake = FakeAPIs()
    report = Report(input="x", text="A 2022 study in Scientific Reports looked at migraine headaches.")
    report.sources = [Source(id="s1", mention="A 2022 study in Scientific Reports", start=0, end=34,
                             journal="Scientific Reports", year=2022)]
    # the context mentions cardiology, not the fixtures' topics: nothing should be accepted
    report.text = "A 2022 study in Scientific Reports looked at botulinum and cardiac surgery outcomes in horses."
    resolve_with(fake.transport(), report)
    resolved = report.sources[0].resolved
    assert resolved["status"] in ("resolved", "unresolved")
    if resolved["status"] == "unresolved":
        assert "no confident match" in resolved["reason"] or "no results" in resolved["reason"]


# --- the cache, offline, and check_input against a local server --------------------------------------


@pytest.fixture
def local_apis(httpserver, monkeypatch):
    fake = FakeAPIs()
    httpserver.expect_request(re.compile(r"^/(europepmc|crossref|ncbi)/.*")).respond_with_handler(fake.werkzeug_handler)
    for name in ("EUROPEPMC", "CROSSREF", "NCBI"):
        monkeypatch.setenv(f"CLAIMCHECK_{name}_URL", httpserver.url_for(f"/{name.lower()}"))
    return httpserver, fake


def test_check_input_resolves_against_local_servers_and_caches(local_apis, tmp_cache):
    server, fake = local_apis
    first = check_input(str(SEED), get_settings())
    assert [s.resolved["doi"] for s in first.sources] == DOIS
    assert claim(first, "45 patients").check["status"] == "confirmed"
    requests_first = len(server.log)
    assert requests_first >= 3
    assert (tmp_cache / "api-cache.sqlite3").exists()

    second = check_input(str(SEED), get_settings())
    assert len(server.log) == requests_first  # the second check hit the cache only
    assert second.to_dict()["sources"] == first.to_dict()["sources"]
    assert [c.check for c in second.claims] == [c.check for c in first.claims]


def test_offline_makes_no_request(local_apis, monkeypatch):
    server, _ = local_apis
    report = check_input(str(SEED), get_settings(offline=True))
    assert len(server.log) == 0
    assert all(s.resolved is None for s in report.sources)
    assert all(c.check is None for c in report.claims)

    monkeypatch.setenv("CLAIMCHECK_OFFLINE", "1")
    check_input(str(SEED), get_settings())
    assert len(server.log) == 0


def test_resolve_report_offline_never_builds_a_client(monkeypatch):
    import claimcheck.sources.resolve as resolve

    def boom(*args, **kwargs):
        raise AssertionError("a client was made offline")

    monkeypatch.setattr(resolve, "make_api_client", boom)
    report = seed_report()
    assert resolve.resolve_report(report, get_settings(offline=True)) is report
    assert all(s.resolved is None for s in report.sources)


def test_polite_parameters_are_sent(monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_MAILTO", "team@claimcheck.test")
    monkeypatch.setenv("NCBI_API_KEY", "k123")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503, headers={"Retry-After": "0"})

    resolve_with(httpx.MockTransport(handler))
    crossref = [r for r in seen if "/crossref/" in r.url.path]
    ncbi = [r for r in seen if "/ncbi/" in r.url.path]
    assert crossref and all(r.url.params["mailto"] == "team@claimcheck.test" for r in crossref)
    assert ncbi and all(r.url.params["api_key"] == "k123" and r.url.params["tool"] == "claimcheck" for r in ncbi)
    assert all("mailto:team@claimcheck.test" in r.headers["user-agent"] for r in seen)

"""Units of the online sources work: adapters on recorded answers, the HTTP session, ranking,
the cross-check rules. No network: `httpx.MockTransport` only."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from claimcheck.errors import SourceError
from claimcheck.models import Claim, Report, Source
from claimcheck.settings import get_settings
from claimcheck.sources.crosscheck import (
    compare_claim,
    crosscheck_report,
    source_numbers,
)
from claimcheck.sources.crossref import Crossref, record_from_item
from claimcheck.sources.europepmc import EuropePMC, build_query, record_from_result
from claimcheck.sources.ncbi import (
    NCBI,
    build_term,
    record_from_pubmed_xml,
    record_from_summary,
)
from claimcheck.sources.rank import (
    ACCEPT,
    rank_candidates,
    topic_terms,
    with_generic_names,
)
from claimcheck.sources.records import Query, Record, strip_markup, surname_of
from claimcheck.sources.session import (
    ApiSession,
    Etiquette,
    RateLimiter,
    ResponseCache,
    cache_key,
    make_api_client,
    retry_after,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def load(name: str):
    return json.loads((FIXTURES / name).read_text("utf-8"))


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return get_settings()


def session_for(handler, settings, cache=None, sleeps=None) -> ApiSession:
    client = make_api_client(settings, httpx.MockTransport(handler))
    return ApiSession(client, settings, cache, Etiquette(max_retries=2, max_wait=5, backoff=0.5),
                      sleep=(sleeps.append if sleeps is not None else (lambda s: None)))


# --- adapters: the recorded answers become records ---------------------------------------------------


def test_europepmc_result_to_record():
    item = load("europepmc-search.json")["resultList"]["result"][1]
    record = record_from_result(item)
    assert record.doi == "10.1038/s41598-021-03713-x" and record.pmid == "34934096"
    assert record.journal == "Scientific reports" and record.year == 2021
    assert record.surnames == ["Wollmer", "Makunts", "Krüger", "Abagyan"]
    assert record.is_open_access and "0.79 to 0.27" in record.abstract
    assert not record.title.endswith(".")
    assert record.citation() == "Wollmer et al. (Scientific reports, 2021)"


def test_europepmc_author_string_when_no_author_list():
    record = record_from_result({"title": "T", "authorString": "Kruger THC, Wollmer MA.", "pubYear": "2022"})
    assert record.surnames == ["Kruger", "Wollmer"] and record.year == 2022


def test_europepmc_query_syntax():
    q = Query(journal="Scientific Reports", year=2021, authors=["Wollmer"], terms=["botulinum", "anxiety"])
    assert build_query(q) == 'JOURNAL:"Scientific Reports" AND PUB_YEAR:2021 AND AUTH:"Wollmer" AND (botulinum OR anxiety)'


def test_preprint_servers_are_searched_as_preprints(settings):
    assert build_query(Query(journal="medRxiv", terms=["rsv"])) == 'SRC:PPR AND PUBLISHER:"medRxiv" AND (rsv)'
    record = record_from_result({"source": "PPR", "title": "T", "bookOrReportDetails": {"publisher": "medRxiv"}})
    assert record.journal == "medRxiv"
    seen = []

    def handler(request):
        seen.append(request.url.params)
        return httpx.Response(200, json={"status": "ok", "message": {"items": []}})

    Crossref(session_for(handler, settings), "http://cr.test", "m@x").search(Query(journal="bioRxiv", year=2024, terms=["x"]))
    assert "query.container-title" not in seen[0]
    assert seen[0]["filter"] == "type:posted-content,from-pub-date:2024-01-01,until-pub-date:2024-12-31"


def test_europepmc_get_by_each_identifier(settings):
    seen = []

    def handler(request):
        seen.append(request.url.params["query"])
        return httpx.Response(200, json=load("europepmc-search.json"))

    api = EuropePMC(session_for(handler, settings), "http://epmc.test/rest")
    api.get("10.1038/s41598-021-03713-x")
    api.get("PMID:34934096")
    api.get("pmc123")
    assert seen == ['DOI:"10.1038/s41598-021-03713-x"', "EXT_ID:34934096 AND SRC:MED", "PMCID:PMC123"]


def test_europepmc_get_not_found(settings):
    api = EuropePMC(session_for(lambda r: httpx.Response(200, json={"hitCount": 0, "resultList": {"result": []}}), settings),
                    "http://epmc.test/rest")
    with pytest.raises(SourceError, match="not found in Europe PMC"):
        api.get("10.1/none")


def test_europepmc_full_text_reads_jats_body(settings):
    jats = ("<article><front><article-meta><abstract><p>Short.</p></abstract></article-meta></front>"
            "<body><sec><p>We enrolled 212 adults at <italic>two</italic> centres.</p>"
            "<p>Follow-up was 24 weeks.</p></sec></body></article>")
    api = EuropePMC(session_for(lambda r: httpx.Response(200, text=jats), settings), "http://epmc.test/rest")
    assert api.full_text("PMC1") == "We enrolled 212 adults at two centres.\nFollow-up was 24 weeks."
    broken = EuropePMC(session_for(lambda r: httpx.Response(200, text="<article><body>"), settings), "http://e.test")
    assert broken.full_text("PMC1") == ""


def test_crossref_item_to_record_strips_jats():
    item = load("crossref-works.json")["message"]["items"][0]
    record = record_from_item(item)
    assert record.doi == "10.1038/s41598-022-17509-0" and record.year == 2022
    assert record.journal == "Scientific Reports"
    assert record.surnames == ["Kruger", "Wollmer"]
    assert record.abstract.startswith("Abstract Glabellar injections") is False
    assert record.abstract.startswith("Glabellar injections")
    assert "<" not in record.abstract


def test_crossref_search_sends_field_queries_and_mailto(settings):
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json=load("crossref-works.json"))

    api = Crossref(session_for(handler, settings), "http://cr.test", "me@example.org")
    hits = api.search(Query(journal="Scientific Reports", year=2020, authors=["Wollmer"], terms=["botulinum", "depression"]))
    assert len(hits) == 6
    params = seen[0].url.params
    assert params["query.bibliographic"] == "botulinum depression"
    assert params["query.author"] == "Wollmer" and params["query.container-title"] == "Scientific Reports"
    assert params["filter"] == "from-pub-date:2020-01-01,until-pub-date:2020-12-31"
    assert params["mailto"] == "me@example.org"
    api.get("10.1038/s41598-020-69773-7")
    assert seen[1].url.path == "/works/10.1038/s41598-020-69773-7"
    with pytest.raises(SourceError, match="DOIs only"):
        api.get("PMID:1")


def test_ncbi_summary_and_efetch_to_records():
    summary = load("ncbi-esummary.json")["result"]
    record = record_from_summary("32732918", summary["32732918"])
    assert (record.doi, record.year, record.journal) == ("10.1038/s41598-020-69773-7", 2020, "Scientific reports")
    assert record.surnames == ["Makunts", "Wollmer", "Abagyan"] and record.abstract == ""
    full = record_from_pubmed_xml((FIXTURES / "ncbi-efetch-32732918.xml").read_text("utf-8"), "32732918")
    assert full.pmid == "32732918" and full.doi == record.doi
    assert "over 40 thousand reports" in full.abstract
    assert full.surnames == ["Makunts", "Wollmer", "Abagyan"]
    with pytest.raises(SourceError, match="malformed XML"):
        record_from_pubmed_xml("<PubmedArticleSet>", "1")


def test_ncbi_term_syntax_and_key(settings):
    assert build_term(Query(journal="Scientific Reports", year=2021, authors=["Wollmer"], terms=["a", "b"])) == \
        '"Scientific Reports"[Journal] AND 2021[dp] AND Wollmer[Author] AND (a OR b)'
    assert NCBI(None, "http://n.test", "e@x", None).rate == 3.0
    assert NCBI(None, "http://n.test", "e@x", "key").rate == 10.0


def test_records_helpers():
    assert surname_of("Kruger THC") == "Kruger"
    assert surname_of("van Dyke J") == "van Dyke"
    assert strip_markup("<jats:title>Abstract</jats:title><jats:p>A &amp; B</jats:p>") == "A & B"
    assert Record(api="x", pmid="1").key == "PMID:1"


# --- the session: retries, rate limits, cache -------------------------------------------------------


def test_retry_after_in_seconds_and_as_a_date():
    assert retry_after(httpx.Response(429, headers={"Retry-After": "7"})) == 7.0
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    assert 25 <= retry_after(httpx.Response(503, headers={"Retry-After": when})) <= 31
    assert retry_after(httpx.Response(503)) is None


def test_503_without_retry_after_backs_off_then_gives_up(settings):
    sleeps: list[float] = []
    session = session_for(lambda r: httpx.Response(503), settings, sleeps=sleeps)
    with pytest.raises(SourceError, match=r"HTTP 503 .* after 2 retries"):
        session.get_json("http://x.test/a", rate=1000)
    assert [s for s in sleeps if s >= 0.1] == [0.5, 1.0]  # the rest is the rate limit
    assert session.requests == 3


def test_rate_limit_spaces_requests_per_host():
    clock = [0.0]
    slept: list[float] = []

    def sleep(s):
        slept.append(round(s, 3))
        clock[0] += s

    limiter = RateLimiter(clock=lambda: clock[0], sleep=sleep)
    for _ in range(3):
        limiter.wait("api.crossref.org", 3.0)
    limiter.wait("www.ebi.ac.uk", 10.0)
    assert slept == [0.333, 0.333]


def test_cache_key_leaves_out_credentials():
    a = cache_key(httpx.URL("http://n.test/esearch.fcgi", params={"term": "x", "api_key": "1", "email": "a@b"}))
    b = cache_key(httpx.URL("http://n.test/esearch.fcgi", params={"term": "x", "api_key": "2"}))
    assert a == b == "http://n.test/esearch.fcgi?term=x"


def test_cache_answers_a_repeated_request(settings, tmp_path):
    cache = ResponseCache.open(tmp_path / "c")
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(200, json={"ok": 1})

    session = session_for(handler, settings, cache)
    assert session.get_json("http://x.test/a", {"q": "1"}) == {"ok": 1}
    again = session_for(handler, settings, ResponseCache.open(tmp_path / "c"))
    assert again.get_json("http://x.test/a", {"q": "1"}) == {"ok": 1}
    assert len(calls) == 1 and again.requests == 0


def test_cache_does_not_keep_failures(settings, tmp_path):
    cache = ResponseCache.open(tmp_path / "c")
    answers = [httpx.Response(500), httpx.Response(200, json={"ok": 2})]
    session = session_for(lambda r: answers.pop(0), settings, cache)
    with pytest.raises(SourceError):
        session.get_json("http://x.test/a", rate=1000)
    assert session.get_json("http://x.test/a", rate=1000) == {"ok": 2}


def test_expired_cache_entries_are_refetched(tmp_path):
    cache = ResponseCache(tmp_path / "c.sqlite3", ttl=0.0)
    cache.put("k", b"v")
    time.sleep(0.01)
    assert cache.get("k") is None


def test_unusable_cache_location_turns_the_cache_off(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ResponseCache(blocker / "sub" / "c.sqlite3")
    cache.put("k", b"v")
    assert cache.get("k") is None


def test_body_size_cap(settings):
    settings.max_body_bytes = 10
    session = session_for(lambda r: httpx.Response(200, content=b"x" * 100), settings)
    with pytest.raises(SourceError, match="larger than 10 bytes"):
        session.get_bytes("http://x.test/a")


def test_a_bad_api_url_is_a_source_error(settings):
    session = session_for(lambda r: httpx.Response(200), settings)
    for url in ("not a url", "ftp://x.test/a", "http://"):
        with pytest.raises(SourceError, match="invalid API URL"):
            session.get_bytes(url)


def test_api_client_identifies_itself(settings):
    client = make_api_client(settings)
    assert settings.contact_email in client.headers["user-agent"]
    assert client.follow_redirects and client.timeout.read == settings.read_timeout
    client.close()


# --- ranking ------------------------------------------------------------------------------------------


def test_main_topic_joins_brand_and_generic_names():
    from claimcheck.sources.rank import main_topic

    assert main_topic("Botox eased anxiety.", "Botox injections. Botox again. The Botox group.") == ["botox", "botulinum toxin"]
    assert main_topic("", "Semaglutide cut weight; semaglutide users ate less.") == ["semaglutide"]
    assert main_topic("", "Ozempic, or semaglutide: semaglutide users ate less.") == ["ozempic", "semaglutide"]
    assert main_topic("", "") == []


def test_queries_relax_step_by_step():
    q = Query(journal="J", year=2020, authors=["Wollmer"], terms=["a"], topic=["botox", "botulinum toxin"])
    assert [(x.authors, x.topic) for x in q.relaxations()] == [
        (["Wollmer"], ["botox", "botulinum toxin"]), ([], ["botox", "botulinum toxin"]), ([], [])]
    assert build_query(q) == 'JOURNAL:"J" AND PUB_YEAR:2020 AND AUTH:"Wollmer" AND (botox OR "botulinum toxin") AND (a)'
    assert build_term(q).endswith('AND (botox OR "botulinum toxin") AND (a)')


def test_brand_names_are_expanded_for_search():
    assert "botulinum toxin" in with_generic_names("Botox-injected patients")
    assert topic_terms("Ozempic users lost weight.", "")[:2] == ["ozempic", "semaglutide"]


def test_ranking_prefers_the_study_the_article_describes():
    records = [record_from_result(r) for r in load("europepmc-search.json")["resultList"]["result"]]
    context = ("Botox injections calmed the amygdala of 45 women with borderline personality disorder; "
               "acupuncture was the control. Functional MRI during an emotional go/no-go task.")
    query = Query(journal="Scientific Reports", year=None, authors=["Wollmer"], terms=[])
    ranked = rank_candidates(context, query, records)
    assert ranked[0].candidate.pmid == "35987909"
    assert ranked[0].score >= ACCEPT > ranked[-1].score
    assert ranked[0].parts["journal"] == 1.0 and ranked[0].parts["authors"] == 1.0


def test_ranking_penalises_another_journal_and_year():
    records = [record_from_result(r) for r in load("europepmc-search.json")["resultList"]["result"]]
    context = "statin anxiety pharmacovigilance database reports"
    ranked = rank_candidates(context, Query(journal="Scientific Reports", year=2019), records)
    statin = next(r for r in ranked if r.candidate.pmid == "90000002")
    assert statin.parts["journal"] == 0.0 and statin.parts["year"] == 0.0


# --- cross-check rules ------------------------------------------------------------------------------


def make_claim(kind, text, value, unit=None, qualifier=None, sentence=None):
    return Claim(id="c1", kind=kind, text=text, start=0, end=len(text), value=value, unit=unit,
                 sentence=sentence or text, qualifier=qualifier, source="s1")


KRUGER = load("europepmc-search.json")["resultList"]["result"][0]["abstractText"]
MAKUNTS = load("europepmc-search.json")["resultList"]["result"][2]["abstractText"]


@pytest.mark.parametrize("claim, status", [
    (make_claim("sample_size", "45 patients", 45, "patients"), "confirmed"),
    (make_claim("sample_size", "nearly 44 patients", 44, "patients", "nearly"), "confirmed"),
    (make_claim("sample_size", "50 patients", 50, "patients", sentence="They examined 50 patients."), "mismatch"),
    (make_claim("sample_size", "23 patients", 23, "patients", sentence="Of them, 23 patients received Botox."), "not_in_source"),
    (make_claim("duration", "four weeks later", 4, "weeks"), "confirmed"),
    (make_claim("duration", "a month", 1, "months"), "not_in_source"),
    (make_claim("duration", "28 days", 28, "days"), "confirmed"),
    (make_claim("sample_size", "12 trials", 12, "trials"), "not_in_source"),
])
def test_compare_against_kruger(claim, status):
    assert compare_claim(claim, source_numbers(KRUGER))[0] == status


def test_proportion_against_a_third_in_words():
    claim = make_claim("proportion", "about a third", 0.333, qualifier="about",
                       sentence="antidepressants do not work well enough for about a third of patients")
    status, found = compare_claim(claim, source_numbers(MAKUNTS))
    assert status == "confirmed" and "one third" in found.text


def test_whole_study_far_below_the_source_is_a_mismatch_subgroup_is_not():
    numbers = source_numbers("We analysed over 40 thousand reports of BoNT-treated patients.")
    whole = make_claim("sample_size", "40 Botox-injected patients", 40, "patients",
                       sentence="A 2021 analysis examining data from 40 Botox-injected patients found less anxiety.")
    part = make_claim("sample_size", "40 patients", 40, "patients",
                      sentence="Of those, 40 patients in the placebo group reported anxiety.")
    assert compare_claim(whole, numbers)[0] == "mismatch"
    assert compare_claim(part, numbers)[0] == "not_in_source"


def test_percentages_and_ratios():
    numbers = source_numbers("Anxiety was less frequent, with reporting odds ratios ranging from 0.79 to 0.27. "
                             "Adherence was 81% at 12 weeks. The hazard ratio for death was 1.30.")
    lower = make_claim("percentage", "22 to 72 percent", [22, 72], "percent",
                       sentence="anxiety disorders were 22 to 72 percent less common")
    assert compare_claim(lower, numbers)[0] == "confirmed"
    assert compare_claim(make_claim("percentage", "81%", 81), numbers)[0] == "confirmed"
    assert compare_claim(make_claim("percentage", "30% higher", 30, sentence="a 30% higher risk of death"),
                         numbers)[0] == "confirmed"
    assert compare_claim(make_claim("percentage", "60 percent", 60), numbers)[0] == "not_in_source"
    assert compare_claim(make_claim("effect_size", "hazard ratio of 1.3", 1.3), numbers)[0] == "confirmed"


def test_crosscheck_uses_full_text_when_the_abstract_is_silent():
    report = Report(input="x", text="Patients were followed for 24 weeks.")
    report.claims = [make_claim("duration", "24 weeks", 24, "weeks")]
    report.claims[0].start, report.claims[0].end = 27, 35
    report.sources = [Source(id="s1", mention="m", start=0, end=1, resolved={
        "status": "resolved", "abstract": "A short abstract without durations.", "is_open_access": True, "pmcid": "PMC1"})]
    asked = []

    def full_text(resolved):
        asked.append(resolved["pmcid"])
        return "Participants were followed up for 24 weeks after randomisation."

    crosscheck_report(report, full_text)
    assert report.claims[0].check["status"] == "confirmed" and report.claims[0].check["in"] == "full_text"
    assert asked == ["PMC1"]


def test_crosscheck_skips_unresolved_sources():
    report = Report(input="x", text="45 patients")
    report.claims = [make_claim("sample_size", "45 patients", 45, "patients")]
    report.sources = [Source(id="s1", mention="m", start=0, end=1, resolved={"status": "unresolved", "reason": "x"})]
    crosscheck_report(report)
    assert report.claims[0].check is None and report.flags == []

"""Fetching articles: httpx.MockTransport unit tests and end-to-end tests on 127.0.0.1.

No test touches the internet: unit tests answer through `httpx.MockTransport`, end-to-end
tests talk to a pytest-httpserver on 127.0.0.1, and DNS/TLS-verification failures are
raised the way httpx raises them.
"""

from __future__ import annotations

import gzip
import json
import socket
import ssl
import time
from importlib import resources
from pathlib import Path

import brotli
import httpx
import jsonschema
import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Response

from claimcheck import cli
from claimcheck.check import check_article
from claimcheck.errors import ClaimcheckError, ExtractionError, FetchError, OfflineError
from claimcheck.ingest import load_article
from claimcheck.ingest.fetch import fetch_article, make_client
from claimcheck.ingest.files import is_url, read_file
from claimcheck.settings import Settings, get_settings

CORPUS = Path(__file__).resolve().parents[1] / "corpora"

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Trial news</title></head><body>
<nav><a href="/">Home</a> <a href="/health">Health</a></nav>
<article><h1>Daily pill cut migraine days in a trial</h1>
<p>A daily pill cut migraine days by a third in a trial of 312 patients, researchers reported in
<a href="https://doi.org/10.1000/xyz123">The Lancet Neurology</a> on Tuesday.</p>
<p>After 12 weeks, 41% of patients on the drug had at least half as many migraine days as before,
compared with 22% of those on placebo.</p>
<p>The most common side effect was mild nausea, reported by 9% of patients taking the pill.</p>
</article><footer>Copyright 2024 Example News</footer></body></html>"""


def settings(**overrides) -> Settings:
    base = Settings(offline=False, connect_timeout=2.0, read_timeout=2.0, total_timeout=10.0)
    for key, value in overrides.items():
        setattr(base, key, value)
    return base


def mock_client(handler, **overrides) -> httpx.Client:
    return make_client(settings(**overrides), transport=httpx.MockTransport(handler))


def html_response(body: str | bytes = PAGE, status: int = 200, **headers) -> httpx.Response:
    content = body.encode("utf-8") if isinstance(body, str) else body
    return httpx.Response(status, content=content, headers={"content-type": "text/html; charset=utf-8", **headers})


@pytest.fixture
def no_sockets(monkeypatch):
    """Any attempt to open a socket fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# ---------------------------------------------------------------------------------------------
# Unit tests: MockTransport


def test_client_sends_our_user_agent_and_has_explicit_timeouts():
    seen = {}

    def handler(request):
        seen.update(request.headers)
        return html_response()

    s = settings(connect_timeout=3.0, read_timeout=7.0)
    client = make_client(s, transport=httpx.MockTransport(handler))
    assert client.timeout.connect == 3.0 and client.timeout.read == 7.0
    assert client.follow_redirects is False
    article = fetch_article("https://news.example/a", s, client)
    assert seen["user-agent"] == s.user_agent
    assert "gzip" in seen["accept-encoding"] and "br" in seen["accept-encoding"]
    assert article.url == article.final_url == "https://news.example/a"
    assert article.input == "https://news.example/a"
    assert "312 patients" in article.text


def test_fetched_article_has_title_links_and_no_furniture():
    article = fetch_article("https://news.example/a", settings(), mock_client(lambda r: html_response()))
    assert article.title == "Daily pill cut migraine days in a trial"
    assert "Copyright" not in article.text and "Home" not in article.text
    [link] = article.links
    assert link.href == "https://doi.org/10.1000/xyz123"
    assert article.text[link.start:link.end] == link.text == "The Lancet Neurology"
    assert article.meta["link_dois"] == "10.1000/xyz123"


def test_redirects_are_followed_and_final_url_recorded():
    def handler(request):
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/older"})
        if request.url.path == "/older":
            return httpx.Response(302, headers={"location": "https://www.news.example/new"})
        return html_response()

    article = fetch_article("https://news.example/old", settings(), mock_client(handler))
    assert article.url == "https://news.example/old"
    assert article.final_url == "https://www.news.example/new"


def test_redirect_loop_is_one_line_error():
    def handler(request):
        return httpx.Response(302, headers={"location": "/b" if request.url.path == "/a" else "/a"})

    with pytest.raises(FetchError) as err:
        fetch_article("https://news.example/a", settings(), mock_client(handler))
    message = str(err.value)
    assert message.startswith("https://news.example/a: redirect loop (")
    assert "\n" not in message


def test_redirect_cap():
    calls = []

    def handler(request):
        calls.append(request.url.path)
        n = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"location": f"/{n + 1}"})

    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch_article("https://news.example/0", settings(max_redirects=3), mock_client(handler))
    assert len(calls) == 4  # the first request and three redirects


def test_redirect_to_a_file_url_is_refused():
    handler = lambda r: httpx.Response(302, headers={"location": "file:///etc/passwd"})  # noqa: E731
    with pytest.raises(FetchError, match="redirected to an unsupported URL scheme 'file:'"):
        fetch_article("https://news.example/a", settings(), mock_client(handler))


@pytest.mark.parametrize("status, reason", [(404, "Not Found"), (410, "Gone"), (500, "Internal Server Error"),
                                            (503, "Service Unavailable")])
def test_http_errors(status, reason):
    handler = lambda r: html_response("<p>error page</p>", status=status)  # noqa: E731
    with pytest.raises(FetchError) as err:
        fetch_article("https://news.example/x", settings(), mock_client(handler))
    assert str(err.value) == f"https://news.example/x: HTTP {status} {reason}"


def test_http_error_after_a_redirect_names_both():
    def handler(request):
        if request.url.path == "/a":
            return httpx.Response(301, headers={"location": "/gone"})
        return httpx.Response(404)

    with pytest.raises(FetchError) as err:
        fetch_article("https://news.example/a", settings(), mock_client(handler))
    assert str(err.value) == "https://news.example/a: HTTP 404 Not Found (after redirect to https://news.example/gone)"


def _raiser(exc: Exception, cause: BaseException | None = None):
    def handler(request):
        raise exc from cause

    return handler


@pytest.mark.parametrize(
    "exc, cause, expected",
    [
        (httpx.ConnectError("[Errno -2] Name or service not known"), socket.gaierror(-2, "Name or service not known"),
         "https://news.example/a: cannot resolve host news.example"),
        (httpx.ConnectError("[Errno 111] Connection refused"), ConnectionRefusedError(111, "Connection refused"),
         "https://news.example/a: connection refused"),
        (httpx.ReadTimeout("timed out"), None, "https://news.example/a: timed out after 2 s"),
        (httpx.ConnectTimeout("timed out"), None, "https://news.example/a: timed out after 2 s connecting"),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), None,
         "https://news.example/a: the server broke the connection (Server disconnected without sending a response.)"),
    ],
)
def test_transport_failures_are_one_line(exc, cause, expected):
    with pytest.raises(FetchError) as err:
        fetch_article("https://news.example/a", settings(), mock_client(_raiser(exc, cause)))
    assert str(err.value) == expected


def test_tls_verification_failure():
    cause = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    cause.verify_message = "certificate has expired"
    exc = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired")
    with pytest.raises(FetchError) as err:
        fetch_article("https://news.example/a", settings(), mock_client(_raiser(exc, cause)))
    assert str(err.value) == "https://news.example/a: TLS error: certificate has expired"


def test_pdf_is_refused_naming_the_type():
    handler = lambda r: httpx.Response(200, content=b"%PDF-1.7\n...", headers={"content-type": "application/pdf"})  # noqa: E731
    with pytest.raises(FetchError) as err:
        fetch_article("https://journal.example/paper.pdf", settings(), mock_client(handler))
    assert "unsupported content type application/pdf (a PDF)" in str(err.value)


def test_pdf_without_content_type_is_sniffed():
    handler = lambda r: httpx.Response(200, content=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # noqa: E731
    with pytest.raises(FetchError, match="application/pdf"):
        fetch_article("https://journal.example/paper", settings(), mock_client(handler))


def test_image_is_refused():
    handler = lambda r: httpx.Response(200, content=b"\x89PNG...", headers={"content-type": "image/png"})  # noqa: E731
    with pytest.raises(FetchError, match=r"unsupported content type image/png \(an image\)"):
        fetch_article("https://news.example/chart.png", settings(), mock_client(handler))


def test_plain_text_is_checked():
    text = "Trial of 45 patients\n\nThe trial enrolled 45 patients over 12 weeks.\n"
    handler = lambda r: httpx.Response(200, text=text, headers={"content-type": "text/plain; charset=utf-8"})  # noqa: E731
    article = fetch_article("https://news.example/a.txt", settings(), mock_client(handler))
    assert article.text == text
    assert article.title == "Trial of 45 patients"
    assert article.final_url == "https://news.example/a.txt"


def test_html_without_content_type_is_sniffed():
    handler = lambda r: httpx.Response(200, content=PAGE.encode())  # noqa: E731
    article = fetch_article("https://news.example/a", settings(), mock_client(handler))
    assert "312 patients" in article.text and "<p>" not in article.text


def test_empty_response():
    handler = lambda r: html_response("   ")  # noqa: E731
    with pytest.raises(FetchError, match="empty response"):
        fetch_article("https://news.example/a", settings(), mock_client(handler))


def test_declared_length_over_the_cap_stops_before_reading():
    handler = lambda r: html_response(PAGE)  # noqa: E731
    with pytest.raises(FetchError) as err:
        fetch_article("https://news.example/a", settings(max_body_bytes=100), mock_client(handler))
    assert str(err.value) == "https://news.example/a: page larger than 100 bytes"


def test_streamed_body_over_the_cap_stops_reading():
    sent = []

    def chunks():
        for _ in range(1000):
            sent.append(1)
            yield b"<p>" + b"x" * 1021 + b"</p>"

    handler = lambda r: httpx.Response(200, content=chunks(), headers={"content-type": "text/html"})  # noqa: E731
    with pytest.raises(FetchError, match="page larger than 10 KB"):
        fetch_article("https://news.example/a", settings(max_body_bytes=10 * 1024), mock_client(handler))
    assert len(sent) < 20


def test_default_cap_message_says_10_mb():
    big = b"<p>" + b"a" * (10 * 1024 * 1024) + b"</p>"
    handler = lambda r: httpx.Response(200, content=iter([big]), headers={"content-type": "text/html"})  # noqa: E731
    with pytest.raises(FetchError) as err:
        fetch_article("https://news.example/a", Settings(offline=False), mock_client(handler))
    assert str(err.value) == "https://news.example/a: page larger than 10 MB"


def test_gzip_bomb_is_capped_after_decoding():
    bomb = gzip.compress(b"<p>" + b"a" * 200_000 + b"</p>")
    handler = lambda r: html_response(bomb, **{"content-encoding": "gzip"})  # noqa: E731
    with pytest.raises(FetchError, match="page larger than"):
        fetch_article("https://news.example/a", settings(max_body_bytes=50_000), mock_client(handler))


def test_total_time_limit_stops_a_dripping_server():
    def drip():
        yield b"<html><body><article>"
        for _ in range(50):
            time.sleep(0.05)
            yield b"<p>more text, slowly.</p>"

    handler = lambda r: httpx.Response(200, content=drip(), headers={"content-type": "text/html"})  # noqa: E731
    with pytest.raises(FetchError, match=r"timed out after 0.3 s \(total time limit\)"):
        fetch_article("https://news.example/a", settings(total_timeout=0.3), mock_client(handler))


def test_brotli_and_gzip_bodies_are_decoded():
    for encoding, compress in (("br", brotli.compress), ("gzip", gzip.compress)):
        handler = lambda r: html_response(compress(PAGE.encode()), **{"content-encoding": encoding})  # noqa: E731
        article = fetch_article("https://news.example/a", settings(), mock_client(handler))
        assert "312 patients" in article.text, encoding


def test_corrupt_gzip_is_one_line_error():
    handler = lambda r: html_response(b"not gzip at all", **{"content-encoding": "gzip"})  # noqa: E731
    with pytest.raises(FetchError, match=r"cannot decode the compressed response body \(Error -3 while decompressing"):
        fetch_article("https://news.example/a", settings(), mock_client(handler))


CAFE_PAGE = ("<html><head><title>Caf\u00e9 study</title></head><body><article>"
             "<p>The caf\u00e9 owners\u2019 study of 200 patrons found that na\u00efve drinkers reported more "
             "palpitations, said Dr. Ren\u00e9e Fran\u00e7ois of the Universit\u00e9 de Gen\u00e8ve.</p>"
             "<p>Cr\u00e8me br\u00fbl\u00e9e was not part of the study, which ran for 12 weeks.</p>"
             "</article></body></html>")


@pytest.mark.parametrize(
    "body, content_type",
    [
        (CAFE_PAGE.encode("cp1252"), "text/html"),  # no charset anywhere: detection
        (CAFE_PAGE.encode("cp1252"), "text/html; charset=iso-8859-1"),  # latin-1 declared, cp1252 quote used
        (CAFE_PAGE.encode("cp1252"), "text/html; charset=utf-8"),  # wrong charset declared
        (CAFE_PAGE.encode("utf-8"), "text/html; charset=iso-8859-1"),  # wrong the other way
        (CAFE_PAGE.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252"), "text/html"),
        (CAFE_PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
         .encode("cp1252"), "text/html"),
    ],
)
def test_charsets(body, content_type):
    handler = lambda r: httpx.Response(200, content=body, headers={"content-type": content_type})  # noqa: E731
    article = fetch_article("https://news.example/a", settings(), mock_client(handler))
    assert "caf\u00e9 owners\u2019 study" in article.text
    assert "Ren\u00e9e Fran\u00e7ois" in article.text


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://files.example/a.html", "data:text/html,<p>hi</p>",
                                 "javascript:alert(1)", "gopher://x.example/"])
def test_other_schemes_refused_before_any_socket(url, no_sockets):
    assert is_url(url)
    with pytest.raises(FetchError) as err:
        load_article(url, settings())
    assert "only http and https URLs are fetched" in str(err.value)
    assert str(err.value).startswith(url + ": unsupported URL scheme")


def test_offline_refuses_urls_without_a_socket(no_sockets):
    calls = []
    client = mock_client(lambda r: calls.append(r) or html_response())
    with pytest.raises(OfflineError) as err:
        fetch_article("https://news.example/a", settings(offline=True), client)
    assert str(err.value) == "https://news.example/a: offline mode: URLs are not fetched"
    assert calls == []
    with pytest.raises(OfflineError):
        load_article("https://news.example/a", settings(offline=True))


def test_offline_from_the_environment(monkeypatch, no_sockets):
    monkeypatch.setenv("CLAIMCHECK_OFFLINE", "1")
    with pytest.raises(OfflineError):
        load_article("http://127.0.0.1:9/a", get_settings())


def test_invalid_url():
    with pytest.raises(FetchError, match="not a valid URL"):
        fetch_article("https:///nohost", settings(), mock_client(lambda r: html_response()))


def test_given_client_is_reused_and_not_closed():
    client = mock_client(lambda r: html_response())
    fetch_article("https://news.example/a", settings(), client)
    fetch_article("https://news.example/b", settings(), client)
    assert not client.is_closed


# ---------------------------------------------------------------------------------------------
# End to end: a local server on 127.0.0.1


@pytest.fixture(scope="module")
def server():
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    if srv.is_running():
        srv.stop()


@pytest.fixture
def local(server):
    server.clear()
    yield server
    server.clear()


def serve_html(server: HTTPServer, path: str, body: bytes | str, content_type="text/html; charset=utf-8", **kw):
    server.expect_request(path).respond_with_data(body, content_type=content_type, **kw)


def test_local_page(local):
    serve_html(local, "/page.html", PAGE)
    article = fetch_article(local.url_for("/page.html"), settings())
    assert article.final_url == local.url_for("/page.html")
    assert "312 patients" in article.text
    assert local.log[0][0].headers["User-Agent"] == settings().user_agent


def test_local_redirect(local):
    local.expect_request("/short").respond_with_data("", status=301, headers={"Location": "/page.html"})
    serve_html(local, "/page.html", PAGE)
    article = fetch_article(local.url_for("/short"), settings())
    assert article.url == local.url_for("/short")
    assert article.final_url == local.url_for("/page.html")


def test_local_redirect_loop(local):
    local.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    local.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError) as err:
        fetch_article(local.url_for("/a"), settings())
    assert f"redirect loop ({local.url_for('/a')} -> {local.url_for('/b')} -> {local.url_for('/a')})" in str(err.value)


@pytest.mark.parametrize("status, reason", [(404, "NOT FOUND"), (500, "INTERNAL SERVER ERROR")])
def test_local_http_errors(local, status, reason):
    local.expect_request("/x").respond_with_data("oops", status=status)
    with pytest.raises(FetchError) as err:
        fetch_article(local.url_for("/x"), settings())
    assert str(err.value).lower() == f"{local.url_for('/x')}: HTTP {status} {reason}".lower()


def _slow(request):
    time.sleep(1.0)
    return Response(PAGE, content_type="text/html")


def test_local_slow_server_times_out(local):
    local.expect_request("/slow").respond_with_handler(_slow)
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch_article(local.url_for("/slow"), settings(read_timeout=0.2))
    assert str(err.value) == f"{local.url_for('/slow')}: timed out after 0.2 s"
    assert time.monotonic() - started < 0.9


def test_local_oversize_body(local):
    serve_html(local, "/big.html", b"<p>" + b"x" * 50_000 + b"</p>")
    with pytest.raises(FetchError) as err:
        fetch_article(local.url_for("/big.html"), settings(max_body_bytes=20_000))
    assert str(err.value).endswith(": page larger than 20000 bytes")


def test_local_oversize_streamed_body(local):
    def handler(request):
        return Response((b"<p>" + b"x" * 1000 + b"</p>" for _ in range(100)), content_type="text/html")

    local.expect_request("/stream").respond_with_handler(handler)
    with pytest.raises(FetchError, match="page larger than 10000 bytes"):
        fetch_article(local.url_for("/stream"), settings(max_body_bytes=10_000))


def test_local_latin1_without_charset(local):
    serve_html(local, "/latin.html", CAFE_PAGE.encode("latin-1", errors="replace"), content_type="text/html")
    article = fetch_article(local.url_for("/latin.html"), settings())
    assert "Ren\u00e9e Fran\u00e7ois" in article.text


def test_local_charset_in_meta_only(local):
    body = CAFE_PAGE.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252")
    serve_html(local, "/meta.html", body, content_type="text/html")
    article = fetch_article(local.url_for("/meta.html"), settings())
    assert "caf\u00e9 owners\u2019 study" in article.text


def test_local_wrong_charset_header(local):
    serve_html(local, "/wrong.html", CAFE_PAGE.encode("cp1252"), content_type="text/html; charset=utf-8")
    article = fetch_article(local.url_for("/wrong.html"), settings())
    assert "caf\u00e9 owners\u2019 study" in article.text


def test_local_gzip(local):
    serve_html(local, "/gz.html", gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    article = fetch_article(local.url_for("/gz.html"), settings())
    assert "312 patients" in article.text


def test_local_pdf(local):
    local.expect_request("/paper.pdf").respond_with_data(b"%PDF-1.7\n1 0 obj\n", content_type="application/pdf")
    with pytest.raises(FetchError) as err:
        fetch_article(local.url_for("/paper.pdf"), settings())
    assert str(err.value) == (f"{local.url_for('/paper.pdf')}: unsupported content type application/pdf (a PDF); "
                              "only HTML pages and plain text are checked")


NO_ARTICLE = """<html><head><title>Home</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/about">About</a></li></ul></nav>
<div class="cookie-banner">We use cookies.</div><main></main>
<footer><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>"""


def test_local_page_without_article(local):
    serve_html(local, "/empty.html", NO_ARTICLE)
    with pytest.raises(ExtractionError) as err:
        fetch_article(local.url_for("/empty.html"), settings())
    assert str(err.value) == f"{local.url_for('/empty.html')}: no article text found in the page"


def test_local_connection_refused():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as err:
        fetch_article(f"http://127.0.0.1:{port}/a", settings())
    assert str(err.value) == f"http://127.0.0.1:{port}/a: connection refused"


def test_local_tls_to_a_plain_http_server(local):
    serve_html(local, "/page.html", PAGE)
    url = local.url_for("/page.html").replace("http://", "https://")
    with pytest.raises(FetchError) as err:
        fetch_article(url, settings())
    assert str(err.value).startswith(f"{url}: TLS error: ")
    assert "\n" not in str(err.value)


def test_saved_page_and_served_page_give_the_same_report_text(local):
    path = CORPUS / "page-nextjs-rsv-vaccine.html"
    serve_html(local, "/rsv.html", path.read_bytes())
    saved = check_article(read_file(str(path)))
    served_article = fetch_article(local.url_for("/rsv.html"), settings())
    served = check_article(served_article)
    assert served.text == saved.text
    assert [c.text for c in served.claims] == [c.text for c in saved.claims]
    assert served.url == local.url_for("/rsv.html") and served.final_url == served.url
    assert (served.title, served.author, served.published, served.site) == (
        "RSV vaccine cut older adults' hospital admissions by more than two-thirds, records show",
        "Samira Kowalczyk", "2024-06-02", "Pulse Health News")


# ---------------------------------------------------------------------------------------------
# The CLI, end to end: exit codes and the one-line message


@pytest.fixture
def cli_settings(monkeypatch):
    """Make `claimcheck check` use small limits, as a user's config would."""
    overrides: dict = {}

    def small_settings(**kw):
        s = get_settings(**kw)
        for key, value in overrides.items():
            setattr(s, key, value)
        return s

    monkeypatch.setattr("claimcheck.settings.get_settings", small_settings)
    monkeypatch.delenv("CLAIMCHECK_OFFLINE", raising=False)
    return overrides


def test_cli_checks_a_local_url(local, cli_settings, capsys):
    serve_html(local, "/page.html", PAGE)
    url = local.url_for("/page.html")
    assert cli.main(["check", url, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    report = json.loads(out)
    schema = json.loads(resources.files("claimcheck.schema").joinpath("report.schema.json").read_text("utf-8"))
    jsonschema.validate(report, schema)
    assert report["input"] == url and report["url"] == url and report["final_url"] == url
    assert report["title"] == "Daily pill cut migraine days in a trial"
    assert any(c["text"] == "312 patients" for c in report["claims"])
    assert report["links"][0]["href"] == "https://doi.org/10.1000/xyz123"


def _setup_fault(server: HTTPServer, fault: str, overrides: dict) -> tuple[str, str]:
    """Serve a fault; return (URL, expected end of the message)."""
    if fault == "404":
        server.expect_request("/f").respond_with_data("no", status=404)
        return server.url_for("/f"), "HTTP 404 NOT FOUND"
    if fault == "500":
        server.expect_request("/f").respond_with_data("no", status=500)
        return server.url_for("/f"), "HTTP 500 INTERNAL SERVER ERROR"
    if fault == "loop":
        server.expect_request("/f").respond_with_data("", status=302, headers={"Location": "/f"})
        return server.url_for("/f"), f"redirect loop ({server.url_for('/f')} -> {server.url_for('/f')})"
    if fault == "slow":
        overrides["read_timeout"] = 0.2
        server.expect_request("/f").respond_with_handler(_slow)
        return server.url_for("/f"), "timed out after 0.2 s"
    if fault == "oversize":
        overrides["max_body_bytes"] = 1000
        serve_html(server, "/f", b"<p>" + b"x" * 5000 + b"</p>")
        return server.url_for("/f"), "page larger than 1000 bytes"
    if fault == "pdf":
        server.expect_request("/f").respond_with_data(b"%PDF-1.7", content_type="application/pdf")
        return server.url_for("/f"), "unsupported content type application/pdf (a PDF); only HTML pages and plain text are checked"
    if fault == "no-article":
        serve_html(server, "/f", NO_ARTICLE)
        return server.url_for("/f"), "no article text found in the page"
    if fault == "file":
        return "file:///etc/passwd", "unsupported URL scheme 'file:', only http and https URLs are fetched (give a saved file as a plain path)"
    raise AssertionError(fault)


@pytest.mark.parametrize("fault", ["404", "500", "loop", "slow", "oversize", "pdf", "no-article", "file"])
def test_cli_fault_exit_2_with_one_line(local, cli_settings, capsys, fault):
    url, reason = _setup_fault(local, fault, cli_settings)
    assert cli.main(["check", url]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.lower() == f"claimcheck: {url}: {reason}\n".lower()


def test_cli_offline_flag_and_environment(local, cli_settings, capsys, monkeypatch):
    serve_html(local, "/offline.html", PAGE)
    url = local.url_for("/offline.html")
    assert cli.main(["check", url, "--offline"]) == 2
    assert capsys.readouterr().err == f"claimcheck: {url}: offline mode: URLs are not fetched\n"
    monkeypatch.setenv("CLAIMCHECK_OFFLINE", "1")
    assert cli.main(["check", url]) == 2
    assert capsys.readouterr().err == f"claimcheck: {url}: offline mode: URLs are not fetched\n"
    # (only this test's page: a slow handler of an earlier test may still log its late reply)
    assert [request for request, _ in local.log if request.path == "/offline.html"] == []


def test_cli_one_bad_url_among_several_inputs(local, cli_settings, capsys):
    serve_html(local, "/page.html", PAGE)
    local.expect_request("/gone").respond_with_data("", status=404)
    good, bad = local.url_for("/page.html"), local.url_for("/gone")
    assert cli.main(["check", good, bad, "--format", "json"]) == 2
    out, err = capsys.readouterr()
    reports = json.loads(out)
    assert reports[0]["error"] is None and reports[1]["error"].lower() == "http 404 not found"
    assert err.lower() == f"claimcheck: {bad}: HTTP 404 NOT FOUND\n".lower()


def test_every_fetch_failure_is_a_claimcheck_error():
    for cls in (FetchError, OfflineError, ExtractionError):
        assert issubclass(cls, ClaimcheckError)


def test_refused_type_is_not_downloaded():
    read = []

    def body():
        read.append(1)
        yield b"%PDF-1.7"

    handler = lambda r: httpx.Response(200, content=body(), headers={"content-type": "application/pdf"})  # noqa: E731
    with pytest.raises(FetchError, match="application/pdf"):
        fetch_article("https://journal.example/p.pdf", settings(), mock_client(handler))
    assert read == []


def test_http2_style_empty_reason_phrase():
    handler = lambda r: httpx.Response(404, extensions={"reason_phrase": b""})  # noqa: E731
    with pytest.raises(FetchError) as err:
        fetch_article("https://news.example/x", settings(), mock_client(handler))
    assert str(err.value) == "https://news.example/x: HTTP 404 Not Found"


def test_load_article_reuses_a_given_client():
    calls = []
    client = mock_client(lambda r: calls.append(str(r.url)) or html_response())
    article = load_article("https://news.example/a", settings(), client=client)
    assert calls == ["https://news.example/a"] and article.final_url == "https://news.example/a"
    assert not client.is_closed

"""Fetching an article from an http(s) URL, within bounds, and handing it to extraction.

    client = make_client(settings)                      # one client, reused; tests pass a transport
    article = fetch_article(url, settings, client)      # -> Article with url and final_url

Bounds: connect/read timeouts from `Settings` plus a total deadline, at most
`settings.max_redirects` redirects (followed here, so every hop is checked and loops are
named), a streamed body cap (`settings.max_body_bytes`, counted after gzip/brotli decoding,
so a compressed bomb stops too), http and https only. Offline mode opens no socket.

Every failure is a `FetchError` (or `OfflineError`) whose message is one line naming the URL
and the reason: "https://x/y: HTTP 404 Not Found", "...: timed out after 20 s",
"...: cannot resolve host", "...: unsupported content type application/pdf (a PDF)".
"""

from __future__ import annotations

import re
import socket
import ssl
import time

import httpx

from ..errors import FetchError, InputError, OfflineError
from ..models import Article
from ..settings import Settings
from .files import (
    declared_charset,
    decode_bytes,
    first_line,
    markdown_article,
    normalise_newlines,
)

ALLOWED_SCHEMES = ("http", "https")
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
MARKDOWN_TYPES = {"text/markdown", "text/x-markdown"}
TYPE_NAMES = {
    "application/pdf": "a PDF",
    "application/msword": "a Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "a Word document",
    "application/json": "JSON",
    "application/octet-stream": "binary data",
}
_SNIFF_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|p|div|article)\b", re.I | re.S)


def make_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The one HTTP client for article pages: explicit timeouts, our User-Agent, no auto-redirects.

    Redirects are followed by `fetch_article` itself (each hop's scheme checked, loops named).
    httpx decodes gzip and deflate, and brotli because the `brotli` package is installed.
    """
    return httpx.Client(
        timeout=httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=settings.connect_timeout,
        ),
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        },
        follow_redirects=False,
        transport=transport,
    )


def check_url(url: str) -> httpx.URL:
    """The URL parsed; refuses what is not a plain http(s) URL before any socket is opened."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ALLOWED_SCHEMES:
        hint = " (give a saved file as a plain path)" if scheme == "file" else ""
        raise FetchError(url, f"unsupported URL scheme '{scheme}:', only http and https URLs are fetched{hint}")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as err:
        raise FetchError(url, f"not a valid URL ({err})") from None
    if not parsed.host:
        raise FetchError(url, "not a valid URL (no host name)")
    return parsed


def fetch_article(url: str, settings: Settings, client: httpx.Client | None = None) -> Article:
    """Fetch `url` and extract its article. Raises `FetchError`, `ExtractionError` or `OfflineError`."""
    url = url.strip()
    check_url(url)
    if settings.offline:
        raise OfflineError(url, "offline mode: URLs are not fetched")
    own_client = client is None
    client = client or make_client(settings)
    try:
        body, content_type, charset, final_url = fetch_page(url, settings, client)
    finally:
        if own_client:
            client.close()
    return article_from_body(url, final_url, body, content_type, charset)


def fetch_page(url: str, settings: Settings, client: httpx.Client) -> tuple[bytes, str, str | None, str]:
    """(body, media type, declared charset, final URL) of `url`, redirects followed, bounds kept."""
    deadline = time.monotonic() + settings.total_timeout
    current = check_url(url)
    seen = [str(current)]
    for _ in range(settings.max_redirects + 1):
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out after {settings.total_timeout:g} s (total time limit)")
        try:
            response = client.send(client.build_request("GET", current), stream=True)
        except httpx.HTTPError as err:
            raise FetchError(url, describe_error(err, settings, str(current), url)) from None
        try:
            if response.is_redirect:
                current = next_hop(url, response, seen, settings)
                continue
            if response.status_code >= 400:
                reason = response.reason_phrase or httpx.codes.get_reason_phrase(response.status_code)
                raise FetchError(url, f"HTTP {response.status_code} {reason}".rstrip() + _after(str(current), url))
            content_type = media_type(response)
            if content_type:
                refuse_type(url, content_type)  # before reading a body we would refuse anyway
            body = read_body(url, response, settings, deadline)
            if not content_type:
                content_type = sniff_type(body)
                refuse_type(url, content_type)
            return body, content_type, response.charset_encoding, str(response.url)
        finally:
            response.close()
    raise FetchError(url, f"too many redirects (more than {settings.max_redirects})")


def next_hop(url: str, response: httpx.Response, seen: list[str], settings: Settings) -> httpx.URL:
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError(url, f"HTTP {response.status_code} redirect without a Location header")
    try:
        target = response.url.join(location)
    except (httpx.InvalidURL, ValueError):
        raise FetchError(url, f"redirected to an invalid URL: {location}") from None
    if target.scheme not in ALLOWED_SCHEMES:
        raise FetchError(url, f"redirected to an unsupported URL scheme '{target.scheme}:' ({location})")
    if str(target) in seen:
        loop = " -> ".join(seen[seen.index(str(target)):] + [str(target)])
        raise FetchError(url, f"redirect loop ({loop})")
    seen.append(str(target))
    if len(seen) > settings.max_redirects + 1:
        raise FetchError(url, f"too many redirects (more than {settings.max_redirects})")
    return target


def media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def sniff_type(body: bytes) -> str:
    """A media type for a response that did not send one."""
    head = body[:2048]
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if _SNIFF_HTML.match(head.lstrip(b"\xef\xbb\xbf")):
        return "text/html"
    if b"\x00" in head:
        return "application/octet-stream"
    return "text/plain"


def refuse_type(url: str, content_type: str) -> None:
    if content_type in HTML_TYPES or content_type in TEXT_TYPES or content_type in MARKDOWN_TYPES:
        return
    what = TYPE_NAMES.get(content_type) or ("an image" if content_type.startswith("image/") else None)
    detail = f" ({what})" if what else ""
    raise FetchError(url, f"unsupported content type {content_type}{detail}; only HTML pages and plain text are checked")


def read_body(url: str, response: httpx.Response, settings: Settings, deadline: float) -> bytes:
    """The decoded body, read in chunks; stops past the size cap or the total deadline."""
    cap = settings.max_body_bytes
    too_big = f"page larger than {format_size(cap)}"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(url, too_big)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(url, too_big)
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {settings.total_timeout:g} s (total time limit)")
    except httpx.HTTPError as err:
        raise FetchError(url, describe_error(err, settings, str(response.url), url)) from None
    return b"".join(chunks)


def format_size(n: int) -> str:
    """10485760 -> '10 MB', 10240 -> '10 KB', 10000 -> '10000 bytes'."""
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KB"
    return f"{n} bytes"


def _after(current: str, url: str) -> str:
    return f" (after redirect to {current})" if current != url else ""


def _root_causes(err: BaseException) -> list[BaseException]:
    chain = []
    seen = set()
    node: BaseException | None = err
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        chain.append(node)
        node = node.__cause__ or node.__context__
    return chain


def describe_error(err: httpx.HTTPError, settings: Settings, current: str, url: str) -> str:
    """A one-line reason for a transport failure."""
    where = _after(current, url)
    if isinstance(err, httpx.DecodingError):
        return f"cannot decode the compressed response body ({_one_line(err)}){where}"
    if isinstance(err, httpx.ConnectTimeout):
        return f"timed out after {settings.connect_timeout:g} s connecting{where}"
    if isinstance(err, httpx.TimeoutException):
        return f"timed out after {settings.read_timeout:g} s{where}"
    causes = _root_causes(err)
    text = " ".join(str(c) for c in causes).lower()
    if any(isinstance(c, socket.gaierror) for c in causes) or "name or service not known" in text \
            or "nodename nor servname" in text or "temporary failure in name resolution" in text \
            or "getaddrinfo failed" in text:
        return f"cannot resolve host {httpx.URL(current).host}{where}"
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or "connection refused" in text:
        return f"connection refused{where}"
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS error: {getattr(cause, 'verify_message', None) or 'certificate verify failed'}{where}"
    if any(isinstance(c, ssl.SSLError) for c in causes) or "ssl" in text or "tls" in text:
        return f"TLS error: {_one_line(err)}{where}"
    if isinstance(err, httpx.RemoteProtocolError):
        return f"the server broke the connection ({_one_line(err)}){where}"
    if isinstance(err, httpx.TooManyRedirects):
        return f"too many redirects (more than {settings.max_redirects})"
    return f"{_one_line(err) or type(err).__name__}{where}"


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())


def article_from_body(url: str, final_url: str, body: bytes, content_type: str, charset: str | None) -> Article:
    if not body.strip():
        raise FetchError(url, "empty response")
    try:
        text = decode_bytes(body, url, declared_charset(charset, body))
    except InputError as err:
        raise FetchError(url, err.reason) from None
    if content_type in TEXT_TYPES:
        article = Article(text=normalise_newlines(text), input=url, title=first_line(text))
    elif content_type in MARKDOWN_TYPES:
        article = markdown_article(text, url)
    else:
        from .html import extract_article

        article = extract_article(text, url, url=final_url)
    article.url = url
    article.final_url = final_url
    return article

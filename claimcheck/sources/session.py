"""HTTP for the bibliographic APIs: one client, per-host rate limits, bounded retries, a cache.

    client = make_api_client(settings)                 # the one factory; tests pass a transport
    session = ApiSession(client, settings, cache=ResponseCache.open(settings.cache_dir))
    data = session.get_json(url, params, rate=3.0)     # -> parsed JSON, or SourceError

Etiquette: a User-Agent with a contact address (Crossref's polite pool also gets `mailto`
from its adapter), a minimum interval per host (`rate` requests per second), retries on
429/502/503/504 that honour `Retry-After` (bounded: a wait longer than `max_wait` is not
waited out, it is reported), explicit timeouts from `Settings`, a size cap on bodies.

Every answer with status 200 is kept in a SQLite file in `settings.cache_dir`, keyed by
the URL without credentials (`api_key`, `mailto`, `email`), so checking an article again
makes no request. Why not hishel: its cache obeys the APIs' cache headers (Europe PMC and
E-utilities mostly say not to store), and a few lines of our own give a cache that always
answers a repeated lookup, is easy to inspect and to clear.

A host that cannot be reached, or that still rate-limits after the retries, is not asked
again during the same check: the other sources get the same reason at once.

Failures are `SourceError` with a one-line reason: "HTTP 500 from api.crossref.org",
"rate limited by www.ebi.ac.uk (HTTP 429, Retry-After 120 s)", "timed out after 20 s
(eutils.ncbi.nlm.nih.gov)", "malformed JSON from api.crossref.org".
"""

from __future__ import annotations

import email.utils
import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import httpx

from ..errors import SourceError
from ..ingest.fetch import describe_error, make_client
from ..settings import Settings

CACHE_FILE = "api-cache.sqlite3"
CACHE_TTL_SECONDS = 30 * 24 * 3600
RETRY_STATUSES = {429, 502, 503, 504}
PRIVATE_PARAMS = {"api_key", "mailto", "email", "tool"}


def make_api_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The client for API calls: ingest's client settings (timeouts, User-Agent), JSON, redirects."""
    client = make_client(settings, transport)
    client.headers["User-Agent"] = f"{settings.user_agent} (mailto:{settings.contact_email})"
    client.headers["Accept"] = "application/json"
    client.follow_redirects = True
    client.max_redirects = settings.max_redirects
    return client


@dataclass
class Etiquette:
    """How hard we may push: retries and their waits. Tests shorten the waits."""

    max_retries: int = 2
    max_wait: float = 30.0  # a Retry-After longer than this is reported, not waited out
    backoff: float = 1.0  # wait before retry n (no Retry-After): backoff * 2**n


class RateLimiter:
    """At most `rate` requests per second to each host (a minimum interval between them)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def wait(self, host: str, rate: float) -> None:
        with self._lock:
            now = self._clock()
            at = max(now, self._next.get(host, now))
            self._next[host] = at + 1.0 / rate
        if at > now:
            self._sleep(at - now)


class ResponseCache:
    """API answers by URL in SQLite. Any database error turns the cache off, never the lookup."""

    def __init__(self, path: Path | None, ttl: float = CACHE_TTL_SECONDS):
        self.path = path
        self.ttl = ttl
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS answers (url TEXT PRIMARY KEY, body BLOB NOT NULL, stored REAL NOT NULL)")
            db.commit()
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None

    @classmethod
    def open(cls, cache_dir: Path) -> "ResponseCache":
        return cls(Path(cache_dir) / CACHE_FILE)

    def get(self, url: str) -> bytes | None:
        if self._db is None:
            return None
        try:
            with self._lock:
                row = self._db.execute("SELECT body, stored FROM answers WHERE url = ?", (url,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or time.time() - row[1] > self.ttl:
            return None
        return bytes(row[0])

    def put(self, url: str, body: bytes) -> None:
        if self._db is None:
            return
        try:
            with self._lock:
                self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (url, body, time.time()))
                self._db.commit()
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def cache_key(url: httpx.URL) -> str:
    params = [(k, v) for k, v in url.params.multi_items() if k not in PRIVATE_PARAMS]
    return str(url.copy_with(params=params))


class _Unreachable(Exception):
    """A host that cannot be reached at all (DNS, refused, connect timeout): not asked again."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None without one."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class ApiSession:
    """GETs for the adapters: cache first, then the rate limit, the request, bounded retries."""

    def __init__(
        self,
        client: httpx.Client,
        settings: Settings,
        cache: ResponseCache | None = None,
        etiquette: Etiquette | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.client = client
        self.settings = settings
        self.cache = cache
        self.etiquette = etiquette or Etiquette()
        self.sleep = sleep
        self.limiter = RateLimiter(sleep=sleep)
        self.requests = 0  # sent over the network (cache hits not counted)
        self.down: dict[str, str] = {}  # host -> why we stopped asking it (unreachable, rate limited)

    def get_bytes(self, url: str, params: Mapping[str, Any] | None = None, rate: float = 3.0) -> bytes:
        try:
            full = httpx.URL(url, params={k: v for k, v in (params or {}).items() if v is not None})
        except (httpx.InvalidURL, TypeError) as err:
            raise SourceError(url, f"invalid API URL ({err})") from None
        if full.scheme not in ("http", "https") or not full.host:
            raise SourceError(url, "invalid API URL (not http or https)")
        key = cache_key(full)
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        host = full.host
        if host in self.down:  # unreachable or rate-limiting us earlier in this check: do not insist
            raise SourceError(str(full), self.down[host])
        attempt = 0
        while True:
            self.limiter.wait(host, rate)
            try:
                body, response = self._send(full, host)
            except _Unreachable as err:
                self.down[host] = err.reason
                raise SourceError(str(full), err.reason) from None
            if response.status_code == 200:
                if self.cache is not None:
                    self.cache.put(key, body)
                return body
            status = response.status_code
            if status in RETRY_STATUSES and attempt < self.etiquette.max_retries:
                wait = retry_after(response)
                if wait is None:
                    wait = self.etiquette.backoff * 2 ** attempt
                if wait <= self.etiquette.max_wait:
                    self.sleep(wait)
                    attempt += 1
                    continue
            reason = _status_reason(response, host, attempt)
            if status == 429:
                self.down[host] = reason
            raise SourceError(str(full), reason)

    def get_json(self, url: str, params: Mapping[str, Any] | None = None, rate: float = 3.0) -> Any:
        body = self.get_bytes(url, params, rate)
        try:
            return json.loads(body)
        except ValueError:
            host = httpx.URL(url).host or url
            raise SourceError(url, f"malformed JSON from {host}") from None

    def get_text(self, url: str, params: Mapping[str, Any] | None = None, rate: float = 3.0) -> str:
        return self.get_bytes(url, params, rate).decode("utf-8", "replace")

    def _send(self, url: httpx.URL, host: str) -> tuple[bytes, httpx.Response]:
        self.requests += 1
        try:
            response = self.client.send(self.client.build_request("GET", url), stream=True)
        except httpx.ConnectTimeout:
            raise _Unreachable(f"timed out after {self.settings.connect_timeout:g} s connecting to {host}") from None
        except httpx.TimeoutException:
            raise SourceError(str(url), f"timed out after {self.settings.read_timeout:g} s ({host})") from None
        except (httpx.ConnectError, httpx.UnsupportedProtocol) as err:
            raise _Unreachable(_with_host(describe_error(err, self.settings, str(url), str(url)), host)) from None
        except httpx.HTTPError as err:
            raise SourceError(str(url), _with_host(describe_error(err, self.settings, str(url), str(url)), host)) from None
        try:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.settings.max_body_bytes:
                    raise SourceError(str(url), f"answer from {host} larger than {self.settings.max_body_bytes} bytes")
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise SourceError(str(url), f"timed out after {self.settings.read_timeout:g} s ({host})") from None
        except httpx.HTTPError as err:
            raise SourceError(str(url), f"broken answer from {host} ({type(err).__name__})") from None
        finally:
            response.close()
        return b"".join(chunks), response


def _with_host(reason: str, host: str) -> str:
    return reason if host in reason else f"{reason} ({host})"


def _status_reason(response: httpx.Response, host: str, retries: int) -> str:
    status = response.status_code
    tried = f", after {retries} retr{'y' if retries == 1 else 'ies'}" if retries else ""
    if status == 429:
        wait = retry_after(response)
        after = f", Retry-After {wait:g} s" if wait is not None else ""
        return f"rate limited by {host} (HTTP 429{after}{tried})"
    if status == 404:
        return f"not found at {host} (HTTP 404)"
    phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
    return f"HTTP {status}{phrase} from {host}{tried}"

"""Turning an input (a path or a URL) into an `Article`.

    load_article("story.html")            -> Article (HTML main text via html.extract_article)
    load_article("https://...", settings) -> Article (fetched by fetch.py, then extracted)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Article
from ..settings import Settings, get_settings
from .files import is_url, read_file

if TYPE_CHECKING:
    import httpx


def load_article(source: str, settings: Settings | None = None, client: "httpx.Client | None" = None) -> Article:
    """The article behind `source`; raises a `ClaimcheckError` subclass with a one-line reason.

    `client` (from `fetch.make_client`) is reused for URLs when given; otherwise one is made
    for the fetch and closed after it.
    """
    settings = settings or get_settings()
    if is_url(source):
        from .fetch import fetch_article

        return fetch_article(source, settings, client)
    return read_file(source)

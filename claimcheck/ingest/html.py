"""Main text and metadata of an HTML page (trafilatura), links and meta tags (BeautifulSoup).

First version: trafilatura's main text and metadata. The ingestion work (issue 4) deepens it.
"""

from __future__ import annotations

import trafilatura

from ..errors import ExtractionError
from ..models import Article


def extract_article(html: str, name: str, url: str | None = None) -> Article:
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        favor_recall=True,
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise ExtractionError(name, "no article text found in the page")
    return Article(
        text=text,
        input=name,
        title=getattr(result, "title", None),
        url=url,
        published=getattr(result, "date", None),
        author=getattr(result, "author", None),
        site=getattr(result, "sitename", None),
    )

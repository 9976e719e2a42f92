"""Main text, metadata, links and meta tags of a saved or fetched HTML page.

    article = extract_article(html, "story.html")                 # a saved page
    article = extract_article(html, url, url="https://final/url")  # a fetched page

The steps, in order:

1. BeautifulSoup reads the meta tags trafilatura drops (`citation_*`, `dc.*`, `og:*`,
   `article:*`, the canonical URL) into `Article.meta`.
2. The page is pre-cleaned: the body container (the element holding the most paragraph
   text, reader comments left out) is located, and OUTSIDE it reader comments, boxes marked
   by their class or id as related links, most-read lists, teasers, newsletter sign-ups,
   promos, share bars, cookie banners or ad slots, and teaser cards (a link wrapping a
   headline) are removed. Furniture inside the body is left to trafilatura; what survives
   stays in the text so the residue check can show it to the user.
3. trafilatura (`bare_extraction`, metadata on, dedup off, links kept as `<ref>`) extracts
   the main text, title, author, date and site. Blocks are joined by blank lines.
4. The links trafilatura kept in the main text become `Article.links`, each with the offsets
   of its anchor text in `Article.text` (found in order), hrefs made absolute where a base
   URL is known.
5. When trafilatura finds no prose, the `<article>`, `<main>` or densest text block is used
   instead and `Article.warnings` says so; when that is empty too: `ExtractionError`.

Identifiers in link targets (`identifiers_in_url`): DOIs (doi.org and publisher URLs),
PubMed ids and PMC ids. The DOIs, PMIDs and PMCIDs of the body's links are also summarised
in `Article.meta` as `link_dois`, `link_pmids`, `link_pmcids` (space-separated, in order).
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Iterable
from urllib.parse import unquote, urljoin, urlsplit

import trafilatura
from bs4 import BeautifulSoup, Tag
from lxml.etree import _Element, strip_tags
from trafilatura.xml import xmltotxt

from ..errors import ExtractionError
from ..models import Article, Link

# ---------------------------------------------------------------------------------------------
# Meta tags

META_PREFIXES = ("citation_", "dc.", "dcterms.", "og:", "article:", "prism.")
META_NAMES = {"author", "description", "keywords"}


def read_meta(soup: BeautifulSoup) -> dict[str, str]:
    """Meta tags worth keeping, keys lower-cased; repeated keys (authors) joined with '; '."""
    meta: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("name") or tag.get("property") or tag.get("itemprop")
        content = tag.get("content")
        if not key or content is None:
            continue
        key = str(key).strip().lower()
        content = " ".join(str(content).split())
        if not content or not (key.startswith(META_PREFIXES) or key in META_NAMES):
            continue
        values = meta.setdefault(key, [])
        if content not in values:
            values.append(content)
    out = {key: "; ".join(values) for key, values in meta.items()}
    canonical = soup.find("link", rel=lambda rel: rel and "canonical" in rel, href=True)
    if canonical is not None and str(canonical["href"]).strip():
        out["canonical"] = str(canonical["href"]).strip()
    return out


# ---------------------------------------------------------------------------------------------
# Identifiers in URLs

_DOI_IN_URL = re.compile(r"(10\.\d{4,9}/[^\s?#&\"'<>]+)")
_DOI_TAIL = re.compile(r"(?:v\d+)?(?:\.(?:full|abstract|short|long|pdf|full\.pdf|full-text)|/(?:full|abstract|pdf|epdf|html|full-text))*$", re.I)
_PREPRINT_HOSTS = ("biorxiv.org", "medrxiv.org")
_NATURE_ARTICLE = re.compile(r"^/articles/((?:s\d{5}-\d{3}-\d{5}-\w|[a-z]+\d{4,})[\w.-]*)$", re.I)
_PUBMED = re.compile(r"^/(?:pubmed/)?(\d{1,9})/?$")
_PMC = re.compile(r"/(?:pmc/)?articles/(PMC\d+)", re.I)
_EUROPEPMC = re.compile(r"^/(?:article|abstract)/(MED|PMC)/(PMC)?(\d+)", re.I)


def identifiers_in_url(href: str) -> dict[str, str]:
    """DOI, PMID and PMCID that a link points at: {'doi': ..., 'pmid': ..., 'pmcid': ...}.

    Knows doi.org / dx.doi.org, publisher paths and queries holding a DOI (`/doi/10.x/...`,
    `?id=10.x/...`), bioRxiv/medRxiv (version suffix dropped), nature.com article ids,
    PubMed (`pubmed.ncbi.nlm.nih.gov/123`), PMC and Europe PMC.
    """
    found: dict[str, str] = {}
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return found
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    path = unquote(parts.path)
    if host in ("pubmed.ncbi.nlm.nih.gov",) or (host == "ncbi.nlm.nih.gov" and path.startswith("/pubmed/")):
        m = _PUBMED.match(path)
        if m:
            found["pmid"] = m.group(1)
    if host in ("ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov"):
        m = _PMC.search(path)
        if m:
            found["pmcid"] = m.group(1).upper()
    if host == "europepmc.org":
        m = _EUROPEPMC.match(path)
        if m and m.group(1).upper() == "MED":
            found["pmid"] = m.group(3)
        elif m:
            found["pmcid"] = "PMC" + m.group(3)
    doi = None
    for candidate in (path, unquote(parts.query)):
        m = _DOI_IN_URL.search(candidate)
        if m:
            doi = m.group(1)
            break
    if doi:
        doi = doi.rstrip(".,;)/")
        if host.endswith(_PREPRINT_HOSTS):
            doi = _DOI_TAIL.sub("", doi)
        elif not host.endswith("doi.org"):
            doi = re.sub(r"/(?:full|abstract|pdf|epdf|html|full-text)$", "", doi, flags=re.I)
        found["doi"] = doi
    elif host.endswith("nature.com"):
        m = _NATURE_ARTICLE.match(path)
        if m:
            found["doi"] = "10.1038/" + m.group(1)
    return found


# ---------------------------------------------------------------------------------------------
# Pre-cleaning: the body container and the furniture outside it

_CSS_MODULE = re.compile(r"^([A-Za-z][A-Za-z0-9]*)_([A-Za-z][A-Za-z0-9]*)__[A-Za-z0-9_-]{3,}$")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_COMMENT_WORDS = {"comment", "comments", "commentlist", "disqus"}
_COMMENT_IDS = {"respond", "disqus_thread", "comments", "comment-section", "commentsection"}
_COMMENT_NOT = {"open", "closed", "count", "counts", "link", "links", "icon", "btn", "button", "number", "num", "policy"}
_FURNITURE_WORDS = {
    "related", "relatedposts", "recommended", "recommendations", "recirc", "recirculation", "onward",
    "outbrain", "taboola", "teaser", "teasers", "mostread", "mostpopular", "mostviewed", "popular",
    "trending", "newsletter", "newsletters", "signup", "subscribe", "subscription", "promo", "promos",
    "promotion", "promoted", "sponsored", "share", "sharing", "sharebar", "sharetools", "social",
    "cookie", "cookies", "consent", "gdpr", "paywall", "adslot", "advert", "advertisement", "ad", "ads",
}
_FURNITURE_PAIRS = {("most", "read"), ("most", "popular"), ("most", "viewed"), ("most", "shared"),
                    ("sign", "up"), ("read", "next"), ("more", "from"), ("you", "may"), ("also", "like")}
_NEVER_REMOVED = {"html", "body", "head"}
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td", "dd")


def _class_tokens(tag: Tag) -> list[list[str]]:
    """Words of each class and of the id, CSS-module hashes dropped (`Newsletter_box__Qm2aL`)."""
    values = list(tag.get("class") or [])
    if tag.get("id"):
        values.append(str(tag["id"]))
    words = []
    for value in values:
        m = _CSS_MODULE.match(value)
        if m:
            value = f"{m.group(1)} {m.group(2)}"
        value = _CAMEL.sub(" ", value).lower()
        words.append([w for w in re.split(r"[^a-z0-9]+", value) if w])
    return words


def is_comments(tag: Tag) -> bool:
    """A reader-comments block (`#comments`, `.comment-list`, `.lg-comment__body`, Disqus)."""
    if tag.name in ("html", "body"):
        return False
    if str(tag.get("id", "")).lower() in _COMMENT_IDS:
        return True
    for words in _class_tokens(tag):
        if _COMMENT_WORDS & set(words) and not _COMMENT_NOT & set(words):
            return True
    return False


def is_furniture(tag: Tag) -> bool:
    """A box marked by its class or id as page furniture (related, promo, share, ads...)."""
    if tag.name in _NEVER_REMOVED:
        return False
    for words in _class_tokens(tag):
        if _FURNITURE_WORDS & set(words):
            return True
        if any(pair in _FURNITURE_PAIRS for pair in zip(words, words[1:])):
            return True
    return False


def _squash(text: str) -> str:
    return " ".join(text.split())


def _text_len(tag: Tag) -> int:
    return len(_squash(tag.get_text(" ")))


def find_body_container(soup: BeautifulSoup) -> Tag | None:
    """The element whose paragraphs hold the most text (reader comments not counted).

    Each paragraph counts in full for its parent and half for its grandparent.
    """
    in_comments: dict[int, bool] = {}

    def inside_comments(tag: Tag) -> bool:
        chain = []
        node: Tag | None = tag
        result = False
        while node is not None and node.name not in ("body", "html", "[document]"):
            if id(node) in in_comments:
                result = in_comments[id(node)]
                break
            chain.append(node)
            if is_comments(node):
                result = True
                break
            node = node.parent
        for seen in chain:
            in_comments[id(seen)] = result
        return result

    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}

    def credit(tag: Tag | None, amount: float) -> None:
        if tag is not None and tag.name not in ("html", "[document]"):
            tags[id(tag)] = tag
            scores[id(tag)] = scores.get(id(tag), 0) + amount

    for block in soup.find_all(["p", "div", "section", "td"]):
        if block.name == "p":
            holder, length, minimum = block.parent, _text_len(block), 25
        else:  # text written straight into a div (older CMSs), between <br> tags
            holder, minimum = block, 80
            length = sum(len(_squash(str(s))) for s in block.find_all(string=True, recursive=False))
        if length < minimum or holder is None or inside_comments(block):
            continue
        credit(holder, length)
        # half to the grandparent: a body whose paragraphs each sit in a wrapper still wins
        credit(holder.parent, length / 2)
    if not scores:
        return None
    return tags[max(scores, key=scores.__getitem__)]


def _ancestors_and_self(tag: Tag | None) -> set[int]:
    ids = set()
    while tag is not None:
        ids.add(id(tag))
        tag = tag.parent
    return ids


def unwrap_layout_tables(soup: BeautifulSoup) -> None:
    """Tables used for page layout (a cell holding 300+ characters) become plain divs.

    Data tables (results, doses) stay tables; a layout table would otherwise come out as one
    `| menu | article |` row.
    """
    for table in soup.find_all("table"):
        parts = [t for t in table.find_all(["thead", "tbody", "tfoot", "tr", "td", "th"])
                 if t.find_parent("table") is table]
        if any(t.name in ("td", "th") and _text_len(t) > 300 for t in parts):
            for tag in [table, *parts]:
                tag.name = "div"


def preclean(soup: BeautifulSoup, body: Tag | None) -> None:
    """Remove reader comments, furniture boxes and teaser cards outside `body`.

    Inside the body nothing is removed here: a marked box there ("expert comment", an inline
    promo) is left to trafilatura, and plain furniture lines stay for the residue check.
    """
    unwrap_layout_tables(soup)
    keep = _ancestors_and_self(body)
    inside = {id(t) for t in body.find_all(True)} if body is not None else set()
    body_len = _text_len(body) if body is not None else 0
    for tag in soup.find_all(True):
        if tag.decomposed or id(tag) in keep or id(tag) in inside:
            continue
        if is_comments(tag):
            tag.decompose()
        elif is_furniture(tag) and (body is None or _text_len(tag) < 0.5 * body_len):
            tag.decompose()
        elif _is_teaser_card(tag):
            tag.decompose()


def _is_teaser_card(tag: Tag) -> bool:
    """A link wrapping a headline (a teaser card), or a headline that is only a link."""
    if tag.name == "a":
        return tag.find(["h2", "h3", "h4", "h5", "h6"]) is not None
    if tag.name in ("h2", "h3", "h4", "h5", "h6"):
        link = tag.find("a")
        return link is not None and _squash(link.get_text(" ")) == _squash(tag.get_text(" ")) != ""
    return False


# ---------------------------------------------------------------------------------------------
# Text

TRAFILATURA_OPTIONS = {
    "include_comments": False,  # reader comments are not the article
    "include_tables": True,  # results tables carry claims
    "include_links": False,
    "deduplicate": False,  # holds global state across calls
    "favor_recall": True,  # lose no paragraph of the body; the pre-clean removes the furniture
}

_WORD = re.compile(r"[^\W\d_]{2,}")


def looks_like_prose(text: str) -> bool:
    """At least one line that reads as a sentence (menus and lone labels do not)."""
    for line in text.splitlines():
        words = _WORD.findall(line)
        if len(words) >= 10 or (len(words) >= 3 and re.search(r"[.!?:;\"”)]\s*$", line.strip())):
            return True
    return False


_XML_BLOCKS = {"p", "head", "list", "quote", "table", "code", "graphic", "div", "section"}
_XML_CONTAINERS = {"body", "div", "section"}


def text_of_body(body: _Element) -> str:
    """trafilatura's XML body as text: one paragraph per block, blocks joined by a blank line.

    Links (`<ref>`) are read as their text. `<div>` wrappers (trafilatura's recall mode keeps
    some) are walked into; loose text and inline elements between blocks form a paragraph.
    """
    blocks: list[str] = []

    def add(text: str) -> None:
        lines = [" ".join(line.split()) for line in text.splitlines()]
        text = "\n".join(line for line in lines if line)
        if text:
            blocks.append(text)

    def walk(container: _Element) -> None:
        loose = [container.text or ""]
        for child in container:
            if child.tag in _XML_BLOCKS:
                add("".join(loose))
                loose = []
                if child.tag in _XML_CONTAINERS:
                    walk(child)
                else:
                    node = deepcopy(child)
                    node.tail = None
                    strip_tags(node, "ref")
                    add(xmltotxt(node, include_formatting=False))
            else:
                loose.append("\n" if child.tag == "lb" else "".join(child.itertext()))
            loose.append(child.tail or "")
        add("".join(loose))

    walk(body)
    return "\n\n".join(blocks)


def fallback_text(soup: BeautifulSoup, body: Tag | None) -> tuple[str, str, Tag | None]:
    """Text of `<article>`, `<main>` or the densest block, which one was used, and the element."""
    for tag, label in ((soup.find("article"), "<article> element"), (soup.find("main"), "<main> element"),
                       (body, "densest text block")):
        if tag is None:
            continue
        text = block_text(tag)
        if looks_like_prose(text):
            return text, label, tag
    return "", "", None


def block_text(tag: Tag) -> str:
    for junk in tag.find_all(["script", "style", "noscript", "template", "nav", "form", "button"]):
        junk.decompose()
    blocks = [_squash(b.get_text(" ")) for b in tag.find_all(_BLOCK_TAGS) if not b.find(_BLOCK_TAGS)]
    blocks = [b for b in blocks if b]
    if not blocks:
        blocks = [line for line in (_squash(s) for s in tag.get_text("\n").splitlines()) if line]
    return "\n\n".join(blocks)


# ---------------------------------------------------------------------------------------------
# Links

def locate_links(text: str, anchors: Iterable[tuple[str, str]], base: str | None) -> list[Link]:
    """`Link`s for (href, anchor text) pairs, each found in `text` after the previous one.

    An anchor not found after the previous link is dropped rather than pinned to an earlier,
    possibly unrelated, occurrence of the same words.
    """
    links: list[Link] = []
    cursor = 0
    for href, anchor in anchors:
        href = href.strip()
        words = anchor.split()
        if not href or not words or href.startswith(("#", "javascript:")):
            continue
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        m = pattern.search(text, cursor)
        if m is None:
            continue
        cursor = m.end()
        if base:
            href = urljoin(base, href)
        links.append(Link(href=href, text=m.group(0), start=m.start(), end=m.end()))
    return links


def kept_links(html: str, url: str | None) -> list[tuple[str, str]]:
    """(href, anchor text) of the links trafilatura keeps in the main text, in order.

    A second, link-keeping pass: the text itself comes from a pass without links, because
    trafilatura's link mode can change what it keeps (it leaves orphaned anchor fragments).
    Anchors of this pass that are not in the text are dropped by `locate_links`.
    """
    result = trafilatura.bare_extraction(html, url=url, with_metadata=False,
                                         **{**TRAFILATURA_OPTIONS, "include_links": True})
    if result is None or result.body is None:
        return []
    return [(ref.get("target") or "", "".join(ref.itertext())) for ref in result.body.iter("ref")]


def _soup_anchors(tag: Tag | None) -> list[tuple[str, str]]:
    if tag is None:
        return []
    return [(str(a["href"]), a.get_text(" ")) for a in tag.find_all("a", href=True)]


def _summarise_identifiers(links: list[Link], meta: dict[str, str]) -> None:
    found: dict[str, list[str]] = {"doi": [], "pmid": [], "pmcid": []}
    for link in links:
        for kind, value in identifiers_in_url(link.href).items():
            if value not in found[kind]:
                found[kind].append(value)
    for kind, values in found.items():
        if values:
            meta[f"link_{kind}s"] = " ".join(values)


# ---------------------------------------------------------------------------------------------

def extract_article(html: str, name: str, url: str | None = None) -> Article:
    """The article in `html`; `name` is the input shown to the user, `url` the page's address."""
    soup = BeautifulSoup(html, "lxml")
    meta = read_meta(soup)
    base_tag = soup.find("base", href=True)
    base = urljoin(url or "", str(base_tag["href"])) if base_tag is not None else url
    base = base or meta.get("canonical") or meta.get("og:url")

    body = find_body_container(soup)
    preclean(soup, body)
    cleaned = str(soup)
    result = trafilatura.bare_extraction(cleaned, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    text = text_of_body(result.body) if result is not None and result.body is not None else ""
    warnings: list[str] = []
    if looks_like_prose(text):
        anchors = kept_links(cleaned, url)
    else:
        text, used, container = fallback_text(soup, body)
        if not text:
            raise ExtractionError(name, "no article text found in the page")
        warnings.append(f"the main-text extractor found no article text; used the page's {used} "
                        "instead, so menus or other page furniture may be mixed in")
        anchors = _soup_anchors(container)
    links = locate_links(text, anchors, base)
    _summarise_identifiers(links, meta)

    def first(*values: str | None) -> str | None:
        for value in values:
            if value and value.strip():
                return " ".join(value.split())
        return None

    title_tag = soup.find("title")
    return Article(
        text=text,
        input=name,
        title=first(getattr(result, "title", None), meta.get("og:title"), meta.get("citation_title"),
                    title_tag.get_text() if title_tag else None),
        url=url,
        published=first(getattr(result, "date", None), meta.get("article:published_time"),
                        meta.get("citation_publication_date")),
        author=first(getattr(result, "author", None), meta.get("author")),
        site=first(getattr(result, "sitename", None), meta.get("og:site_name")),
        links=links,
        meta=meta,
        warnings=warnings,
    )

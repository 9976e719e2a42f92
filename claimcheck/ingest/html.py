"""Main text, metadata, links and meta tags of a saved or fetched HTML page.

    article = extract_article(html, "story.html")                 # a saved page
    article = extract_article(html, url, url="https://final/url")  # a fetched page

The steps, in order:

1. The page is parsed once, by lxml (`parse_html`); every step below works on that tree.
   The meta tags trafilatura drops (`citation_*`, `dc.*`, `og:*`, `article:*`, the
   canonical URL) are read into `Article.meta`.
2. The page is pre-cleaned: the body container (the element holding the most paragraph
   text, reader comments left out) is located, and OUTSIDE it reader comments, boxes marked
   by their class or id as related links, most-read lists, teasers, newsletter sign-ups,
   promos, share bars, cookie banners or ad slots, and teaser cards (a link wrapping a
   headline) are removed. Furniture inside the body is left to trafilatura; what survives
   stays in the text so the residue check can show it to the user. The captions of the
   article's figures become paragraphs (trafilatura drops figures whole).
3. trafilatura (`bare_extraction`, one pass, metadata on, dedup off) extracts the main text,
   title, author, date and site from the pre-cleaned tree (handed over as a tree, not
   re-serialised). Blocks are joined by blank lines.
4. The page's links whose paragraph is in the main text become `Article.links`, each with
   the offsets of its anchor text in `Article.text` (found in order), hrefs made absolute
   where a base URL is known.
5. When trafilatura finds no prose, the `<article>`, `<main>` or densest text block is used
   instead and `Article.warnings` says so; when that is empty too: `ExtractionError`.

Text lengths and texts measured on the tree follow BeautifulSoup's `get_text(separator)`,
which this module used before (and which the thresholds were tuned with): every text node
is a separate string, comments are not text, and text inside `<script>`, `<style>`,
`<template>`, `<rt>` and `<rp>` belongs to those elements only (`element_text`).

Identifiers in link targets (`identifiers_in_url`): DOIs (doi.org and publisher URLs),
PubMed ids and PMC ids. The DOIs, PMIDs and PMCIDs of the body's links are also summarised
in `Article.meta` as `link_dois`, `link_pmids`, `link_pmcids` (space-separated, in order).
"""

from __future__ import annotations

import re
from copy import copy, deepcopy
from functools import lru_cache
from typing import Iterable
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree
from lxml.etree import (
    Comment,
    ParserError,
    ProcessingInstruction,
    XPath,
    _Element,
    strip_tags,
)
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.settings import Extractor
from trafilatura.xml import xmltotxt

from ..errors import ExtractionError
from ..models import Article, Link

# ---------------------------------------------------------------------------------------------
# The tree

# Comments are kept while the page is analysed (a comment separates two text nodes, and a
# `<div>`'s own strings count its comments, as BeautifulSoup did); they are stripped before
# trafilatura sees the tree, as its own parser would have dropped them.
_PARSER = lxml.html.HTMLParser(remove_comments=False, remove_pis=False, collect_ids=False,
                               default_doctype=False)
_PARSER_UTF8 = lxml.html.HTMLParser(remove_comments=False, remove_pis=False, collect_ids=False,
                                    default_doctype=False, encoding="utf-8")
# libxml2 stops a page at 256 nested elements (trafilatura's parser does too); BeautifulSoup
# read on. A deeper page is read again without the limit (up to 2048), and trafilatura gets
# it cut where its parser would have stopped (`_cut_at_depth`).
_MAX_DEPTH = 256
_PARSER_DEEP = lxml.html.HTMLParser(remove_comments=False, remove_pis=False, collect_ids=False,
                                    default_doctype=False, huge_tree=True)
_PARSER_DEEP_UTF8 = lxml.html.HTMLParser(remove_comments=False, remove_pis=False, collect_ids=False,
                                         default_doctype=False, huge_tree=True, encoding="utf-8")
# lxml.html's own class lookup is a Python call for every element object made (here and in
# trafilatura, which works on copies of this tree); this one, in C, gives the same classes
# except the form-control subclasses (FormElement, InputElement...), which nothing here uses.
_LOOKUP = etree.ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment,
                                          pi=HtmlProcessingInstruction, entity=HtmlEntity)
for _parser in (_PARSER, _PARSER_UTF8, _PARSER_DEEP, _PARSER_DEEP_UTF8):
    _parser.set_element_class_lookup(_LOOKUP)
_SELF_CLOSED_HTML = re.compile(r"(<html\b[^>]*?)\s*/>", re.I)


def parse_html(html: str) -> HtmlElement:
    """The page's `<html>` element (an empty one for a page without any element)."""
    return _parse(html)[0]


def _parse(html: str) -> tuple[HtmlElement, bool, bool]:
    """The page's `<html>` element, whether it is nested deeper than libxml2's limit, and
    whether it holds control characters invalid in XML."""
    if html[:1] == "\ufeff":
        html = html[1:]
    controls = _has_controls(html)
    root, parser = _parse_with(html, _PARSER, _PARSER_UTF8)
    deep = any(error.message.startswith("Excessive depth") for error in parser.error_log)
    if deep:
        root = _parse_with(html, _PARSER_DEEP, _PARSER_DEEP_UTF8)[0]
    # BeautifulSoup split class-like attribute values into lists and wrote them out joined by
    # single spaces (before the pre-clean renamed any tag)
    _join_list_attributes(root, controls)
    return root, deep, controls


def _join_list_attributes(root: HtmlElement, controls: bool) -> None:
    """Class-like attribute values (BeautifulSoup's list) re-joined by single spaces."""
    if controls:  # control characters (str.split() splits at \x0c and \x1c-\x1f): not XPath-able
        for el in root.iter():
            for name, value in el.items():
                _join_list_attribute(el, name, value)
    else:
        for value in _ODD_SPACED_ATTRIBUTE(root):
            _join_list_attribute(value.getparent(), value.attrname, value)


def _has_controls(html: str) -> bool:
    """Control characters invalid in XML in the page, or character references to them."""
    return bool(_INVALID_XML_CHARS.search(html) or _INVALID_XML_CHAR_REF.search(html))


def _parse_with(html: str, parser: lxml.html.HTMLParser, utf8_parser: lxml.html.HTMLParser
                ) -> tuple[HtmlElement, lxml.html.HTMLParser]:
    try:
        try:
            return lxml.html.document_fromstring(html, parser=parser), parser
        except ValueError:  # "Unicode strings with encoding declaration are not supported"
            return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=utf8_parser), utf8_parser
    except (ParserError, ValueError):  # nothing but whitespace or comments
        return lxml.html.document_fromstring("<html></html>", parser=parser), parser


# Strings inside these elements are theirs alone: an ancestor's text leaves them out.
_STRING_CONTAINERS = frozenset(("rt", "rp", "style", "script", "template"))


def _container_of(el: HtmlElement) -> str | None:
    """The innermost string container holding `el`'s own text (itself or an ancestor)."""
    if el.tag in _STRING_CONTAINERS:
        return el.tag
    for ancestor in el.iterancestors(*_STRING_CONTAINERS):
        return ancestor.tag
    return None


def element_strings(el: HtmlElement) -> list[str]:
    """The text nodes of `el`'s subtree that BeautifulSoup's `get_text` joins, in order.

    Comments are left out; so is text inside a nested `<script>`, `<style>`, `<template>`,
    `<rt>` or `<rp>` (and, for one of those, text inside a different one).
    """
    wanted = _container_of(el)
    if wanted is None or wanted == el.tag:
        nested = next(el.iterdescendants(*_STRING_CONTAINERS), None)
        if nested is None:  # the common case: no string container inside
            return [t for t in el.itertext() if t]
    else:  # el's text belongs to an enclosing <script>/<template>...
        return []
    out = [el.text] if el.text else []
    todo = [(child, wanted, False) for child in reversed(el)]  # (node, kind of its context, tail?)
    while todo:
        node, kind, tail = todo.pop()
        if tail:
            if node.tail and kind == wanted:
                out.append(node.tail)
        elif isinstance(node.tag, str):
            inner = node.tag if node.tag in _STRING_CONTAINERS else kind
            if node.text and inner == wanted:
                out.append(node.text)
            todo.append((node, kind, True))
            todo.extend((child, inner, False) for child in reversed(node))
        elif node.tail and kind == wanted:  # a comment: its tail only
            out.append(node.tail)
    return out


def element_text(el: HtmlElement, separator: str = "") -> str:
    return separator.join(element_strings(el))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _text_len(el: HtmlElement) -> int:
    return len(_squash(element_text(el, " ")))


def _own_strings_len(el: HtmlElement) -> int:
    """Characters of the strings written straight into `el` (its comments included), squashed."""
    total = len(_squash(el.text)) if el.text else 0
    for child in el:
        if not isinstance(child.tag, str) and child.text:  # a comment
            total += len(_squash(child.text))
        if child.tail:
            total += len(_squash(child.tail))
    return total


def _first(el: HtmlElement, *tags: str) -> HtmlElement | None:
    """The first descendant of `el` with one of `tags` (not `el` itself)."""
    return next(el.iterdescendants(*tags), None)


def _remove(el: HtmlElement) -> None:
    """Take `el` and its subtree out, leaving a comment in its place.

    The comment keeps the text before and after apart, as two strings (BeautifulSoup's
    `decompose` did the same); comments are stripped before trafilatura parses the tree.
    """
    marker = Comment("removed")
    tail = el.tail
    if tail and _INVALID_XML_CHARS.search(tail):
        tail = _INVALID_XML_CHARS.sub("", tail)  # lxml refuses to set control characters
    marker.tail = tail
    el.tail = None
    el.getparent().replace(el, marker)


# ---------------------------------------------------------------------------------------------
# Meta tags

META_PREFIXES = ("citation_", "dc.", "dcterms.", "og:", "article:", "prism.")
META_NAMES = {"author", "description", "keywords"}


def read_meta(root: HtmlElement) -> dict[str, str]:
    """Meta tags worth keeping, keys lower-cased; repeated keys (authors) joined with '; '."""
    meta: dict[str, list[str]] = {}
    for tag in root.iter("meta"):
        key = tag.get("name") or tag.get("property") or tag.get("itemprop")
        content = tag.get("content")
        if not key or content is None:
            continue
        key = key.strip().lower()
        content = " ".join(content.split())
        if not content or not (key.startswith(META_PREFIXES) or key in META_NAMES):
            continue
        values = meta.setdefault(key, [])
        if content not in values:
            values.append(content)
    out = {key: "; ".join(values) for key, values in meta.items()}
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "") and link.get("href") is not None:
            if link.get("href").strip():
                out["canonical"] = link.get("href").strip()
            break
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
_NON_WORD = re.compile(r"[^a-z0-9]+")
_COMMENT_WORDS = {"comment", "comments", "commentlist", "disqus", "responses", "replies"}
_COMMENT_IDS = {"respond", "disqus_thread", "comments", "comment-section", "commentsection"}
_COMMENT_NOT = {"open", "closed", "count", "counts", "link", "links", "icon", "btn", "button", "number", "num", "policy"}
_FURNITURE_WORDS = {
    "related", "relatedposts", "recommended", "recommendations", "recirc", "recirculation", "onward",
    "outbrain", "taboola", "teaser", "teasers", "mostread", "mostpopular", "mostviewed", "popular",
    "trending", "newsletter", "newsletters", "signup", "subscribe", "subscription", "promo", "promos",
    "promotion", "promoted", "sponsored", "share", "sharing", "sharebar", "sharetools", "social",
    "cookie", "cookies", "consent", "gdpr", "paywall", "adslot", "advert", "advertisement", "ad", "ads",
    "poll", "quiz", "copyright", "cme", "cpd", "feedback", "tags", "taglist", "topics", "readtime", "readingtime",
}
# Boxes never the article's, removed from the body too: a reader poll or quiz set in the text
# (its question and its vote counts are the page's).
_INTERACTIVE_WORDS = frozenset({"poll", "quiz"})


def _may_be_interactive(classes: str | None) -> bool:
    """A cheap look at a class attribute before it is split into words."""
    if not classes:
        return False
    lowered = classes.lower()
    return "poll" in lowered or "quiz" in lowered
_FURNITURE_PAIRS = {("most", "read"), ("most", "popular"), ("most", "viewed"), ("most", "shared"),
                    ("sign", "up"), ("read", "next"), ("more", "from"), ("you", "may"), ("also", "like"),
                    ("article", "tools"), ("story", "tools"), ("end", "tools"), ("page", "tools"),
                    ("read", "time"), ("reading", "time")}  # ("4 min read", the page's)
_NEVER_REMOVED = {"html", "body", "head"}
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td", "dd")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _class_tokens(tag: HtmlElement) -> list[list[str]]:
    """Words of each class and of the id, CSS-module hashes dropped (`Newsletter_box__Qm2aL`)."""
    return _tokens(tag.get("class"), tag.get("id"))


def _tokens(classes: str | None, id_: str | None) -> list[list[str]]:
    values = classes.split() if classes else []
    if id_:
        values.append(id_)
    words = []
    for value in values:
        m = _CSS_MODULE.match(value)
        if m:
            value = f"{m.group(1)} {m.group(2)}"
        value = _CAMEL.sub(" ", value).lower()
        words.append([w for w in _NON_WORD.split(value) if w])
    return words


@lru_cache(maxsize=8192)
def _marks(classes: str | None, id_: str | None) -> tuple[bool, bool]:
    """(marked as reader comments, marked as furniture) by a class and id; cached, pages repeat them."""
    comments = (id_ or "").lower() in _COMMENT_IDS
    furniture = False
    for words in _tokens(classes, id_):
        found = set(words)
        if _COMMENT_WORDS & found and not _COMMENT_NOT & found:
            comments = True
        if _FURNITURE_WORDS & found or any(pair in _FURNITURE_PAIRS for pair in zip(words, words[1:])):
            furniture = True
    return comments, furniture


def is_comments(tag: HtmlElement) -> bool:
    """A reader-comments block (`#comments`, `.comment-list`, `.lg-comment__body`, Disqus)."""
    if tag.tag in ("html", "body"):
        return False
    return _marks(tag.get("class"), tag.get("id"))[0]


def is_furniture(tag: HtmlElement) -> bool:
    """A box marked by its class or id as page furniture (related, promo, share, ads...)."""
    if tag.tag in _NEVER_REMOVED:
        return False
    return _marks(tag.get("class"), tag.get("id"))[1]


def find_body_container(root: HtmlElement) -> HtmlElement | None:
    """The element whose paragraphs hold the most text (reader comments not counted).

    Each paragraph counts in full for its parent and half for its grandparent.
    """
    in_comments: dict[HtmlElement, bool] = {}

    def inside_comments(tag: HtmlElement) -> bool:
        chain = []
        node: HtmlElement | None = tag
        result = False
        while node is not None and node.tag not in ("body", "html"):
            if node in in_comments:
                result = in_comments[node]
                break
            chain.append(node)
            if is_comments(node):
                result = True
                break
            node = node.getparent()
        for seen in chain:
            in_comments[seen] = result
        return result

    scores: dict[HtmlElement, float] = {}

    def credit(tag: HtmlElement | None, amount: float) -> None:
        if tag is not None and tag.tag != "html":
            scores[tag] = scores.get(tag, 0) + amount

    for block in root.iter("p", "div", "section", "td"):
        if block.tag == "p":
            holder, length, minimum = block.getparent(), _text_len(block), 25
        else:  # text written straight into a div (older CMSs), between <br> tags
            holder, minimum = block, 80
            length = _own_strings_len(block)
        if length < minimum or holder is None or inside_comments(block):
            continue
        credit(holder, length)
        # half to the grandparent: a body whose paragraphs each sit in a wrapper still wins
        credit(holder.getparent(), length / 2)
    if not scores:
        return None
    return max(scores, key=scores.__getitem__)


def unwrap_layout_tables(root: HtmlElement) -> bool:
    """Tables used for page layout (a cell holding 300+ characters) become plain divs.

    Data tables (results, doses) stay tables; a layout table would otherwise come out as one
    `| menu | article |` row.
    """
    for table in list(root.iter("table")):
        parts = [t for t in table.iterdescendants("thead", "tbody", "tfoot", "tr", "td", "th")
                 if next(t.iterancestors("table")) is table]
        if any(t.tag in ("td", "th") and _text_len(t) > 300 for t in parts):
            for tag in [table, *parts]:
                tag.tag = "div"


def preclean(root: HtmlElement, body: HtmlElement | None) -> None:
    """Remove reader comments, furniture boxes and teaser cards outside `body`.

    Inside the body nothing is removed here but a reader poll or quiz: a marked box there
    ("expert comment", an inline promo) is left to trafilatura, and plain furniture lines stay
    for the residue check.
    """
    unwrap_layout_tables(root)
    if body is not None:
        for tag in [el for el in body.iterdescendants() if isinstance(el.tag, str) and _may_be_interactive(el.get("class"))]:
            if any(_INTERACTIVE_WORDS.intersection(words) for words in _class_tokens(tag)):
                _remove(tag)
    keep = set(body.iterancestors()) if body is not None else set()
    body_len = _text_len(body) if body is not None else 0
    # document order; a removed element's subtree and the body's are not visited
    todo = [root]
    while todo:
        tag = todo.pop()
        if tag is body:
            continue
        if tag not in keep:
            if is_comments(tag):
                _remove(tag)
                continue
            if is_furniture(tag) and (body is None or _text_len(tag) < 0.5 * body_len):
                _remove(tag)
                continue
            if _is_teaser_card(tag):
                _remove(tag)
                continue
        todo.extend(child for child in reversed(tag) if isinstance(child.tag, str))


_BYLINE = re.compile(r"(?i:byline|author)")


def inline_times_as_text(scope: HtmlElement) -> None:
    """A `<time>` inside a line of text gives its text to the line: trafilatura drops `<time>`
    elements whole, which left "Updated , Thu 13 Mar 2025" of "Updated <time>11:34
    GMT</time>, Thu 13 Mar 2025". The element stays, empty, with its `datetime` for the
    date search. A `<time>` standing alone (a live blog's entry stamp) is left to trafilatura,
    and so is one in a byline (the author search reads the byline as it is)."""
    for el in list(scope.iter("time")):
        if not el.text or len(el) or not el.text.strip():
            continue
        previous, parent = el.getprevious(), el.getparent()
        if parent is not None and _BYLINE.search(f"{parent.get('class', '')} {parent.get('id', '')}"):
            continue
        before = previous.tail if previous is not None else parent.text if parent is not None else None
        if not ((before and before.strip()) or (el.tail and el.tail.strip())) or parent is None:
            continue
        if previous is not None:
            previous.tail = (previous.tail or "") + el.text
        else:
            parent.text = (parent.text or "") + el.text
        el.text = None


# An aside that is a box of the article's facts, not a sidebar: "b-factbox", "fact-box", "key-facts"
_FACT_BOX = re.compile(r"(?i:fact[-_]?box|key[-_]?facts|factfile|fact[-_]?file)")
# what trafilatura drops as an image's caption when images are not extracted
_NAMED_CAPTION = XPath(".//*[self::div or self::p or self::span][contains(@class, 'caption') or contains(@id, 'caption')]")


def captions_as_paragraphs(body: HtmlElement | None) -> None:
    """The captions of the article's figures become paragraphs where the figures stand.

    trafilatura drops `<figure>` with its `<figcaption>` (images are not extracted), but a
    caption is read with the article and can carry its figures ("roughly two in five people
    referred were diagnosed"). Figures inside the body container are taken, and those of the
    `<article>` holding it (the lead image); a figure holding a table is left to trafilatura,
    which keeps its table. Other captions (`<p class="media-caption">` under a video) lose the
    class or id that names them a caption, which trafilatura would drop them for.
    """
    if body is None:
        return
    scope = next(body.iterancestors("article"), body)
    for figure in list(scope.iter("figure")):
        caption = next(figure.iter("figcaption"), None)
        if caption is None or next(figure.iter("table"), None) is not None:
            continue
        text = _INVALID_XML_CHARS.sub("", _squash(element_text(caption, " ")))
        if not text or figure.getparent() is None:
            continue
        paragraph = figure.makeelement("p", {})
        paragraph.text = text
        figure.addprevious(paragraph)
        _remove(figure)
    for caption in _NAMED_CAPTION(scope):
        for name in ("class", "id"):
            if "caption" in (caption.get(name) or ""):
                del caption.attrib[name]
    for box in list(scope.iter("aside")):  # a fact box is the article's (trafilatura drops asides)
        if _FACT_BOX.search(box.get("class") or ""):
            box.tag = "div"


def _is_teaser_card(tag: HtmlElement) -> bool:
    """A link wrapping a headline (a teaser card), or a headline that is only a link."""
    if tag.tag == "a":
        return _first(tag, *_HEADINGS) is not None
    if tag.tag in _HEADINGS:
        link = _first(tag, "a")
        return link is not None and _squash(element_text(link, " ")) == _squash(element_text(tag, " ")) != ""
    return False


# ---------------------------------------------------------------------------------------------
# Text

TRAFILATURA_OPTIONS = {
    "comments": False,  # reader comments are not the article
    "tables": True,  # results tables carry claims
    "dedup": False,  # holds global state across calls
    "recall": True,  # lose no paragraph of the body; the pre-clean removes the furniture
    # only the result's XML body (and metadata) is read; "python" would also render the body
    # as plain text (`xmltotxt`, ~0.1 ms a pass), which nothing here uses. The extraction
    # itself does not depend on the format.
    "output_format": "txt",
}


@lru_cache(maxsize=None)
def _extractor(with_metadata: bool) -> Extractor:
    return Extractor(with_metadata=with_metadata, **TRAFILATURA_OPTIONS)


def extraction_options(url: str | None, with_metadata: bool) -> Extractor:
    """trafilatura's options for one page: a copy of options made once (`bare_extraction`
    would build them on every call, reading its config file's settings again, ~0.15 ms),
    with the page's URL, set as `Extractor` sets it. trafilatura never changes them (its
    recall retry works on a copy)."""
    options = copy(_extractor(with_metadata))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options

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


def fallback_text(root: HtmlElement, body: HtmlElement | None) -> tuple[str, str, HtmlElement | None]:
    """Text of `<article>`, `<main>` or the densest block, which one was used, and the element."""
    candidates = ((next(root.iter("article"), None), "<article> element"),
                  (next(root.iter("main"), None), "<main> element"), (body, "densest text block"))
    for tag, label in candidates:
        if tag is None or not _attached(tag, root):  # removed with the junk of an earlier candidate
            continue
        text = block_text(tag)
        if looks_like_prose(text):
            return text, label, tag
    return "", "", None


def _attached(tag: HtmlElement, root: HtmlElement) -> bool:
    return tag is root or any(ancestor is root for ancestor in tag.iterancestors())


def block_text(tag: HtmlElement) -> str:
    for junk in list(tag.iterdescendants("script", "style", "noscript", "template", "nav", "form", "button")):
        _remove(junk)
    blocks = [_squash(element_text(b, " ")) for b in tag.iterdescendants(*_BLOCK_TAGS) if _first(b, *_BLOCK_TAGS) is None]
    blocks = [b for b in blocks if b]
    if not blocks:
        blocks = [line for line in (_squash(s) for s in element_text(tag, "\n").splitlines()) if line]
    return "\n\n".join(blocks)


# ---------------------------------------------------------------------------------------------
# The tree trafilatura reads

# trafilatura used to get the pre-cleaned page as a string, written out by BeautifulSoup and
# parsed by `trafilatura.utils.load_html`. It now gets the tree, with what those two steps
# changed done to it in place: the same tree, without serialising and parsing it twice.
_ASCII_SPACES = " \n\t\x0c\r"  # BeautifulSoup's
# whitespace to str.split() that is neither XML whitespace nor a control character
_EXOTIC_SPACES = "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_PRESERVE_SPACE = ("pre", "textarea")
_LIST_ATTRIBUTES = {"class", "accesskey", "dropzone"}  # BeautifulSoup's, for every tag
_TAG_LIST_ATTRIBUTES = {"a": {"rel", "rev"}, "link": {"rel", "rev"}, "td": {"headers"}, "th": {"headers"},
                        "form": {"accept-charset"}, "object": {"archive"}, "area": {"rel"},
                        "icon": {"sizes"}, "iframe": {"sandbox"}, "output": {"for"}}
_META_CHARSET = re.compile(r"((^|;)\s*charset=)([^;]*)", re.M)  # BeautifulSoup's
_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # trafilatura's
_INVALID_XML_CHAR_REF = re.compile(
    r"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F])"
    r"|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45])(?![0-9]))")
_FULL_HTML = re.compile(r"^\s*<(?:html|!doctype)", re.I)  # lxml.html.fromstring's test
# whitespace-only text other than " " and "\n", outside <pre> and <textarea> (form feeds
# aside: see trafilatura_tree)
_BLANK_TEXT = XPath("//text()[normalize-space(.) = ''][. != ' '][. != $nl][not(ancestor::pre or ancestor::textarea)]")
# class-like attribute values that str.split() would split otherwise than at single spaces
# (control characters aside: see _join_list_attributes)
_ODD_SPACED_ATTRIBUTE = XPath("|".join(
    f"//@{name}[. != normalize-space(.) or translate(., '{_EXOTIC_SPACES}', '') != .]"
    for name in ("class", "accesskey", "dropzone", "rel", "rev", "headers", "accept-charset", "archive",
                 "sizes", "sandbox", "for")))


def trafilatura_tree(root: HtmlElement, html: str, deep: bool = False, controls: bool | None = None
                     ) -> HtmlElement | None:
    """The pre-cleaned page (`root`, changed in place) as trafilatura read it; None: rejected.

    As BeautifulSoup wrote the page out: a string of nothing but ASCII whitespace became one
    space or newline (outside `<pre>` and `<textarea>`) and `<meta>` charsets said utf-8
    (class-like attribute values are re-joined by single spaces by `parse_html`). As `load_html` read it:
    comments and processing instructions go, so do control characters invalid in XML; a page
    that does not start with `<html` or a doctype is taken as `lxml.html.fromstring` takes a
    fragment, and one without "html" in its first 50 characters whose root has fewer than
    two children is rejected. A `deep` page is cut where libxml2 stopped reading it.
    """
    if len(root) == 0:  # an empty page (trafilatura extracts nothing from it)
        return None
    start = _serialised_start(root, html)
    if controls is None:
        controls = _has_controls(html)
    for blank in _BLANK_TEXT(root, nl="\n"):
        setattr(blank.getparent(), "text" if blank.is_text else "tail", "\n" if "\n" in blank else " ")
    if controls:  # blanks with a form feed: not matched by normalize-space
        for el in root.iter():
            for attr in ("text", "tail"):
                value = getattr(el, attr)
                if value and not value.strip(_ASCII_SPACES):
                    _collapse_blank(el, attr, value)
    for meta in root.iter("meta"):
        if meta.get("charset") is not None:
            meta.set("charset", "utf-8")
        elif meta.get("content") is not None and (meta.get("http-equiv") or "").lower() == "content-type":
            meta.set("content", _META_CHARSET.sub(lambda m: m.group(1) + "utf-8", meta.get("content")))
    strip_tags(root, Comment, ProcessingInstruction)
    if controls:
        _remove_invalid_chars(root)
    if deep:
        _cut_at_depth(root)
    tree = root if _FULL_HTML.match(start) else _as_fragment(root)
    if "html" not in start[:50].lower() and len(tree) < 2:
        return None
    return tree


def _collapse_blank(el: _Element, attr: str, value: str) -> None:
    """A whitespace-only `el.text` or `el.tail` becomes one space or newline, unless preserved."""
    if el is None or not isinstance(el.tag, str) and attr == "text":
        return
    holder = el if attr == "text" else el.getparent()
    if holder is None or holder.tag in _PRESERVE_SPACE or next(holder.iterancestors(*_PRESERVE_SPACE), None) is not None:
        return
    setattr(el, attr, "\n" if "\n" in value else " ")


def _join_list_attribute(el: _Element, name: str, value: str) -> None:
    if name in _LIST_ATTRIBUTES or name in _TAG_LIST_ATTRIBUTES.get(el.tag, ()):
        joined = " ".join(value.split())
        if joined != value:
            el.set(name, joined)


def _cut_at_depth(root: HtmlElement) -> None:
    """Drop the first element nested deeper than libxml2 reads, and everything after it."""
    todo = [(root, 1)]
    while todo:
        el, depth = todo.pop()
        if depth > _MAX_DEPTH:
            break
        todo.extend((child, depth + 1) for child in reversed(el) if isinstance(child.tag, str))
    else:
        return
    node = el
    while node is not root:
        parent = node.getparent()
        for following in list(node.itersiblings()):
            parent.remove(following)
        node.tail = None
        node = parent
    el.getparent().remove(el)


def _remove_invalid_chars(root: HtmlElement) -> None:
    for el in root.iter():
        if el.text and _INVALID_XML_CHARS.search(el.text):
            el.text = _INVALID_XML_CHARS.sub("", el.text)
        if el.tail and _INVALID_XML_CHARS.search(el.tail):
            el.tail = _INVALID_XML_CHARS.sub("", el.tail)
        for key, value in el.items():
            if _INVALID_XML_CHARS.search(value):
                el.set(key, _INVALID_XML_CHARS.sub("", value))


def _serialised_start(root: HtmlElement, html: str) -> str:
    """How the page written out by BeautifulSoup started: comments and doctype, in the order of
    the source, then `<html`."""
    parts = []
    node = root.getprevious()
    while node is not None:  # comments before <html> (an XML declaration is one)
        parts.append(f"<!--{node.text or ''}-->")
        node = node.getprevious()
    parts.reverse()
    doctype = root.getroottree().docinfo.doctype
    if doctype:
        source = html.lower()
        at = source.find("<!doctype")
        before = source.count("<!--", 0, at) + source.count("<?", 0, at) if at >= 0 else 0
        parts.insert(min(before, len(parts)), doctype)
    parts.append("<html")
    return "".join(parts)


def _as_fragment(root: HtmlElement) -> HtmlElement:
    """The element `lxml.html.fromstring` returns for a page it does not take as a full document."""
    if root.find("head") is not None:
        return root
    body = root.find("body")
    if body is None:
        return root
    if len(body) == 1 and (not body.text or not body.text.strip()) and (not body[-1].tail or not body[-1].tail.strip()):
        return body[0]
    body.tag = "div" if lxml.html._contains_block_level_tag(body) else "span"
    return body


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


# The blocks trafilatura keeps or drops whole: a link is in the text when its block is.
_LINK_BLOCKS = ("p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
                "pre", "caption")


def kept_links(tree: HtmlElement, text: str) -> list[tuple[str, str]]:
    """(href, anchor text) of the links of `tree` that stand in `text`, trafilatura's
    extraction of it, in order.

    A link counts when its paragraph (list item, cell, heading; else its parent element),
    compared without white space, is in the text; a link that is its paragraph's whole text
    counts when it is a whole line of the text and stands outside the page's navigation,
    header, footer and asides, so that a menu item ("Health") does not lend its link to a
    word of the article. This replaces a second, link-keeping trafilatura pass (~30 % of a
    page's extraction), which also keeps orphaned anchor fragments of paragraphs it drops.
    """
    flat = "".join(text.split())
    lines = {_squash(line).lstrip("-•* ") for line in text.splitlines()}
    anchors: list[tuple[str, str]] = []
    for a in tree.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        anchor = element_text(a, " ")
        own = "".join(anchor.split())
        if not own or own not in flat:  # most menu items: the cheap test first
            continue
        block = next(a.iterancestors(*_LINK_BLOCKS), None)
        if block is None:
            block = a.getparent()
        context = "".join(element_text(block).split())
        if len(context) > len(own):
            kept = context in flat
        else:
            kept = _squash(anchor) in lines and next(a.iterancestors(*_OUTSIDE_ARTICLE), None) is None
        if kept:
            anchors.append((href, anchor))
    return anchors


def _element_anchors(tag: HtmlElement | None) -> list[tuple[str, str]]:
    if tag is None:
        return []
    return [(a.get("href"), element_text(a, " ")) for a in tag.iterdescendants("a") if a.get("href") is not None]


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

# The standfirst (deck, strapline) under a headline: the article's summary, often with its
# headline numbers. Matched on the parts of a class (`article__standfirst`, `c-deck`).
_STANDFIRST_CLASSES = frozenset({"standfirst", "deck", "dek", "strapline", "subheadline", "subtitle", "subhead",
                                 "synopsis", "excerpt", "summary", "lede"})
_CLASS_PARTS = re.compile(r"[\s_\-]+")
_OUTSIDE_ARTICLE = frozenset({"nav", "footer", "aside", "header", "form"})


def page_lead(root: HtmlElement, body: HtmlElement | None = None) -> list[str]:
    """The article's headline and standfirst, as the page shows them: the `<h1>` of the
    `<article>` or `<main>` (else the first outside the page's header, navigation, asides and
    footer), and the first element whose class names a standfirst; then, in the `<article>`
    holding the body container but before it, the lead image's caption and a "Key points" box
    (trafilatura starts at the body and drops both). Read before the pre-clean, which may take a
    headline's wrapper for furniture."""
    lead = []
    for container in ("article", "main"):
        holder = next(root.iter(container), None)
        h1 = next(holder.iter("h1"), None) if holder is not None else None
        if h1 is not None:
            break
    else:
        h1 = next((h for h in root.iter("h1")
                   if not any(a.tag in _OUTSIDE_ARTICLE or is_furniture(a) for a in h.iterancestors())), None)
    if h1 is None:  # a headline set in a `<div itemprop="headline">`
        h1 = next((el for el in root.iter("div", "span", "p", "h2") if el.get("itemprop") == "headline"), None)
    if h1 is not None:
        lead.append(_squash(element_text(h1, " ")))
    for el in root.iter("p", "div", "h2", "span"):
        classes = el.get("class")
        parts = _CLASS_PARTS.split(classes.lower()) if classes else ()
        if _STANDFIRST_CLASSES.intersection(parts) or (el.tag in ("p", "h2") and "sub" in parts):
            lead.append(_squash(element_text(el, " ")))
            break
    lead += _before_the_body(body)
    return [line for line in lead if line]


# The heading of a box of an article's main points: "Key points", "At a glance", "Key findings"
_KEY_POINTS = re.compile(r"(?i:^\s*(?:key\s+(?:points|findings|facts|numbers)|at\s+a\s+glance|in\s+brief|takeaways|key\s+takeaways|highlights)\s*:?\s*$)")


def _before_the_body(body: HtmlElement | None) -> list[str]:
    """Lines of the `<article>` that holds `body` (or, on a page without one, of the element
    that holds it), before `body`: the captions of its figures (`<figcaption>`, or an element
    whose class names a caption: `<p class="photo-caption">`), the lines of a box headed "Key
    points" (its heading, then each item) and the rows of a fact check's verdict box (`<div
    class="rating-box">`: "The claim: ...", "Our rating: False")."""
    if body is None:
        return []
    article = next(body.iterancestors("article"), None)
    if article is None:
        article = body.getparent()
        if article is None or article.tag in ("body", "html"):
            return []
    lines = []
    box = None  # the verdict box read
    holders = set(body.iterancestors())  # (the page's wrappers around the body hold no box before it)
    for el in article.iter("figcaption", "aside", "div", "section", "p"):
        if el is body or body in el.iterancestors():
            break  # the body (or what follows it): trafilatura reads on from there
        if el in holders:
            continue
        if el.tag == "figcaption" or (el.tag in ("p", "div") and _names_a_caption(el)):
            lines.append(_squash(element_text(el, " ")))
            continue
        if el.tag == "p":
            continue
        if _names_a_verdict_box(el):  # a fact check's "The claim: ... Our rating: False" box
            if box is not None and box in el.iterancestors():
                continue  # a row of the box already read
            box = el
            rows = [child for child in el if isinstance(child.tag, str)] or [el]
            lines += [_squash(element_text(row, " ")) for row in rows]
            continue
        heading = next(el.iter("h2", "h3", "h4", "strong"), None)
        if heading is not None and _KEY_POINTS.match(element_text(heading, " ")):
            lines.append(_squash(element_text(heading, " ")))
            lines += [_squash(element_text(li, " ")) for li in el.iter("li")]
    return lines


# A fact check's summary box, by its class: `rating-box`, `verdict`, `claim-review`.
_VERDICT_CLASSES = frozenset({"rating", "verdict", "ruling", "claimreview"})


def _names_a_verdict_box(el: HtmlElement) -> bool:
    classes = el.get("class")
    if not classes or el.tag not in ("div", "aside", "section"):
        return False
    parts = _CLASS_PARTS.split(classes.lower())
    return bool(_VERDICT_CLASSES.intersection(parts)) or "claim-review" in classes.lower()


def _names_a_caption(el: HtmlElement) -> bool:
    """`<p class="photo-caption">`, `<div class="article__caption">`: a caption by its class (not
    a player's prompt, "WATCH: ... (2:14)", which is the page's)."""
    return ("caption" in (el.get("class") or "").lower() and len(el) <= 3
            and not _PLAYER_PROMPT.match(element_text(el, " ")))


_PLAYER_PROMPT = re.compile(r"\s*(?i:watch|listen|video|play|audio)\b\s*:")


def with_lead(text: str, lead: list[str]) -> str:
    """The text with the headline and standfirst before it, those the extractor left out
    (trafilatura often starts at the body)."""
    squashed = _squash(text)
    missing = [line for line in lead if line not in squashed]
    return "\n\n".join([*missing, text]) if missing and text else text


def extract_article(html: str, name: str, url: str | None = None) -> Article:
    """The article in `html`; `name` is the input shown to the user, `url` the page's address."""
    root, deep, controls = _parse(html)
    # `<html lang="en"/>`: libxml2 ends the page there, BeautifulSoup read on. The tree keeps
    # what follows (as the pre-clean and the fallback saw it); trafilatura read nothing.
    self_closed = len(root) == 0 and _SELF_CLOSED_HTML.search(html) is not None
    if self_closed:
        html = _SELF_CLOSED_HTML.sub(r"\1>", html, count=1)
        root, deep, controls = _parse(html)
    meta = read_meta(root)
    base_tag = next((tag for tag in root.iter("base") if tag.get("href") is not None), None)
    base = urljoin(url or "", base_tag.get("href")) if base_tag is not None else url
    base = base or meta.get("canonical") or meta.get("og:url")

    body = find_body_container(root)
    lead = page_lead(root, body)
    preclean(root, body)
    captions_as_paragraphs(body)
    inline_times_as_text(root)
    tree = None if self_closed else trafilatura_tree(root, html, deep, controls)
    result = None
    if tree is not None:
        result = trafilatura.bare_extraction(tree, options=extraction_options(url, with_metadata=True))
    text = text_of_body(result.body) if result is not None and result.body is not None else ""
    warnings: list[str] = []
    if looks_like_prose(text):
        anchors = kept_links(tree, text)
    else:
        # the pre-cleaned page again, with its comments (they separate strings)
        root = parse_html(html)
        body = find_body_container(root)
        preclean(root, body)
        text, used, container = fallback_text(root, body)
        if not text:
            raise ExtractionError(name, "no article text found in the page")
        warnings.append(f"the main-text extractor found no article text; used the page's {used} "
                        "instead, so menus or other page furniture may be mixed in")
        anchors = _element_anchors(container)
    text = with_lead(text, lead)
    links = locate_links(text, anchors, base)
    _summarise_identifiers(links, meta)

    def first(*values: str | None) -> str | None:
        for value in values:
            if value and value.strip():
                return " ".join(value.split())
        return None

    title_tag = next(root.iter("title"), None)
    return Article(
        text=text,
        input=name,
        title=first(getattr(result, "title", None), meta.get("og:title"), meta.get("citation_title"),
                    element_text(title_tag) if title_tag is not None else None),
        url=url,
        published=first(getattr(result, "date", None), meta.get("article:published_time"),
                        meta.get("citation_publication_date")),
        author=first(getattr(result, "author", None), meta.get("author")),
        site=first(getattr(result, "sitename", None), meta.get("og:site_name")),
        links=links,
        meta=meta,
        warnings=warnings,
    )

"""Reading saved articles from disk: `.txt`, `.md`, `.html`/`.htm`.

A missing, empty, binary or undecodable file raises `InputError` naming the file and why.
"""

from __future__ import annotations

import re
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError
from ..models import Article, Link

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = sorted(TEXT_SUFFIXES - {""} | HTML_SUFFIXES)

_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^(?:data|javascript|mailto|about|blob|view-source):", re.I)


def is_url(source: str) -> bool:
    """Anything with a scheme is treated as a URL (the fetcher refuses the unsupported ones)."""
    return bool(_URL_RE.match(source.strip()))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CP1252_ALIASES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}


def declared_charset(header_charset: str | None, data: bytes) -> str | None:
    """The charset a page declares: the HTTP header's, else its `<meta>` tag's.

    Latin-1 and ASCII declarations are read as windows-1252, as browsers do: pages that say
    ISO-8859-1 commonly use cp1252's curly quotes and dashes.
    """
    charset = header_charset
    if not charset:
        m = _META_CHARSET.search(data[:8192])
        charset = m.group(1).decode("ascii", "replace") if m else None
    if charset and charset.strip().lower() in _CP1252_ALIASES:
        return "windows-1252"
    return charset


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Bytes to text: UTF-8 (with or without BOM), the declared charset, then detection."""
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file (contains NUL bytes), not an article")
    for encoding in ("utf-8-sig", declared):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(name, "cannot decode the file as text (not UTF-8, encoding unknown)")
    return str(best)


def read_file(path_text: str) -> Article:
    path = Path(path_text)
    if not path.exists():
        raise InputError(path_text, "no such file")
    if path.is_dir():
        raise InputError(path_text, "is a directory (use `claimcheck batch` for folders)")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in HTML_SUFFIXES:
        raise InputError(path_text, f"unsupported file type '{suffix}' (expected {', '.join(SUPPORTED)})")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path_text, f"cannot read: {err.strerror or err}") from None
    if not data.strip():
        raise InputError(path_text, "empty file")
    if suffix in HTML_SUFFIXES:
        from .html import extract_article

        return extract_article(decode_bytes(data, path_text, declared_charset(None, data)), path_text)
    text = decode_bytes(data, path_text)
    if suffix in (".md", ".markdown"):
        return markdown_article(text, path_text)
    return Article(text=normalise_newlines(text), input=path_text, title=first_line(text))


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()[:300]
    return None


_MD_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


def markdown_article(raw: str, name: str) -> Article:
    """Markdown to plain text: headings, emphasis and images dropped, links kept as their text."""
    text = normalise_newlines(raw)
    text = _MD_IMAGE.sub("", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    links: list[Link] = []
    out: list[str] = []
    pos = 0
    length = 0
    for m in _MD_LINK.finditer(text):
        chunk = text[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        links.append(Link(href=m.group(2), text=m.group(1), start=length, end=length + len(m.group(1))))
        out.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    return Article(text=plain, input=name, title=first_line(plain), links=links)

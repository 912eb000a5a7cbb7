"""Turning an upload (plain text, HTML or PDF) into a `Document` with its publication date.

The date matters because news writes "last year" and "the first seven months of this year":
those only mean something against the day the page was published. The user's date wins over
the page's; `Document.published_source` records which one was used.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import date
from html.parser import HTMLParser

from .model import PUBLISHED_NONE, PUBLISHED_PAGE, PUBLISHED_USER, Document

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Explicit publication markers first; a bare date in the first lines of the page last.
_DATE_PATTERNS = (
    re.compile(
        r"(?:发布日期|发布时间|日期|时间)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"
    ),
    re.compile(r"Published\b[^\n]{0,40}?\bon\s+(\d{4})-(\d{1,2})-(\d{1,2})", re.IGNORECASE),
    re.compile(
        rf"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s*)?({_MONTH_NAMES})\.?\s+"
        r"(\d{1,2}),\s*(\d{4})\s*$",
        re.IGNORECASE | re.MULTILINE,
    ),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
)
_HEAD_CHARS = 600  # a page's date sits near its top; a date deep in the text is a fact's date
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_SPACES_RE = re.compile(r"[ \t\r\f\v]+")


# pypdf logs what it repairs in damaged files; the caller reports what matters instead
logging.getLogger("pypdf").setLevel(logging.ERROR)


class PdfUnavailable(RuntimeError):
    """Raised when a PDF cannot be turned into text: no extractor (pypdf), or a damaged file."""


def load_document(
    raw: bytes | str,
    *,
    content_type: str | None = None,
    filename: str | None = None,
    published: date | None = None,
) -> Document:
    """Read ``raw`` as plain text, HTML or PDF and find its title, language and date."""
    kind = _kind(raw, content_type, filename)
    if kind == "pdf":
        text = _pdf_text(raw if isinstance(raw, bytes) else raw.encode("latin-1"))
    else:
        text = decode_text(raw, html=kind == "html") if isinstance(raw, bytes) else raw
        if kind == "html":
            text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = _title(text)
    if published is not None:
        return Document(text, published, PUBLISHED_USER, title, _language(text))
    found = detect_published(text)
    source = PUBLISHED_PAGE if found else PUBLISHED_NONE
    return Document(text, found, source, title, _language(text))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def decode_text(raw: bytes, *, html: bool = False) -> str:
    """Text from bytes: the charset an HTML page declares, else UTF-8 (with or without BOM),
    else GB18030 (which reads GBK and GB2312), the encodings of Chinese government pages."""
    if html and (declared := _META_CHARSET.search(raw[:4096])):
        try:
            return raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: read on
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def detect_published(text: str) -> date | None:
    """The publication date a page states near its top, or None."""
    head = text[:_HEAD_CHARS]
    for pattern in _DATE_PATTERNS:
        if match := pattern.search(head):
            return _to_date(match.groups())
    return None


def _to_date(groups: tuple[str, ...]) -> date | None:
    a, b, c = groups
    try:
        if a.isdigit():
            return date(int(a), int(b), int(c))
        return date(int(c), _MONTHS[a.lower().rstrip(".")], int(b))
    except (ValueError, KeyError):
        return None


def _kind(raw: bytes | str, content_type: str | None, filename: str | None) -> str:
    content_type = (content_type or "").lower()
    name = (filename or "").lower()
    head = raw[:1024]
    if "pdf" in content_type or name.endswith(".pdf") or head[:5] in (b"%PDF-", "%PDF-"):
        return "pdf"
    sample = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    if "html" in content_type or name.endswith((".html", ".htm")):
        return "html"
    if re.search(r"<(?:!doctype html|html|body|p|div)\b", sample, re.IGNORECASE):
        return "html"
    return "text"


def _pdf_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError as error:  # pragma: no cover - pypdf is a dependency
        raise PdfUnavailable("reading PDF needs pypdf (pip install pypdf)") from error
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n\n".join((page.extract_text() or "") for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise PdfUnavailable(f"the PDF is damaged and cannot be read: {error}") from error


def _title(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:200]
    return None


def _language(text: str) -> str:
    sample = text[:4000]
    cjk = len(_CJK_RE.findall(sample))
    return "zh" if cjk > len(sample) * 0.15 else "en"


class _TextCollector(HTMLParser):
    """Keeps the readable text of a page; drops scripts, styles, navigation, headers, footers."""

    _SKIP = frozenset({"script", "style", "nav", "header", "footer", "noscript", "aside", "form"})
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = "".join(collector.parts)
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip() + "\n"

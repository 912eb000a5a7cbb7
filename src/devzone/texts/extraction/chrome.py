"""Page chrome: the parts of a page that are not the article, and must never yield a figure.

View counters, pagination ("12 > >>"), comment widgets, photo captions and bylines carry
numbers ("12", "浏览次数: 3051") that mean nothing. They are blanked out with spaces rather than
cut, so character offsets into `Document.text` stay valid for every fact span.
"""

from __future__ import annotations

import re

_LINE_PATTERNS = (
    r"^\s*(?:浏览次数|阅读次数|点击数|访问量|Views?|Hits)\s*[:：].*$",
    r"^\s*(?:发布日期|发布时间|来源|作者|责任编辑)\s*[:：].*$",
    r"^\s*\d*\s*(?:[<>]\s*)*(?:>>|<<|下一页|上一页|尾页|首页)\s*$",
    r"^\s*\d+\s*>\s*>>\s*$",
    r"^\s*(?:No comments:?|Post a Comment|Newer Post|Older Post|Home|Share this:?)\s*$",
    r"^\s*Subscribe to:.*$",
    # A caption line: "Picture … Photo by …", "Picture taken by …", "… (photographed by …"
    r"^\s*(?-i:Picture)\b.{0,300}$",
    r"^.{0,200}\((?:photographed|photo(?:graph)?s? by|picture by)\b.{0,100}$",
    r"^.{0,200}\b(?-i:Photo by)\b.{0,60}$",
    r"^\s*Invest in \w+ Published in .*$",
    r"^.*Released by .{0,20}\.\.\.\s*$",
)
_INLINE_PATTERNS = (
    # Bylines: "(By Jiang Menghua, translated by …)", "(Text by …, photo by …)"
    r"\((?:By|Text by|Written by|Reported by)\b[^)]*\)",
    r"[（(](?:记者|通讯员|摄影|图|文)[^）)]{0,40}[）)]",
    r"浏览次数\s*[:：]\s*\d*",
)
_CHROME_RE = re.compile(
    "|".join(f"(?:{p})" for p in (*_LINE_PATTERNS, *_INLINE_PATTERNS)),
    re.MULTILINE | re.IGNORECASE,
)


def mask_chrome(text: str) -> str:
    """``text`` with chrome replaced by spaces of the same length (newlines kept)."""
    return _CHROME_RE.sub(_blank, text)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())

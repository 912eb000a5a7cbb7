"""Canonical surface form of an enterprise name, before any part of it is interpreted.

People type the same name in many ways: full-width letters and brackets from a Chinese input
method, traditional characters from Hong Kong and Taiwan documents, stray spaces, dots and
quotes. :func:`normalize` removes only those differences of *writing*; it keeps every word, so
legal forms, regions and bracketed notes are still there for :mod:`.legalname` to split off.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

# Brackets that NFKC leaves alone; all of them mean "(" / ")" in a name.
_BRACKETS = str.maketrans("【〔［[{〖﹙⦅】〕］]}〗﹚⦆", "(" * 8 + ")" * 8, "《》")

# Everything but letters, digits, CJK and a few symbols that carry meaning in real names
# (*ST, A&B, C++, 3-D, brackets) is noise.
_NOISE = re.compile(r"[^\w()&+*#\-]|_")
_WORDLIKE = re.compile(r"[a-z0-9()]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    """The traditional→simplified converter; built once because loading its tables is slow."""
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese to simplified (opencc t2s, offline tables shipped with the wheel)."""
    converted: str = _t2s().convert(text)
    return converted


def normalize(name: str) -> str:
    """Return the canonical writing of *name*.

    NFKC (full-width → half-width), traditional → simplified, Latin lower-cased, every bracket
    style unified to ``()``, punctuation noise (``. , ; : ' " · 、`` …) dropped, spaces removed
    except one between two Latin/digit words ("co ltd" stays two words). Words themselves are
    never removed.
    """
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    text = to_simplified(text).lower()
    return _drop_noise(text)


def _drop_noise(text: str) -> str:
    """Turn punctuation into spaces, then keep a space only between two Latin/digit words.

    Brackets count as word edges so "a o smith (china) water heater" keeps its spaces.
    """
    words = _NOISE.sub(" ", text).split()
    out: list[str] = []
    for word in words:
        if out and _WORDLIKE.match(word[:1]) and _WORDLIKE.match(out[-1][-1:]):
            out.append(" ")
        out.append(word)
    return "".join(out)


_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def is_cjk(ch: str) -> bool:
    """True for a CJK unified ideograph (the basic block and extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def has_cjk(text: str) -> bool:
    """True when *text* contains at least one Chinese character."""
    return _CJK.search(text) is not None

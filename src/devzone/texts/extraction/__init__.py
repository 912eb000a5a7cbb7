"""Reading figure statements out of Chinese and English text (issue 6).

Pure Python, no Django: the Django side (documents, the review queue, series) calls these.

    >>> doc = load_document("发布日期:2023-09-06\\n规模以上工业增加值4745.61亿元，同比增长44.6%。")
    >>> [(f.metric, str(f.value), f.unit, f.change.value) for f in extract(doc)]
    [('industrial_value_added', '474561000000', 'CNY', Decimal('44.6'))]

See docs/extraction.md.
"""

from __future__ import annotations

from .dedup import deduplicate, fact_key
from .document import PdfUnavailable, detect_published, html_to_text, load_document
from .engine import extract
from .metrics import CATALOGUE, METRICS, label
from .model import (
    MODALITY_ACTUAL,
    MODALITY_TARGET,
    PUBLISHED_NONE,
    PUBLISHED_PAGE,
    PUBLISHED_USER,
    Change,
    Document,
    Fact,
    Period,
)

__all__ = [
    "CATALOGUE",
    "METRICS",
    "MODALITY_ACTUAL",
    "MODALITY_TARGET",
    "PUBLISHED_NONE",
    "PUBLISHED_PAGE",
    "PUBLISHED_USER",
    "Change",
    "Document",
    "Fact",
    "PdfUnavailable",
    "Period",
    "deduplicate",
    "detect_published",
    "extract",
    "fact_key",
    "html_to_text",
    "label",
    "load_document",
]

"""Names in the reader's language: a record's ``name``, or its ``name_en`` for English."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def reads_english() -> bool:
    """True when the active language is English."""
    return (get_language() or "zh-hans").startswith("en")


def shown_name(record: Any) -> str:
    """``record.name``, or ``record.name_en`` when the reader reads English and it is set."""
    english = getattr(record, "name_en", "")
    return english if english and reads_english() else str(record.name)

"""Names in the reader's language: a record's ``name``, or its ``name_en`` for English."""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from django.utils.translation import get_language, pgettext


@functools.lru_cache(maxsize=65536)  # ledgers repeat zones, departments and kinds on every row
def clean_name(text: str) -> str:
    """The key names are compared on: NFKC, no whitespace, case folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def reads_english() -> bool:
    """True when the active language is English."""
    return (get_language() or "zh-hans").startswith("en")


def shown_name(record: Any) -> str:
    """``record.name``, or ``record.name_en`` when the reader reads English and it is set."""
    english = getattr(record, "name_en", "")
    return english if english and reads_english() else str(record.name)


def fill_english_names(model: Any, by_code: dict[str, Any], names: dict[str, str]) -> None:
    """Give the records of ``by_code`` the English name ``names`` holds for their code, where
    they have none yet (an English name typed by a person is kept)."""
    named = []
    for code, english in names.items():
        record = by_code.get(code)
        if record is not None and not record.name_en:
            record.name_en = english
            named.append(record)
    model.objects.bulk_update(named, ["name_en"], batch_size=1000)


def joined(items: Any) -> str:
    """Items as a list is written in the reader's language: 甲、乙 in Chinese, A, B in English."""
    return pgettext("list separator", ", ").join(str(item) for item in items)

"""Recognising the same figure stated twice, in one document or in two."""

from __future__ import annotations

import re
from collections.abc import Iterable

from devzone.core.units.quantity import plain_decimal

from .model import Fact

_SPACE_RE = re.compile(r"\s+")


def _subject_key(subject: str | None) -> str | None:
    if subject is None:
        return None
    return _SPACE_RE.sub(" ", subject).strip().lower().replace("’", "'")


def fact_key(fact: Fact) -> tuple:
    """(metric, subject, period, value, unit, change): equal keys mean the same figure.

    The change is part of the key only when there is no level, so that "GDP grew 6.9%" and
    "GDP grew 1.9 points above the national average" stay two figures.
    """
    value = None if fact.value is None else plain_decimal(fact.value)
    change = None
    if fact.value is None and fact.change is not None:
        change = (plain_decimal(fact.change.signed_value), fact.change.kind, fact.change.basis)
    period = fact.period.label if fact.period else None
    return (fact.metric, _subject_key(fact.subject), period, value, fact.unit, change)


def deduplicate(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per key, keeping the most confident (the first among equals), in order."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        key = fact_key(fact)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = fact
    return list(best.values())

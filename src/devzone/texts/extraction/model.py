"""The values the extractor returns: a document, the facts read from it, their periods and changes.

Plain dataclasses with no Django in sight, so the command line, the upload page and the
evaluation script all hold the same objects; the Django side copies them into its own models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from devzone.core.units.quantity import plain_decimal

PUBLISHED_PAGE = "page"
PUBLISHED_USER = "user"
PUBLISHED_NONE = "none"

MODALITY_ACTUAL = "actual"
MODALITY_TARGET = "target"


@dataclass(frozen=True)
class Document:
    """Text ready for extraction, with the date that relative periods ("last year") resolve to.

    ``published_source`` says where ``published`` came from: the page itself, the user, or
    nowhere (then relative periods are read against the latest year the text names).
    """

    text: str
    published: date | None
    published_source: str
    title: str | None
    language: str


@dataclass(frozen=True)
class Period:
    """A span of time a figure covers.

    ``cumulative`` marks year-to-date style spans (1-9月, the first seven months), which is how
    Chinese statistics publish most figures. ``start`` is None for "since inception".
    """

    start: date | None
    end: date
    cumulative: bool
    label: str


@dataclass(frozen=True)
class Change:
    """A change stated beside (or instead of) a level.

    ``kind`` is "rate" (+154%), "points" (1.9 percentage points) or "amount" (增产3877万吨, with
    ``unit``). ``value`` is never negative; ``direction`` carries the sign, as in `Quantity`.
    ``basis`` is what the figure is compared with: "yoy", "avg_annual", "vs_national",
    "vs_provincial".
    """

    value: Decimal
    kind: str
    direction: int
    basis: str
    unit: str | None = None

    @property
    def signed_value(self) -> Decimal:
        return -self.value if self.direction < 0 else self.value

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "value": plain_decimal(self.value),
            "kind": self.kind,
            "direction": self.direction,
            "basis": self.basis,
        }
        if self.unit:
            data["unit"] = self.unit
        return data


@dataclass
class Fact:
    """One figure statement: what was measured, for whom, when, how much, and where it was read.

    ``value`` is None when the text only gives a change ("GDP grew 6.9%"). ``span`` indexes
    ``Document.text``; ``text`` is that exact slice, so a reviewer sees the source words.
    """

    subject: str | None
    subject_kind: str | None
    metric: str
    value: Decimal | None
    unit: str | None
    kind: str
    qualifier: str | None
    period: Period | None
    change: Change | None
    rank: str | None
    span: tuple[int, int]
    text: str
    confidence: float
    modality: str = MODALITY_ACTUAL
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """A JSON-ready dict (decimals as plain strings, dates as ISO strings)."""
        period = self.period
        return {
            "subject": self.subject,
            "subject_kind": self.subject_kind,
            "metric": self.metric,
            "value": None if self.value is None else plain_decimal(self.value),
            "unit": self.unit,
            "kind": self.kind,
            "qualifier": self.qualifier,
            "period": None
            if period is None
            else {
                "start": period.start.isoformat() if period.start else None,
                "end": period.end.isoformat(),
                "cumulative": period.cumulative,
                "label": period.label,
            },
            "change": None if self.change is None else self.change.as_json(),
            "rank": self.rank,
            "span": list(self.span),
            "text": self.text,
            "confidence": self.confidence,
            "modality": self.modality,
        }

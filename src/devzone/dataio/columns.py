"""Reading a ledger a column at a time: the plain cells settled inline, the rest cell by cell.

A 200,000-row ledger holds millions of cells and nearly all of them are plain: a float in a
money column, an ISO date, a short text, a local project number. Each function here walks one
column of a chunk of rows and settles those cells with exactly the arithmetic of
:mod:`devzone.dataio.cells`, without its per-cell calls. Every other cell — text amounts
("约5亿元", "5000万元"), months ("2023年9月"), Excel serials, words ("待定"), an amount that
would need rounding, a value out of range, an actual date in the future — goes to ``slow``,
the per-cell reader, so the values, errors and warnings are the ones a row-by-row read gives.
``tests/test_columns.py`` compares both paths cell by cell.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from devzone.dataio import cells
from devzone.dataio.results import Issue
from devzone.projects.models.project import MAX_PROJECT_AMOUNT

Slow = Callable[[Any, object], None]  # (row, value): the per-cell reader
ZERO = Decimal(0)
AREA_LIMIT = Decimal(10) ** 10
LOCAL_CODE_MAX = 64
CENT = cells.CENT
DAY_MEMO_LIMIT = 100_000  # distinct date texts remembered per column


def money_column(rows: Sequence[Any], index: int, slow: Slow, *, key: str, scale: Decimal) -> None:
    """Yuan amounts (CNY columns): a float is ``Decimal(repr(value)) * scale``, to the cent."""
    for row in rows:
        values = row.values
        value = values[index] if index < len(values) else None
        if value.__class__ is float and value == value:  # not NaN
            amount = Decimal(repr(value)) * scale
            if ZERO <= amount <= MAX_PROJECT_AMOUNT:
                rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP)
                if rounded == amount:  # else a warning says it was rounded
                    row.fields[key] = rounded
                    continue
        slow(row, value)


def area_column(rows: Sequence[Any], index: int, slow: Slow, *, key: str, scale: Decimal) -> None:
    """Land: a float times the header's mu per unit, to the hundredth of a mu."""
    for row in rows:
        values = row.values
        value = values[index] if index < len(values) else None
        if value.__class__ is float and value == value:
            mu = Decimal(repr(value)) * scale
            if ZERO <= mu < AREA_LIMIT:
                row.fields[key] = mu.quantize(CENT, rounding=ROUND_HALF_UP)
                continue
        slow(row, value)


def count_column(rows: Sequence[Any], index: int, slow: Slow, *, key: str) -> None:
    """Whole numbers of people: an integral float between 0 and a billion."""
    for row in rows:
        values = row.values
        value = values[index] if index < len(values) else None
        if value.__class__ is float and value.is_integer() and 0 <= value <= 10**9:
            row.fields[key] = int(value)
            continue
        slow(row, value)


def text_column(
    rows: Sequence[Any], index: int, slow: Slow, *, key: str, limit: int | None
) -> None:
    """Names and other free text: trimmed, within the column's length limit."""
    for row in rows:
        values = row.values
        value = values[index] if index < len(values) else None
        if value.__class__ is str:
            content = value.strip()
            if content and (limit is None or len(content) <= limit):
                row.fields[key] = content
                continue
        slow(row, value)


def code_column(rows: Sequence[Any], index: int, slow: Slow, *, key: str) -> None:
    """Local project numbers in printable ASCII ("JK-2023-017"); national codes go slow.

    Printable ASCII has no control or format characters, the only characters a local number
    may not hold (:func:`devzone.core.codes.validate_local_project_number`).
    """
    for row in rows:
        values = row.values
        value = values[index] if index < len(values) else None
        if value.__class__ is str:
            content = value.strip()
            if (
                content
                and len(content) <= LOCAL_CODE_MAX
                and content.isascii()
                and content.isprintable()
                and not (content.count("-") == 4 and content.replace("-", "").isdigit())
            ):
                row.fields[key] = content
                continue
        slow(row, value)


def date_column(
    rows: Sequence[Any],
    index: int,
    slow: Slow,
    *,
    kind: str,
    slot: str,
    latest: dt.date | None,
    memo: dict[object, dt.date],
) -> None:
    """Milestone dates; ``latest`` is the last date allowed (today, for actual dates).

    A ledger repeats the same dates over and over: each distinct text or serial number is read
    once by :func:`devzone.dataio.cells.date` and remembered in ``memo`` (kept across the
    chunks of one import), unless it gave a warning or an error: those cells are read one by
    one, so each row gets its own message.
    """
    for row in rows:
        values = row.values
        value = values[index] if index < len(values) else None
        cls = value.__class__
        if cls is dt.date:
            day = value
        elif cls is dt.datetime:
            day = value.date()  # type: ignore[union-attr]
        elif cls is str or cls is float or cls is int:
            day = memo.get(value)  # type: ignore[assignment]
            if day is None:
                day = _plain_date(value)  # type: ignore[assignment]
                if day is None:
                    slow(row, value)
                    continue
                if len(memo) < DAY_MEMO_LIMIT:
                    memo[value] = day
        else:
            slow(row, value)
            continue
        if latest is not None and day > latest:  # type: ignore[operator]
            slow(row, value)
            continue
        dates = row.milestones.get(kind)
        if dates is None:
            row.milestones[kind] = {slot: day}
        else:
            dates[slot] = day


def _plain_date(value: object) -> dt.date | None:
    """The date :func:`cells.date` reads from ``value`` without a warning; else ``None``."""
    if value == "":
        return None
    warnings: list[str] = []
    try:
        day = cells.date(value, warnings)
    except cells.CellError:
        return None
    return None if warnings else day


class NameMemo:
    """Names resolved once per distinct combination of cells, the outcome replayed on each row.

    A ledger names the same zone, kind, department and investors on row after row. ``resolve``
    (a step of the row reader) is run on a scratch row the first time a combination of the
    cells at ``indexes`` (and the row's zone, when ``by_zone``) appears; what it did to that
    row — zone, fields, errors, reviews, investors — is kept and done again to every row with
    the same cells, with the row's own number in its messages. ``resolve`` must depend on
    nothing else of the row.
    """

    def __init__(
        self,
        indexes: Sequence[int],
        resolve: Callable[[Any], None],
        make_row: Callable[[int, list[object]], Any],
        *,
        by_zone: bool = False,
    ) -> None:
        self.indexes = tuple(indexes)
        self.last = max(self.indexes, default=-1)
        self.getter = _tuple_getter(self.indexes)
        self.resolve = resolve
        self.make_row = make_row
        self.by_zone = by_zone
        self.outcomes: dict[tuple[object, ...], _Outcome] = {}

    def apply(self, row: Any) -> None:
        values = row.values
        if len(values) > self.last:
            cells = self.getter(values)
        else:
            cells = tuple(values[i] if i < len(values) else None for i in self.indexes)
        # The classes too: 1, 1.0 and True are equal keys but not the same text.
        key = (cells, tuple(map(type, cells)), row.zone.pk if self.by_zone and row.zone else None)
        outcome = self.outcomes.get(key)
        if outcome is None:
            outcome = self.outcomes[key] = self._record(row)
        outcome.replay(row)

    def _record(self, row: Any) -> _Outcome:
        scratch = self.make_row(row.number, row.values)
        scratch.zone = row.zone
        self.resolve(scratch)
        return _Outcome(
            zone=scratch.zone,
            fields=dict(scratch.fields),
            errors=tuple((i.column, i.message, i.value) for i in scratch.errors),
            reviews=tuple((i.column, i.message, i.value) for i in scratch.reviews),
            investor_ids=None if scratch.investor_ids is None else tuple(scratch.investor_ids),
            investors_complete=scratch.investors_complete,
            unmatched=tuple(scratch.unmatched_investors),
        )


def _tuple_getter(indexes: tuple[int, ...]) -> Callable[[list[object]], tuple[object, ...]]:
    """``operator.itemgetter``, always giving a tuple (for one index it gives the value)."""
    if len(indexes) > 1:
        return operator.itemgetter(*indexes)
    if indexes:
        index = indexes[0]
        return lambda values: (values[index],)
    return lambda values: ()


@dataclass(slots=True)
class _Outcome:
    zone: Any
    fields: dict[str, Any]
    errors: tuple[tuple[str, str, str], ...]
    reviews: tuple[tuple[str, str, str], ...]
    investor_ids: tuple[int, ...] | None
    investors_complete: bool
    unmatched: tuple[str, ...]

    def replay(self, row: Any) -> None:
        row.zone = self.zone
        if self.fields:
            row.fields.update(self.fields)
        if self.errors:
            row.errors += [Issue(row.number, *issue) for issue in self.errors]
        if self.reviews:
            row.reviews += [Issue(row.number, *issue) for issue in self.reviews]
        if self.investor_ids is not None:
            row.investor_ids = list(self.investor_ids)
            row.investors_complete = self.investors_complete
            row.unmatched_investors = list(self.unmatched)

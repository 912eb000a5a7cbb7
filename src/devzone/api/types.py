"""Field types shared by every router: money in yuan, months, decimals as exact strings.

Money leaves the API as a string with two decimals ("1954500000.00") so no client turns it
into a float; it comes in as a plain decimal string in yuan or as a figure with its unit
("19.545亿元", "5000万元"), parsed by :mod:`devzone.core.units`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

from devzone.core import units

CURRENCY = "CNY"
NO_CURRENCY = "XXX"  # ISO 4217 for "no currency": the amount did not name one
CENT = Decimal("0.01")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _plain_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def lookup(model: Any, field: str, **criteria: Any) -> Any:
    """The record a payload names (by id, slug, code…) in ``model`` (a model or the records
    the caller may name), or a 422 naming ``field``."""
    from django.core.exceptions import ValidationError

    records = model.objects if hasattr(model, "objects") else model
    record = records.filter(**criteria).first()
    if record is None:
        raise ValidationError({field: _("No such record.")})
    return record


def unit_error_message(exc: units.UnitError) -> str:
    """The translated reason a figure could not be read (the parser's is English only)."""
    message = units.UNIT_REASONS.get(exc.code)
    return _(message) % {"text": exc.text} if message else str(exc)


def _exact(value: Any, example: str) -> Decimal | None:
    """``value`` as an exact number when it is one (a decimal, an integer, a plain numeral);
    None for text that may be a figure with its unit; a ValueError for anything else (a JSON
    number with a fraction has already lost the exact figure)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if not isinstance(value, str):
        raise ValueError(example)
    return _plain_decimal(value)


def parse_yuan(value: Any) -> Decimal:
    """An amount in yuan from "1954500000", "1954500000.00", "19.545亿元" or "5000万元"."""
    plain = _exact(value, _('Write the amount as a string, e.g. "1954500000.00" or "19.545亿元".'))
    if plain is not None:
        return plain
    try:
        quantity = units.parse_money(value)
    except units.UnitError as exc:
        raise ValueError(unit_error_message(exc)) from exc  # pydantic names the field
    if quantity.unit != CURRENCY:
        raise ValueError(
            _("Give the amount in yuan (CNY), not %(unit)s.") % {"unit": quantity.unit}
        )
    if quantity.qualifier:
        raise ValueError(_("Give the exact amount, without “about” or “more than”."))
    return quantity.value


def parse_foreign_amount(value: Any) -> dict[str, Any]:
    """Foreign capital: an amount in the currency its unit names ("1000万美元"), or a plain
    number in the project's ``foreign_currency``; ``currency`` is None when the unit names none.
    """
    example = _('Write the amount as a string, e.g. "10000000.00" or "1000万美元".')
    if isinstance(value, dict):  # already read (validation runs again on a parsed value)
        if set(value) == {"value", "currency"} and isinstance(value["value"], Decimal):
            return value
        raise ValueError(example)
    plain = _exact(value, example)
    if plain is not None:
        return {"value": plain, "currency": None}
    try:
        quantity = units.parse_money(value, default_currency=NO_CURRENCY)
    except units.UnitError as exc:
        raise ValueError(unit_error_message(exc)) from exc
    if quantity.qualifier:
        raise ValueError(_("Give the exact amount, without “about” or “more than”."))
    currency = None if quantity.unit == NO_CURRENCY else quantity.unit
    return {"value": quantity.value, "currency": currency}


def parse_decimal(value: Any) -> Decimal:
    """A plain exact number (percent) from a string or an integer."""
    example = _('Write the number as a string, e.g. "120.5".')
    plain = _exact(value, example)
    if plain is None:
        raise ValueError(example)
    return plain


def parse_mu(value: Any) -> Decimal:
    """Land in mu from "120.5", or with its unit: "120亩", "10公顷" (150 mu), "5000平方米"."""
    plain = _exact(value, _('Write the area as a string, e.g. "120.5" or "10公顷".'))
    if plain is not None:
        return plain
    try:
        quantity = units.parse_area(value, default_unit="mu")
        mu = units.to_mu(quantity)
    except units.UnitError as exc:
        message = _("“%s” is not an area: write e.g. 120.5 (mu), 120亩 or 10公顷.") % value
        raise ValueError(message) from exc
    if quantity.qualifier:
        raise ValueError(_("Give the exact area, without “about” or “more than”."))
    return mu


def parse_month(value: Any) -> dt.date:
    """ "2024-03" → 2024-03-01: months are stored as their first day."""
    if isinstance(value, dt.date):
        return value
    match = _MONTH.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(_('Write the month as "YYYY-MM", e.g. "2024-03".'))
    try:
        return dt.date(int(match[1]), int(match[2]), 1)
    except ValueError as exc:
        raise ValueError(_("%(value)s is not a month.") % {"value": value}) from exc


def format_cents(value: Decimal) -> str:
    return str(value.quantize(CENT))


_MONEY_SCHEMA = {
    "type": "string",
    "description": "Yuan as an exact decimal, or a figure with its unit (19.545亿元, 5000万元).",
    "examples": ["1954500000.00", "19.545亿元"],
}

MoneyIn = Annotated[Decimal, BeforeValidator(parse_yuan), WithJsonSchema(_MONEY_SCHEMA)]
ForeignMoneyIn = Annotated[
    dict[str, Any],
    BeforeValidator(parse_foreign_amount),
    WithJsonSchema({"type": "string", "examples": ["10000000.00", "1000万美元"]}),
]
DecimalIn = Annotated[
    Decimal,
    BeforeValidator(parse_decimal),
    WithJsonSchema({"type": "string", "examples": ["120.50"]}),
]
MuIn = Annotated[
    Decimal,
    BeforeValidator(parse_mu),
    WithJsonSchema({"type": "string", "examples": ["120.50", "10公顷"]}),
]
MonthIn = Annotated[
    dt.date,
    BeforeValidator(parse_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}$", "examples": ["2024-03"]}),
]

MoneyOut = Annotated[
    Decimal,
    PlainSerializer(format_cents, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["1954500000.00"]}),
]
DecimalOut = Annotated[
    Decimal,
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["120.50"]}),
]
MonthOut = Annotated[
    dt.date,
    PlainSerializer(lambda value: f"{value:%Y-%m}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}$", "examples": ["2024-03"]}),
]


class InputSchema(Schema):
    """A request body: a field the API does not know is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")

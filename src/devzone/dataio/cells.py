"""Reading one cell: money, land, dates, counts, percentages and text, exactly or not at all.

A cell arrives as calamine gives it (float, int, str, date, datetime) or as CSV text. Bare
numbers take the unit of the column header; text goes through ``devzone.core.units`` so that
"5000万元", "16.4亿" and "约5亿元" read the same here as everywhere else. A cell that cannot be
read raises :class:`CellError` with a sentence for the person fixing the file; a cell that is
read with a caveat ("约5亿元" keeps 5亿, the "about" is dropped) adds a warning.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from devzone.core.units import UNIT_MU, UnitError, UnitErrorCode, parse_area, parse_money
from devzone.dataio.headers import HeaderUnit
from devzone.projects.models.project import MAX_PROJECT_AMOUNT

CENT = Decimal("0.01")
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers of 1990-01-01 and 2100-12-31: a ledger date outside is a typo, not a date.
SERIAL_RANGE = range(32874, 73416)
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?(?:[ T].*)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
    re.compile(r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})月?(?P<part>上旬|中旬|下旬|初|底|末)?$"),
)
_PART_DAY = {"上旬": 1, "初": 1, "中旬": 11, "下旬": 21, "底": 21, "末": 21}
_COUNT = re.compile(r"^(?P<q>约|近|超过|大约)?(?P<n>[\d,]+)(?:人|个|名)?(?P<s>左右|以上|余)?$")
_QUALIFIER_WORDS = {
    "about": gettext_lazy("about"),
    "nearly": gettext_lazy("nearly"),
    "more_than": gettext_lazy("more than"),
    "less_than": gettext_lazy("less than"),
    "at_least": gettext_lazy("at least"),
}


class CellError(ValueError):
    """The cell cannot be read; the message says why, in the words of the person fixing it."""


def text(value: object) -> str:
    if value.__class__ is str:  # most cells: checked first, for the 200,000-row ledgers
        return value.strip()  # type: ignore[attr-defined]
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _number(value: object) -> Decimal | None:
    """A Decimal for numeric cells and plain numeric text; ``None`` for anything else."""
    if value.__class__ is float:  # calamine's numbers: checked first
        return Decimal(repr(value))
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        cleaned = value.strip().replace(",", "")
        if _PLAIN_NUMBER.match(cleaned):
            return Decimal(cleaned)
    return None


def money(
    value: object, unit: HeaderUnit, warnings: list[str], *, currency: str = "CNY"
) -> tuple[Decimal, str] | None:
    """(amount, currency) of a money cell, in yuan (or the stated currency), to the cent."""
    if value is None or value == "":
        return None
    bare = _number(value)
    if bare is not None:
        amount, found = bare * unit.scale, unit.currency or currency
    else:
        amount, found = _money_text(value, unit, warnings, currency)
    if amount < 0:
        raise CellError(_("An amount cannot be negative (%s).") % text(value))
    if amount > MAX_PROJECT_AMOUNT:
        raise CellError(
            _("%s is more than 10 trillion: check the unit (元, 万元 or 亿元) of the column.")
            % text(value)
        )
    rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if rounded != amount:
        warnings.append(
            _("%(text)s rounded to %(value)s.") % {"text": text(value), "value": rounded}
        )
    return rounded, found


def _money_text(
    value: object, unit: HeaderUnit, warnings: list[str], currency: str
) -> tuple[Decimal, str]:
    raw = text(value)
    if not raw:
        raise CellError(_("The amount is empty."))
    try:
        quantity = parse_money(
            raw, default_currency=unit.currency or currency, default_scale=unit.scale
        )
    except UnitError as exc:
        raise CellError(_money_problem(raw, exc)) from exc
    if quantity.qualifier:
        warnings.append(
            _("“%(text)s” is approximate: the ledger keeps %(value)s and drops “%(word)s”.")
            % {"text": raw, "value": quantity.value, "word": _QUALIFIER_WORDS[quantity.qualifier]}
        )
    return quantity.value, quantity.unit or currency


def _money_problem(raw: str, exc: UnitError) -> str:
    if exc.code in (UnitErrorCode.NO_NUMBER, UnitErrorCode.EMPTY):
        return _("“%s” is not an amount of money: write a number, or leave the cell empty.") % raw
    if exc.code == UnitErrorCode.AMBIGUOUS:
        return _("“%s” is not one exact amount (a range or a vague figure).") % raw
    return _("“%(text)s” cannot be read as money: %(detail)s") % {
        "text": raw,
        "detail": exc.message,
    }


def area_mu(value: object, unit: HeaderUnit, warnings: list[str]) -> Decimal | None:
    """Land in mu; a header in 公顷 or 平方米 converts bare numbers."""
    if value is None or value == "":
        return None
    bare = _number(value)
    if bare is not None:
        mu = bare * unit.scale
    else:
        raw = text(value)
        try:
            quantity = parse_area(raw, default_unit="mu")
        except UnitError as exc:
            raise CellError(_("“%s” is not an area (write 120 or 120亩).") % raw) from exc
        mu = quantity.value if quantity.unit == UNIT_MU else quantity.value * Decimal("0.0015")
    if mu < 0:
        raise CellError(_("An area cannot be negative (%s).") % text(value))
    if mu >= Decimal(10) ** 10:
        raise CellError(_("%s mu is not a plausible area.") % text(value))
    return mu.quantize(CENT, rounding=ROUND_HALF_UP)


def count(value: object, warnings: list[str]) -> int | None:
    if value is None or value == "":
        return None
    bare = _number(value)
    if bare is None:
        found = _COUNT.match(unicodedata.normalize("NFKC", text(value)).replace(" ", ""))
        if not found:
            raise CellError(_("“%s” is not a whole number.") % text(value))
        if found.group("q") or found.group("s"):
            warnings.append(_("“%s” is approximate: the number is kept.") % text(value))
        bare = Decimal(found.group("n").replace(",", ""))
    if bare != bare.to_integral_value() or bare < 0 or bare > 10**9:
        raise CellError(_("“%s” is not a whole number of people.") % text(value))
    return int(bare)


def percent(value: object, warnings: list[str]) -> Decimal | None:
    if value is None or value == "":
        return None
    bare = _number(value)
    if bare is None:
        raw = unicodedata.normalize("NFKC", text(value)).replace(" ", "")
        bare = _number(raw.rstrip("%"))
        if bare is None:
            raise CellError(_("“%s” is not a percentage.") % text(value))
    elif isinstance(value, float) and 0 < value < 1:
        warnings.append(
            _("%(value)s read as %(percent)s%% (a cell formatted as percent).")
            % {"value": value, "percent": bare * 100}
        )
        bare = bare * 100
    if not 0 <= bare <= 100:
        raise CellError(_("A percentage lies between 0 and 100, not %s.") % text(value))
    return bare.quantize(CENT, rounding=ROUND_HALF_UP)


def date(value: object, warnings: list[str]) -> dt.date | None:
    """A date from a date cell, an Excel serial number or text (2023-09-01, 2023年9月…)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            result = dt.date.fromisoformat(value)
        except ValueError:
            pass  # read again below, for a precise message
        else:
            if 1990 <= result.year <= 2100:
                return result
    raw = unicodedata.normalize("NFKC", text(value)).replace(" ", "")
    if raw.isdigit() and len(raw) == 5:
        return _serial(int(raw))
    for pattern in _DATE_PATTERNS:
        found = pattern.match(raw)
        if found:
            return _date_parts(found, raw, warnings)
    raise CellError(_("“%s” is not a date (write 2023-09-01, 2023/9/1 or 2023年9月).") % raw)


def _serial(value: float) -> dt.date:
    if int(value) not in SERIAL_RANGE:
        raise CellError(_("%s is not a date between 1990 and 2100.") % text(value))
    return EXCEL_EPOCH + dt.timedelta(days=int(value))


def _date_parts(found: re.Match[str], raw: str, warnings: list[str]) -> dt.date:
    parts = found.groupdict()
    day = int(parts["d"]) if parts.get("d") else 1
    if parts.get("part"):
        day = _PART_DAY[parts["part"]]
        warnings.append(
            _("“%(text)s” read as day %(day)d of the month.") % {"text": raw, "day": day}
        )
    try:
        result = dt.date(int(parts["y"]), int(parts["m"]), day)
    except ValueError as exc:
        raise CellError(_("“%s” is not a real date.") % raw) from exc
    if not 1990 <= result.year <= 2100:
        raise CellError(_("%s is not a date between 1990 and 2100.") % raw)
    return result


def month(value: object, warnings: list[str]) -> dt.date | None:
    day = date(value, warnings)
    return day.replace(day=1) if day else None


def decimal_or_none(text_value: str) -> Decimal | None:
    try:
        return Decimal(text_value)
    except (InvalidOperation, ValueError):
        return None

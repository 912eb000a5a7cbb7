"""Checking one registry row: every cell read, validated and turned into Enterprise values.

Reference lists (regions, industries) are loaded once into dicts, so a row costs no query.
The legal name is split with :func:`devzone.matching.parse_legal_name` and its region and
legal-form parts are stored beside it (宁德时代新能源科技股份有限公司 → legal form
股份有限公司), as DESIGN.md §3 asks: kept as fields, not stripped.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from devzone.core import codes
from devzone.core.units import Quantity, UnitError, parse_money
from devzone.enterprises.models import Enterprise, Industry
from devzone.enterprises.validators import credit_code_problem
from devzone.matching import parse_legal_name
from devzone.regions.models import Region

_REGION_SUFFIXES = ("省", "市", "自治区", "特别行政区", "地区", "自治州", "盟")
_TEXT_FIELDS = ("short_name", "name_en", "listed_code", "address")


@dataclass(frozen=True, slots=True)
class RowError:
    """A cell that cannot be imported, named by its row number and column header."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            where = _("row %(row)d, column %(column)s") % {"row": self.row, "column": self.column}
        else:
            where = _("row %(row)d") % {"row": self.row}
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class _CellError(ValueError):
    pass


class RowChecker:
    """Turns the cells of a row into Enterprise field values, or into RowErrors."""

    def __init__(self, headers: dict[str, str], capital_scale: Decimal | None = None) -> None:
        self.headers = headers
        self.capital_scale = capital_scale
        self.regions_by_code = dict(Region.objects.values_list("code", "id"))
        self.regions_by_name = _region_names()
        self.industries = dict(Industry.objects.values_list("code", "id"))
        self.lengths = {
            f.name: f.max_length for f in Enterprise._meta.concrete_fields if f.max_length
        }
        self.seen_codes: dict[str, int] = {}
        self.seen_names: dict[str, int] = {}

    def check(self, number: int, cells: dict[str, object]) -> tuple[dict[str, Any], list]:
        """(values, []) for a good row, ({}, errors) for a bad one."""
        values: dict[str, Any] = {}
        errors: list[RowError] = []
        for key, cell in cells.items():
            text = cell_text(cell)
            if not text:
                continue
            try:
                values.update(self._read(key, text, cell))
            except _CellError as error:
                errors.append(RowError(number, self.headers[key], str(error)))
        if "legal_name" not in values and not any(e.column == self.headers["name"] for e in errors):
            errors.append(RowError(number, self.headers["name"], _("The name is empty.")))
        errors += self._duplicates(number, values)
        return ({}, errors) if errors else (values, [])

    def _read(self, key: str, text: str, cell: object) -> dict[str, Any]:
        if key == "name":
            return self._name(text)
        if key == "credit_code":
            return {"credit_code": _credit_code(text)}
        if key == "region":
            return {"region_id": self._region(text)}
        if key == "industry":
            return {"industry_id": self._industry(text)}
        if key == "registered_capital":
            return self._capital(text, cell)
        if key == "scope":
            return {"scope": text}
        return {key: self._fits(key, " ".join(text.split()))}

    def _name(self, text: str) -> dict[str, Any]:
        name = self._fits("legal_name", " ".join(text.split()))
        parsed = parse_legal_name(name)
        return {
            "legal_name": name,
            "region_part": parsed.region[: self.lengths["region_part"]],
            "legal_form": parsed.legal_form[: self.lengths["legal_form"]],
        }

    def _fits(self, name: str, text: str) -> str:
        limit = self.lengths[name]
        if len(text) > limit:
            raise _CellError(
                _("Too long: %(count)d characters, at most %(limit)d.")
                % {"count": len(text), "limit": limit}
            )
        return text

    def _region(self, text: str) -> int:
        if text.isdigit():
            try:
                code = codes.validate_region_code(text)
            except codes.CodeError as error:
                raise _CellError(_("“%s” is not a GB/T 2260 region code.") % text) from error
            found = self.regions_by_code.get(code)
        else:
            found = self.regions_by_name.get(text)
        if found is None:
            raise _CellError(
                _("“%s” is not a known region (give a GB/T 2260 code or a region name).") % text
            )
        if found == 0:
            raise _CellError(_("“%s” names several regions: give the six-digit code.") % text)
        return found

    def _industry(self, text: str) -> int:
        try:
            code: str | None = codes.validate_industry_code(text)
        except codes.CodeError as error:
            raise _CellError(_("“%s” is not a GB/T 4754 industry code.") % text) from error
        while code and code not in self.industries:  # the loaded list may stop at divisions
            code = codes.industry_parent(code)
        if code is None:
            raise _CellError(_("“%s” is not in the loaded GB/T 4754 list.") % text)
        return self.industries[code]

    def _capital(self, text: str, cell: object) -> dict[str, Any]:
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            text = format(Decimal(str(cell)), "f")
        try:
            money = _parse_capital(text, self.capital_scale)
        except UnitError as error:
            raise _CellError(_("“%s” is not an amount of money.") % text) from error
        try:
            value = money.value.quantize(Decimal("0.01"))
        except InvalidOperation as error:
            raise _CellError(_("“%s” is too large.") % text) from error
        if value < 0:
            raise _CellError(_("The registered capital cannot be negative."))
        return {"registered_capital": value, "capital_currency": money.unit}

    def _duplicates(self, number: int, values: dict[str, Any]) -> list[RowError]:
        """The same enterprise twice in one file is a mistake the user must resolve."""
        errors = []
        code = values.get("credit_code")
        if code:
            first = self.seen_codes.setdefault(code, number)
            if first != number:
                message = _("The same credit code is on row %d.") % first
                errors.append(RowError(number, self.headers["credit_code"], message))
        name = values.get("legal_name")
        if name:
            first = self.seen_names.setdefault(name, number)
            if first != number:
                message = _("The same legal name is on row %d.") % first
                errors.append(RowError(number, self.headers["name"], message))
        return errors


@functools.lru_cache(maxsize=16_384)
def _parse_capital(text: str, scale: Decimal | None) -> Quantity:
    """Registries repeat round capitals (100万元, 1000万元): read each spelling once."""
    return parse_money(text, default_scale=scale)


def cell_text(cell: object) -> str:
    """A cell as text: spreadsheet numbers lose their ".0" (330700.0 is the code 330700)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _credit_code(text: str) -> str:
    try:
        return codes.validate_credit_code(text)
    except codes.CodeError as error:
        raise _CellError(credit_code_problem(error)) from error


def _region_names() -> dict[str, int]:
    """Region name → id, with and without its suffix (金华市, 金华); 0 marks an ambiguous name."""
    names: dict[str, int] = {}
    for region_id, name in Region.objects.values_list("id", "name"):
        spellings = {name}
        for suffix in _REGION_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                spellings.add(name.removesuffix(suffix))
        for spelling in spellings:
            names[spelling] = region_id if names.get(spelling, region_id) == region_id else 0
    return names

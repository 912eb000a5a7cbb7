"""One ledger row → the project it describes, with every problem found on the way.

A row is read completely even when a cell is wrong, so the person gets all of a row's errors
at once. The reader only looks at the row and at reference data read once per import; matching
rows to existing projects and comparing with the database happens later, in bulk
(:mod:`devzone.dataio.planning`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from devzone.accounts.scope import can_edit_zone
from devzone.core import codes
from devzone.core.names import joined
from devzone.dataio import cells, columns
from devzone.dataio.columns import NameMemo
from devzone.dataio.headers import ACTUAL, AREA, DATE, INTEGER, MONEY, PERCENT, TEXT
from devzone.dataio.layout import Column, Layout
from devzone.dataio.lookups import (
    CONSTRUCTION_WORDS,
    KIND_WORDS,
    Industries,
    Investors,
    Places,
    choice_table,
    clean_name,
)
from devzone.dataio.results import Issue
from devzone.projects.choices import (
    ConstructionType,
    ProjectKind,
    actual_order_problems,
    backwards_message,
)
from devzone.projects.validators import validate_project_code_field
from devzone.regions.models import Zone

UNKNOWN_CURRENCY = "XXX"  # ISO 4217 "no currency": the cell and header did not say
INVESTOR_SEPARATORS = re.compile(r"[、；;，\n]+")
TEXT_LIMITS = {"name": 200, "leader": 100}
EXAMPLE_MARK = "示例："  # how the template's example row names its project


@functools.lru_cache(maxsize=65536)  # ledgers name the same investors again and again
def split_investors(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in INVESTOR_SEPARATORS.split(value) if name.strip())


@dataclass
class ProjectRow:
    """A ledger row read: the project fields it sets, its milestones, investors and problems."""

    number: int
    values: list[object]
    fields: dict[str, Any] = field(default_factory=dict)
    milestones: dict[str, dict[str, dt.date | None]] = field(default_factory=dict)
    investor_ids: list[int] | None = None
    investors_complete: bool = True
    unmatched_investors: list[str] = field(default_factory=list)
    zone: Zone | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    reviews: list[Issue] = field(default_factory=list)
    target_id: int | None = None  # the existing project this row updates
    project_id: int | None = None  # the project written (new or existing), set when writing

    def error(self, column: str, message: str, value: object = "") -> None:
        self.errors.append(Issue(self.number, column, message, cells.text(value)))

    def review(self, column: str, message: str, value: object = "") -> None:
        self.reviews.append(Issue(self.number, column, message, cells.text(value)))


BLANK_TEXT = {"name", "leader", "description"}


def _clear(row: ProjectRow, key: str) -> None:
    if key.startswith("milestone:"):
        _prefix, kind, which = key.split(":")
        row.milestones.setdefault(kind, {})[f"{which}_date"] = None
    else:
        row.fields[key] = "" if key in BLANK_TEXT else None


class ProjectRowReader:
    """Reads ledger rows against the reference data of one import."""

    def __init__(
        self,
        layout: Layout,
        *,
        places: Places,
        industries: Industries | None,
        investors: Investors | None,
        default_zone: Zone | None,
        actor: Any,
        today: dt.date,
    ) -> None:
        self.layout = layout
        self.places = places
        self.industries = industries
        self.investors = investors
        self.default_zone = default_zone
        self.actor = actor
        self.today = today
        self.kinds = choice_table(ProjectKind, KIND_WORDS)
        self.construction_types = choice_table(ConstructionType, CONSTRUCTION_WORDS)
        self._editable: dict[int, bool] = {}
        readers = [(c, c.index, self._reader_for(c)) for c in layout.columns]
        self._readers = [(c, i, reader, self._fast_for(c)) for c, i, reader in readers if reader]
        self._resolved = [(c, c.index) for c, _index, reader in readers if reader is None]
        self._columns = {c.spec.key: c for c in layout.columns}
        self._places_memo = self._memo(
            ("region", "zone", "kind", "construction_type"), self._resolve_place
        )
        self._links_memo = self._memo(
            ("department", "industry_code", "industry", "investors"),
            self._resolve_links,
            by_zone=True,
        )

    def read(self, number: int, values: list[object]) -> ProjectRow:
        """One row, cell by cell: the reference that :meth:`read_rows` agrees with."""
        row = ProjectRow(number, values)
        width = len(values)
        for column, index, reader, _fast in self._readers:
            value = values[index] if index < width else None
            self._read_cell(row, value, column=column, reader=reader)
        self._resolve(row, self._raw(values))
        return row

    def read_rows(self, raw: Sequence[tuple[int, list[object]]]) -> list[ProjectRow]:
        """Many rows, a column at a time (:mod:`devzone.dataio.columns`): as :meth:`read` reads.

        Plain cells are settled by the column's fast loop, every other cell by the per-cell
        reader; the names (zone, kind, investors…) are then resolved row by row.
        """
        rows = [ProjectRow(number, values) for number, values in raw]
        for column, index, reader, fast in self._readers:
            slow = functools.partial(self._read_cell, column=column, reader=reader)
            if fast is None:
                for row in rows:
                    slow(row, row.values[index] if index < len(row.values) else None)
            else:
                fast(rows, index, slow)
        for row in rows:
            self._resolve_memoised(row)
        return rows

    def _read_cell(
        self, row: ProjectRow, value: object, *, column: Column, reader: Callable[..., None]
    ) -> None:
        if value is None or value == "":
            _clear(row, column.spec.key)  # a blank cell clears the value
            return
        warnings: list[str] = []
        try:
            reader(row, column, value, warnings)
        except cells.CellError as exc:
            row.error(column.header, str(exc), value)
        if warnings:
            row.warnings += [
                Issue(row.number, column.header, w, cells.text(value)) for w in warnings
            ]

    def _raw(self, values: list[object]) -> dict[str, tuple[Column, object]]:
        width = len(values)
        return {
            column.spec.key: (column, values[index] if index < width else None)
            for column, index in self._resolved
        }

    # --- per-column readers ------------------------------------------------------------

    def _reader_for(self, column: Column) -> Callable[..., None] | None:
        key, kind = column.spec.key, column.spec.kind
        if key.startswith("milestone:"):
            return self._milestone
        if key == "foreign_capital":
            return self._foreign_capital
        if kind == MONEY:
            return self._money
        if kind == AREA:
            return self._area
        if kind == INTEGER:
            return self._count
        if kind in (TEXT,) and key in ("code", "name", "leader", "description"):
            return self._text
        if kind in (DATE, PERCENT):
            return None
        return None  # zone, region, industry, kind, investors, department: resolved below

    def _fast_for(self, column: Column) -> Callable[..., None] | None:
        """The column loop of :mod:`devzone.dataio.columns` for this column, if it has one."""
        key, kind, unit = column.spec.key, column.spec.kind, column.unit
        if key.startswith("milestone:"):
            _prefix, milestone, which = key.split(":")
            latest = self.today if which == ACTUAL else None
            return functools.partial(
                columns.date_column,
                kind=milestone,
                slot=f"{which}_date",
                latest=latest,
                memo={},
            )
        if kind == MONEY and key != "foreign_capital" and (unit.currency or "CNY") == "CNY":
            return functools.partial(columns.money_column, key=key, scale=unit.scale)
        if kind == AREA and key == "land_mu":
            return functools.partial(columns.area_column, key=key, scale=unit.scale)
        if kind == INTEGER and key == "expected_jobs":
            return functools.partial(columns.count_column, key=key)
        if key == "code":
            return functools.partial(columns.code_column, key=key)
        if key in ("name", "leader", "description"):
            return functools.partial(columns.text_column, key=key, limit=TEXT_LIMITS.get(key))
        return None

    def _text(self, row: ProjectRow, column: Column, value: object, warnings: list) -> None:
        key = column.spec.key
        content = cells.text(value)
        limit = TEXT_LIMITS.get(key)
        if limit and len(content) > limit:
            raise cells.CellError(
                _("At most %(limit)d characters, not %(count)d.")
                % {"limit": limit, "count": len(content)}
            )
        if key == "code":
            content = self._code(content)
        row.fields[key] = content if content or key != "code" else None

    def _code(self, content: str) -> str:
        if not content:
            return content
        try:
            if content.count("-") == 4 and content.replace("-", "").isdigit():
                content = codes.validate_project_code(content)  # canonical: half-width digits
            validate_project_code_field(content)
        except (codes.CodeError, ValidationError) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            raise cells.CellError(message) from exc
        return content

    def _money(self, row: ProjectRow, column: Column, value: object, warnings: list) -> None:
        found = cells.money(value, column.unit, warnings)
        if found is not None and found[1] != "CNY":
            raise cells.CellError(
                _("This column is in yuan; %s is in another currency.") % cells.text(value)
            )
        row.fields[column.spec.key] = found[0] if found else None

    def _foreign_capital(self, row: ProjectRow, column: Column, value: object, warnings: list):
        found = cells.money(value, column.unit, warnings, currency=UNKNOWN_CURRENCY)
        row.fields["foreign_capital"] = found[0] if found else None
        if found and found[1] != UNKNOWN_CURRENCY:
            row.fields.setdefault("foreign_currency", found[1])

    def _area(self, row: ProjectRow, column: Column, value: object, warnings: list) -> None:
        row.fields["land_mu"] = cells.area_mu(value, column.unit, warnings)

    def _count(self, row: ProjectRow, column: Column, value: object, warnings: list) -> None:
        row.fields["expected_jobs"] = cells.count(value, warnings)

    def _milestone(self, row: ProjectRow, column: Column, value: object, warnings: list) -> None:
        _prefix, kind, which = column.spec.key.split(":")
        day = cells.date(value, warnings)
        if which == ACTUAL and day and day > self.today:
            raise cells.CellError(
                _(
                    "%(date)s is in the future, so it cannot be the date this actually happened: "
                    "put it in the planned column."
                )
                % {"date": day.isoformat()}
            )
        row.milestones.setdefault(kind, {})[f"{which}_date"] = day

    # --- cells that name records --------------------------------------------------------

    def _resolve(self, row: ProjectRow, raw: dict[str, tuple[Column, object]]) -> None:
        self._resolve_place(row, raw)
        self._resolve_currency(row, raw)
        self._resolve_links(row, raw)
        self._check_row(row)

    def _resolve_memoised(self, row: ProjectRow) -> None:
        """:meth:`_resolve`, with the names looked up once per distinct set of cells."""
        self._places_memo.apply(row)
        if "foreign_currency" in self._columns or "foreign_capital" in row.fields:
            self._resolve_currency(row, self._raw(row.values))
        self._links_memo.apply(row)
        self._check_row(row)

    def _resolve_place(self, row: ProjectRow, raw: dict[str, tuple[Column, object]]) -> None:
        self._resolve_zone(row, raw)
        self._resolve_choices(row, raw)

    def _resolve_links(self, row: ProjectRow, raw: dict[str, tuple[Column, object]]) -> None:
        if row.zone is not None:
            self._resolve_department(row, raw)
        self._resolve_industry(row, raw)
        self._resolve_investors(row, raw)

    def _memo(self, keys: tuple[str, ...], step: Callable[..., None], **kw: Any) -> NameMemo:
        indexes = [c.index for c, _index in self._resolved if c.spec.key in keys]
        return NameMemo(indexes, lambda row: step(row, self._raw(row.values)), ProjectRow, **kw)

    def _resolve_zone(self, row: ProjectRow, raw: dict[str, tuple[Column, object]]) -> None:
        region = None
        if "region" in raw:
            column, value = raw["region"]
            name = cells.text(value)
            found = self.places.region(name) if name else []
            if name and len(found) != 1:
                row.error(
                    column.header,
                    _("Unknown region “%s”.") % name
                    if not found
                    else _("“%s” names more than one region.") % name,
                    value,
                )
            region = found[0] if len(found) == 1 else None
        if "zone" not in raw:
            row.zone = self.default_zone
            return
        column, value = raw["zone"]
        name = cells.text(value)
        if not name:
            row.zone = self.default_zone
            if row.zone is None:
                row.error(column.header, _("Give the zone of the project."))
            return
        found = self.places.zone(name, region)
        if len(found) != 1:
            message = (
                _("Unknown zone “%s”: use the zone's name or short code as devzone knows it.")
                if not found
                else _("“%s” names more than one zone: add the region column.")
            ) % name
            row.error(column.header, message, value)
            return
        row.zone = found[0]
        row.fields["zone_id"] = row.zone.pk
        if region is not None and not row.zone.region.code.startswith(region.code_prefix):
            row.error(
                raw["region"][0].header,
                _("Zone %(zone)s is not in %(region)s.") % {"zone": row.zone, "region": region},
                raw["region"][1],
            )

    def _resolve_choices(self, row: ProjectRow, raw: dict[str, tuple[Column, object]]) -> None:
        for key, table in (("kind", self.kinds), ("construction_type", self.construction_types)):
            if key not in raw:
                continue
            column, value = raw[key]
            name = cells.text(value)
            if not name:
                continue
            choice = table.get(clean_name(name))
            if choice is None:
                options = joined(sorted({str(getattr(v, "label", v)) for v in table.values()}))
                row.error(
                    column.header,
                    _("Unknown value “%(value)s” (one of: %(options)s).")
                    % {"value": name, "options": options},
                    value,
                )
            else:
                row.fields[key] = choice

    def _resolve_currency(self, row: ProjectRow, raw: dict[str, tuple[Column, object]]) -> None:
        stated = row.fields.get("foreign_currency")  # by the amount's own unit (万美元)
        if "foreign_currency" in raw:
            column, value = raw["foreign_currency"]
            text = cells.text(value)
            try:
                code = codes.validate_currency_code(text) if text else ""
            except codes.CodeError:
                row.error(
                    column.header,
                    _("“%s” is not a currency: write an ISO 4217 code such as USD, or 美元.")
                    % text,
                    value,
                )
                return
            if code and stated and code != stated:
                row.error(
                    column.header,
                    _("The currency %(code)s differs from the foreign capital's unit (%(unit)s).")
                    % {"code": code, "unit": stated},
                    value,
                )
            elif code:
                row.fields["foreign_currency"] = code
            elif "foreign_capital" not in row.fields or row.fields["foreign_capital"] is None:
                row.fields["foreign_currency"] = ""
        if row.fields.get("foreign_capital") and not row.fields.get("foreign_currency"):
            column = self._columns["foreign_capital"]
            row.error(
                column.header,
                _(
                    "Give the currency of the foreign capital (a 币种 "
                    "column, or a unit such as 万美元)."
                ),
                row.values[column.index],
            )

    def _resolve_department(self, row: ProjectRow, raw: dict[str, tuple[Column, object]]) -> None:
        if "department" not in raw:
            return
        column, value = raw["department"]
        name = cells.text(value)
        if not name:
            row.fields["department_id"] = None
            return
        department = self.places.department(name, row.zone)
        if department is None:
            row.review(
                column.header,
                _("No department “%(name)s” in %(region)s: left empty for review.")
                % {"name": name, "region": row.zone.region},
                value,
            )
        else:
            row.fields["department_id"] = department.pk

    def _resolve_industry(self, row: ProjectRow, raw: dict[str, tuple[Column, object]]) -> None:
        if self.industries is None:
            return
        if "industry_code" in raw and cells.text(raw["industry_code"][1]):
            column, value = raw["industry_code"]
            try:
                code = codes.validate_industry_code(cells.text(value))
            except codes.CodeError as exc:
                row.error(column.header, str(exc), value)
                return
            if code in self.industries.by_code:
                row.fields["industry_id"] = self.industries.by_code[code]
            else:
                row.review(
                    column.header, _("Industry %s is not in the reference list.") % code, value
                )
            return
        if "industry" in raw:
            column, value = raw["industry"]
            name = cells.text(value)
            found = self.industries.by_name.get(clean_name(name), []) if name else []
            if len(found) == 1:
                row.fields["industry_id"] = found[0]
            elif name:
                row.review(
                    column.header,
                    _("Industry “%s” not found: left empty for review.") % name,
                    value,
                )
            elif "industry_code" not in raw or not cells.text(raw["industry_code"][1]):
                row.fields["industry_id"] = None

    def _resolve_investors(self, row: ProjectRow, raw: dict[str, tuple[Column, object]]) -> None:
        if "investors" not in raw or self.investors is None:
            return
        column, value = raw["investors"]
        row.investor_ids = []
        for name in split_investors(cells.text(value)):
            found = self.investors.match(name)
            if len(found) == 1:
                if found[0] not in row.investor_ids:
                    row.investor_ids.append(found[0])
                continue
            row.investors_complete = False
            row.unmatched_investors.append(name)
            message = (
                _("Investor “%s” is not in the enterprise registry: not linked, for review.")
                if not found
                else _("Investor “%s” matches more than one enterprise: not linked, for review.")
            )
            row.review(column.header, message % name, name)

    def _check_row(self, row: ProjectRow) -> None:
        name = row.fields.get("name")
        if "name" in row.fields and not name:
            row.error(self._columns["name"].header, _("A project needs a name."))
        elif name and name.startswith(EXAMPLE_MARK):
            message = _("This is the template's example row: delete it unless you mean it.")
            row.warnings.append(Issue(row.number, self._columns["name"].header, message, name))
        fixed = row.fields.get("fixed_asset_investment")
        planned = row.fields.get("planned_investment")
        if fixed is not None and planned is not None and fixed > planned:
            column = self._columns["fixed_asset_investment"]
            row.error(
                column.header,
                _("The fixed-asset part cannot exceed the planned total investment."),
                row.values[column.index],
            )
        actual = {kind: dates.get("actual_date") for kind, dates in row.milestones.items()}
        for later, earlier in actual_order_problems(actual):
            column = self._columns.get(f"milestone:{later}:{ACTUAL}")
            row.error(
                column.header if column else "",
                backwards_message(later, earlier, actual),
                row.values[column.index] if column else "",
            )
        if row.zone is not None and not row.errors and not self.may_edit(row.zone):
            header = self._columns["zone"].header if "zone" in self._columns else ""
            row.error(header, _("You may not change records of %(zone)s.") % {"zone": row.zone})

    def prepare_for_thread(self) -> None:
        """Ask the database now what reading rows would ask it later (rights, regions).

        Rows can then be read on a thread with no database connection of its own.
        """
        zones = {zone.pk: zone for found in self.places.zones.values() for zone in found}
        if self.default_zone is not None:
            _region = self.default_zone.region  # loaded here, not on the thread
            zones[self.default_zone.pk] = self.default_zone
        for zone in zones.values():
            self.may_edit(zone)

    def may_edit(self, zone: Zone) -> bool:
        if self.actor is None:
            return True
        if zone.pk not in self._editable:
            self._editable[zone.pk] = can_edit_zone(self.actor, zone)
        return self._editable[zone.pk]

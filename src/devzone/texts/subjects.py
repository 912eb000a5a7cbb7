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
from devzone.regions.romanize import english_region_name

_PLACE_WORDS = re.compile(r"\s+(city|county|district|province)$|[市县区省]$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# A name several regions share resolves to the highest level (丽水 the city, not 溧水区's
# "Lishui"); two of the same level leave it unresolved (和平区 of Tianjin and of Shenyang).
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
_AMBIGUOUS = object()


def _romanized(region: Region) -> str:
    """A region stored without an English name (created by hand) is read in pinyin all the same."""
    return "" if region.level == "province" else english_region_name(region.name)


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
        self._index_regions()
        for enterprise in Enterprise.objects.all():
            for name in (enterprise.legal_name, enterprise.short_name, enterprise.name_en):
                if name:
                    self.enterprises.setdefault(normal(name), enterprise)
        for alias in EnterpriseAlias.objects.select_related("enterprise"):
            self.enterprises.setdefault(normal(alias.alias), alias.enterprise)

    def _index_regions(self) -> None:
        """Chinese and English names of every region, without their place words."""
        ranked: dict[str, tuple[int, Any]] = {}
        for region in Region.objects.only("code", "name", "name_en", "level"):
            rank = _LEVEL_RANK.get(region.level, 3)
            english = region.name_en or _romanized(region)
            for name in {_bare(region.name), _bare(english)} - {""}:
                held = ranked.get(name)
                if held is None or rank < held[0]:
                    ranked[name] = (rank, region)
                elif rank == held[0] and held[1] is not region:
                    ranked[name] = (rank, _AMBIGUOUS)
        self.regions = {
            name: region for name, (_, region) in ranked.items() if region is not _AMBIGUOUS
        }

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

"""Turning the names in a ledger into records: zones, regions, departments, industries, investors.

Every lookup is exact on a *cleaned* name (full-width folded, spaces dropped, case folded), the
first step of the Open Supply Hub pipeline. A name that matches nothing, or more than one
record, is never guessed: zones and regions reject the row (the project would land in the wrong
place), while investors, departments and industries are left unlinked and flagged for review.
Reference tables are read once per import, so the number of queries does not grow with rows.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from devzone.core.names import clean_name
from devzone.enterprises.models import Enterprise, EnterpriseAlias, Industry
from devzone.projects.choices import ConstructionType, ProjectKind
from devzone.regions.models import Department, Region, Zone

NAME_CHUNK = 500


def _index(pairs: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    for name, value in pairs:
        if name and value not in found[clean_name(name)]:
            found[clean_name(name)].append(value)
    return found


# Labels people write in the 项目类型 / 建设性质 columns, beside the choice labels themselves.
KIND_WORDS = {
    ProjectKind.MANUFACTURING: ("制造业", "工业", "制造", "产业项目", "工业项目", "制造业项目"),
    ProjectKind.INFRASTRUCTURE: ("基础设施", "基础设施项目", "基建", "城建"),
    ProjectKind.SERVICES: ("服务业", "现代服务业", "服务业项目", "商贸"),
    ProjectKind.AGRICULTURE: ("农业", "农业项目", "现代农业"),
    ProjectKind.ENERGY: ("能源", "能源项目", "新能源"),
    ProjectKind.OTHER: ("其他", "其它"),
}
CONSTRUCTION_WORDS = {
    ConstructionType.NEW: ("新建", "新开工"),
    ConstructionType.EXPANSION: ("扩建", "改扩建", "续建"),
    ConstructionType.UPGRADE: ("技改", "技术改造", "改建"),
}


def choice_table(choices: Any, words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Clean label → choice value, from the values, both languages' labels and ``words``."""
    from django.utils import translation

    table: dict[str, str] = {}
    for value, label in choices.choices:
        table[clean_name(value)] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                table[clean_name(str(label))] = value
        for word in words.get(value, ()):
            table[clean_name(word)] = value
    return table


@dataclass
class Places:
    """Zones, regions and departments, read once."""

    zones: dict[str, list[Zone]] = field(default_factory=dict)
    regions: dict[str, list[Region]] = field(default_factory=dict)
    departments: dict[tuple[int, str], list[Department]] = field(default_factory=dict)
    _memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # rows repeat names

    @classmethod
    def load(cls) -> Places:
        zones = list(Zone.objects.select_related("region"))
        regions = list(Region.objects.all())
        departments = list(Department.objects.all())
        zone_names = [(z.slug, z) for z in zones] + [(z.name, z) for z in zones]
        zone_names += [(z.name_en, z) for z in zones if z.name_en]
        region_names = [(r.code, r) for r in regions] + [(r.name, r) for r in regions]
        region_names += [(r.name_en, r) for r in regions if r.name_en]
        by_department: dict[tuple[int, str], list[Department]] = defaultdict(list)
        for department in departments:
            for name in filter(None, (department.name, department.name_en)):
                by_department[(department.region_id, clean_name(name))].append(department)
        return cls(_index(zone_names), _index(region_names), dict(by_department))

    def zone(self, name: str, region: Region | None = None) -> list[Zone]:
        key = ("zone", name, region.pk if region else None)
        if key not in self._memo:
            self._memo[key] = self._zone(name, region)
        return self._memo[key]

    def _zone(self, name: str, region: Region | None) -> list[Zone]:
        found = self.zones.get(clean_name(name), [])
        if region is not None and len(found) > 1:
            found = [z for z in found if z.region.code.startswith(region.code_prefix)]
        return found

    def region(self, name: str) -> list[Region]:
        return self.regions.get(clean_name(name), [])

    def department(self, name: str, zone: Zone) -> Department | None:
        """The department of the zone's region with that name; the zone's own one first."""
        key = ("department", name, zone.pk)
        if key not in self._memo:
            self._memo[key] = self._department(name, zone)
        return self._memo[key]

    def _department(self, name: str, zone: Zone) -> Department | None:
        found = self.departments.get((zone.region_id, clean_name(name)), [])
        own = [d for d in found if d.zone_id == zone.pk]
        general = [d for d in found if d.zone_id is None]
        for group in (own, general):
            if len(group) == 1:
                return group[0]
        return None


@dataclass
class Industries:
    by_code: dict[str, int]
    by_name: dict[str, list[int]]

    @classmethod
    def load(cls) -> Industries:
        rows = list(Industry.objects.values_list("id", "code", "name", "name_en"))
        names = [(name, pk) for pk, _code, name, _en in rows]
        names += [(en, pk) for pk, _code, _name, en in rows if en]
        return cls({code: pk for pk, code, _n, _e in rows}, _index(names))


class Investors:
    """Enterprises named in the file, matched exactly on legal name, short name or alias."""

    def __init__(self, names: Iterable[str]) -> None:
        wanted = sorted({n for n in names if n})
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.legal_names: dict[int, str] = {}
        variants = sorted({v for n in wanted for v in (n, unicodedata.normalize("NFKC", n))})
        for start in range(0, len(variants), NAME_CHUNK):
            self._load(variants[start : start + NAME_CHUNK])

    def _load(self, chunk: list[str]) -> None:
        enterprises = Enterprise.objects.filter(legal_name__in=chunk) | Enterprise.objects.filter(
            short_name__in=chunk
        )
        for pk, legal, short in enterprises.values_list("id", "legal_name", "short_name"):
            self._add(legal, pk)
            self._add(short, pk)
            self.legal_names[pk] = legal
        aliases = EnterpriseAlias.objects.filter(alias__in=chunk).values_list(
            "enterprise_id", "alias", "enterprise__legal_name"
        )
        for pk, alias, legal in aliases:
            self._add(alias, pk)
            self.legal_names[pk] = legal

    def _add(self, name: str, pk: int) -> None:
        if name and pk not in self.by_name[clean_name(name)]:
            self.by_name[clean_name(name)].append(pk)

    def match(self, name: str) -> list[int]:
        return self.by_name.get(clean_name(name), [])


def suggestions(names: Iterable[str], *, limit: int = 3) -> dict[str, list[str]]:
    """Close enterprise names for unmatched investors, from the fuzzy matcher if it is there.

    Suggestions are shown to the person reviewing; nothing is linked on their strength.
    """
    names = sorted(set(names))
    if not names:
        return {}
    try:
        from devzone.matching.index import EnterpriseRecord, NameIndex
    except ImportError:  # pragma: no cover - the matcher is optional here
        return {}
    rows = Enterprise.objects.values_list("id", "legal_name", "short_name")[:200_000]
    index = NameIndex(
        EnterpriseRecord(pk, legal, (short,) if short else ()) for pk, legal, short in rows
    )
    found = {}
    for name in names:
        try:
            result = index.match(name, limit=limit)
        except Exception:
            continue
        found[name] = [candidate.legal_name for candidate in result.candidates]
    return found

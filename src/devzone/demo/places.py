"""The demo's zones and departments, created through the region services when missing.

The zones named in the documents are real (金华经济技术开发区, 金义新区, the Jinhua New Energy
Vehicle Town, 肇庆高新区, the Zhaoqing large industrial cluster and its municipal starting area,
龙泉, the Sanjiangkou Baiqiao block of Liandu). The county industrial platforms of Zhaoqing are
illustrative stand-ins ("<county>产业园区") so that 310 projects spread over the city the way a
real ledger does; their names are not the platforms' official names.

Of the Jinyi promotion group's 13 member departments the document names three (the District
Development and Reform Bureau, the District Investment Promotion Center and the District
Investment Promotion Service Company); the other ten are illustrative: the departments a
district usually sends to a big manufacturing project's group.
"""

from __future__ import annotations

from dataclasses import dataclass

from devzone.regions.models import Department, Region, Zone
from devzone.regions.services import create_department, create_zone


class MissingReferenceData(RuntimeError):
    """The administrative divisions the demo hangs on are not loaded."""


@dataclass(frozen=True)
class ZoneSpec:
    slug: str
    name: str
    name_en: str
    kind: str
    region: str
    parent: str | None = None


ZONES = [
    ZoneSpec(
        "jdz",
        "金华经济技术开发区",
        "Jinhua Economic and Technological Development Zone",
        "development_zone",
        "330700",
    ),
    ZoneSpec(
        "jdz-nev-town",
        "金华新能源汽车小镇",
        "Jinhua New Energy Vehicle Town",
        "town",
        "330700",
        "jdz",
    ),
    ZoneSpec("jinyi", "金义新区", "Jinyi New District", "new_district", "330703"),
    ZoneSpec(
        "jinyi-ftz",
        "中国（浙江）自由贸易试验区金义片区",
        "Jinyi Area, Zhejiang Pilot FTZ",
        "free_trade_zone",
        "330700",
    ),
    ZoneSpec("zq-hitech", "肇庆高新区", "Zhaoqing High-tech Zone", "high_tech_zone", "441200"),
    ZoneSpec(
        "zq-cluster",
        "肇庆大型产业集聚区",
        "Guangdong Large Industrial Cluster (Zhaoqing), about 992 km²",
        "industrial_cluster",
        "441200",
    ),
    ZoneSpec(
        "zq-cluster-start",
        "肇庆大型产业集聚区市管起步区",
        "Municipal starting area of the Zhaoqing cluster",
        "park",
        "441203",
        "zq-cluster",
    ),
    ZoneSpec("zq-duanzhou", "端州区产业园区", "Duanzhou industrial park", "park", "441202"),
    ZoneSpec("zq-dinghu", "鼎湖区产业园区", "Dinghu industrial park", "park", "441203"),
    ZoneSpec("zq-gaoyao", "高要区产业园区", "Gaoyao industrial park", "park", "441204"),
    ZoneSpec("zq-sihui", "四会市产业园区", "Sihui industrial park", "park", "441284"),
    ZoneSpec("zq-guangning", "广宁县产业园区", "Guangning industrial park", "park", "441223"),
    ZoneSpec("zq-huaiji", "怀集县产业园区", "Huaiji industrial park", "park", "441224"),
    ZoneSpec("zq-fengkai", "封开县产业园区", "Fengkai industrial park", "park", "441225"),
    ZoneSpec("zq-deqing", "德庆县产业园区", "Deqing industrial park", "park", "441226"),
    ZoneSpec(
        "lishui-edz",
        "丽水经济技术开发区",
        "Lishui Economic and Technological Development Zone",
        "development_zone",
        "331100",
    ),
    ZoneSpec(
        "longquan-edz",
        "龙泉经济开发区",
        "Longquan Economic Development Zone",
        "development_zone",
        "331181",
    ),
    ZoneSpec(
        "liandu-baiqiao",
        "莲都区三江口白桥区块",
        "Sanjiangkou Baiqiao Block, Liandu",
        "park",
        "331102",
    ),
]

# (Chinese name, English name); the source names the first three, the other ten are illustrative.
JINYI_GROUP_DEPARTMENTS = [
    ("区发展和改革局", "District Development and Reform Bureau"),
    ("区投资促进中心", "District Investment Promotion Center"),
    ("区招商服务公司", "District Investment Promotion Service Company"),
    ("区经济和信息化局", "District Economy and Information Technology Bureau"),
    ("区财政局", "District Finance Bureau"),
    ("区自然资源和规划分局", "District Natural Resources and Planning Branch"),
    ("区住房和城乡建设局", "District Housing and Urban-Rural Development Bureau"),
    ("区生态环境分局", "District Ecology and Environment Branch"),
    ("区人力资源和社会保障局", "District Human Resources and Social Security Bureau"),
    ("区市场监督管理局", "District Market Supervision Bureau"),
    ("区应急管理局", "District Emergency Management Bureau"),
    ("区交通运输局", "District Transport Bureau"),
    ("区行政审批服务中心", "District Administrative Approval Service Center"),
]

# Illustrative departments for the other zones' problem lists.
OTHER_DEPARTMENTS = {
    "jdz": [
        ("投资促进局", "Investment Promotion Bureau"),
        ("经济发展局", "Economic Development Bureau"),
        ("建设局", "Construction Bureau"),
    ],
    "zq-cluster": [
        ("投资促进局", "Investment Promotion Bureau"),
        ("规划建设局", "Planning and Construction Bureau"),
    ],
    "zq-hitech": [("经济贸易和科技局", "Economy, Trade and Technology Bureau")],
    "longquan-edz": [("招商服务中心", "Investment Service Center")],
}


def regions_by_code() -> dict[str, Region]:
    wanted = {spec.region for spec in ZONES} | {"330000", "440000"}
    found = {region.code: region for region in Region.objects.filter(code__in=wanted)}
    missing = sorted(wanted - set(found))
    if missing:
        raise MissingReferenceData(
            f"regions {', '.join(missing)} are not loaded; run `devzone reference load regions`"
        )
    return found


def ensure_zones(regions: dict[str, Region]) -> tuple[dict[str, Zone], int]:
    """Every demo zone by slug; returns the zones and how many were created."""
    zones = {zone.slug: zone for zone in Zone.objects.filter(slug__in=[s.slug for s in ZONES])}
    created = 0
    for spec in ZONES:
        if spec.slug in zones:
            continue
        zones[spec.slug] = create_zone(
            actor=None,
            region=regions[spec.region],
            slug=spec.slug,
            name=spec.name,
            name_en=spec.name_en,
            kind=spec.kind,
            parent=zones.get(spec.parent) if spec.parent else None,
        )
        created += 1
    return zones, created


def ensure_departments(zones: dict[str, Zone]) -> tuple[dict[tuple[str, str], Department], int]:
    """Departments keyed by (zone slug, Chinese name); returns them and how many were created."""
    wanted = [("jinyi", name, name_en) for name, name_en in JINYI_GROUP_DEPARTMENTS]
    for slug, names in OTHER_DEPARTMENTS.items():
        wanted += [(slug, name, name_en) for name, name_en in names]
    existing = {
        (department.zone.slug, department.name): department
        for department in Department.objects.filter(zone__in=zones.values()).select_related("zone")
    }
    created = 0
    for slug, name, name_en in wanted:
        if (slug, name) in existing:
            continue
        zone = zones[slug]
        existing[(slug, name)] = create_department(
            actor=None, region=zone.region, zone=zone, name=name, name_en=name_en
        )
        created += 1
    return existing, created

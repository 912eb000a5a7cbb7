"""The enterprises the documents name, with their legal names, short names and stock codes.

Legal names and stock codes of listed companies are the public ones (宁德时代 300750, 万里扬
002434, 今飞凯达 002863, 深康佳 000016, 科伦药业 002422). "Jinfei" in the Jinhua document is
read as 今飞 (Zhejiang Jinfei Kaida Wheel, a Jinhua wheel maker). Where the documents give only
an English name and no Chinese legal name could be confirmed offline (Dongyi Magnetic,
Dalezhihang, ICONIQ Holding), the English name is kept as the legal name. Credit codes are
left blank: none is shown unless it is certain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devzone.enterprises.models import Enterprise
from devzone.enterprises.services import create_enterprise
from devzone.regions.models import Region


@dataclass(frozen=True)
class CompanySpec:
    key: str
    legal_name: str
    short_name: str = ""
    name_en: str = ""
    region_part: str = ""
    legal_form: str = ""
    listed_code: str = ""
    region: str | None = None
    aliases: list[tuple[str, str]] = field(default_factory=list)


COMPANIES = [
    CompanySpec(
        "catl",
        "宁德时代新能源科技股份有限公司",
        "宁德时代",
        "Contemporary Amperex Technology Co., Limited",
        "",
        "股份有限公司",
        "300750",
        "350900",
        [("CATL", "english"), ("宁德时代", "short")],
    ),
    CompanySpec(
        "xpeng",
        "肇庆小鹏汽车有限公司",
        "小鹏汽车",
        "Xpeng Motors",
        "肇庆",
        "有限公司",
        "",
        "441200",
        [("小鹏汽车", "brand"), ("Xpeng", "english")],
    ),
    CompanySpec(
        "leapmotor",
        "浙江零跑科技股份有限公司",
        "零跑汽车",
        "Zhejiang Leapmotor Technology Co., Ltd.",
        "浙江",
        "股份有限公司",
        "09863.HK",
        "330100",
        [("零跑", "brand"), ("零跑汽车", "short"), ("Leapmotor", "english")],
    ),
    CompanySpec(
        "konka",
        "康佳集团股份有限公司",
        "康佳",
        "Konka Group Co., Ltd.",
        "",
        "股份有限公司",
        "000016",
        "440300",
        [("康佳", "short"), ("Konka", "english")],
    ),
    CompanySpec(
        "nwtn",
        "ICONIQ Holding Limited",
        "NWTN",
        "ICONIQ Holding Limited",
        "",
        "Limited",
        "",
        None,
        [("NWTN", "brand")],
    ),
    CompanySpec(
        "kolen",
        "四川科伦药业股份有限公司",
        "科伦药业",
        "Sichuan Kelun Pharmaceutical Co., Ltd.",
        "四川",
        "股份有限公司",
        "002422",
        "510100",
        [
            ("科伦药业", "short"),
            ("Kolen Pharmaceuticals", "english"),
            ("Sichuan Kolen Pharmaceuticals", "english"),
        ],
    ),
    CompanySpec(
        "guojing",
        "浙江国镜药业有限公司",
        "国镜药业",
        "Zhejiang Guojing Pharmaceuticals Co., Ltd.",
        "浙江",
        "有限公司",
        "",
        "331181",
        [("国镜药业", "short"), ("Zhejiang Guojing Pharmaceuticals", "english")],
    ),
    CompanySpec(
        "dongyi",
        "Zhejiang Dongyi Magnetic Industry Co., Ltd.",
        "Dongyi",
        "Zhejiang Dongyi Magnetic Industry Co., Ltd.",
        "Zhejiang",
        "Co., Ltd.",
        "",
        "331100",
    ),
    CompanySpec(
        "wanliyang",
        "浙江万里扬股份有限公司",
        "万里扬",
        "Zhejiang Wanliyang Co., Ltd.",
        "浙江",
        "股份有限公司",
        "002434",
        "330700",
        [("万里扬", "short"), ("Wanliyang", "english"), ("WLY", "english")],
    ),
    CompanySpec(
        "jinfei",
        "浙江今飞凯达轮毂股份有限公司",
        "今飞凯达",
        "Zhejiang Jinfei Kaida Wheel Co., Ltd.",
        "浙江",
        "股份有限公司",
        "002863",
        "330700",
        [("今飞", "brand"), ("今飞凯达", "short"), ("Jinfei", "english")],
    ),
    CompanySpec(
        "dalezhihang",
        "Dalezhihang (Zhejiang) Technology Co., Ltd.",
        "Dalezhihang",
        "Dalezhihang (Zhejiang) Technology Co., Ltd.",
        "Zhejiang",
        "Co., Ltd.",
        "",
        "331124",
    ),
]


def ensure_companies() -> tuple[dict[str, Enterprise], int]:
    """Every demo enterprise by key; returns them and how many were created."""
    names = [spec.legal_name for spec in COMPANIES]
    existing = {e.legal_name: e for e in Enterprise.objects.filter(legal_name__in=names)}
    regions = {
        r.code: r for r in Region.objects.filter(code__in={s.region for s in COMPANIES if s.region})
    }
    companies, created = {}, 0
    for spec in COMPANIES:
        enterprise = existing.get(spec.legal_name)
        if enterprise is None:
            enterprise = create_enterprise(
                actor=None,
                legal_name=spec.legal_name,
                short_name=spec.short_name,
                name_en=spec.name_en,
                region_part=spec.region_part,
                legal_form=spec.legal_form,
                listed_code=spec.listed_code,
                region=regions.get(spec.region) if spec.region else None,
                aliases=[(alias, kind) for alias, kind in spec.aliases if alias != spec.legal_name],
            )
            created += 1
        companies[spec.key] = enterprise
    return companies, created

"""The seed documents' indicators as series, and the seed documents in the review queue.

Every figure cites the document and sentence it comes from (the seed files in
``shared/seeds``). The national and Zhejiang GDP growth of the first half of 2024 (5.0 % and
5.6 %) are the figures the Lishui article compares against ("1.9 and 1.3 percentage points
above the national and provincial averages"), so the derived gaps read exactly 1.9 and 1.3.
No other city's figure is invented: Lishui's published rank (second in Zhejiang) is kept as
the observation's ``rank`` text, and computed ranks appear once peers' figures are imported.

:func:`load_demo_indicators` is idempotent: a second run changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from devzone.core.paths import REPO_ROOT
from devzone.indicators.catalogue import ensure_catalogue, ensure_indicator
from devzone.indicators.choices import NATIONAL_CODE
from devzone.indicators.models import Observation
from devzone.indicators.services import Figure, national_region, record_observation
from devzone.regions.models import Region, Zone

logger = logging.getLogger(__name__)

YI = Decimal(10) ** 8
H1_2024 = (date(2024, 1, 1), date(2024, 6, 30), "half", True)
Y2021 = (date(2021, 1, 1), date(2021, 12, 31), "year", False)
FIVE_YEARS = (date(2017, 1, 1), date(2021, 12, 31), "years", False)
JAN_SEP_2023 = (date(2023, 1, 1), date(2023, 9, 30), "quarter", True)
SEP_2023 = (date(2023, 9, 1), date(2023, 9, 30), "month", False)

LISHUI = "004_b32638d0c8cea9c1 «Innovating Towards Economic Resilience» (2024)"
JINHUA = "001_4bdebbfa22ce41fd «Jinhua Focuses on Opening Up» (2022-06-28)"
JDZ = (
    "000_4d62f6c9b7ce257e «Fostering Shared Prosperity through Distinctive Industries» (2023-09-06)"
)
ZHAOQING = "003_17b92bc0b714ba39 «Zhaoqing insists on taking the lead…» (2023-10-11)"


@dataclass(frozen=True)
class Point:
    subject: str  # a region code or "zone:<slug>"
    indicator: str
    period: tuple
    figure: Figure
    source: str


def _pct(text: str) -> Decimal:
    return Decimal(text)


POINTS = [
    Point(NATIONAL_CODE, "gdp", H1_2024, Figure(yoy=_pct("5.0")),
          f"{LISHUI}: national average implied by “surpassing national … averages by 1.9 … "
          "percentage points”"),
    Point("330000", "gdp", H1_2024, Figure(yoy=_pct("5.6")),
          f"{LISHUI}: provincial average implied by “… and provincial averages by … 1.3 "
          "percentage points”"),
    Point("331100", "gdp", H1_2024, Figure(yoy=_pct("6.9"), rank="2 (Zhejiang)"),
          f"{LISHUI}: “Lishui City … recorded a 6.9% year-on-year increase in GDP in the first "
          "half of 2024, placing it second in growth rate within the province”"),
    Point("331100", "manufacturing_value_added", H1_2024,
          Figure(yoy=_pct("24.5"), rank="1 (Zhejiang)"),
          f"{LISHUI}: “Industrial value added increased by 24.5% in manufacturing … all ranking "
          "first in Zhejiang Province”"),
    Point("331100", "equipment_manufacturing_value_added", H1_2024,
          Figure(yoy=_pct("17.5"), rank="1 (Zhejiang)"),
          f"{LISHUI}: “… 17.5% in equipment manufacturing …”"),
    Point("331100", "high_tech_manufacturing_value_added", H1_2024,
          Figure(yoy=_pct("13.5"), rank="1 (Zhejiang)"),
          f"{LISHUI}: “… and 13.5% in high-tech industries”"),
    Point("330700", "gdp", FIVE_YEARS, Figure(yoy=_pct("6.2")),
          f"{JINHUA}: “Its GDP increased by an average of 6.2% annually” (average annual "
          "growth over the five years)"),
    Point("330700", "public_budget_revenue", FIVE_YEARS, Figure(yoy=_pct("8.3")),
          f"{JINHUA}: “the public budget revenue and fixed asset investment increased by 8.3% "
          "and 9.2% respectively”"),
    Point("330700", "fixed_asset_investment", FIVE_YEARS, Figure(yoy=_pct("9.2")),
          f"{JINHUA}: “… and fixed asset investment increased by … 9.2%”"),
    Point("330700", "output_value", Y2021,
          Figure(value=500 * 10 * YI, unit="CNY", qualifier="more_than"),
          f"{JINHUA}: “The total output value of industrial companies above the designated "
          "level in Jinhua exceeded 500 billion RMB.”"),
    Point("330700", "urbanization_rate", Y2021, Figure(value=Decimal("68.7"), unit="percent"),
          f"{JINHUA}: “the urbanization rate of the permanent population reached 68.7%”"),
    Point("zone:jinyi-ftz", "import_export", Y2021,
          Figure(value=Decimal("160.86") * 10 * YI, unit="CNY", yoy=_pct("39.9")),
          f"{JINHUA}: “In 2021, the import and export volume of the Jinyi Pilot FTZ reached "
          "160.86 billion RMB, an increase of 39.9% year on year.”"),
    Point("zone:jinyi-ftz", "foreign_capital_used", Y2021,
          Figure(value=Decimal(132_000_000), unit="USD", yoy=_pct("632.7")),
          f"{JINHUA}: “The actual use of foreign capital reached 132 million US dollars, an "
          "increase of 632.7% year on year.”"),
    Point("zone:jinyi-ftz", "new_enterprises", Y2021, Figure(value=Decimal(20381)),
          f"{JINHUA}: “There were also a total of 20,381 newly registered companies in 2021.”"),
    Point("zone:jinyi-ftz", "share", Y2021, Figure(value=Decimal(21), unit="percent"),
          f"{JINHUA}: “The Jinyi area, which accounts for less than 15% of Zhejiang’s free trade "
          "zone, contributes 21% of the total import and export volume”"),
    Point("441200", "new_market_entities", JAN_SEP_2023,
          Figure(value=Decimal(82500), yoy=_pct("114.4")),
          f"{ZHAOQING}: “the city's newly registered business entities were 82,500, a "
          "year-on-year increase of 114.4%”"),
    Point("441200", "tech_transformation_investment", JAN_SEP_2023,
          Figure(value=Decimal("12.61") * 10 * YI, unit="CNY", yoy=_pct("3.7")),
          f"{ZHAOQING}: “the investment in industrial technological transformation was 12.61 "
          "billion yuan, a year-on-year increase of 3.7%”"),
    Point("441200", "planned_investment", JAN_SEP_2023,
          Figure(value=Decimal("68.9") * 10 * YI, unit="CNY"),
          f"{ZHAOQING}: “the city has introduced 310 manufacturing projects with a planned "
          "investment of 68.9 billion yuan”"),
    Point("zone:panlong-village", "tenants", SEP_2023,
          Figure(value=Decimal(20000), unit="person", qualifier="nearly"),
          f"{JDZ}: “this village, which originally had just over 1,200 residents, has now "
          "welcomed almost 20,000 tenants”"),
    Point("zone:panlong-village", "occupancy_rate", SEP_2023,
          Figure(value=Decimal(95), unit="percent", qualifier="more_than"),
          f"{JDZ}: “over 95% of the standard rooms and suites … have already been leased”"),
    Point("zone:panlong-village", "storefront_occupancy_rate", SEP_2023,
          Figure(value=Decimal(80), unit="percent", qualifier="more_than"),
          f"{JDZ}: “along with more than 80% of the storefronts in the village”"),
    Point("zone:jdz-nev-town", "jobs", SEP_2023,
          Figure(value=Decimal(500), qualifier="nearly"),
          f"{JDZ}: “The Tangzhai Night Market has created almost 500 jobs”"),
]  # fmt: skip


def _panlong() -> Zone | None:
    """Panlong Village, beside the New Energy Vehicle Town: a village with its own figures."""
    found = Zone.objects.filter(slug="panlong-village").first()
    region = Region.objects.filter(code="330700").first()
    if found is not None or region is None:
        return found
    from devzone.regions.services import create_zone

    return create_zone(
        actor=None, region=region, slug="panlong-village", name="盘龙村",
        name_en="Panlong Village", kind="town",
    )  # fmt: skip


def _subject(code: str) -> Region | Zone | None:
    if code == NATIONAL_CODE:
        return national_region()
    if code.startswith("zone:"):
        slug = code.removeprefix("zone:")
        return _panlong() if slug == "panlong-village" else Zone.objects.filter(slug=slug).first()
    return Region.objects.filter(code=code).first()


def _exists(subject: Region | Zone, point: Point) -> bool:
    start, end, _granularity, cumulative = point.period
    return (
        Observation.objects.for_subject(subject)
        .filter(
            indicator__key=point.indicator,
            period_start=start,
            period_end=end,
            cumulative=cumulative,
        )
        .exists()
    )


@transaction.atomic
def load_demo_indicators() -> int:
    """Create the demo series and queue the seed documents; returns observations created."""
    ensure_catalogue()
    created = 0
    for point in POINTS:
        subject = _subject(point.subject)
        if subject is None or _exists(subject, point):
            continue
        start, end, granularity, cumulative = point.period
        record_observation(
            subject=subject, indicator=ensure_indicator(point.indicator), start=start, end=end,
            figure=point.figure, granularity=granularity, cumulative=cumulative,
            source=point.source, actor=None,
        )  # fmt: skip
        created += 1
    ingest_seed_documents()
    return created


def seeds_dir():  # type: ignore[no-untyped-def]
    return REPO_ROOT.parent / "shared" / "seeds"


def ingest_seed_documents() -> int:
    """Run the seed documents through the review queue (skipped quietly when absent)."""
    from devzone.texts.services import ingest_document

    folder = seeds_dir()
    if not folder.is_dir():
        return 0
    count = 0
    for path in sorted(folder.glob("*.txt")):
        result = ingest_document(path.read_bytes(), actor=None, filename=path.name)
        count += result.created
    return count

"""Derived views: monthly from cumulative, growth, ranks, gaps in points, shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from devzone.indicators import analysis
from devzone.indicators.catalogue import ensure_indicator
from devzone.indicators.choices import RankBy
from devzone.indicators.models import Observation
from devzone.indicators.tests.conftest import H1_2024, observe

D = dt.date


def test_monthly_values_are_differences_of_year_to_date_values(places):
    jinhua = places["jinhua"]
    for month, value in [(1, "10"), (2, "25"), (3, "45"), (5, "80")]:
        end = D(2024, month + 1, 1) - dt.timedelta(days=1)
        observe(jinhua, "retail_sales", D(2024, 1, 1), end, value=value, cumulative=True)
    observe(jinhua, "retail_sales", D(2025, 1, 1), D(2025, 1, 31), value="12", cumulative=True)

    points = analysis.monthly_from_cumulative(list(Observation.objects.filter(region=jinhua)))

    assert [(p.label, p.value) for p in points] == [
        ("2024-01", Decimal(10)),  # January's cumulative is its own
        ("2024-02", Decimal(15)),
        ("2024-03", Decimal(20)),
        ("2024-04..05", Decimal(35)),  # April is missing: the difference covers two months
        ("2025-01", Decimal(12)),  # a new year starts again
    ]


def test_growth_is_the_published_rate_or_computed_from_last_year(places):
    jinhua = places["jinhua"]
    published = observe(jinhua, "gdp", D(2023, 1, 1), D(2023, 12, 31), value="110", yoy="7.1")
    observe(jinhua, "export", D(2022, 1, 1), D(2022, 12, 31), value="100")
    current = observe(jinhua, "export", D(2023, 1, 1), D(2023, 12, 31), value="732.7")

    assert analysis.growth(published) == Decimal("7.1")
    assert analysis.growth(current) == Decimal("632.7")


def test_growth_of_february_across_a_leap_year(places):
    jinhua = places["jinhua"]
    observe(jinhua, "export", D(2024, 2, 1), D(2024, 2, 29), value="100")
    observe(jinhua, "export", D(2024, 1, 1), D(2024, 2, 29), value="210", cumulative=True)
    month = observe(jinhua, "export", D(2025, 2, 1), D(2025, 2, 28), value="150")
    year_to_date = observe(
        jinhua, "export", D(2025, 1, 1), D(2025, 2, 28), value="250", cumulative=True
    )
    later = observe(jinhua, "export", D(2028, 2, 1), D(2028, 2, 29), value="200")
    observe(jinhua, "export", D(2027, 2, 1), D(2027, 2, 28), value="160")

    assert analysis.growth(month) == Decimal(50)
    assert analysis.growth(year_to_date).quantize(Decimal("0.01")) == Decimal("19.05")
    assert analysis.growth(later) == Decimal(25)


def test_rank_among_the_cities_of_the_same_province_by_growth_and_by_value(places):
    start, end = H1_2024
    lishui, wenzhou, jinhua = places["lishui"], places["wenzhou"], places["jinhua"]
    observe(lishui, "gdp", start, end, value="950", yoy="6.9", cumulative=True)
    observe(wenzhou, "gdp", start, end, value="4300", yoy="7.2", cumulative=True)
    observe(jinhua, "gdp", start, end, value="2900", yoy="5.8", cumulative=True)
    observe(places["guangdong"], "gdp", start, end, yoy="9.9", cumulative=True)  # not a peer
    gdp = ensure_indicator("gdp")

    by_growth = analysis.rank_among_peers(lishui, gdp, start, end, cumulative=True, by="growth")
    by_value = analysis.rank_among_peers(lishui, gdp, start, end, cumulative=True)

    assert [(r.region.code, r.rank) for r in by_growth.rows] == [
        ("330300", 1), ("331100", 2), ("330700", 3),
    ]  # fmt: skip
    assert by_growth.rank_of(lishui) == 2
    assert by_value.rank_of(lishui) == 3 and by_value.by == RankBy.VALUE


def test_equal_figures_share_a_place(places):
    start, end = H1_2024
    for city in ("lishui", "wenzhou", "jinhua"):
        observe(places[city], "gdp", start, end, yoy="6" if city != "jinhua" else "5")

    ranking = analysis.rank_among_peers(places["lishui"], ensure_indicator("gdp"), start, end,
                                        by="growth")  # fmt: skip

    assert [row.rank for row in ranking.rows] == [1, 1, 3]


def test_gaps_to_the_national_and_provincial_growth_are_exact_points(places):
    start, end = H1_2024
    observe(places["china"], "gdp", start, end, yoy="5.0", cumulative=True)
    observe(places["zhejiang"], "gdp", start, end, yoy="5.6", cumulative=True)
    lishui = observe(places["lishui"], "gdp", start, end, yoy="6.9", cumulative=True)

    gaps = analysis.gaps(lishui)

    assert gaps.national == Decimal("1.9")
    assert gaps.provincial == Decimal("1.3")
    national = Observation.objects.get(region=places["china"])
    assert analysis.gaps(national) == analysis.Gaps(national=None, provincial=None)


def test_growth_is_shown_rounded_half_up(places):
    from django.utils import translation

    from devzone.indicators.presenters import format_growth

    with translation.override("en"):
        shown = [format_growth(Decimal(v)) for v in ("10.25", "0.05", "-2.45", "12.345")]
    assert shown == ["+10.3%", "+0.1%", "-2.5%", "+12.3%"]


def test_the_national_pseudo_region_is_nobodys_peer(places):
    assert places["china"].code == "100000"
    assert places["china"] not in analysis.peers(places["zhejiang"])


def test_a_zone_share_of_its_region(places, zone_a):
    year = (D(2021, 1, 1), D(2021, 12, 31))
    observe(places["jinhua"], "import_export", *year, value="800", unit="CNY")
    part = observe(zone_a, "import_export", *year, value="168", unit="CNY")

    assert analysis.share_of_region(part) == Decimal(21)
    assert analysis.share(part, None) is None

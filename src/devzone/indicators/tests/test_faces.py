"""Pages, command line, API and demo of the indicator series."""

from __future__ import annotations

import argparse
import datetime as dt
import json

import pytest
from django.urls import reverse
from ninja.testing import TestClient

from devzone.indicators.api import router
from devzone.indicators.cli import register
from devzone.indicators.tests.conftest import H1_2024, observe
from devzone.regions.models import Region


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def lishui_h1(places):
    start, end = H1_2024
    observe(places["china"], "gdp", start, end, yoy="5.0", cumulative=True)
    observe(places["zhejiang"], "gdp", start, end, yoy="5.6", cumulative=True)
    observe(places["wenzhou"], "gdp", start, end, yoy="7.2", cumulative=True)
    return observe(places["lishui"], "gdp", start, end, yoy="6.9", cumulative=True)


@pytest.mark.parametrize(
    ("language", "gap", "rank"),
    [("en", "+1.9 percentage points", "2/2"), ("zh-hans", "+1.9个百分点", "2/2")],
)
def test_subject_page_shows_ranks_and_gaps_in_both_languages(
    client, leader_jinhua, lishui_h1, language, gap, rank
):
    client.force_login(leader_jinhua)
    client.cookies["django_language"] = language

    page = client.get(reverse("indicators:subject", args=["region", "331100"])).content.decode()

    assert gap in page and "+1.3" in page and rank in page


def test_the_published_rank_is_shown_when_too_few_peers_have_the_figure(
    client, leader_jinhua, places
):
    start, end = dt.date(2024, 1, 1), dt.date(2024, 6, 30)
    observation = observe(places["lishui"], "gdp", start, end, yoy="6.9", cumulative=True)
    observation.rank = "2 (Zhejiang)"
    observation.save()
    client.force_login(leader_jinhua)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("indicators:subject", args=["region", "331100"])).content.decode()

    assert "2 (Zhejiang) (published)" in page


def test_index_and_series_pages(client, leader_jinhua, places, django_assert_max_num_queries):
    client.force_login(leader_jinhua)
    jinhua = places["jinhua"]
    for month in (1, 2, 3):
        end = dt.date(2024, month + 1, 1) - dt.timedelta(days=1)
        observe(jinhua, "retail_sales", dt.date(2024, 1, 1), end, value=month * 100,
                unit="CNY", cumulative=True)  # fmt: skip
    with django_assert_max_num_queries(10):
        index = client.get(reverse("indicators:index"))
    series = client.get(reverse("indicators:series", args=["region", "330700", "retail_sales"]))

    assert index.status_code == series.status_code == 200
    assert "<svg" in series.content.decode() and "2024-03" in series.content.decode()


def test_series_charts_write_amounts_and_rates_as_the_tables_do(client, leader_jinhua, places):
    client.force_login(leader_jinhua)
    client.cookies["django_language"] = "zh-hans"
    jinhua = places["jinhua"]
    observe(jinhua, "foreign_capital_used", dt.date(2023, 1, 1), dt.date(2023, 12, 31),
            value=132000000, unit="USD")  # fmt: skip
    observe(jinhua, "gdp", dt.date(2017, 1, 1), dt.date(2021, 12, 31), yoy="6.2")

    money = client.get(reverse("indicators:series", args=["region", "330700",
                                                          "foreign_capital_used"]))  # fmt: skip
    growth = client.get(reverse("indicators:series", args=["region", "330700", "gdp"]))

    chart = money.content.decode().split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "1.32亿美元" in chart and "132000000" not in chart
    page = growth.content.decode()
    assert "+6.2%" in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "年均+6.2%" in page  # an average rate reads as one, in the table too


def test_index_query_count_is_flat(client, admin_user, places, zone_a,
                                   django_assert_max_num_queries):  # fmt: skip
    client.force_login(admin_user)
    for index, region in enumerate(("jinhua", "lishui", "wenzhou", "zhaoqing")):
        observe(places[region], "gdp", dt.date(2023, 1, 1), dt.date(2023, 12, 31), yoy=index + 1)
    observe(zone_a, "jobs", dt.date(2023, 9, 1), dt.date(2023, 9, 30), value=500)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("indicators:index")).status_code == 200


def test_zone_pages_follow_the_zone_scope(client, staff_b, zone_a):
    observe(zone_a, "jobs", dt.date(2023, 9, 1), dt.date(2023, 9, 30), value=500)
    client.force_login(staff_b)

    assert client.get(reverse("indicators:subject", args=["zone", "jdz"])).status_code == 404


def test_cli_import_dry_run_and_show(shared_data, capsys, catalogue):
    path = shared_data / "indicators" / "GDP.xlsx"
    assert _run("indicators", "import", str(path), "--dry-run", "--json") == 0
    assert json.loads(capsys.readouterr().out)["dry_run"] is True
    assert _run("indicators", "import", str(path)) == 0
    capsys.readouterr()

    assert _run("indicators", "show", "--region", "100000", "--indicator", "gdp", "--json") == 0

    rows = json.loads(capsys.readouterr().out)["observations"]
    year = next(r for r in rows if r["period"] == "2024" and r["cumulative"])
    assert (year["value"], year["yoy"]) == ("134908350000000", "5")


def test_cli_show_writes_figures_as_the_pages_do(capsys, catalogue, zone_a, monkeypatch):
    monkeypatch.setenv("DEVZONE_LANGUAGE", "zh-hans")
    observe(zone_a, "fixed_asset_investment", dt.date(2023, 1, 1), dt.date(2023, 9, 30),
            value=68900000000, unit="CNY", cumulative=True)  # fmt: skip

    assert _run("indicators", "show", "--region", zone_a.slug,
                "--indicator", "fixed_asset_investment") == 0  # fmt: skip

    assert "689亿元" in capsys.readouterr().out


def test_api_series_ranking_and_derived(lishui_h1, leader_jinhua):
    api = TestClient(router)

    series = api.get("/indicators/series?subject=331100&indicator=gdp", auth=leader_jinhua)
    ranking = api.get("/indicators/ranking?region=331100&indicator=gdp&start=2024-01-01"
                      "&end=2024-06-30&cumulative=true&by=growth", auth=leader_jinhua)  # fmt: skip
    derived = api.get(f"/indicators/observations/{lishui_h1.pk}/derived", auth=leader_jinhua)

    assert series.json()["observations"][0]["yoy"] == "6.9"
    assert [(r["region"], r["rank"]) for r in ranking.json()] == [("330300", 1), ("331100", 2)]
    # two of Zhejiang's cities have the figure: a reader sees how complete the ranking is
    peers = Region.objects.filter(parent__code="330000", level="prefecture").count()
    assert {(r["ranked"], r["peers"]) for r in ranking.json()} == {(2, peers)}
    assert peers > 2
    assert derived.json()["gap_national_points"] == "1.9"
    assert derived.json()["gap_provincial_points"] == "1.3"
    assert api.get("/indicators/catalogue", auth=leader_jinhua).status_code == 200


def test_demo_is_idempotent_and_computes_the_published_gaps(places, zone_a):
    from devzone.indicators import analysis
    from devzone.indicators.demo import load_demo_indicators
    from devzone.indicators.models import Observation

    created = load_demo_indicators()

    assert created >= 10 and load_demo_indicators() == 0
    lishui = Observation.objects.get(region__code="331100", indicator__key="gdp")
    gaps = analysis.gaps(lishui)
    assert (str(gaps.national), str(gaps.provincial), lishui.rank) == ("1.9", "1.3", "2 (Zhejiang)")


def test_a_five_year_average_rate_is_shown_as_one(places, zone_a, leader_jinhua, client):
    from conftest import PASSWORD

    from devzone.indicators import analysis
    from devzone.indicators.demo import load_demo_indicators
    from devzone.indicators.models import Observation

    load_demo_indicators()
    five_years = Observation.objects.get(
        region__code="330700", indicator__key="gdp", period_start=dt.date(2017, 1, 1)
    )
    assert analysis.growth_basis(five_years) == "avg_annual"
    api = TestClient(router)
    derived = api.get(f"/indicators/observations/{five_years.pk}/derived", auth=leader_jinhua)
    assert (derived.json()["growth"], derived.json()["growth_basis"]) == ("6.2", "avg_annual")
    assert client.login(username=leader_jinhua.username, password=PASSWORD)
    url = reverse("indicators:subject", args=["region", "330700"])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "+6.2% a year" in page.content.decode()


def test_api_ranking_refuses_a_period_that_ends_before_it_starts(lishui_h1, leader_jinhua):
    from devzone.accounts.services import issue_token
    from devzone.api.tests.client import ApiClient, errors_by_field

    client = ApiClient(issue_token(leader_jinhua, actor=None))
    path = "/indicators/ranking?region=331100&indicator=gdp&start=2024-06-30&end=2024-01-01"

    assert "end" in errors_by_field(client.get(path))

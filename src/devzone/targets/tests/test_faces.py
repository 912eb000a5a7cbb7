"""The command line, the API and the pages over targets, the race and the briefing."""

from __future__ import annotations

import argparse
import json

import pytest
from django.core.exceptions import ValidationError
from ninja.testing import TestClient

from devzone.targets.api import router
from devzone.targets.cli import register
from devzone.targets.demo import PLAN_NAME, SCORECARD_NAME


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.mark.parametrize("tolerance", ["NaN", "Infinity", "-5", "abc"])
def test_cli_progress_refuses_a_tolerance_that_is_not_points(zq_plan, tolerance):
    from devzone.cli.base import CommandError

    with pytest.raises(CommandError):
        _run("targets", "progress", "--plan", PLAN_NAME, "--as-of", "2023-09-30",
             "--tolerance", tolerance)  # fmt: skip


def test_cli_progress_json(zq_plan, capsys):
    assert _run("targets", "progress", "--plan", PLAN_NAME, "--as-of", "2023-09-30", "--json") == 0
    rows = {row["indicator"]: row for row in json.loads(capsys.readouterr().out)["targets"]}
    planned = rows["new_manufacturing_planned_investment"]
    assert (planned["progress_percent"], planned["pace"]) == ("98.4", "ahead")
    assert planned["time_progress_percent"] == "75"
    actual = rows["project_actual_investment"]
    assert (actual["actual"], actual["progress_percent"], actual["pace"]) == (
        "31660000000",
        "57.6",
        "behind",
    )


@pytest.mark.parametrize(
    ("language", "planned", "actual"),
    [
        (
            "en",
            "68.9 billion yuan / 70 billion yuan = 98.4% at 75.0% of the period: ahead of pace",
            "31.66 billion yuan / 55 billion yuan = 57.6% at 75.0% of the period: behind pace",
        ),
        (
            "zh-hans",
            "689亿元 / 700亿元 = 98.4%，时间进度 75.0%：快于序时进度",
            "316.6亿元 / 550亿元 = 57.6%，时间进度 75.0%：慢于序时进度",
        ),
    ],
)
def test_cli_progress_reads_in_the_command_lines_language(
    zq_plan, capsys, monkeypatch, language, planned, actual
):
    from django.utils import translation

    monkeypatch.setenv("DEVZONE_LANGUAGE", language)
    with translation.override(language):
        assert _run("targets", "progress", "--plan", PLAN_NAME, "--as-of", "2023-09-30") == 0
    out = capsys.readouterr().out
    assert planned in out and actual in out


def test_cli_race_json(zq_plan, capsys):
    assert _run("race", "--scorecard", SCORECARD_NAME, "--period", "2023-09", "--json") == 0
    ranking = json.loads(capsys.readouterr().out)["ranking"]
    assert [row["rank"] for row in ranking] == [1, 2, 3]
    assert ranking[0]["list"] == "red" and ranking[-1]["list"] == "black"
    assert ranking[0]["movement"] == 0  # same place as in August


def test_cli_briefing_writes_each_format(zq_plan, tmp_path, capsys):
    for kind in ("html", "pdf", "xlsx"):
        path = tmp_path / f"b.{kind}"
        argv = ["briefing", "--region", "441200", "--week", "2023-W40"]
        assert _run(*argv, "--format", kind, "-o", str(path)) == 0
        assert path.stat().st_size > 1000
    named = tmp_path / "brief.xlsx"  # without --format: the file name says it
    assert _run("briefing", "--region", "441200", "--week", "2023-W40", "-o", str(named)) == 0
    assert named.read_bytes()[:2] == b"PK"  # a workbook, not a PDF


def test_cli_rejects_a_bad_week(zq_plan, tmp_path):
    from devzone.cli.base import CommandError

    with pytest.raises(CommandError):
        _run("briefing", "--region", "441200", "--week", "week 40", "-o", str(tmp_path / "x"))


@pytest.fixture
def api():
    return TestClient(router)


def test_api_progress_is_scoped(api, zq_plan, leader_zhaoqing, leader_jinhua):
    path = f"/targets/plans/{zq_plan.pk}/progress?as_of=2023-09-30"
    answer = api.get(path, auth=leader_zhaoqing)
    assert answer.status_code == 200
    paces = {row["indicator"]: row["pace"] for row in answer.json()["targets"]}
    assert paces["new_manufacturing_planned_investment"] == "ahead"
    assert paces["project_actual_investment"] == "behind"
    assert api.get(path, auth=leader_jinhua).status_code == 404


def test_api_race_and_briefing(api, zq_plan, leader_zhaoqing, leader_jinhua):
    scorecard = zq_plan.region.scorecards.get()
    race = api.get(f"/targets/races/{scorecard.pk}?period=2023-09", auth=leader_zhaoqing).json()
    assert race["stored"] is True and len(race["ranking"]) == 3
    answer = api.get(
        "/targets/briefing?region=441200&week=2023-W40&format=xlsx", auth=leader_zhaoqing
    )
    assert answer.status_code == 200
    assert answer["Content-Disposition"].endswith('.xlsx"')
    with pytest.raises(ValidationError):  # the site's handler answers 422 naming the field
        api.get("/targets/briefing?region=441200&week=40", auth=leader_zhaoqing)
    elsewhere = api.get("/targets/briefing?region=441200&week=2023-W40", auth=leader_jinhua)
    assert elsewhere.status_code == 404


def test_pages(client, zq_plan, leader_zhaoqing, django_assert_max_num_queries):
    client.force_login(leader_zhaoqing)
    assert PLAN_NAME in client.get("/targets/").content.decode()
    with django_assert_max_num_queries(40):
        page = client.get(f"/targets/plans/{zq_plan.pk}/?as_of=2023-09-30").content.decode()
    assert "98.4%" in page and "57.6%" in page
    assert "—%" not in page  # a target without an actual yet shows a dash alone
    scorecard = zq_plan.region.scorecards.get()
    with django_assert_max_num_queries(20):
        race = client.get(f"/targets/races/{scorecard.pk}/?period=2023-09").content.decode()
    assert "肇庆高新区(测)" in race
    briefing = client.get("/targets/briefing/?region=441200&week=2023-W40").content.decode()
    assert "/targets/briefing/download/?region=441200" in briefing
    pdf = client.get("/targets/briefing/download/?region=441200&week=2023-W40&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_plan_page_reads_in_english(client, zq_plan, leader_zhaoqing):
    client.force_login(leader_zhaoqing)
    client.cookies["django_language"] = "en"

    page = client.get(f"/targets/plans/{zq_plan.pk}/?as_of=2023-09-30").content.decode()

    assert zq_plan.name_en and zq_plan.name_en.replace('"', "&quot;") in page
    assert "more than 70 billion yuan" in page and "超过" not in page


def test_pages_are_scoped(client, zq_plan, staff_a):
    client.force_login(staff_a)
    assert client.get(f"/targets/plans/{zq_plan.pk}/").status_code == 404
    scorecard = zq_plan.region.scorecards.get()
    assert client.get(f"/targets/races/{scorecard.pk}/").status_code == 404


def test_a_region_briefing_is_only_for_those_who_read_its_zones(client, zq_plan, leader_jinhua):
    from conftest import PASSWORD

    assert client.login(username=leader_jinhua.username, password=PASSWORD)
    page = client.get("/targets/briefing/?region=441200&week=2023-W40")
    assert "region" in page.context["form"].errors  # not a region this user reads
    download = client.get("/targets/briefing/download/?region=441200&week=2023-W40&format=html")
    assert download.status_code == 404


def test_an_english_reader_sees_the_indicators_english_names(client, zq_plan, leader_zhaoqing):
    client.force_login(leader_zhaoqing)
    page = client.get(f"/targets/plans/{zq_plan.pk}/?as_of=2023-09-30", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Planned investment of new manufacturing projects" in html
    assert "新引进制造业项目计划总投资" not in html


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/targets/races/{card}?period=1900-01", "period"),
        ("/targets/races/{card}?period=2023-13", "period"),
        ("/targets/plans/{plan}/progress?as_of=1900-01-01", "as_of"),
        ("/targets/briefing?region=441200&week=40", "week"),
    ],
)
def test_api_parameters_out_of_range_are_422_naming_them(zq_plan, leader_zhaoqing, path, field):
    from devzone.accounts.services import issue_token
    from devzone.api.tests.client import ApiClient, errors_by_field

    client = ApiClient(issue_token(leader_zhaoqing, actor=None))
    card = zq_plan.region.scorecards.get().pk

    assert field in errors_by_field(client.get(path.format(card=card, plan=zq_plan.pk)))

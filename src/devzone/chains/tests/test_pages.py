"""Chain pages, API and command line over the demo chains."""

import argparse
import json
import re

import pytest
from conftest import PASSWORD
from django.urls import reverse

from devzone.chains.demo import load_demo_chains
from devzone.chains.models import Link


@pytest.fixture
def nev(regions):
    return load_demo_chains()[0]


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_chain_list_and_detail_draw_the_graph_with_gaps(
    client, nev, staff_b, django_assert_max_num_queries
):
    _login(client, staff_b)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("chains:list"))
    assert nev.name in page.content.decode()
    with django_assert_max_num_queries(13):
        page = client.get(reverse("chains:detail", args=[nev.pk]), {"region": "441200"})
    html = page.content.decode()
    assert "<svg" in html and html.count('class="link link-gap"') == 5
    # the graph is drawn on the server: only the site's own external scripts, none inline
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


def test_gaps_page_lists_candidates_with_reasons(
    client, nev, staff_b, django_assert_max_num_queries
):
    _login(client, staff_b)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("chains:gaps", args=[nev.pk]), {"region": "441200"})
    html = page.content.decode()
    assert "赛轮集团股份有限公司" in html
    assert html.count('action="/leads/new/"') >= 5  # staff may start a lead from a candidate


def test_staff_add_links_and_edges_viewers_cannot(client, nev, staff_b, leader_jinhua):
    _login(client, staff_b)
    url = reverse("chains:link_add", args=[nev.pk])
    response = client.post(url, {"name": "热管理", "position": "midstream",
                                 "industry_codes": "C3464", "keywords": "热泵, 液冷"})  # fmt: skip
    assert response.status_code == 302
    link = Link.objects.get(chain=nev, name="热管理")
    assert link.keywords == ["热泵", "液冷"]
    vehicle = Link.objects.get(chain=nev, name="整车")
    response = client.post(reverse("chains:edge_add", args=[nev.pk]),
                           {"supplier": link.pk, "consumer": vehicle.pk})  # fmt: skip
    assert response.status_code == 302 and link.supplies.get().consumer == vehicle
    client.logout()
    _login(client, leader_jinhua)
    assert client.post(url, {"name": "x", "position": "upstream"}).status_code == 403


def test_staff_of_another_city_cannot_change_a_chain(client, nev, staff_a, staff_b, admin_user):
    from django.core.exceptions import PermissionDenied

    from devzone.chains import services

    assert nev.region.code == "441200"
    _login(client, staff_a)  # a Jinhua zone's staff
    url = reverse("chains:link_add", args=[nev.pk])
    assert client.post(url, {"name": "外地环节", "position": "upstream"}).status_code == 403
    assert not Link.objects.filter(name="外地环节").exists()
    shared = services.create_chain(actor=admin_user, name="通用产业链")
    with pytest.raises(PermissionDenied):
        services.add_link(shared, actor=staff_b, name="x")
    with pytest.raises(PermissionDenied):
        services.update_chain(nev, actor=staff_b, region=staff_a.membership.zones.get().region)


def _mounted(router) -> bool:
    from devzone.api.site import api

    return any(mounted is router for _, mounted in api._routers)


def test_api_gaps_carry_reasons_as_data_and_text(client, nev, staff_b):
    from devzone.chains.api import router

    assert _mounted(router), "the router must be mounted in devzone.api.site"
    _login(client, staff_b)
    data = client.get(f"/api/chains/{nev.pk}/gaps", {"region": "441200"}).json()
    reasons = data["gaps"][0]["candidates"][0]["reasons"]
    assert {"code", "points", "params", "text"} <= set(reasons[0])
    exported = client.get(f"/api/chains/{nev.pk}/export").json()
    assert exported["format"] == "devzone-chain"


def test_api_chain_detail_and_import_of_an_exported_document(client, nev, staff_b, admin_user):
    _login(client, staff_b)
    detail = client.get(f"/api/chains/{nev.pk}")
    assert detail.status_code == 200, detail.content[:300]
    data = detail.json()
    assert (data["name"], data["region"]) == (nev.name, "441200")
    assert len(data["links"]) == 11 and data["edges"] and data["enterprises"]

    document = client.get(f"/api/chains/{nev.pk}/export").json()
    document["chain"]["name"] = "新能源汽车产业链（副本）"
    _login(client, admin_user)
    created = client.post("/api/chains/import", document, content_type="application/json")
    assert created.status_code == 201, created.content[:300]
    assert created.json()["name"] == "新能源汽车产业链（副本）"


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"format": "devzone-chain", "version": 1}, "chain"),
        (
            {"format": "devzone-chain", "version": 1, "chain": {"name": "链"}, "links": [{}]},
            "links",
        ),
        (
            {
                "format": "devzone-chain", "version": 1, "chain": {"name": "链"},
                "links": [{"name": "电芯"}], "enterprises": [{"link": "电芯"}],
            },
            "enterprises",
        ),
        ({"format": "other"}, "format"),
    ],
)  # fmt: skip
def test_api_chain_import_names_what_the_document_lacks(client, admin_user, document, field):
    from devzone.chains.models import Chain

    _login(client, admin_user)
    response = client.post("/api/chains/import", document, content_type="application/json")
    assert response.status_code == 422, response.content[:300]
    assert field in {error["field"] for error in response.json()["detail"]}
    assert not Chain.objects.filter(name="链").exists()


def test_a_chain_file_keeps_the_enterprises_listing_and_capital(nev):
    from devzone.chains.interchange import export_chain

    catl = next(
        item
        for item in export_chain(nev)["enterprises"]
        if item["legal_name"].startswith("宁德时代")
    )
    assert catl["listed_code"] == "300750" and "registered_capital" in catl


def test_api_gaps_refuse_an_unknown_region_and_take_one_by_name(client, nev, staff_b):
    _login(client, staff_b)
    for region in ("999999", "火星"):
        answer = client.get(f"/api/chains/{nev.pk}/gaps", {"region": region})
        assert answer.status_code == 422
        assert answer.json()["detail"][0]["field"] == "region"
    assert (
        client.get(f"/api/chains/{nev.pk}/gaps", {"candidates": -1, "region": "44"}).status_code
        == 422
    )
    by_name = client.get(f"/api/chains/{nev.pk}/gaps", {"region": "广东"}).json()
    assert by_name["region"] == "440000"


def test_the_pages_say_when_a_region_is_unknown_instead_of_showing_every_link_as_a_gap(
    client, nev, staff_b
):
    _login(client, staff_b)
    for name in ("chains:detail", "chains:gaps"):
        page = client.get(reverse(name, args=[nev.pk]), {"region": "999999"}).content.decode()
        assert "no region has the code 999999" in page or "没有代码为 999999 的地区" in page
        assert 'aria-invalid="true"' in page
    by_name = client.get(reverse("chains:gaps", args=[nev.pk]), {"region": "肇庆市"})
    assert by_name.status_code == 200 and 'aria-invalid="true"' not in by_name.content.decode()


def test_cli_gaps_of_a_curated_chain_as_json(nev, capsys, monkeypatch):
    from devzone.chains.cli import show_gaps

    args = argparse.Namespace(chain=nev.name, region="441200", threshold=1, candidates=3,
                              depth=3, store=None, json=True)  # fmt: skip
    monkeypatch.setenv("DEVZONE_LANGUAGE", "zh-hans")
    assert show_gaps(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert {gap["link"] for gap in data["gaps"]} == {"电机", "线束", "轮胎", "传感", "车灯"}
    assert (data["region"], data["chain"]) == ("441200", nev.name)
    assert all(isinstance(gap["dependence"], int) for gap in data["gaps"])  # 8, not 8.0

    english = argparse.Namespace(**{**vars(args), "chain": nev.name_en})  # its English name
    monkeypatch.setenv("DEVZONE_LANGUAGE", "en")
    assert show_gaps(english) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["chain"] == nev.name_en
    assert {gap["link"] for gap in data["gaps"]} >= {"Wire harnesses", "Sensing"}


@pytest.mark.parametrize(
    ("region", "prefix"), [("广东省", "440000"), ("广东", "440000"), ("肇庆市", "441200")]
)
def test_cli_gaps_take_a_region_by_name(nev, capsys, region, prefix):
    from devzone.chains.cli import show_gaps

    args = argparse.Namespace(chain=nev.name, region=region, threshold=1, candidates=3,
                              depth=3, store=None, json=True)  # fmt: skip
    assert show_gaps(args) == 0
    assert json.loads(capsys.readouterr().out)["region"] == prefix


@pytest.mark.parametrize(
    ("chain", "region", "message"),
    [
        (None, "999999", "no region has the code 999999"),
        (None, "火星", "unknown region '火星'"),
        ("没有这条链", "441200", "no chain named '没有这条链'"),
    ],
)
def test_cli_gaps_refuse_an_unknown_region_or_chain(nev, tmp_path, chain, region, message):
    from devzone.chains.cli import show_gaps
    from devzone.cli.base import CommandError

    args = argparse.Namespace(chain=chain or nev.name, region=region, threshold=1,
                              candidates=3, depth=3, store=str(tmp_path / "none.duckdb"),
                              json=True)  # fmt: skip
    with pytest.raises(CommandError, match=re.escape(message)):
        show_gaps(args)


def test_cli_export_and_import_round_trip(nev, tmp_path, capsys):
    from devzone.chains.cli import export_file, import_file

    path = tmp_path / "nev.json"
    assert export_file(argparse.Namespace(name=nev.name, output=str(path))) == 0
    assert import_file(argparse.Namespace(file=str(path))) == 0
    assert "11 links" in capsys.readouterr().out


def test_cli_import_of_a_misshapen_chain_file_is_one_error(db, tmp_path):
    from devzone.chains.cli import import_file
    from devzone.cli.base import CommandError

    path = tmp_path / "chain.json"
    path.write_text(
        json.dumps(
            {"format": "devzone-chain", "version": 1, "chain": {"name": "x"}, "links": "ab"}
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match=re.escape("links: The file lists no links.")):
        import_file(argparse.Namespace(file=str(path)))


def test_english_readers_see_chains_and_links_by_their_english_names(client, nev, staff_b):
    _login(client, staff_b)
    client.cookies["django_language"] = "en"
    assert nev.name_en

    detail = client.get(reverse("chains:detail", args=[nev.pk]), {"region": "441200"})
    gaps = client.get(reverse("chains:gaps", args=[nev.pk]), {"region": "441200"})

    assert f"<h1>{nev.name_en}</h1>" in detail.content.decode()
    assert f"Gaps of {nev.name_en}" in gaps.content.decode()
    assert nev.name not in gaps.content.decode().split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_a_leader_is_told_chains_are_for_staff(nev, leader_jinhua):
    from django.core.exceptions import PermissionDenied
    from django.utils import translation

    from devzone.chains import services

    with translation.override("en"), pytest.raises(PermissionDenied, match="industry chains"):
        services.add_link(nev, actor=leader_jinhua, name="x", position="upstream")


def test_staff_of_another_city_see_no_edit_forms_and_are_told_why(client, nev, staff_a):
    _login(client, staff_a)  # Jinhua staff; the chain is Zhaoqing's

    page = client.get(reverse("chains:detail", args=[nev.pk]), HTTP_ACCEPT_LANGUAGE="en")
    refused = client.post(
        reverse("chains:link_add", args=[nev.pk]),
        {"name": "x", "position": "upstream"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert page.status_code == 200
    assert reverse("chains:link_add", args=[nev.pk]) not in page.content.decode()
    assert refused.status_code == 403
    assert "You may not change the chains of" in refused.content.decode()
    assert not Link.objects.filter(chain=nev, name="x").exists()

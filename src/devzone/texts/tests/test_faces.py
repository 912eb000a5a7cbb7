"""The upload page, document page, review queue, command line and API over the texts."""

from __future__ import annotations

import argparse
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from ninja.testing import TestClient

from devzone.texts.api import router
from devzone.texts.cli import register
from devzone.texts.models import Document, Fact, FactStatus
from devzone.texts.services import accept_fact, ingest_document
from devzone.texts.tests.conftest import JINYI_A, JINYI_B, LISHUI_EN


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_pages_render_in_both_languages(admin_client, lishui, language):
    document = ingest_document(LISHUI_EN, actor=None).document
    fact = document.facts.first()
    admin_client.cookies["django_language"] = language
    for url in (
        reverse("texts:queue"), reverse("texts:upload"), reverse("texts:documents"),
        reverse("texts:document", args=[document.pk]), reverse("texts:review", args=[fact.pk]),
    ):  # fmt: skip
        answer = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert answer.status_code == 200, url
    page = admin_client.get(reverse("texts:document", args=[document.pk])).content.decode()
    assert "<mark>6.9%</mark>" in page or "<mark>" in page


def test_upload_page_reads_pasted_text(admin_client, jinyi_ftz):
    answer = admin_client.post(
        reverse("texts:upload"), {"text": JINYI_A, "published": "2022-06-28"}
    )

    document = Document.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("texts:document", args=[document.pk])
    assert document.published_source == "user" and document.facts.exists()


def test_upload_needs_text_or_file(admin_client):
    answer = admin_client.post(reverse("texts:upload"), {"text": " "})
    assert answer.status_code == 200 and not Document.objects.exists()


def test_accept_with_an_edit_from_the_review_page(admin_client, jinyi_ftz):
    fact = next(
        f for f in ingest_document(JINYI_A, actor=None).facts if f.metric == "import_export"
    )
    form = {"metric": "import_export", "value": "160860000000", "unit": "CNY",
            "period_start": "2021-01-01", "period_end": "2021-12-31", "change_value": "39.9",
            "change_kind": "rate", "change_direction": "1", "change_basis": "yoy",
            "zone": jinyi_ftz.slug, "qualifier": "about", "modality": "actual"}  # fmt: skip

    answer = admin_client.post(reverse("texts:review", args=[fact.pk]), form)

    assert answer.status_code == 302
    fact.refresh_from_db()
    assert fact.status == FactStatus.ACCEPTED and fact.observation.qualifier == "about"


def test_reject_from_the_page_and_viewers_cannot(admin_client, lishui, viewer):
    from django.test import Client

    fact = ingest_document(LISHUI_EN, actor=None).facts[0]
    client = Client()
    client.force_login(viewer)
    # a Jinhua viewer does not even see Lishui's figure
    assert client.post(reverse("texts:reject", args=[fact.pk])).status_code == 404
    assert client.get(reverse("texts:upload")).status_code == 403

    admin_client.post(reverse("texts:reject", args=[fact.pk]), {"reason": "chrome"})

    fact.refresh_from_db()
    assert fact.status == FactStatus.REJECTED


def test_queue_query_count_does_not_grow_with_facts(admin_client, lishui, jinyi_ftz,
                                                    django_assert_max_num_queries):  # fmt: skip
    ingest_document(LISHUI_EN, actor=None)
    with django_assert_max_num_queries(8):
        few = admin_client.get(reverse("texts:queue"))
    ingest_document(JINYI_A, actor=None)
    ingest_document(JINYI_B + "\nExports rose 5%.", actor=None)
    with django_assert_max_num_queries(8):
        many = admin_client.get(reverse("texts:queue"))
    assert few.status_code == many.status_code == 200


def test_cli_extract_prints_facts_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(JINYI_A.encode())))

    assert _run("extract", "-", "--json") == 0

    out = json.loads(capsys.readouterr().out)
    assert out["document"]["published"] == "2022-06-28"
    trade = next(f for f in out["facts"] if f["metric"] == "import_export")
    assert (trade["value"], trade["unit"], trade["period"]["start"]) == (
        "160860000000", "CNY", "2021-01-01",
    )  # fmt: skip


def test_cli_extract_save_and_facts_list(tmp_path, capsys, jinyi_ftz):
    path = tmp_path / "jinyi.txt"
    path.write_text(JINYI_A, encoding="utf-8")

    assert _run("extract", str(path), "--save", "--published", "2022-06-28") == 0
    saved = json.loads(capsys.readouterr().out)
    assert _run("facts", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)

    assert saved["document"]["published_source"] == "user"
    assert {f["id"] for f in listed["facts"]} == set(
        Fact.objects.filter(status="pending").values_list("id", flat=True)
    )


def test_api_upload_accept_and_reject(admin_user, viewer, jinyi_ftz):
    api = TestClient(router)
    answer = api.post("/texts/documents", json={"text": JINYI_A}, auth=admin_user)
    assert answer.status_code == 201  # stored; the same text again answers 200
    facts = answer.json()["facts"]
    trade = next(f for f in facts if f["metric"] == "import_export")

    with pytest.raises(PermissionDenied):  # the site's handler answers 403
        api.post("/texts/documents", json={"text": JINYI_B}, auth=viewer)
    accepted = api.post(f"/texts/facts/{trade['id']}/accept",
                        json={"edits": {"zone": "jinyi-ftz"}}, auth=admin_user)  # fmt: skip
    other = ingest_document(
        "发布日期:2022-06-28\nIn 2021 the actual use of foreign capital reached 132 million US "
        "dollars.\n",
        actor=None,
    ).facts[0]
    other = {"id": other.pk}
    rejected = api.post(f"/texts/facts/{other['id']}/reject", json={"reason": "no"},
                        auth=admin_user)  # fmt: skip

    assert accepted.json()["status"] == "accepted" and accepted.json()["observation"]
    assert rejected.json()["status"] == "rejected"
    pending = api.get("/texts/facts?status=accepted", auth=viewer).json()
    assert [f["id"] for f in pending["items"]] == [trade["id"]]


def test_api_facts_come_a_page_at_a_time(viewer, jinyi_ftz):
    api = TestClient(router)
    ingest_document(
        JINYI_A + "In 2021 the actual use of foreign capital of the Jinyi Pilot FTZ reached 132 "
        "million US dollars.\n",
        actor=None,
    )
    whole = api.get("/texts/facts", auth=viewer).json()
    assert whole["count"] == len(whole["items"]) >= 2

    first = api.get("/texts/facts?page_size=1", auth=viewer).json()
    second = api.get("/texts/facts?page_size=1&page=2", auth=viewer).json()

    assert first["count"] == whole["count"]
    assert [first["items"][0]["id"], second["items"][0]["id"]] == [
        fact["id"] for fact in whole["items"][:2]
    ]
    for bad in ("page_size=0", "page=0", "page=-1"):
        assert api.get(f"/texts/facts?{bad}", auth=viewer).status_code == 422


def test_the_queue_shows_figures_as_people_read_them(admin_client, lishui, jinyi_ftz):
    ingest_document(LISHUI_EN, actor=None)
    ingest_document(JINYI_A, actor=None)

    page = admin_client.get(reverse("texts:queue"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()

    assert "地区生产总值" in html and "+6.9%" in html
    assert "1608.6亿元" in html and "160860000000" not in html


def test_the_review_form_shows_the_value_without_trailing_zeros(admin_client, jinyi_ftz):
    fact = next(f for f in ingest_document(JINYI_A, actor=None).facts if f.value is not None)
    html = admin_client.get(reverse("texts:review", args=[fact.pk])).content.decode()
    assert 'value="160860000000"' in html and "00000000" not in html


def _api(user):
    from devzone.accounts.services import issue_token
    from devzone.api.tests.client import ApiClient

    return ApiClient(issue_token(user, actor=None))


def test_api_facts_of_another_place_are_not_found_not_forbidden(jinyi_ftz, staff_b, viewer):
    fact = next(
        f for f in ingest_document(JINYI_A, actor=None).facts if f.metric == "import_export"
    )
    accept_fact(fact, actor=None)
    elsewhere, reader = _api(staff_b), _api(viewer)

    assert elsewhere.post(f"/texts/facts/{fact.pk}/accept", {}).status_code == 404
    assert elsewhere.post(f"/texts/facts/{fact.pk}/reject", {"reason": "x"}).status_code == 404
    assert reader.post(f"/texts/facts/{fact.pk}/accept", {}).status_code == 403  # reads only


def test_api_the_same_text_again_shows_only_the_callers_figures(jinyi_ftz, admin_user, staff_b):
    assert _api(admin_user).post("/texts/documents", {"text": JINYI_A}).json()["facts"]

    again = _api(staff_b).post("/texts/documents", {"text": JINYI_A}).json()

    assert again["created"] is False and again["facts"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("hello", None),
        ({"edits": {}, "colour": "red"}, "colour"),
        ({"edits": {"period_start": 123}}, "period_start"),
        ({"edits": {"project": "abc"}}, "project"),
        ({"edits": {"project": 999999}}, "project"),
    ],
)
def test_api_accept_refuses_what_is_not_an_acceptance(admin_user, jinyi_ftz, body, field):
    from devzone.api.tests.client import errors_by_field

    fact = ingest_document(JINYI_A, actor=None).facts[0]

    errors = errors_by_field(_api(admin_user).post(f"/texts/facts/{fact.pk}/accept", body))

    assert field in errors
    fact.refresh_from_db()
    assert fact.status == "pending"


def test_cli_facts_list_reads_like_the_review_page(capsys, jinyi_ftz, monkeypatch):
    ingest_document(JINYI_A, actor=None)
    monkeypatch.setenv("DEVZONE_LANGUAGE", "zh-hans")

    assert _run("facts", "list") == 0
    line = capsys.readouterr().out.splitlines()[0]

    assert "进出口" in line
    assert "1608.6亿元" in line and "+39.9%" in line
    assert "160860000000" not in line and "CNY" not in line

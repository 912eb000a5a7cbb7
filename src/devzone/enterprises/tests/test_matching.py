"""`devzone match`, the review of uncertain matches, and remembered decisions."""

from __future__ import annotations

import json

import pytest

from devzone.cli import main
from devzone.enterprises.choices import AliasKind, DecisionKind, ReviewState
from devzone.enterprises.matching import (
    build_matcher,
    confirm_match,
    match_names,
    reject_match,
    suggest_enterprise,
)
from devzone.enterprises.models import EnterpriseAlias, MatchDecision, MatchItem, MatchRun
from devzone.matching import Thresholds

from .conftest import CATL

XPENG = "肇庆小鹏新能源投资有限公司"
BYD = "比亚迪股份有限公司"
SHENZHEN_KESI = "深圳市科思科技股份有限公司"
NANJING_KESI = "南京科思化学股份有限公司"
# Nothing short of exact evidence (a legal name, an alias: scores above 100) is "matched", so
# the review band is reached whatever the engine's contraction scores are.
STRICT = Thresholds(match=101.0, review=30.0)


def _review_run(names: list[str], actor=None) -> MatchRun:
    run, _ = match_names(
        names, actor=actor, source="test", matcher=build_matcher(thresholds=STRICT)
    )
    return run


def test_match_prints_best_runner_up_and_decision_as_json(registry, tmp_path, capsys):
    names = tmp_path / "names.txt"
    names.write_text("宁德时代\n寧德時代\n\n完全不相干的名字XYZ\n", encoding="utf-8")

    status = main(["match", str(names), "--json"])

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 0
    assert [line["query"] for line in lines] == ["宁德时代", "寧德時代", "完全不相干的名字XYZ"]
    first = lines[0]
    assert first["decision"] == "matched"
    assert first["best"]["legal_name"] == CATL
    assert first["best"]["id"] == registry[CATL].pk
    assert first["runner_up"]["legal_name"] == "宁德时代润智软件科技有限公司"
    assert first["best"]["score"] > first["runner_up"]["score"]
    assert lines[1]["best"]["legal_name"] == CATL  # traditional characters
    run = MatchRun.objects.get()
    assert (run.item_count, run.matched_count) == (3, 2)


def test_match_reads_a_column_of_a_csv_file(registry, tmp_path, capsys):
    path = tmp_path / "investors.csv"
    path.write_text("项目,投资方\n电池基地,宁德时代\n整车,比亚迪\n", encoding="gbk")

    main(["match", str(path), "--column", "投资方", "--json", "--no-store"])

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["best"]["legal_name"] for line in lines] == [CATL, BYD]
    assert not MatchRun.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "项目,企业名称,金额\n电池基地,宁德时代,1\n整车,比亚迪,2\n",  # the column headed as a name
        "宁德时代\n比亚迪\n",  # one column, no header
    ],
)
def test_match_finds_the_names_of_a_csv_file_without_column(registry, tmp_path, capsys, text):
    path = tmp_path / "investors.csv"
    path.write_text(text, encoding="utf-8")

    main(["match", str(path), "--json", "--no-store"])

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["best"]["legal_name"] for line in lines] == [CATL, BYD]


def test_match_asks_for_the_column_when_no_header_names_one(
    registry, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("DEVZONE_LANGUAGE", "en")
    path = tmp_path / "investors.csv"
    path.write_text("项目,投资方\n电池基地,宁德时代\n", encoding="utf-8")

    assert main(["match", str(path), "--no-store"]) != 0

    assert "--column" in capsys.readouterr().err
    assert not MatchRun.objects.exists()


@pytest.mark.parametrize(
    "options",
    [
        ["--review-threshold", "90", "--match-threshold", "80"],
        ["--margin", "-1"],
        ["--match-threshold", "nan"],
        ["--review-threshold", "inf"],
    ],
)
def test_match_refuses_thresholds_that_contradict_each_other(
    registry, tmp_path, capsys, monkeypatch, options
):
    monkeypatch.setenv("DEVZONE_LANGUAGE", "en")
    names = tmp_path / "names.txt"
    names.write_text("宁德时代\n", encoding="utf-8")

    assert main(["match", str(names), *options]) != 0

    error = capsys.readouterr().err
    assert "threshold" in error or "0 or more" in error
    assert not MatchRun.objects.exists()


def test_match_reads_a_column_of_a_spreadsheet_below_blank_rows(registry, tmp_path, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    rows = [["项目", "投资方"], ["电池基地", "宁德时代"], ["整车", "比亚迪"], ["编号", 360]]
    for number, row in enumerate(rows, start=3):  # rows 1 and 2 left blank
        for column, value in enumerate(row, start=1):
            workbook.active.cell(row=number, column=column, value=value)
    workbook.save(tmp_path / "investors.xlsx")

    main(["match", str(tmp_path / "investors.xlsx"), "--column", "投资方", "--json", "--no-store"])

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["best"]["legal_name"] for line in lines[:2]] == [CATL, BYD]
    assert lines[2]["query"] == "360"  # a number cell is the name "360", not "360.0"


def test_match_threshold_options_reach_the_engine(registry, tmp_path, capsys):
    names = tmp_path / "names.txt"
    names.write_text("宁德时代\n", encoding="utf-8")

    main(["match", str(names), "--json", "--match-threshold", "200"])

    assert json.loads(capsys.readouterr().out)["decision"] == "review"
    assert MatchRun.objects.get().thresholds["match"] == 200.0


def test_a_confirmed_review_match_is_matched_next_time(client, registry, staff_a):
    run = _review_run(["小鹏汽车"])
    item = run.items.get()
    assert item.outcome == "review"
    client.force_login(staff_a)

    response = client.post(
        f"/enterprises/review/{item.pk}/",
        {"action": "confirm", "enterprise": registry[XPENG].pk},
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.review_state, item.reviewed_by) == (ReviewState.CONFIRMED, staff_a)
    decision = MatchDecision.objects.get()
    assert (decision.decision, decision.decided_by) == (DecisionKind.CONFIRMED, staff_a)
    alias = EnterpriseAlias.objects.get(alias="小鹏汽车")
    assert (alias.enterprise, alias.kind) == (registry[XPENG], AliasKind.CONFIRMED)
    again = _review_run(["小鹏汽车"]).items.get()  # even with the strict thresholds
    assert (again.outcome, again.enterprise) == ("matched", registry[XPENG])
    assert again.candidates[0]["reason"] == "confirmed_alias"


def test_a_rejected_candidate_is_not_proposed_again_for_that_name(registry, staff_a):
    result = suggest_enterprise("比亚迪汽车")
    assert result.best.record_id == registry[BYD].pk

    reject_match("比亚迪汽车", registry[BYD], actor=staff_a)

    for name in ("比亚迪汽车", "比亞迪汽車"):  # the decision holds for the canonical writing
        ids = [candidate.record_id for candidate in suggest_enterprise(name).candidates]
        assert registry[BYD].pk not in ids
    assert registry[BYD].pk in [c.record_id for c in suggest_enterprise("比亚迪").candidates]


def test_rejecting_after_confirming_removes_the_confirmed_alias(registry, staff_a):
    confirm_match("小鹏汽车", registry[XPENG], actor=staff_a)

    reject_match("小鹏汽车", registry[XPENG], actor=staff_a)

    assert not EnterpriseAlias.objects.filter(alias="小鹏汽车").exists()
    assert MatchDecision.objects.get().decision == DecisionKind.REJECTED


def test_a_name_confirmed_for_one_enterprise_is_not_confirmed_for_another(registry, staff_a):
    from django.core.exceptions import ValidationError

    confirm_match("小鹏汽车", registry[XPENG], actor=staff_a)

    with pytest.raises(ValidationError) as error:
        confirm_match("小鹏汽车", registry[BYD], actor=staff_a)  # an older run's pending item

    assert "enterprise" in error.value.message_dict
    assert list(
        EnterpriseAlias.objects.filter(alias="小鹏汽车").values_list("enterprise", flat=True)
    ) == [registry[XPENG].pk]
    reject_match("小鹏汽车", registry[XPENG], actor=staff_a)  # changing one's mind: reject first
    confirm_match("小鹏汽车", registry[BYD], actor=staff_a)
    assert suggest_enterprise("小鹏汽车").best.record_id == registry[BYD].pk


def test_viewers_and_leaders_cannot_confirm(client, registry, viewer, leader_jinhua):
    item = _review_run(["小鹏汽车"]).items.get()
    for user in (viewer, leader_jinhua):
        client.force_login(user)

        response = client.post(
            f"/enterprises/review/{item.pk}/",
            {"action": "confirm", "enterprise": registry[XPENG].pk},
        )

        assert response.status_code == 403
    assert not MatchDecision.objects.exists()
    page = client.get("/enterprises/review/").content.decode()
    assert "小鹏汽车" in page and 'value="confirm"' not in page


def test_only_a_candidate_of_the_item_can_be_confirmed(client, registry, staff_a):
    item = _review_run(["小鹏汽车"]).items.get()
    client.force_login(staff_a)

    response = client.post(
        f"/enterprises/review/{item.pk}/",
        {"action": "confirm", "enterprise": registry[CATL].pk},
        follow=True,
    )

    assert [m.level_tag for m in response.context["messages"]] == ["error"]  # said, not a 500
    assert not MatchDecision.objects.exists()
    item.refresh_from_db()
    assert item.review_state == ReviewState.OPEN


def test_the_review_page_lists_the_latest_run_and_recent_runs_in_fixed_queries(
    client, registry, staff_a, django_assert_max_num_queries
):
    older = _review_run(["比亚迪汽车"])
    _review_run(["小鹏汽车", "零跑汽车公司", "鸿图科技集团"] * 10, actor=staff_a)
    client.force_login(staff_a)

    with django_assert_max_num_queries(7):
        response = client.get("/enterprises/review/")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('value="confirm"') >= 30
    assert "比亚迪汽车" not in page  # an older run, listed to open it
    assert f'href="?run={older.pk}"' in page
    assert MatchItem.objects.filter(outcome="review").count() >= 31


def test_the_match_api_suggests_registry_enterprises(registry, staff_a):
    from devzone.accounts.services import issue_token
    from devzone.api.tests.client import ApiClient, errors_by_field

    api = ApiClient(issue_token(staff_a, actor=None))

    answer = api.get("/enterprises/match", name="宁德时代").json()

    assert answer["decision"] == "matched"
    assert answer["best"]["id"] == registry[CATL].pk
    assert answer["runner_up"]["legal_name"] == "宁德时代润智软件科技有限公司"
    assert api.get("/enterprises/match").status_code == 422
    assert "name" in errors_by_field(api.get("/enterprises/match", name="   "))


def test_the_suggestion_follows_registry_changes(registry):
    from devzone.enterprises.services import create_enterprise

    assert suggest_enterprise("金华银行").decision == "none"

    create_enterprise(actor=None, legal_name="金华银行股份有限公司")

    assert suggest_enterprise("金华银行").best.legal_name == "金华银行股份有限公司"


@pytest.mark.parametrize("term", ["比亚迪", "91440300"])
def test_search_page_finds_by_name_or_code(client, registry, staff_a, term):
    from devzone.enterprises.services import update_enterprise

    from .conftest import credit_code

    update_enterprise(registry[BYD], actor=None, credit_code=credit_code("91440300192317458"))
    client.force_login(staff_a)

    page = client.get("/enterprises/", {"q": term}).content.decode()

    assert BYD in page


def test_search_page_proposes_close_names_when_none_contains_the_term(client, registry, staff_a):
    client.force_login(staff_a)

    page = client.get("/enterprises/", {"q": "寧德時代"}).content.decode()

    assert CATL in page


def test_detail_page_shows_name_parts_aliases_and_visible_projects(
    client, registry, staff_a, staff_b, project_a
):
    from devzone.projects.services import set_investors

    set_investors(project_a, [registry[CATL]], actor=staff_a)
    client.force_login(staff_a)

    page = client.get(f"/enterprises/{registry[CATL].pk}/").content.decode()

    assert "股份有限公司" in page and "宁德时代" in page
    assert project_a.name in page
    client.force_login(staff_b)  # another zone's staff do not see project_a
    assert project_a.name not in client.get(f"/enterprises/{registry[CATL].pk}/").content.decode()


def test_matched_enterprise_links_only_certain_names(registry):
    from devzone.enterprises.matching import matched_enterprise

    assert matched_enterprise("宁德时代") == registry[CATL]
    assert matched_enterprise("完全不相干的名字XYZ") is None


def test_the_registry_list_pages_in_a_fixed_number_of_queries(
    client, regions, staff_a, django_assert_max_num_queries
):
    from devzone.enterprises.services import create_enterprise

    for number in range(60):
        create_enterprise(
            actor=None, legal_name=f"金华第{number}号科技有限公司", region=regions["jinhua"]
        )
    client.force_login(staff_a)

    with django_assert_max_num_queries(4):
        response = client.get("/enterprises/", {"q": "金华"})

    assert response.content.decode().count("有限公司</a>") == 50


@pytest.fixture
def saved_index_dir(settings, tmp_path, monkeypatch):
    """Every registry counts as large: its index is written under a temporary DATA_DIR."""
    from devzone.enterprises import matching

    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(matching, "SAVE_MIN_RECORDS", 1)
    return tmp_path / "matching"


def test_a_large_registrys_index_is_read_back_by_the_next_process(
    registry, saved_index_dir, monkeypatch
):
    from devzone.enterprises import matching

    first = suggest_enterprise("宁德时代")
    assert [path.name for path in saved_index_dir.iterdir()] == [
        f"registry-{matching.registry_version()}.npz"
    ]
    matching.forget_matcher()  # as in a new process
    monkeypatch.setattr(matching, "build_matcher", _must_not_build)

    assert suggest_enterprise("宁德时代") == first
    assert suggest_enterprise("寧德時代").best.legal_name == CATL


def test_a_registry_change_writes_a_new_index_file_and_removes_the_old(registry, saved_index_dir):
    from devzone.enterprises.services import update_enterprise

    suggest_enterprise("宁德时代")
    before = {path.name for path in saved_index_dir.iterdir()}
    update_enterprise(
        registry["广东鸿图科技股份有限公司"], actor=None, legal_name="宁波新帆电子科技有限公司"
    )

    assert suggest_enterprise("新帆电子").best.legal_name == "宁波新帆电子科技有限公司"
    after = {path.name for path in saved_index_dir.iterdir()}
    assert len(after) == 1 and after != before


def test_an_unreadable_index_file_is_rebuilt_and_replaced(registry, saved_index_dir):
    from devzone.enterprises import matching

    path = matching.index_path(matching.registry_version())
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not an index")

    assert suggest_enterprise("宁德时代").best.legal_name == CATL
    assert path.read_bytes() != b"not an index"


def test_a_confirmation_in_a_saved_index_survives_the_next_process(
    registry, saved_index_dir, staff_a
):
    from devzone.enterprises import matching

    confirm_match("宁德电池", registry[CATL], actor=staff_a)
    suggest_enterprise("宁德电池")  # builds and writes the index with the confirmed alias
    matching.forget_matcher()

    result = suggest_enterprise("宁德电池")
    assert result.decision == "matched" and result.best.legal_name == CATL


def test_a_small_registry_writes_no_index_file(registry, settings, tmp_path):
    settings.DATA_DIR = tmp_path

    suggest_enterprise("宁德时代")

    assert not (tmp_path / "matching").exists()


def _must_not_build(**_):
    raise AssertionError("the index should have been read from disk")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("names.xlsx", b"\x00\x01junk", "not one"),
        ("names.csv", b"", "empty"),
        ("n.txt", b"\n", "empty"),
    ],
)
def test_match_refuses_a_file_it_cannot_read_names_from(
    registry, tmp_path, capsys, monkeypatch, name, content, message
):
    monkeypatch.setenv("DEVZONE_LANGUAGE", "en")
    (tmp_path / name).write_bytes(content)

    assert main(["match", str(tmp_path / name)]) == 2

    assert message in capsys.readouterr().err
    assert not MatchRun.objects.exists()


def test_match_distinct_decides_ties_by_the_other_names_of_the_list(
    registry, tmp_path, capsys, client, staff_a, monkeypatch
):
    from devzone.enterprises.services import create_enterprise

    monkeypatch.setenv("DEVZONE_LANGUAGE", "en")
    for legal in (SHENZHEN_KESI, NANJING_KESI):
        create_enterprise(actor=None, legal_name=legal)
    names = tmp_path / "roster.txt"
    names.write_text("科思股份\n科思科技\n", encoding="utf-8")

    main(["match", str(names), "--json", "--no-store"])
    alone = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    main(["match", str(names), "--json", "--distinct", "--user", staff_a.username])
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    assert alone[0]["decision"] == "review"  # the two 科思 companies score alike
    assert alone[0]["best"]["score"] == alone[0]["runner_up"]["score"]
    assert [line["best"]["legal_name"] for line in listed] == [NANJING_KESI, SHENZHEN_KESI]
    assert [line["decision"] for line in listed] == ["matched", "matched"]
    assert listed[0]["runner_up"]["taken_by"] == "科思科技"
    run = MatchRun.objects.get()
    assert run.thresholds["distinct"] is True and run.matched_count == 2

    main(["match", str(names), "--distinct", "--no-store"])
    assert "[taken by 科思科技]" in capsys.readouterr().out.splitlines()[0]


def test_the_review_page_says_which_name_of_the_list_took_a_candidate(client, registry, staff_a):
    from devzone.enterprises.services import create_enterprise

    for legal in (SHENZHEN_KESI, NANJING_KESI):
        create_enterprise(actor=None, legal_name=legal)
    match_names(
        ["科思股份", "科思科技"],
        actor=staff_a,
        matcher=build_matcher(thresholds=STRICT),
        distinct=True,
    )
    client.force_login(staff_a)

    page = client.get("/enterprises/review/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "taken by 科思科技" in page
    assert "matched as one list of different enterprises" in page


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_staff_match_a_file_from_the_review_page(client, registry, staff_a):
    from devzone.enterprises.services import create_enterprise

    for legal in (SHENZHEN_KESI, NANJING_KESI):
        create_enterprise(actor=None, legal_name=legal)
    client.force_login(staff_a)
    assert 'name="distinct"' in client.get("/enterprises/review/").content.decode()
    roster = "项目,企业名称\n电池,宁德时代\n化学,科思股份\n科技,科思科技\n".encode("gbk")

    response = client.post(
        "/enterprises/review/match/",
        {"file": _upload("名录.csv", roster), "distinct": "on"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    run = MatchRun.objects.get()
    assert response.redirect_chain[-1][0] == f"/enterprises/review/?run={run.pk}"
    assert (run.source, run.created_by, run.item_count) == ("名录.csv", staff_a, 3)
    assert run.thresholds["distinct"] is True
    items = {item.query: item for item in run.items.select_related("enterprise")}
    assert items["科思股份"].enterprise.legal_name == NANJING_KESI
    assert items["宁德时代"].enterprise == registry[CATL]
    assert "3 names: 3 matched" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("names.txt", b"", "empty"),  # Django refuses an empty upload itself
        ("names.txt", b"\n\n", "empty"),
        ("names.pdf", b"%PDF-1.4", ".txt, .csv, .tsv or .xlsx"),
        ("names.txt", "CATL 宁德时代\n".encode("utf-16-le"), "neither text"),  # no byte-order mark
        ("names.xlsx", "宁德时代\n".encode(), "not one"),
        ("names.csv", "项目,金额\n电池,1\n".encode(), "--column"),
    ],
)
def test_a_file_of_names_that_cannot_be_read_is_refused_on_the_page(
    client, registry, staff_a, name, content, said
):
    client.force_login(staff_a)

    response = client.post(
        "/enterprises/review/match/", {"file": _upload(name, content)}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert said in page
    assert "/tmp" not in page
    assert not MatchRun.objects.exists()


def test_a_unicode_text_file_and_a_long_chinese_file_name_are_read(client, registry, staff_a):
    client.force_login(staff_a)
    name = "名" * 100 + ".txt"  # 300 bytes: longer than a file name may be on disk

    client.post(
        "/enterprises/review/match/", {"file": _upload(name, "宁德时代\n".encode("utf-16"))}
    )

    run = MatchRun.objects.get()
    assert (run.source, [item.query for item in run.items.all()]) == (name, ["宁德时代"])


def test_a_refused_file_leaves_the_latest_run_on_the_page_as_it_was(client, registry, staff_a):
    _review_run(["小鹏汽车"])
    client.force_login(staff_a)

    response = client.post("/enterprises/review/match/", {"file": _upload("names.txt", b"\n")})

    page = response.content.decode()
    assert "小鹏汽车" in page and 'value="confirm"' in page  # the latest run's review items


def test_viewers_and_leaders_may_not_match_a_file(client, registry, viewer, leader_jinhua):
    for user in (viewer, leader_jinhua):
        client.force_login(user)
        assert 'name="distinct"' not in client.get("/enterprises/review/").content.decode()

        response = client.post(
            "/enterprises/review/match/", {"file": _upload("names.txt", "宁德时代\n".encode())}
        )

        assert response.status_code == 403
    assert not MatchRun.objects.exists()


def test_the_match_api_matches_a_list_and_keeps_the_run(registry, staff_a, viewer):
    from devzone.accounts.services import issue_token
    from devzone.api.tests.client import ApiClient, errors_by_field
    from devzone.enterprises.services import create_enterprise

    for legal in (SHENZHEN_KESI, NANJING_KESI):
        create_enterprise(actor=None, legal_name=legal)
    api = ApiClient(issue_token(staff_a, actor=None))

    response = api.post(
        "/enterprises/match",
        {"names": ["科思股份", "科思科技", "宁德时代"], "distinct": True, "source": "roster"},
    )

    assert response.status_code == 201
    body = response.json()
    run = MatchRun.objects.get()
    assert (body["run"], body["count"], body["matched"]) == (run.pk, 3, 3)
    assert (run.source, run.created_by, run.thresholds["distinct"]) == ("roster", staff_a, True)
    first = body["items"][0]
    assert first["best"]["legal_name"] == NANJING_KESI
    assert first["runner_up"]["taken_by"] == "科思科技"
    assert body["items"][2]["best"]["id"] == registry[CATL].pk

    blanks = errors_by_field(api.post("/enterprises/match", {"names": ["比亚迪", " ", "x", ""]}))
    assert {"names.1", "names.3"} <= set(blanks)  # every blank name, not the first only
    assert "names" in errors_by_field(api.post("/enterprises/match", {"names": []}))
    reader = ApiClient(issue_token(viewer, actor=None))
    assert reader.post("/enterprises/match", {"names": ["比亚迪"]}).status_code == 403
    assert MatchRun.objects.count() == 1


def test_the_review_page_shows_every_name_of_a_run_on_request(client, registry, staff_a):
    run = _review_run(["宁德时代新能源科技股份有限公司", "小鹏汽车", "完全不相干XYZ"])
    client.force_login(staff_a)

    band = client.get(f"/enterprises/review/?run={run.pk}", HTTP_ACCEPT_LANGUAGE="en")
    every = client.get(f"/enterprises/review/?run={run.pk}&show=all", HTTP_ACCEPT_LANGUAGE="en")

    band_page, every_page = band.content.decode(), every.content.decode()
    assert "小鹏汽车" in band_page and "完全不相干XYZ" not in band_page
    assert "1 name is still to review." in band_page
    assert all(name in every_page for name in ("宁德时代新能源科技股份有限公司", "完全不相干XYZ"))
    assert "no match" in every_page and "matched" in every_page
    assert every_page.count('value="confirm"') == band_page.count('value="confirm"')

"""Decisions reach the matching index without rebuilding it; anything else rebuilds it."""

from __future__ import annotations

import pytest

from devzone.enterprises import index_updates, matching
from devzone.enterprises.choices import AliasKind
from devzone.enterprises.matching import confirm_match, reject_match, suggest_enterprise
from devzone.enterprises.services import create_enterprise, update_enterprise
from devzone.regions.models import Region

from .conftest import CATL

XPENG = "肇庆小鹏新能源投资有限公司"
BYD = "比亚迪股份有限公司"


@pytest.fixture
def builds(monkeypatch):
    """How many times the index was built from the registry."""
    count = []
    original = matching.build_matcher

    def counting(**options):
        count.append(1)
        return original(**options)

    monkeypatch.setattr(matching, "build_matcher", counting)
    return count


def _ids(result):
    return [candidate.record_id for candidate in result.candidates]


def test_decisions_are_filed_into_the_index_in_memory(registry, staff_a, builds):
    assert suggest_enterprise("宁德电池").decision != "matched"
    assert registry[BYD].pk in _ids(suggest_enterprise("比亚迪汽车"))
    matcher = matching.registry_matcher()

    confirm_match("宁德电池", registry[CATL], actor=staff_a)
    reject_match("比亚迪汽车", registry[BYD], actor=staff_a)

    confirmed = suggest_enterprise("宁德电池")
    assert (confirmed.decision, confirmed.best.legal_name) == ("matched", CATL)
    assert confirmed.best.reason == "confirmed_alias"
    assert registry[BYD].pk not in _ids(suggest_enterprise("比亚迪汽车"))
    assert matching.registry_matcher() is matcher
    assert len(builds) == 1

    confirm_match("比亚迪汽车", registry[BYD], actor=staff_a)  # the rejection withdrawn

    result = suggest_enterprise("比亚迪汽车")
    assert (result.decision, result.best.record_id) == ("matched", registry[BYD].pk)
    assert len(builds) == 1


def test_the_index_updated_in_place_matches_a_rebuilt_one(registry, staff_a):
    suggest_enterprise("宁德时代")
    confirm_match("小鹏汽车", registry[XPENG], actor=staff_a)
    reject_match("宁德时代", registry[CATL], actor=staff_a)
    names = ["小鹏汽车", "宁德时代", "寧德時代", "比亚迪", "零跑"]
    updated = [suggest_enterprise(name) for name in names]

    rebuilt = matching.build_matcher()

    assert updated == [rebuilt.match(name) for name in names]


def test_new_enterprises_and_aliases_are_filed_in_and_match_as_if_rebuilt(
    registry, staff_a, builds
):
    assert suggest_enterprise("金华银行").decision == "none"

    bank = create_enterprise(
        actor=None,
        legal_name="金华银行股份有限公司",
        short_name="金华银行",
        region=Region.objects.get(code="330700"),
        aliases=[("金银行", AliasKind.BRAND)],
    )
    update_enterprise(bank, actor=None, address="金华市婺城区")  # not a name: nothing to file

    names = ["金华银行", "金银行", "金华银行股份有限公司", "宁德时代", "比亚迪"]
    updated = [suggest_enterprise(name) for name in names]
    assert updated[0].best.record_id == bank.pk and updated[1].best.record_id == bank.pk
    assert len(builds) == 1
    assert updated == [matching.build_matcher().match(name) for name in names]


def test_a_rename_a_removed_alias_or_a_deleted_enterprise_rebuilds(registry, staff_a, builds):
    confirm_match("小鹏汽车", registry[XPENG], actor=staff_a)
    assert suggest_enterprise("小鹏汽车").best.record_id == registry[XPENG].pk
    assert len(builds) == 1

    reject_match("小鹏汽车", registry[XPENG], actor=staff_a)  # deletes the confirmed alias

    assert registry[XPENG].pk not in _ids(suggest_enterprise("小鹏汽车"))
    assert len(builds) == 2

    update_enterprise(registry[BYD], actor=None, legal_name="比亚迪汽车工业有限公司")

    assert suggest_enterprise("比亚迪汽车工业").best.legal_name == "比亚迪汽车工业有限公司"
    assert len(builds) == 3


def test_too_many_records_since_the_index_rebuild_it(registry, staff_a, builds, monkeypatch):
    suggest_enterprise("宁德时代")
    monkeypatch.setattr(index_updates, "MAX_UPDATES", 1)

    confirm_match("宁德电池", registry[CATL], actor=staff_a)  # a decision and an alias

    assert suggest_enterprise("宁德电池").best.legal_name == CATL
    assert len(builds) == 2


def test_an_alias_of_an_enterprise_the_index_lacks_changes_nothing(registry, staff_a):
    matcher = matching.registry_matcher()
    updates = [
        index_updates.Update(index_updates.REJECT, registry[BYD].pk, "比亚迪汽车"),
        index_updates.Update(index_updates.ALIAS, 10**9, "无名公司"),
    ]

    assert not index_updates.apply(matcher, updates)
    assert matcher.rejected == {}


@pytest.fixture
def saved_index_dir(settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(matching, "SAVE_MIN_RECORDS", 1)
    return tmp_path / "matching"


def test_a_new_process_reads_the_older_file_and_files_the_decisions_since(
    registry, staff_a, saved_index_dir, builds
):
    suggest_enterprise("宁德时代")  # builds and writes the index
    written = sorted(saved_index_dir.iterdir())
    confirm_match("宁德电池", registry[CATL], actor=staff_a)
    reject_match("比亚迪汽车", registry[BYD], actor=staff_a)
    bank = create_enterprise(actor=None, legal_name="金华银行股份有限公司")
    matching.forget_matcher()  # as in a new process

    result = suggest_enterprise("宁德电池")

    assert (result.decision, result.best.legal_name) == ("matched", CATL)
    assert registry[BYD].pk not in _ids(suggest_enterprise("比亚迪汽车"))
    assert suggest_enterprise("金华银行").best.record_id == bank.pk
    assert len(builds) == 1
    assert sorted(saved_index_dir.iterdir()) == written

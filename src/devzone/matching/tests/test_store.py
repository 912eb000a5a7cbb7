"""An index written to disk and read back answers exactly as the one that was built."""

from __future__ import annotations

from pathlib import Path

import pytest

from devzone.matching import EnterpriseRecord, NameIndex, store
from devzone.matching.store import StaleIndex

QUERIES = (
    "宁德时代",
    "寧德時代",
    "CATL",
    "华瓷股份",
    "沪农商行",
    "常熟开关厂",  # a former name in brackets
    "浙江吉利控股集团有限公司金华分公司",
    "金帆贸易",  # two records; their region codes decide nothing without a region
    "金华金帆",
    "数码科技",
    "华联",  # the confirmed alias below
)


@pytest.fixture
def written(index: NameIndex, tmp_path: Path) -> Path:
    index.add_alias("hualian", "华联", confirmed=True)
    path = tmp_path / "registry.npz"
    index.save(path)
    return path


def test_a_loaded_index_gives_the_same_results(index: NameIndex, written: Path) -> None:
    loaded = NameIndex.load(written)
    assert len(loaded) == len(index)
    for query in QUERIES:
        assert loaded.match(query) == index.match(query), query


def test_a_loaded_index_takes_new_records_and_aliases(written: Path) -> None:
    loaded = NameIndex.load(written)
    loaded.add(EnterpriseRecord("new", "宁波新帆电子科技有限公司"))
    loaded.add_alias("shaoyang", "维克液压")
    assert loaded.match("新帆电子").best.record_id == "new"
    assert loaded.match("维克液压").best.record_id == "shaoyang"
    assert loaded.match("宁德时代").best.record_id == "catl"


def test_an_index_built_by_other_rules_is_refused(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "FORMAT", store.FORMAT + 1)
    with pytest.raises(StaleIndex):
        NameIndex.load(written)


def test_integer_ids_come_back_as_integers(tmp_path: Path) -> None:
    path = tmp_path / "ints.npz"
    NameIndex([EnterpriseRecord(7, "湖南华联瓷业股份有限公司")]).save(path)
    assert NameIndex.load(path).match("华瓷股份").best.record_id == 7


def test_ids_of_other_types_cannot_be_written(tmp_path: Path) -> None:
    index = NameIndex([EnterpriseRecord((1, 2), "湖南华联瓷业股份有限公司")])
    with pytest.raises(TypeError):
        index.save(tmp_path / "tuples.npz")
    assert not list(tmp_path.iterdir())  # nothing half-written is left behind


def test_a_file_that_is_not_an_index_is_refused(tmp_path: Path) -> None:
    garbage, truncated = tmp_path / "garbage.npz", tmp_path / "truncated.npz"
    garbage.write_bytes(b"not an index")
    NameIndex([EnterpriseRecord(1, "湖南华联瓷业股份有限公司")]).save(truncated)
    truncated.write_bytes(truncated.read_bytes()[:200])
    for path in (garbage, truncated):
        with pytest.raises(StaleIndex):
            NameIndex.load(path)

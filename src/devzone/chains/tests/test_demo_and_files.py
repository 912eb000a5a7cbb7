"""The demo chains load idempotently and round-trip through the documented JSON file."""

import json

import pytest
from django.utils import translation

from devzone.chains.analysis import analyse_chain
from devzone.chains.demo import load_demo_chains
from devzone.chains.interchange import export_chain, import_chain, read_chain, write_chain
from devzone.chains.models import Chain, EnterpriseLink, Link, LinkEdge
from devzone.core.models import ChangeRecord
from devzone.enterprises.models import Enterprise
from devzone.enterprises.services import create_enterprise


@pytest.fixture
def lishui(regions):
    from devzone.regions.models import Region

    zhejiang = regions["zhejiang"]
    return Region.objects.create(code="331100", name="丽水市", level="prefecture", parent=zhejiang)


def test_demo_chains_load_once_and_reuse_existing_enterprises(regions, lishui):
    xpeng = create_enterprise(actor=None, legal_name="肇庆小鹏汽车有限公司",
                              region=regions["zhaoqing"])  # fmt: skip

    nev, semi = load_demo_chains()
    counts = (Chain.objects.count(), Link.objects.count(), LinkEdge.objects.count(),
              EnterpriseLink.objects.count(), Enterprise.objects.count(),
              ChangeRecord.objects.count())  # fmt: skip
    load_demo_chains()

    assert counts == (Chain.objects.count(), Link.objects.count(), LinkEdge.objects.count(),
                      EnterpriseLink.objects.count(), Enterprise.objects.count(),
                      ChangeRecord.objects.count())  # fmt: skip
    assert {link.name for link in nev.links.all()} >= {
        "整车", "动力电池", "电芯", "电机", "电控", "线束", "轮胎", "底盘", "中控", "传感", "车灯",
    }  # fmt: skip
    leaders = EnterpriseLink.objects.filter(link__chain=nev, is_chain_leader=True)
    assert {(r.enterprise.legal_name, r.link.name) for r in leaders} >= {
        ("宁德时代新能源科技股份有限公司", "动力电池"), ("肇庆小鹏汽车有限公司", "整车"),
    }  # fmt: skip
    assert EnterpriseLink.objects.get(link__name="整车", enterprise=xpeng).is_chain_leader
    assert semi.region == lishui


def test_demo_shows_zhaoqing_gaps_with_candidates(regions):
    nev, _ = load_demo_chains()

    analysis = analyse_chain(nev, "441200")

    gaps = [gap.link.name for gap in analysis.gaps]
    assert set(gaps) == {"电机", "线束", "轮胎", "传感", "车灯"}
    assert "动力电池" not in gaps  # CATL's Zhaoqing base makes it local
    assert all(gap.candidates for gap in analysis.gaps)


def test_export_then_import_reproduces_the_chain(regions, tmp_path):
    nev, _ = load_demo_chains()
    path = tmp_path / "nev.json"
    write_chain(nev, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "devzone-chain" and len(data["links"]) == 11

    data["chain"]["name"] = "复制的链"
    copy = import_chain(data, actor=None)

    assert export_chain(copy)["links"] == data["links"]
    assert export_chain(copy)["edges"] == data["edges"]
    assert read_chain(path, actor=None) == nev


def test_import_rejects_unknown_links_and_formats(db):
    with pytest.raises(Exception, match="format"):
        import_chain({"format": "other"}, actor=None)
    data = {"format": "devzone-chain", "version": 1, "chain": {"name": "X"},
            "links": [{"name": "a"}], "edges": [{"supplier": "a", "consumer": "b"}]}  # fmt: skip
    with translation.override("en"), pytest.raises(Exception, match="No link named"):
        import_chain(data, actor=None)
    assert not Chain.objects.filter(name="X").exists()


@pytest.mark.parametrize(
    ("links", "field", "words"),
    [
        ([{"name": "电池"}, {"name": "电池"}], "links", "listed twice"),
        ([{"name": "电池"}, {"name": "电机", "position": "sideways"}], "links[2].position", "电机"),
    ],
)
def test_a_bad_or_repeated_link_is_named_and_nothing_is_written(db, links, field, words):
    from django.core.exceptions import ValidationError

    data = {"format": "devzone-chain", "version": 1, "chain": {"name": "X"}, "links": links}
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        import_chain(data, actor=None)

    assert words in " ".join(refused.value.message_dict[field])
    assert not Chain.objects.filter(name="X").exists()

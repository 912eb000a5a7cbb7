"""Gaps and candidates of a hand-made chain seen from Zhaoqing."""

from decimal import Decimal

import pytest
from django.utils import translation

from devzone.chains import services
from devzone.chains.analysis import analyse_chain, region_prefix
from devzone.enterprises.services import create_enterprise


@pytest.fixture
def chain(more_regions):
    """cell → battery → vehicle; motor → vehicle; a local vehicle maker leads the chain."""
    chain = services.create_chain(actor=None, name="新能源汽车", region=more_regions["zhaoqing"])
    links = {
        name: services.add_link(chain, actor=None, name=name, position=position)
        for name, position in [
            ("电芯", "upstream"), ("动力电池", "midstream"), ("电机", "midstream"),
            ("整车", "downstream"), ("车灯", "upstream"),
        ]
    }  # fmt: skip
    for supplier, consumer in [("电芯", "动力电池"), ("动力电池", "整车"), ("电机", "整车"),
                               ("车灯", "整车")]:  # fmt: skip
        services.connect_links(links[supplier], links[consumer], actor=None)
    xpeng = create_enterprise(actor=None, legal_name="肇庆小鹏汽车有限公司",
                              region=more_regions["zhaoqing"])  # fmt: skip
    services.attach_enterprise(links["整车"], xpeng, actor=None, is_chain_leader=True)
    return chain, links


def _firm(name, region, **fields):
    return create_enterprise(actor=None, legal_name=name, region=region, **fields)


def test_gaps_are_links_without_local_firms_ranked_by_what_depends_on_them(chain):
    chain, links = chain

    analysis = analyse_chain(chain, "441200")

    # 电芯 feeds 动力电池 and, through it, 整车 (local leader: weight 3) → 1 + 3 = 4;
    # 动力电池, 电机 and 车灯 feed only 整车 → 3 each; ties: upstream first, then by name.
    assert [(gap.link.name, gap.dependence) for gap in analysis.gaps] == [
        ("电芯", 4.0), ("车灯", 3.0), ("动力电池", 3.0), ("电机", 3.0),
    ]  # fmt: skip
    assert analysis.gaps[0].dependents == [links["动力电池"], links["整车"]]
    assert "整车" not in {gap.link.name for gap in analysis.gaps}


def test_a_threshold_makes_thin_links_gaps_too(chain):
    chain, _ = chain
    analysis = analyse_chain(chain, "441200", threshold=2)
    vehicle = next(gap for gap in analysis.gaps if gap.link.name == "整车")
    assert (vehicle.local_count, vehicle.shortfall) == (1, 1)


def test_a_production_site_makes_a_firm_local(chain, more_regions):
    chain, links = chain
    catl = _firm("宁德时代新能源科技股份有限公司", more_regions["ningde"])
    services.attach_enterprise(links["动力电池"], catl, actor=None, site=more_regions["zhaoqing"])

    analysis = analyse_chain(chain, more_regions["zhaoqing"])

    assert "动力电池" not in {gap.link.name for gap in analysis.gaps}


def test_candidates_are_ranked_with_reasons_as_data_and_text(chain, more_regions):
    chain, links = chain
    big = _firm("宁德时代新能源科技股份有限公司", more_regions["ningde"],
                listed_code="300750", registered_capital=Decimal("2442000000"))  # fmt: skip
    near = _firm("惠州亿纬锂能股份有限公司", more_regions["huizhou"], listed_code="300014")
    far = _firm("浙江某电池有限公司", more_regions["jinhua"])
    for firm in (big, near, far):
        services.attach_enterprise(links["电芯"], firm, actor=None, products="电芯")
    services.attach_enterprise(links["动力电池"], big, actor=None, products="动力电池")

    gap = analyse_chain(chain, "441200").gaps[0]

    assert [c.enterprise for c in gap.candidates] == [big, near, far]
    codes = {c.enterprise.pk: [r.code for r in c.reasons] for c in gap.candidates}
    # big also makes 动力电池, which feeds the local leader's 整车: a tie to local firms.
    assert codes[big.pk] == ["makes_link", "ties", "listed", "scale", "adjacent_province"]
    assert codes[near.pk] == ["makes_link", "listed", "same_province"]
    assert codes[far.pk] == ["makes_link"]
    assert [c.score for c in gap.candidates] == [10, 7, 3]
    with translation.override("en"):
        texts = [reason.text for reason in gap.candidates[1].reasons]
    assert texts[-1] == "In the same province (惠州市)"
    assert gap.candidates[0].reasons[2].as_dict()["params"] == {"listed_code": "300750"}


def test_ties_to_local_firms_count_for_a_candidate(chain, more_regions):
    chain, links = chain
    supplier = _firm("浙江车灯与电机有限公司", more_regions["jinhua"])
    services.attach_enterprise(links["车灯"], supplier, actor=None)
    # 电机 feeds 整车, which has a local firm: a 车灯 candidate that also makes 电机 is tied.
    services.attach_enterprise(links["电机"], supplier, actor=None)

    gaps = {gap.link.name: gap for gap in analyse_chain(chain, "441200").gaps}

    reasons = {r.code: r for r in gaps["车灯"].candidates[0].reasons}
    assert reasons["ties"].params == {"links": "电机"}


def test_enterprises_of_a_link_industry_are_candidates_too(chain, more_regions):
    from devzone.enterprises.models import Industry

    chain, links = chain
    battery = Industry.objects.create(code="C3841", name="锂离子电池制造", level=4)
    services.update_link(links["电芯"], actor=None, industry_codes=["C3841"])
    registered = _firm("福建某锂电有限公司", more_regions["ningde"], industry=battery)
    _firm(
        "肇庆某锂电有限公司", more_regions["zhaoqing"], industry=battery
    )  # local: not a candidate

    gap = analyse_chain(chain, "441200").gaps[0]

    assert [c.enterprise for c in gap.candidates] == [registered]
    assert gap.candidates[0].reasons[0].code == "industry_match"


def test_an_enterprise_registered_only_by_division_is_a_candidate_for_its_classes(
    chain, more_regions
):
    from devzone.enterprises.models import Industry

    chain, links = chain
    division = Industry.objects.create(code="C38", name="电气机械和器材制造业", level=2)
    services.update_link(links["电芯"], actor=None, industry_codes=["C3841"])
    registered = _firm("福建某电气有限公司", more_regions["ningde"], industry=division)
    Industry.objects.create(code="C", name="制造业", level=1)

    gap = next(g for g in analyse_chain(chain, "441200").gaps if g.link.name == "电芯")

    assert registered in [c.enterprise for c in gap.candidates]
    reason = next(c for c in gap.candidates if c.enterprise == registered).reasons[0]
    assert (reason.code, reason.params) == ("industry_match", {"industry": "C38"})


def test_analysis_reads_a_fixed_number_of_queries(
    chain, more_regions, django_assert_max_num_queries
):
    chain, links = chain
    for number in range(5):
        firm = _firm(f"浙江第{number}电池有限公司", more_regions["jinhua"])
        services.attach_enterprise(links["电芯"], firm, actor=None)
    with django_assert_max_num_queries(4):
        analyse_chain(chain, "441200")


@pytest.mark.parametrize(
    ("code", "prefix"), [("441200", "4412"), ("440000", "44"), ("441202", "441202")]
)
def test_region_prefix(code, prefix):
    assert region_prefix(code) == prefix


def test_registered_capital_reads_in_its_currency_and_unit(db):
    from decimal import Decimal

    from django.utils import translation

    from devzone.chains.reasons import scale_reason

    dollars = scale_reason(Decimal(200_000_000), "USD")  # about 1.4 bn yuan
    yuan = scale_reason(Decimal(50_000_000), "CNY")
    with translation.override("zh-hans"):
        assert (dollars.points, dollars.text) == (3, "注册资本 2亿美元")
        assert (yuan.points, yuan.text) == (1, "注册资本 5000万元")
    with translation.override("en"):
        assert dollars.text == "Registered capital 200 million US dollars"
    assert scale_reason(Decimal(10**12), "XYZ") is None  # no idea of its size: no points

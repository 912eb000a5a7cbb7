"""The listed-company product graph: loading, normalising, and the gap query."""

import json
import time

import pytest

from devzone.chains.graph import graph_gaps, load_graph

PRODUCTS = ["整车", "电池", "电芯", "正极材料", "电机", "轮胎", "橡胶", "车灯", "芯片"]
# product,relation,related_product: 上游材料 (B feeds A), 产品小类 (B is part of A),
# 下游产品 (B is made from A). Edges to 芯片 lie beyond the depth limit used below.
EDGES = [
    ("整车", "上游材料", "电池"), ("整车", "上游材料", "电机"), ("整车", "上游材料", "轮胎"),
    ("整车", "上游材料", "车灯"), ("电池", "产品小类", "电芯"), ("正极材料", "下游产品", "电芯"),
    ("轮胎", "上游材料", "橡胶"), ("电芯", "上游材料", "电芯"), ("正极材料", "上游材料", "芯片"),
]  # fmt: skip
COMPANIES = [
    ("300750", "宁德时代", "宁德时代新能源科技股份有限公司"),
    ("300014", "亿纬锂能", "惠州亿纬锂能股份有限公司"),
    ("601058", "赛轮轮胎", "青岛赛轮集团股份有限公司"),
    ("601799", "星宇股份", "常州星宇车灯股份有限公司"),
    ("002594", "比亚迪", "比亚迪股份有限公司"),
    ("600000", "某正极", "福建某正极材料股份有限公司"),
]
MAKES = [
    ("300750.SZ", "电池", 0.9), ("300750", "电芯", 0.5), ("300014.SZ", "电池", 0.6),
    ("601058.SH", "轮胎", 0.8), ("601799.SH", "车灯", 0.9), ("002594.SZ", "整车", 0.5),
    ("600000.SH", "正极材料", 0.05), ("600000.SH", "电芯", 0.2),
]  # fmt: skip


@pytest.fixture
def graph_dir(tmp_path):
    source = tmp_path / "chains"
    source.mkdir()
    lines = [json.dumps({"name": name}, ensure_ascii=False) for name in PRODUCTS]
    (source / "product.jsonl").write_text("\n".join(lines), encoding="utf-8")
    rows = ["product,relation,related_product", *(",".join(edge) for edge in EDGES)]
    (source / "product_product.csv").write_text("\n".join(rows), encoding="utf-8")
    lines = [
        json.dumps({"name": short, "fullname": full, "code": code, "location": "深圳证券交易所",
                    "time": "2018-06-11"}, ensure_ascii=False)
        for code, short, full in COMPANIES
    ]  # fmt: skip
    (source / "company.jsonl").write_text("\n".join(lines), encoding="utf-8")
    rows = ["company_code,product,relation,weight"]
    rows += [f"{code},{product},主营产品,{weight}" for code, product, weight in MAKES]
    (source / "company_product.csv").write_text("\n".join(rows), encoding="utf-8")
    return source


@pytest.fixture
def store(graph_dir, tmp_path):
    summary = load_graph(graph_dir, store=tmp_path / "graph.duckdb")
    return summary


def test_loading_normalises_codes_edges_and_provinces(store):
    # 9 edges minus the self-loop 电芯→电芯; both code forms of 宁德时代 land on 300750.
    assert (store.products, store.edges, store.companies) == (9, 8, 6)
    assert store.placed_companies == 5  # 比亚迪 names no place
    assert store.company_products == 8


def test_gaps_of_one_chain_for_one_province(store):
    report = graph_gaps("整车", "广东", max_depth=2, store=store.store)

    # Depth 2 reaches 电芯 and 橡胶 but not 正极材料 (3) or 芯片 (4).
    assert report.products == 7
    # Made in Guangdong: 电池 (亿纬锂能, Huizhou). 整车's maker 比亚迪 is unplaced.
    assert set(report.local) == {"电池"}
    # Ranked by dependents (电芯 feeds 电池 and 整车), then depth, then name.
    assert [(gap.product, gap.dependents) for gap in report.gaps] == [
        ("电芯", 2), ("车灯", 1), ("轮胎", 1), ("整车", 0),
    ]  # fmt: skip
    cell = report.gaps[0]
    assert [c.short_name for c in cell.candidates] == ["宁德时代", "某正极"]
    reasons = [r.code for r in cell.candidates[0].reasons]
    assert reasons == ["makes_link", "listed", "adjacent_province"]
    assert cell.candidates[0].reasons[0].params == {"products": "电芯 (50%)"}


def test_deeper_closure_and_unmapped_products(store):
    report = graph_gaps("整车", "44", max_depth=4, store=store.store)
    assert report.products == 9
    assert report.made_somewhere == 6  # 电机, 橡胶 and 芯片 are made by no listed company
    assert report.as_dict()["unmapped"] == 3
    # 某正极 also makes 电芯, which feeds 电池, made in Guangdong: a tie to local firms.
    cathode = next(gap for gap in report.gaps if gap.product == "正极材料")
    ties = [r for r in cathode.candidates[0].reasons if r.code == "ties"]
    assert ties[0].params == {"links": "电芯"}


def test_unknown_root_or_province_is_an_error(store):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValueError, match="No product “飞船”"):
        graph_gaps("飞船", "广东", store=store.store)
    with translation.override("zh-hans"), pytest.raises(ValueError, match="未知省份“火星”"):
        graph_gaps("整车", "火星", store=store.store)


@pytest.mark.shared_data
def test_real_graph_loads_and_answers_in_seconds(shared_data, tmp_path):
    started = time.perf_counter()
    summary = load_graph(shared_data / "chains", store=tmp_path / "graph.duckdb")
    loaded = time.perf_counter() - started
    assert summary.edges > 100_000 and summary.companies > 4_500
    assert summary.placed_companies / summary.companies > 0.6

    started = time.perf_counter()
    report = graph_gaps("锂电池", "浙江", store=summary.store)
    asked = time.perf_counter() - started
    print(f"\nload {loaded:.1f}s; gaps of 锂电池 in Zhejiang {asked:.2f}s: "
          f"{report.products} products, {len(report.gaps)} gaps")  # fmt: skip
    assert loaded < 60 and asked < 10
    assert report.gaps and all(gap.local_count == 0 for gap in report.gaps)
    for gap in report.gaps:
        assert all(c.province != "33" for c in gap.candidates)

    started = time.perf_counter()
    wide = graph_gaps("汽车", "广东", max_depth=4, store=summary.store)
    print(f"gaps of 汽车 (depth 4) in Guangdong {time.perf_counter() - started:.2f}s: "
          f"{wide.products} products, {len(wide.gaps)} gaps")  # fmt: skip
    assert time.perf_counter() - started < 10


def test_a_malformed_file_keeps_the_graph_in_use_and_leaves_nothing_behind(store, graph_dir):
    from devzone.chains.graph import GraphFileError

    before = store.store.read_bytes()
    (graph_dir / "company.jsonl").write_text('{"name": "x", "code": \n', encoding="utf-8")

    with pytest.raises(GraphFileError):
        load_graph(graph_dir, store=store.store)

    assert store.store.read_bytes() == before
    assert not list(store.store.parent.glob("*.partial"))


@pytest.mark.parametrize(
    ("query", "field"),
    [("root=整车&province=火星", "province"), ("root=飞船&province=广东", "root"),
     ("root=整车&province=广东&depth=0", "depth")],
)  # fmt: skip
def test_the_graph_gaps_api_names_the_parameter_it_cannot_use(
    store, client, staff_a, monkeypatch, query, field
):
    from devzone.chains import graph

    monkeypatch.setattr(graph, "default_store", lambda: store.store)
    client.force_login(staff_a)
    response = client.get(f"/api/chain-graph/gaps?{query}")
    assert response.status_code == 422, response.content[:200]
    assert field in {error["field"] for error in response.json()["detail"]}

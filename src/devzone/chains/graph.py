"""The product chain graph of listed companies, kept in an analytical store (DuckDB).

``load_graph(DIR)`` reads the four files of the chain knowledge graph (``product.jsonl``,
``product_product.csv``, ``company.jsonl``, ``company_product.csv``) with DuckDB and writes
one file, ``$DEVZONE_DATA_DIR/chain_graph.duckdb``, replaced atomically. The 110k edges never
pass through the ORM: they are analytical data, read whole for one query, and the hand-curated
chains staff edit (:mod:`devzone.chains.models`) stay small and separate.

Normalisation on load:

* edges are turned into ``supplier → consumer`` pairs: ``A 上游材料 B`` and ``A 产品小类 B``
  (B is a material or a sub-product of A) give ``B → A``; ``A 下游产品 B`` gives ``A → B``.
  Empty names, self-loops and names longer than 40 characters (recipes, sentences) are dropped;
* company codes ``300750.SZ`` and bare ``301079`` both become the six digits;
* a company's province is read from its legal name (:func:`devzone.chains.places.province_of_name`).

``graph_gaps(root, province)`` answers for one chain (the root and its upstream closure) in one
province: which products have local producers, which are gaps, and who elsewhere makes them.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from devzone.chains import reasons as R
from devzone.chains.dependency import dependent_counts, upstream_closure
from devzone.chains.places import (
    adjacent_provinces,
    province_code,
    province_names,
    province_of_name,
)
from devzone.core.names import joined
from devzone.core.paths import data_dir

STORE_NAME = "chain_graph.duckdb"
REQUIRED_FILES = ("product.jsonl", "product_product.csv", "company.jsonl", "company_product.csv")
MAX_NAME_LENGTH = 40
COMPANY_COLUMNS = ("code", "short_name", "legal_name", "exchange", "listed_on", "province")
DEFAULT_DEPTH = 3
DEFAULT_CANDIDATES = 5
# Revenue share of the gap product in a candidate's business, and the points it earns.
SHARE_POINTS = ((0.3, 3), (0.1, 2), (0.0, 1))


def default_store() -> Path:
    return data_dir() / STORE_NAME


@dataclass(frozen=True)
class GraphSummary:
    store: Path
    products: int
    edges: int
    companies: int
    placed_companies: int
    company_products: int
    seconds: float


_EDGES_SQL = """
create table product_edge as
with raw as (
    select trim(product) as a, trim(relation) as r, trim(related_product) as b
    from read_csv($path, all_varchar = true, header = true)
)
select distinct
    case when r = '下游产品' then a else b end as supplier,
    case when r = '下游产品' then b else a end as consumer,
    case r when '上游材料' then 'material' when '产品小类' then 'part' else 'downstream' end
        as kind
from raw
where r in ('上游材料', '产品小类', '下游产品')
  and a <> '' and b <> '' and a <> b
  and length(a) <= $max_length and length(b) <= $max_length
"""

_COMPANY_PRODUCT_SQL = """
create table company_product as
select regexp_extract(company_code, '([0-9]{6})', 1) as code,
       trim(product) as product,
       max(try_cast(weight as double)) as weight
from read_csv($path, all_varchar = true, header = true)
where regexp_extract(company_code, '([0-9]{6})', 1) <> '' and trim(product) <> ''
group by 1, 2
"""

_PRODUCTS_SQL = """
create table product as
select distinct trim(name) as name from read_json($path, columns = {name: 'VARCHAR'})
where trim(name) <> ''
"""


class GraphFileError(ValueError):
    """A chain graph file that cannot be read (a malformed line, a missing column)."""


def load_graph(path: Path | str, *, store: Path | None = None) -> GraphSummary:
    """Load the chain graph files in ``path`` into the analytical store; returns counts."""
    started = time.perf_counter()
    source = Path(path)
    missing = [name for name in REQUIRED_FILES if not (source / name).is_file()]
    if missing:
        from django.utils.translation import gettext as _

        message = _("%(folder)s lacks %(files)s: give the folder of the chain graph files")
        raise FileNotFoundError(message % {"folder": source, "files": ", ".join(missing)})
    store = Path(store or default_store())
    store.parent.mkdir(parents=True, exist_ok=True)
    partial = store.with_name(store.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(partial)) as con:
            con.execute(_PRODUCTS_SQL, {"path": str(source / "product.jsonl")})
            con.execute(
                _EDGES_SQL,
                {"path": str(source / "product_product.csv"), "max_length": MAX_NAME_LENGTH},
            )
            con.execute(_COMPANY_PRODUCT_SQL, {"path": str(source / "company_product.csv")})
            _load_companies(con, source / "company.jsonl")
            con.execute("create index edge_consumer on product_edge (consumer)")
            counts = _counts(con)
    except duckdb.Error as error:  # a malformed line or header: the graph in use stays
        partial.unlink(missing_ok=True)
        raise GraphFileError(str(error).splitlines()[0]) from error
    os.replace(partial, store)
    return GraphSummary(store=store, seconds=time.perf_counter() - started, **counts)


def _load_companies(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Companies with a province derived from the legal name (4,654 rows: Python is fine)."""
    rows = con.execute(
        """
        select code, name, fullname, location, time
        from read_json($path, columns = {
            code: 'VARCHAR', name: 'VARCHAR', fullname: 'VARCHAR',
            location: 'VARCHAR', time: 'VARCHAR'})
        """,
        {"path": str(path)},
    ).fetchall()
    seen: dict[str, tuple] = {}
    for code, name, fullname, exchange, listed_on in rows:
        code = str(code).strip().zfill(6)[:6]
        legal_name = (fullname or "").strip()
        seen.setdefault(
            code,
            (code, (name or "").strip(), legal_name, exchange or "", listed_on or "",
             province_of_name(legal_name)),
        )  # fmt: skip
    columns = list(zip(*seen.values(), strict=True)) if seen else [[]] * 6
    con.execute(
        """
        create table company as
        select unnest($code) as code, unnest($short_name) as short_name,
               unnest($legal_name) as legal_name, unnest($exchange) as exchange,
               unnest($listed_on) as listed_on, unnest($province) as province
        """,
        dict(zip(COMPANY_COLUMNS, (list(column) for column in columns), strict=True)),
    )


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    def one(sql: str) -> int:
        return int(con.execute(sql).fetchone()[0])

    return {
        "products": one("select count(*) from product"),
        "edges": one("select count(*) from product_edge"),
        "companies": one("select count(*) from company"),
        "placed_companies": one("select count(*) from company where province is not null"),
        "company_products": one("select count(*) from company_product"),
    }


# --- The gap query ------------------------------------------------------------------------


@dataclass
class GraphCompany:
    code: str
    short_name: str
    legal_name: str
    province: str | None
    weight: float | None = None
    reasons: list[R.Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "short_name": self.short_name,
            "legal_name": self.legal_name,
            "province": self.province,
            "weight": self.weight,
            "score": self.score,
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


@dataclass
class GraphGap:
    product: str
    depth: int
    dependents: int
    local_count: int
    producers: int
    candidates: list[GraphCompany]

    def as_dict(self) -> dict[str, Any]:
        return {
            "product": self.product,
            "depth": self.depth,
            "dependents": self.dependents,
            "local_count": self.local_count,
            "producers": self.producers,
            "candidates": [candidate.as_dict() for candidate in self.candidates],
        }


@dataclass
class GraphGapReport:
    root: str
    province: str
    province_name: str
    max_depth: int
    threshold: int
    products: int
    made_somewhere: int
    made_locally: int
    gaps: list[GraphGap]
    local: dict[str, list[GraphCompany]]
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "province": self.province,
            "province_name": self.province_name,
            "max_depth": self.max_depth,
            "threshold": self.threshold,
            "products": self.products,
            "made_somewhere": self.made_somewhere,
            "made_locally": self.made_locally,
            "unmapped": self.products - self.made_somewhere,
            "seconds": round(self.seconds, 3),
            "gaps": [gap.as_dict() for gap in self.gaps],
            "local": {
                product: [company.as_dict() for company in companies]
                for product, companies in sorted(self.local.items())
            },
        }


@lru_cache(maxsize=2)
def _suppliers(store: str, mtime: float) -> dict[str, tuple[str, ...]]:
    """consumer → its suppliers, read whole once per store version (≈0.3 s for 110k edges)."""
    with duckdb.connect(store, read_only=True) as con:
        rows = con.execute("select consumer, supplier from product_edge").fetchall()
    suppliers: dict[str, list[str]] = defaultdict(list)
    for consumer, supplier in rows:
        suppliers[consumer].append(supplier)
    return {consumer: tuple(sorted(values)) for consumer, values in suppliers.items()}


def _open_store(store: Path | None) -> Path:
    path = Path(store or default_store())
    if not path.is_file():
        from django.utils.translation import gettext as _

        message = _("no chain graph at %(path)s: run `devzone chains load-graph DIR`")
        raise FileNotFoundError(message % {"path": path})
    return path


def graph_gaps(
    root: str,
    province: str,
    *,
    max_depth: int = DEFAULT_DEPTH,
    threshold: int = 1,
    candidates: int = DEFAULT_CANDIDATES,
    store: Path | None = None,
) -> GraphGapReport:
    """Gaps of the chain ending in ``root`` for one province, ranked by dependents.

    A gap is a product of the closure that some listed company makes but fewer than
    ``threshold`` companies of the province make; products no listed company makes are only
    counted (``unmapped``), since the data cannot tell who could fill them.
    """
    started = time.perf_counter()
    path = _open_store(store)
    code = province_code(province)
    suppliers = _suppliers(str(path), path.stat().st_mtime)
    closure = upstream_closure(root, suppliers, max_depth)
    if len(closure) == 1 and root not in suppliers and not _is_product(path, root):
        from django.utils.translation import gettext as _

        raise ValueError(_("No product “%s” in the chain graph.") % root)
    makers = _makers(path, list(closure))
    edges = [(s, c) for c in closure for s in suppliers.get(c, ()) if s in closure]
    counts = dependent_counts(closure, edges)
    local = {p: [m for m in ms if m.province == code] for p, ms in makers.items()}
    local = {product: companies for product, companies in local.items() if companies}
    gaps = _gaps(closure, counts, makers, local, threshold)
    _rank_candidates(gaps, makers, local, edges, code, candidates)
    return GraphGapReport(
        root=root,
        province=code,
        province_name=province_names()[code],
        max_depth=max_depth,
        threshold=threshold,
        products=len(closure),
        made_somewhere=len(makers),
        made_locally=len(local),
        gaps=gaps,
        local=local,
        seconds=time.perf_counter() - started,
    )


def _is_product(path: Path, name: str) -> bool:
    with duckdb.connect(str(path), read_only=True) as con:
        sql = "select count(*) from company_product where product = $name"
        made = con.execute(sql, {"name": name}).fetchone()[0]
        known = con.execute("select count(*) from product where name = $name", {"name": name})
        return bool(made or known.fetchone()[0])


def _makers(path: Path, products: list[str]) -> dict[str, list[GraphCompany]]:
    """product → the listed companies that make it, biggest revenue share first."""
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            """
            select cp.product, c.code, c.short_name, c.legal_name, c.province, cp.weight
            from company_product cp join company c on c.code = cp.code
            where cp.product in (select unnest($products))
            order by cp.product, cp.weight desc nulls last, c.code
            """,
            {"products": products},
        ).fetchall()
    makers: dict[str, list[GraphCompany]] = defaultdict(list)
    for product, code, short_name, legal_name, province, weight in rows:
        makers[product].append(GraphCompany(code, short_name, legal_name, province, weight))
    return dict(makers)


def _gaps(
    closure: dict[str, int],
    counts: dict[str, int],
    makers: dict[str, list[GraphCompany]],
    local: dict[str, list[GraphCompany]],
    threshold: int,
) -> list[GraphGap]:
    gaps = [
        GraphGap(
            product=product,
            depth=closure[product],
            dependents=counts[product],
            local_count=len(local.get(product, ())),
            producers=len(makers[product]),
            candidates=[],
        )
        for product in makers
        if len(local.get(product, ())) < threshold
    ]
    gaps.sort(key=lambda gap: (-gap.dependents, gap.depth, gap.product))
    return gaps


def _rank_candidates(
    gaps: list[GraphGap],
    makers: dict[str, list[GraphCompany]],
    local: dict[str, list[GraphCompany]],
    edges: list[tuple[str, str]],
    province: str,
    limit: int,
) -> None:
    """Score the outside makers of each gap: revenue share, neighbour, ties to local links."""
    near_local: set[str] = set()
    for supplier, consumer in edges:
        if consumer in local:
            near_local.add(supplier)
        if supplier in local:
            near_local.add(consumer)
    made_by: dict[str, set[str]] = defaultdict(set)
    for product, companies in makers.items():
        for company in companies:
            made_by[company.code].add(product)
    for gap in gaps:
        ranked = []
        for maker in makers[gap.product]:
            if maker.province == province:
                continue
            ties = sorted((made_by[maker.code] & near_local) - {gap.product})
            ranked.append(_graph_candidate(maker, gap.product, ties, province))
        ranked.sort(key=lambda c: (-c.score, -(c.weight or 0), c.code))
        gap.candidates = ranked[:limit]


def _graph_candidate(
    maker: GraphCompany, product: str, ties: list[str], province: str
) -> GraphCompany:
    share = maker.weight or 0.0
    points = next(points for floor, points in SHARE_POINTS if share >= floor)
    percent = f"{share * 100:.0f}%"
    found = [
        R.Reason(R.MAKES_LINK, points, {"products": f"{product} ({percent})"}),
        R.Reason(R.LISTED, 2, {"listed_code": maker.code}),
    ]
    if maker.province and adjacent_provinces(maker.province, province):
        found.append(R.Reason(R.ADJACENT_PROVINCE, 1, {"region": province_names()[maker.province]}))
    if ties:
        points = min(len(ties), R.MAX_TIE_POINTS)
        found.append(R.Reason(R.TIES, points, {"links": joined(ties[:5])}))
    return GraphCompany(
        maker.code, maker.short_name, maker.legal_name, maker.province, maker.weight, found
    )

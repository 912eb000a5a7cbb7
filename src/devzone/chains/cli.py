"""``devzone chains …``: load the product graph, ask for gaps, import and export chains.

``chains gaps --chain NAME`` answers from the hand-curated chain of that name when one exists,
and otherwise from the listed-company product graph with NAME as the root product (锂电池,
新能源汽车), for the province that contains ``--region``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from devzone.cli.base import CommandError, run_service, setup_django


def register(subparsers: Any) -> None:
    chains = subparsers.add_parser("chains", help="Industry chains: gaps, candidates, files.")
    commands = chains.add_subparsers(title="chains commands", metavar="COMMAND")
    chains.set_defaults(help_parser=chains)

    load = commands.add_parser(
        "load-graph", help="Load the listed-company chain graph (product.jsonl, …) from DIR."
    )
    load.add_argument("directory", metavar="DIR")
    load.add_argument("--store", help="the DuckDB file to write (default in DEVZONE_DATA_DIR)")
    load.set_defaults(handler=load_graph)

    gaps = commands.add_parser("gaps", help="The gaps of a chain for a region, with candidates.")
    gaps.add_argument("--chain", required=True, help="a chain name, or a product of the graph")
    gaps.add_argument("--region", required=True, help="GB/T 2260 code (441200) or province")
    gaps.add_argument("--threshold", type=int, default=1, help="local firms a link needs (1)")
    gaps.add_argument("--candidates", type=int, default=5, help="candidates per gap (5)")
    gaps.add_argument("--depth", type=int, default=3, help="graph: upstream depth (3)")
    gaps.add_argument("--store", help="graph: the DuckDB file to read")
    gaps.add_argument("--json", action="store_true", help="print JSON")
    gaps.set_defaults(handler=show_gaps)

    imp = commands.add_parser("import", help="Create or update a chain from a JSON file.")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(handler=import_file)

    exp = commands.add_parser("export", help="Write a chain to a JSON file.")
    exp.add_argument("name", metavar="NAME")
    exp.add_argument("-o", "--output", required=True, metavar="FILE")
    exp.set_defaults(handler=export_file)


def load_graph(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.chains.graph import load_graph as load

    try:
        summary = load(Path(args.directory), store=Path(args.store) if args.store else None)
    except FileNotFoundError as error:
        raise CommandError(str(error)) from error
    print(
        f"Loaded the chain graph into {summary.store} in {summary.seconds:.1f}s: "
        f"{summary.products} products, {summary.edges} edges, {summary.companies} companies "
        f"({summary.placed_companies} placed in a province), "
        f"{summary.company_products} company products."
    )
    return 0


def show_gaps(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.chains.models import Chain

    chain = Chain.objects.filter(name=args.chain).first()
    data = _chain_gaps(chain, args) if chain is not None else _graph_gaps(args)
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_gaps(data)
    return 0


def _chain_gaps(chain: Any, args: argparse.Namespace) -> dict[str, Any]:
    from devzone.chains.analysis import analyse_chain
    from devzone.chains.presenters import analysis_as_dict

    analysis = analyse_chain(
        chain, args.region, threshold=args.threshold, candidates=args.candidates
    )
    return analysis_as_dict(analysis)


def _graph_gaps(args: argparse.Namespace) -> dict[str, Any]:
    from devzone.chains.graph import graph_gaps

    store = Path(args.store) if args.store else None
    try:
        report = graph_gaps(
            args.chain,
            args.region,
            max_depth=args.depth,
            threshold=args.threshold,
            candidates=args.candidates,
            store=store,
        )
    except (FileNotFoundError, ValueError) as error:
        raise CommandError(str(error)) from error
    return {"source": "graph", **report.as_dict()}


def _print_gaps(data: dict[str, Any]) -> None:
    title = data.get("chain") or data.get("root")
    where = data.get("region") or data.get("province_name")
    print(f"{title} · {where}: {len(data['gaps'])} gaps")
    for gap in data["gaps"]:
        name = gap.get("link") or gap.get("product")
        weight = gap.get("dependence", gap.get("dependents"))
        print(f"- {name} (depends on it: {weight}, local firms: {gap['local_count']})")
        for candidate in gap["candidates"]:
            label = candidate.get("short_name") or candidate.get("legal_name")
            reasons = "; ".join(reason["text"] for reason in candidate["reasons"])
            print(f"    {candidate['score']:>3}  {label}: {reasons}")


def import_file(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"no such file: {args.file}")
    setup_django()
    from devzone.chains.interchange import read_chain

    try:
        chain = run_service(read_chain, path, actor=None)
    except (KeyError, json.JSONDecodeError) as error:
        raise CommandError(f"{path.name}: not a chain file ({error})") from error
    print(f"Imported chain {chain.name}: {chain.links.count()} links.")
    return 0


def export_file(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.chains.interchange import write_chain
    from devzone.chains.models import Chain

    chain = Chain.objects.filter(name=args.name).first()
    if chain is None:
        raise CommandError(f"no chain named {args.name}")
    write_chain(chain, Path(args.output))
    print(f"Wrote {args.output}.")
    return 0

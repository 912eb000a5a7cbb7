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

from devzone.cli.base import CommandError, positive, run_service, setup_django
from devzone.cli.i18n import gettext as _
from devzone.cli.i18n import ngettext


def register(subparsers: Any) -> None:
    chains = subparsers.add_parser("chains", help=_("Industry chains: gaps, candidates, files."))
    commands = chains.add_subparsers(title=_("chains commands"), metavar="COMMAND")
    chains.set_defaults(help_parser=chains)

    load = commands.add_parser(
        "load-graph", help=_("Load the listed-company chain graph (product.jsonl, …) from DIR.")
    )
    load.add_argument("directory", metavar="DIR")
    load.add_argument("--store", help=_("the DuckDB file to write (default in DEVZONE_DATA_DIR)"))
    load.set_defaults(handler=load_graph)

    gaps = commands.add_parser("gaps", help=_("The gaps of a chain for a region, with candidates."))
    gaps.add_argument("--chain", required=True, help=_("a chain name, or a product of the graph"))
    gaps.add_argument("--region", required=True, help=_("GB/T 2260 code (441200) or province"))
    gaps.add_argument(
        "--threshold", type=positive, default=1, help=_("local firms a link needs (1)")
    )
    gaps.add_argument("--candidates", type=positive, default=5, help=_("candidates per gap (5)"))
    gaps.add_argument("--depth", type=positive, default=3, help=_("graph: upstream depth (3)"))
    gaps.add_argument("--store", help=_("graph: the DuckDB file to read"))
    gaps.add_argument("--json", action="store_true", help=_("print JSON"))
    gaps.set_defaults(handler=show_gaps)

    imp = commands.add_parser("import", help=_("Create or update a chain from a JSON file."))
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(handler=import_file)

    exp = commands.add_parser("export", help=_("Write a chain to a JSON file."))
    exp.add_argument("name", metavar="NAME")
    exp.add_argument("-o", "--output", required=True, metavar="FILE")
    exp.set_defaults(handler=export_file)


def load_graph(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.chains.graph import GraphFileError
    from devzone.chains.graph import load_graph as load

    try:
        summary = load(Path(args.directory), store=Path(args.store) if args.store else None)
    except FileNotFoundError as error:
        raise CommandError(str(error)) from error
    except GraphFileError as error:
        message = _("The chain graph files cannot be read (%(error)s); the graph in use is kept.")
        raise CommandError(message % {"error": error}) from error
    print(
        _(
            "Loaded the chain graph into %(store)s in %(seconds).1fs: "
            "%(products)d products, %(edges)d edges, %(companies)d companies "
            "(%(placed)d placed in a province), %(company_products)d company products."
        )
        % {
            "store": summary.store,
            "seconds": summary.seconds,
            "products": summary.products,
            "edges": summary.edges,
            "companies": summary.companies,
            "placed": summary.placed_companies,
            "company_products": summary.company_products,
        }
    )
    return 0


def show_gaps(args: argparse.Namespace) -> int:
    setup_django()
    from django.db.models import Q

    from devzone.chains.models import Chain

    chain = Chain.objects.filter(Q(name=args.chain) | Q(name_en__iexact=args.chain)).first()
    if chain is None and not _graph_store(args).exists():
        names = "、".join(Chain.objects.order_by("name").values_list("name", flat=True))
        raise CommandError(
            _("no chain named %(name)s (chains: %(names)s), and no chain graph is loaded")
            % {"name": repr(args.chain), "names": names or "-"}
        )
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
        chain, _region_code(args.region), threshold=args.threshold, candidates=args.candidates
    )
    return analysis_as_dict(analysis)


def _region_code(text: str) -> str:
    from devzone.chains.analysis import region_code

    try:
        return region_code(text)
    except ValueError as error:
        raise CommandError(str(error)) from error


def _graph_store(args: argparse.Namespace) -> Path:
    from devzone.chains.graph import default_store

    return Path(args.store) if args.store else default_store()


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
    where = data.get("region_name") or data.get("region") or data.get("province_name")
    count = len(data["gaps"])
    heading = ngettext(
        "%(title)s · %(where)s: %(count)d gap", "%(title)s · %(where)s: %(count)d gaps", count
    )
    print(heading % {"title": title, "where": where, "count": count})
    for gap in data["gaps"]:
        name = gap.get("link") or gap.get("product")
        weight = gap.get("dependence", gap.get("dependents"))
        line = _("- %(name)s (depends on it: %(weight)s, local firms: %(local)s)")
        print(line % {"name": name, "weight": weight, "local": gap["local_count"]})
        for candidate in gap["candidates"]:
            label = candidate.get("short_name") or candidate.get("legal_name")
            reasons = "; ".join(reason["text"] for reason in candidate["reasons"])
            print(f"    {candidate['score']:>3}  {label}: {reasons}")


def import_file(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(_("no such file: %(path)s") % {"path": args.file})
    setup_django()
    from devzone.chains.interchange import read_chain

    try:
        chain = run_service(read_chain, path, actor=None)
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as error:
        # a missing key, or a list where an object should be: the file is not what it claims
        raise CommandError(
            _("%(file)s: not a chain file (%(error)s)") % {"file": path.name, "error": error}
        ) from error
    count = chain.links.count()
    message = ngettext(
        "Imported chain %(name)s: %(count)d link.",
        "Imported chain %(name)s: %(count)d links.",
        count,
    )
    print(message % {"name": chain.name, "count": count})
    return 0


def export_file(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.chains.interchange import write_chain
    from devzone.chains.models import Chain

    chain = Chain.objects.filter(name=args.name).first()
    if chain is None:
        raise CommandError(_("no chain named %(name)s") % {"name": args.name})
    write_chain(chain, Path(args.output))
    print(_("Wrote %(path)s.") % {"path": args.output})
    return 0

"""``devzone enterprises import|list`` and ``devzone match``: the registry from the shell.

``enterprises import FILE`` loads a registry file (CSV in UTF-8 or GBK, .xlsx) of any size in
one transaction, with a progress bar on stderr. ``match FILE`` links each name of a file to the
registry and prints, per name, the best match, the runner-up and the decision; the run is
stored so that its review band can be confirmed or rejected on the web (/enterprises/review/).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from devzone.cli.base import CommandError, positive, run_service, setup_django, user_named
from devzone.cli.i18n import gettext as _


def register(subparsers: Any) -> None:
    enterprises = subparsers.add_parser("enterprises", help=_("The enterprise registry."))
    enterprises.set_defaults(help_parser=enterprises)
    commands = enterprises.add_subparsers(title=_("enterprises commands"), metavar="COMMAND")

    load = commands.add_parser(
        "import",
        help=_("Create or update enterprises from a CSV (UTF-8 or GBK) or .xlsx file."),
        description=_(
            "Columns: name (企业名称) and optionally short_name (简称), credit_code "
            "(统一社会信用代码), region (所属地区: code or name), industry (行业代码), "
            "registered_capital (注册资本), address (地址), scope (经营范围). An enterprise "
            "already registered (same credit code, else same legal name) is updated; blank "
            "cells keep the stored value."
        ),
    )
    load.add_argument("file", metavar="FILE")
    load.add_argument("--dry-run", action="store_true", help=_("check and count, write nothing"))
    load.add_argument(
        "--skip-invalid", action="store_true", help=_("import the good rows, report the bad ones")
    )
    load.add_argument("--user", help=_("the user the changes are recorded under"))
    load.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    load.add_argument("--no-progress", action="store_true", help=_("no progress bar"))
    load.set_defaults(handler=import_file)

    listing = commands.add_parser("list", help=_("List registry enterprises."))
    listing.add_argument(
        "--search", default="", help=_("part of a name or alias, or a credit code")
    )
    listing.add_argument("--limit", type=positive, default=50, help=_("at most this many (50)"))
    listing.add_argument("--json", action="store_true", help=_("print JSON lines"))
    listing.set_defaults(handler=list_enterprises)

    match = subparsers.add_parser(
        "match",
        help=_("Link each name in a file to the enterprise registry."),
        description=_(
            "One name per line, or the column --column of a CSV or .xlsx file. Prints the best "
            "match, its score, the runner-up and a decision: matched, review or none."
        ),
    )
    match.add_argument("file", metavar="FILE")
    match.add_argument("--column", help=_("the header of the column holding the names"))
    match.add_argument("--json", action="store_true", help=_("print one JSON object per line"))
    match.add_argument("--match-threshold", type=float, help=_("score to decide 'matched' (75)"))
    match.add_argument("--review-threshold", type=float, help=_("score to propose a review (50)"))
    match.add_argument("--margin", type=float, help=_("lead over the runner-up for 'matched' (6)"))
    match.add_argument("--limit", type=positive, default=5, help=_("candidates kept per name (5)"))
    match.add_argument(
        "--distinct",
        action="store_true",
        help=_(
            "the names are different enterprises (a roster, a top-500 list): no two get the "
            "same one, and the list decides between candidates scored alike"
        ),
    )
    match.add_argument("--no-store", action="store_true", help=_("do not keep the run for review"))
    match.add_argument("--user", help=_("the user the run is recorded under"))
    match.set_defaults(handler=match_file)


# --- import ----------------------------------------------------------------------------------


def import_file(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.enterprises.matching import forget_matcher
    from devzone.enterprises.registry import ImportFailed, import_registry
    from devzone.enterprises.registry_file import RegistryFileError

    bar = _progress_bar(enabled=sys.stderr.isatty() and not args.no_progress and not args.json)
    try:
        summary = run_service(
            import_registry,
            args.file,
            actor=user_named(args.user),
            dry_run=args.dry_run,
            skip_invalid=args.skip_invalid,
            progress=bar,
        )
    except RegistryFileError as error:
        raise CommandError(str(error)) from error
    except ImportFailed as failure:
        summary = failure.summary
    finally:
        if bar:
            bar.close()
    forget_matcher()
    _print_summary(summary, as_json=args.json)
    return 0 if summary.committed or (args.dry_run and not summary.errors) else 1


class _ProgressBar:
    """A tqdm bar on stderr, opened on the first report (when the row count is known)."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int | None) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total, desc=_("rows"), unit=_("row"), file=sys.stderr, leave=False
            )
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress_bar(*, enabled: bool) -> _ProgressBar | None:
    return _ProgressBar() if enabled else None


def _print_summary(summary: Any, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
        return
    counts = {
        "rows": summary.rows,
        "seconds": summary.seconds,
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "invalid": summary.invalid,
    }
    if summary.committed:
        line = _(
            "%(rows)d row(s) read in %(seconds).1fs: %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(invalid)d invalid."
        )
    else:
        line = _(
            "%(rows)d row(s) read in %(seconds).1fs: %(created)d would be created, %(updated)d "
            "would be updated, %(unchanged)d unchanged, %(invalid)d invalid."
        )
    print(line % counts)
    if summary.ignored_columns:
        print(_("Columns ignored: %(columns)s") % {"columns": ", ".join(summary.ignored_columns)})
    for error in summary.errors:
        print(f"  {error}")
    if summary.errors and not summary.committed and not summary.dry_run:
        print(_("Nothing was imported. Fix the rows above, or use --skip-invalid."))


# --- list ------------------------------------------------------------------------------------


def list_enterprises(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.enterprises.querysets import registry_search

    enterprises = registry_search(args.search)[: max(args.limit, 0)]
    for enterprise in enterprises:
        row = {
            "id": enterprise.pk,
            "legal_name": enterprise.legal_name,
            "short_name": enterprise.short_name,
            "credit_code": enterprise.credit_code,
            "region": enterprise.region.code if enterprise.region else None,
            "industry": enterprise.industry.code if enterprise.industry else None,
        }
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{row['id']:>8}  {row['credit_code'] or '-':<18}  {row['legal_name']}")
    return 0


# --- match -----------------------------------------------------------------------------------


def match_file(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.enterprises.matching import build_matcher, match_names, result_json
    from devzone.enterprises.registry_file import RegistryFileError, read_names

    try:
        names = list(read_names(args.file, column=args.column))
    except RegistryFileError as error:
        raise CommandError(str(error)) from error
    matcher = build_matcher(thresholds=_thresholds(args))
    run, results = match_names(
        names,
        actor=user_named(args.user),
        source=Path(args.file).name,
        matcher=matcher,
        store=not args.no_store,
        limit=args.limit,
        distinct=args.distinct,
    )
    for result in results:
        if args.json:
            print(json.dumps(result_json(result), ensure_ascii=False))
        else:
            print(_table_line(result))
    if run is not None:
        counts = {
            "names": run.item_count,
            "matched": run.matched_count,
            "review": run.review_count,
            "none": run.none_count,
            "run": run.pk,
        }
        print(
            _(
                "%(names)d name(s): %(matched)d matched, %(review)d to review, %(none)d none "
                "(run %(run)s)."
            )
            % counts,
            file=sys.stderr,
        )
    return 0


def _thresholds(args: argparse.Namespace) -> Any:
    from devzone.matching import Thresholds

    given = {
        "match": args.match_threshold,
        "review": args.review_threshold,
        "margin": args.margin,
    }
    chosen = {name: value for name, value in given.items() if value is not None}
    if any(not 0 <= value < math.inf for value in chosen.values()):  # NaN fails this too
        raise CommandError(_("Scores and the margin are numbers, 0 or more."))
    thresholds = Thresholds(**chosen)
    if thresholds.review > thresholds.match:
        raise CommandError(
            _(
                "The review threshold (%(review)g) is above the match threshold (%(match)g): "
                "lower --review-threshold or raise --match-threshold."
            )
            % {"review": thresholds.review, "match": thresholds.match}
        )
    return thresholds if chosen else None


def _table_line(result: Any) -> str:
    best, runner_up = result.best, result.runner_up
    shown = _candidate_cell(best)
    second = _candidate_cell(runner_up)
    return f"{result.query}\t{result.decision}\t{shown}\t{second}"


def _candidate_cell(candidate: Any) -> str:
    """宁德时代新能源科技股份有限公司 (97), and the name of the list that took it, if one did."""
    if candidate is None:
        return "-"
    cell = f"{candidate.legal_name} ({candidate.score:.0f})"
    if candidate.taken_by:
        cell += " " + _("[taken by %(name)s]") % {"name": candidate.taken_by}
    return cell

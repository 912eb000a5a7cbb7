"""``devzone targets progress``, ``devzone race`` and ``devzone briefing``.

The operator at the command line sees everything (``actor=None``), like the other commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from devzone.cli.base import CommandError, setup_django


def register(subparsers: Any) -> None:
    targets = subparsers.add_parser("targets", help="Targets of action plans and their pace.")
    commands = targets.add_subparsers(title="targets commands", metavar="COMMAND")
    targets.set_defaults(help_parser=targets)
    progress = commands.add_parser("progress", help="Progress and pace of a plan's targets.")
    progress.add_argument("--plan", required=True, help="plan name or id")
    progress.add_argument("--as-of", required=True, help="day, e.g. 2023-09-30")
    progress.add_argument("--tolerance", default="2", help="points within which on pace (2)")
    progress.add_argument("--json", action="store_true", help="print JSON")
    progress.set_defaults(handler=show_progress)

    race = subparsers.add_parser("race", help="Rank the zones of a region on a scorecard.")
    race.add_argument("--scorecard", required=True, help="scorecard name or id")
    race.add_argument("--period", required=True, help="month, e.g. 2023-09")
    race.add_argument("--no-store", action="store_true", help="compute without storing")
    race.add_argument("--json", action="store_true", help="print JSON")
    race.set_defaults(handler=show_race)

    briefing = subparsers.add_parser("briefing", help="Write the weekly briefing of a region.")
    briefing.add_argument("--region", required=True, help="GB/T 2260 code, e.g. 441200")
    briefing.add_argument("--week", required=True, help="ISO week, e.g. 2023-W40")
    briefing.add_argument("--format", choices=["html", "pdf", "xlsx"], default="pdf")
    briefing.add_argument("-o", "--output", required=True, metavar="FILE")
    briefing.set_defaults(handler=write_briefing)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"not a day: {text!r} (write 2023-09-30)") from error


def _by_name_or_id(model: Any, value: str) -> Any:
    found = model.objects.filter(name=value).first()
    if found is None and value.isdigit():
        found = model.objects.filter(pk=int(value)).first()
    if found is None:
        raise CommandError(f"no {model._meta.model_name} named {value!r}")
    return found


def show_progress(args: argparse.Namespace) -> int:
    setup_django()
    from decimal import Decimal, InvalidOperation

    from devzone.targets.models import Plan
    from devzone.targets.progress import plan_progress

    plan = _by_name_or_id(Plan, args.plan)
    try:
        tolerance = Decimal(args.tolerance)
    except InvalidOperation as error:
        raise CommandError(f"not a number: {args.tolerance!r}") from error
    results = plan_progress(plan, _day(args.as_of), tolerance=tolerance)
    rows = [result.as_dict() for result in results]
    if args.json:
        document = {"plan": plan.name, "as_of": args.as_of, "targets": rows}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for row in rows:
        print(
            f"{row['name']}: {row['actual'] or '-'} / {row['target']} = "
            f"{row['progress_percent'] or '-'}% at {row['time_progress_percent']}% "
            f"of the period: {row['pace']} ({row['margin_points'] or '-'} points)"
        )
    return 0


def show_race(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.targets.models import Scorecard
    from devzone.targets.race import (
        entry_as_dict,
        parse_month,
        result_as_dict,
        run_race,
        score_race,
    )

    scorecard = _by_name_or_id(Scorecard, args.scorecard)
    try:
        month = parse_month(args.period)
    except ValueError as error:
        raise CommandError(f"not a month: {args.period!r} (write 2023-09)") from error
    if args.no_store:
        rows = [entry_as_dict(entry) for entry in score_race(scorecard, month)]
    else:
        rows = [result_as_dict(result) for result in run_race(scorecard, month, actor=None)]
    if args.json:
        document = {"scorecard": scorecard.name, "period": args.period, "ranking": rows}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for row in rows:
        movement = "-" if row["movement"] is None else f"{row['movement']:+d}"
        print(
            f"{row['rank']:>3} {row['zone']}  {row['score']}  gap {row['gap']}  "
            f"{movement}  {row['list'] or ''}"
        )
    return 0


def write_briefing(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.regions.models import Region
    from devzone.reports.briefing import WeekError, build_briefing
    from devzone.reports.render import render_briefing

    if not Region.objects.filter(code=args.region).exists():
        raise CommandError(f"no region with code {args.region}")
    try:
        briefing = build_briefing(args.region, args.week)
    except WeekError as error:
        raise CommandError(str(error)) from error
    Path(args.output).write_bytes(render_briefing(briefing, args.format))
    print(f"Wrote {args.output} ({args.format}).")
    return 0

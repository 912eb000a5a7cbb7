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
from devzone.cli.i18n import gettext as _


def register(subparsers: Any) -> None:
    targets = subparsers.add_parser("targets", help=_("Targets of action plans and their pace."))
    commands = targets.add_subparsers(title=_("targets commands"), metavar="COMMAND")
    targets.set_defaults(help_parser=targets)
    progress = commands.add_parser("progress", help=_("Progress and pace of a plan's targets."))
    progress.add_argument("--plan", required=True, help=_("plan name or id"))
    progress.add_argument("--as-of", required=True, help=_("day, e.g. 2023-09-30"))
    progress.add_argument("--tolerance", default="2", help=_("points within which on pace (2)"))
    progress.add_argument("--json", action="store_true", help=_("print JSON"))
    progress.set_defaults(handler=show_progress)

    race = subparsers.add_parser("race", help=_("Rank the zones of a region on a scorecard."))
    race.add_argument("--scorecard", required=True, help=_("scorecard name or id"))
    race.add_argument("--period", required=True, help=_("month, e.g. 2023-09"))
    race.add_argument("--no-store", action="store_true", help=_("compute without storing"))
    race.add_argument("--json", action="store_true", help=_("print JSON"))
    race.set_defaults(handler=show_race)

    briefing = subparsers.add_parser("briefing", help=_("Write the weekly briefing of a region."))
    briefing.add_argument("--region", required=True, help=_("GB/T 2260 code, e.g. 441200"))
    briefing.add_argument("--week", required=True, help=_("ISO week, e.g. 2023-W40"))
    briefing.add_argument(
        "--format",
        choices=["html", "pdf", "xlsx"],
        help=_("file format (default: from the file name, .pdf, .xlsx or .html; else pdf)"),
    )
    briefing.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=_("the file to write")
    )
    briefing.set_defaults(handler=write_briefing)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("not a day: %(text)s (write 2023-09-30)") % {"text": repr(text)}
        ) from error


def _by_name_or_id(model: Any, value: str) -> Any:
    found = model.objects.filter(name=value).first()
    if found is None and value.isdigit():
        found = model.objects.filter(pk=int(value)).first()
    if found is None:
        raise CommandError(
            _("no %(what)s named %(name)s")
            % {"what": model._meta.verbose_name, "name": repr(value)}
        )
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
        raise CommandError(_("not a number: %(text)s") % {"text": repr(args.tolerance)}) from error
    if not tolerance.is_finite() or not 0 <= tolerance <= 100:
        message = _("the tolerance is a number of percentage points from 0 to 100, not %(text)s")
        raise CommandError(message % {"text": repr(args.tolerance)})
    results = plan_progress(plan, _day(args.as_of), tolerance=tolerance)
    rows = [result.as_dict() for result in results]
    if args.json:
        document = {"plan": plan.name, "as_of": args.as_of, "targets": rows}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    from devzone.core.names import shown_name
    from devzone.reports.numbers import format_margin, format_value
    from devzone.targets.choices import Pace

    paces = dict(Pace.choices)
    for result in results:
        unit = result.target.indicator.unit_kind
        values = {
            "name": shown_name(result.target.indicator),
            "actual": format_value(result.actual, unit),
            "target": format_value(result.target.value, unit),
            "progress": "—" if result.progress is None else f"{result.progress_percent}%",
            "time": result.time_percent,
            "pace": paces[result.pace],
            "margin": format_margin(result.margin_points),
        }
        print(
            _(
                "%(name)s: %(actual)s / %(target)s = %(progress)s at %(time)s%% of the period: "
                "%(pace)s (%(margin)s)"
            )
            % values
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
        raise CommandError(
            _("not a month: %(text)s (write 2023-09)") % {"text": repr(args.period)}
        ) from error
    if args.no_store:
        rows = [entry_as_dict(entry) for entry in score_race(scorecard, month)]
    else:
        rows = [result_as_dict(result) for result in run_race(scorecard, month, actor=None)]
    if args.json:
        document = {"scorecard": scorecard.name, "period": args.period, "ranking": rows}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    from devzone.targets.choices import ListMark

    marks = dict(ListMark.choices)
    for row in rows:
        movement = "-" if row["movement"] is None else f"{row['movement']:+d}"
        gap = _("gap %(gap)s") % {"gap": row["gap"]}
        listed = str(marks.get(row["list"], ""))
        print(f"{row['rank']:>3} {row['zone']}  {row['score']}  {gap}  {movement}  {listed}")
    return 0


def write_briefing(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.regions.models import Region
    from devzone.reports.briefing import WeekError, build_briefing
    from devzone.reports.render import render_briefing

    if not Region.objects.filter(code=args.region).exists():
        raise CommandError(_("no region with code %(code)s") % {"code": args.region})
    try:
        briefing = build_briefing(args.region, args.week)
    except WeekError as error:
        raise CommandError(str(error)) from error
    chosen = args.format or _format_of(args.output)
    Path(args.output).write_bytes(render_briefing(briefing, chosen))
    print(_("Wrote %(path)s (%(format)s).") % {"path": args.output, "format": chosen})
    return 0


def _format_of(path: str) -> str:
    """The briefing format a file name asks for (.xlsx, .html/.htm), else pdf."""
    suffix = Path(path).suffix.lower()
    return {".xlsx": "xlsx", ".html": "html", ".htm": "html"}.get(suffix, "pdf")

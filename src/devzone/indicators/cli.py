"""``devzone indicators import`` and ``devzone indicators show``.

The operator at the command line writes as ``actor=None`` (like the other commands).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from devzone.cli.base import CommandError, setup_django
from devzone.cli.i18n import gettext as _


def register(commands: Any) -> None:
    indicators = commands.add_parser(
        "indicators", help=_("Indicator series: import statistics, show a series.")
    )
    indicators.set_defaults(help_parser=indicators)
    sub = indicators.add_subparsers(title=_("indicators commands"), metavar="COMMAND")
    load = sub.add_parser(
        "import",
        help=_("Import a spreadsheet of official statistics (all rows or none)."),
        description=_(
            "Import every series of a spreadsheet (指标名称/频率/单位 header rows, one "
            "row per period) for a region; the national figures by default."
        ),
    )
    load.add_argument("file", metavar="FILE")
    load.add_argument("--region", metavar="CODE", help=_("GB/T 2260 code (default: 100000, China)"))
    load.add_argument("--dry-run", action="store_true", help=_("check and count, write nothing"))
    load.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    load.set_defaults(handler=import_file)
    show = sub.add_parser("show", help=_("Print one series of a region or zone."))
    show.add_argument("--region", required=True, metavar="CODE", help=_("region code or zone slug"))
    show.add_argument(
        "--indicator", required=True, metavar="KEY", help=_("indicator key, e.g. gdp")
    )
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(handler=show_series)


def _region(code: str | None) -> Any:
    from devzone.regions.models import Region

    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise CommandError(_("no region with code %(code)s") % {"code": code})
    return region


def import_file(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.cli.base import run_service
    from devzone.core.units import UnitError
    from devzone.indicators.catalogue import ensure_catalogue
    from devzone.indicators.importer import SeriesImportError, import_series_file

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(_("no such file: %(path)s") % {"path": path})
    ensure_catalogue()
    try:
        summary = run_service(
            import_series_file, path, actor=None, region=_region(args.region),
            dry_run=args.dry_run,
        )  # fmt: skip
    except (SeriesImportError, UnitError) as error:
        raise CommandError(str(error)) from error
    data = summary.as_dict()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if args.dry_run:
        message = _(
            "Would import %(observations)d figures of %(columns)d columns into region "
            "%(region)s: %(created)d new, %(updated)d changed, %(unchanged)d unchanged; "
            "%(indicators_created)d new indicators."
        )
    else:
        message = _(
            "Imported %(observations)d figures of %(columns)d columns into region "
            "%(region)s: %(created)d new, %(updated)d changed, %(unchanged)d unchanged; "
            "%(indicators_created)d new indicators."
        )
    print(message % data)
    return 0


def _subject(code: str) -> Any:
    from devzone.regions.models import Region, Zone

    found = Region.objects.filter(code=code).first() or Zone.objects.filter(slug=code).first()
    if found is None:
        raise CommandError(_("no region or zone %(code)s") % {"code": repr(code)})
    return found


def observation_dict(observation: Any) -> dict[str, Any]:
    from devzone.core.units.quantity import plain_decimal

    def plain(value: Any) -> str | None:
        return None if value is None else plain_decimal(value)

    return {
        "period": observation.period_label,
        "start": observation.period_start.isoformat(),
        "end": observation.period_end.isoformat(),
        "granularity": observation.granularity,
        "cumulative": observation.cumulative,
        "value": plain(observation.value),
        "unit": observation.unit,
        "yoy": plain(observation.yoy),
        "qualifier": observation.qualifier,
        "rank": observation.rank,
        "source": observation.source,
    }


def show_series(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.indicators.analysis import series
    from devzone.indicators.models import Indicator

    subject = _subject(args.region)
    indicator = Indicator.objects.filter(key=args.indicator).first()
    if indicator is None:
        raise CommandError(_("no indicator %(key)s") % {"key": repr(args.indicator)})
    observations = list(series(subject, indicator))
    if args.json:
        rows = [observation_dict(o) for o in observations]
        document = {"subject": str(subject), "indicator": indicator.key, "observations": rows}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    from devzone.indicators.presenters import format_figure, format_growth

    for observation in observations:  # as the web page writes them: 689亿元, 同比 +3.7%
        ytd = " " + _("(year to date)") if observation.cumulative else ""
        figure = format_figure(observation.value, observation.unit, observation.qualifier)
        change = _("yoy %(change)s") % {"change": format_growth(observation.yoy)}
        rank = f"  {observation.rank}" if observation.rank else ""
        print(f"{observation.period_label}{ytd}  {figure}  {change}{rank}")
    return 0

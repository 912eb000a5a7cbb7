"""``devzone projects list``: the ledger as a user sees it, through the same visibility rules."""

from __future__ import annotations

import argparse
import json
from typing import Any

from devzone.cli.base import CommandError, setup_django, user_named
from devzone.cli.i18n import gettext as _


def list_projects(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.projects.models import Project

    projects = Project.objects.all()
    if args.user:
        projects = Project.objects.visible_to(user_named(args.user))
    if args.zone:
        from devzone.regions.models import Zone

        if not Zone.objects.filter(slug=args.zone).exists():
            raise CommandError(
                _("no zone with the short code %(slugs)s") % {"slugs": repr(args.zone)}
            )
        projects = projects.filter(zone__slug=args.zone)
    projects = projects.select_related("zone").with_stage().order_by("zone__slug", "name")
    rows = [_row(project) for project in projects]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _print_table(rows)
    return 0


def _row(project: Any) -> dict[str, Any]:
    return {
        "id": project.pk,
        "name": project.name,
        "zone": project.zone.slug,
        "planned_investment": format(project.planned_investment.normalize(), "f"),
        "currency": "CNY",
        "stage": project.stage,
        "is_generated": project.is_generated,
    }


def _print_table(rows: list[dict[str, Any]]) -> None:
    from decimal import Decimal

    from devzone.core.units import format_money
    from devzone.projects.choices import Stage
    from devzone.reports.numbers import language

    for row in rows:
        money = format_money(Decimal(row["planned_investment"]), language=language())
        stage = Stage(row["stage"]).label if row["stage"] in Stage.values else row["stage"]
        zone, stage = _padded(row["zone"], 18), _padded(str(stage), 10)
        print(f"{row['id']:>6}  {zone} {money:>22}  {stage}  {row['name']}")
    print(_("%(count)d project(s)") % {"count": len(rows)})


def _padded(text: str, width: int) -> str:
    """*text* padded to *width* terminal columns (a Chinese character takes two)."""
    from devzone.cli.wrapping import display_width

    return text + " " * max(width - display_width(text), 0)

"""``devzone leads list [--stale] [--json]``: the pipeline at the command line (all zones)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from devzone.cli.base import setup_django
from devzone.cli.i18n import gettext as _


def register(subparsers: Any) -> None:
    leads = subparsers.add_parser("leads", help=_("Investment promotion leads."))
    commands = leads.add_subparsers(title=_("leads commands"), metavar="COMMAND")
    leads.set_defaults(help_parser=leads)
    listing = commands.add_parser("list", help=_("List leads, the overdue ones with --stale."))
    listing.add_argument("--stale", action="store_true", help=_("only open leads past due"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=list_leads)


def lead_as_dict(lead: Any) -> dict[str, Any]:
    return {
        "id": lead.pk,
        "enterprise": lead.enterprise.legal_name,
        "zone": lead.zone.slug,
        "stage": lead.stage,
        "owner": lead.owner.get_username() if lead.owner else None,
        "links": [link.name for link in lead.links.all()],
        "next_action": lead.next_action,
        "next_action_date": lead.next_action_date.isoformat() if lead.next_action_date else None,
        "is_stale": lead.is_stale,
        "project_id": lead.project_id,
    }


def list_leads(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.leads.choices import LeadStage
    from devzone.leads.models import Lead

    leads = Lead.objects.stale() if args.stale else Lead.objects.all()
    leads = leads.select_related("enterprise", "zone", "owner").prefetch_related("links")
    rows = [lead_as_dict(lead) for lead in leads]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    stages = dict(LeadStage.choices)
    for row in rows:
        due = row["next_action_date"] or "—"
        flag = " " + _("(overdue)") if row["is_stale"] else ""
        following = _("next: %(action)s %(due)s") % {
            "action": row["next_action"] or "—",
            "due": due,
        }
        stage = stages.get(row["stage"], row["stage"])
        print(f"{row['id']:>5}  {stage:<11} {row['zone']:<16} {row['enterprise']}  "
              f"{following}{flag}")  # fmt: skip
    return 0

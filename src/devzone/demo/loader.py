"""Loading the whole demo, idempotently: what exists (by natural key) is left alone.

Reference data (regions, industries) must be loaded first; ``devzone demo`` does both. The load
is one transaction, so it is all there or not at all, and it is deterministic: the same seed
gives the same ledger on every machine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.db import transaction

from devzone.demo import jinhua, lishui, zhaoqing, zhaoqing_records
from devzone.demo.companies import ensure_companies
from devzone.demo.ledger import write_plans
from devzone.demo.places import ensure_departments, ensure_zones, regions_by_code
from devzone.demo.users import DemoUser, ensure_users

SEED = 20231011  # the day the Zhaoqing figures were published


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)
    users: list[DemoUser] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.created.values())


@transaction.atomic
def load_demo() -> DemoSummary:
    """Create whatever part of the demo is missing and say how much was created."""
    summary = DemoSummary()
    zones, summary.created["zones"] = ensure_zones(regions_by_code())
    departments, summary.created["departments"] = ensure_departments(zones)
    companies, summary.created["enterprises"] = ensure_companies()
    rng = random.Random(SEED)
    plans = jinhua.jdz_plans(rng) + zhaoqing.zhaoqing_plans(rng) + lishui.baiqiao_plans(rng)
    real = [
        jinhua.konka_project(zones, companies),
        jinhua.nwtn_project(zones, departments, companies),
        lishui.kolen_project(zones, companies),
    ]
    summary.created["projects"] = (
        write_plans(plans, zones)
        + sum(project is not None for project in real)
        + zhaoqing_records.anchor_projects(zones, companies)
    )
    summary.created["meetings"] = zhaoqing_records.big_battle_meetings(zones, departments)
    summary.users, summary.created["users"] = ensure_users()
    summary.created["leads"] = _load_domain_demos()
    return summary


def _load_domain_demos() -> int:
    """The other domains' demo data (chains, targets …), each idempotent on its own; returns
    how many leads were created (they court firms for the chains' gaps, so come after them)."""
    from devzone.chains.demo import load_demo_chains
    from devzone.indicators.demo import load_demo_indicators
    from devzone.leads.demo import load_demo_leads
    from devzone.targets.demo import load_demo_targets

    load_demo_chains()
    load_demo_targets()
    load_demo_indicators()
    return load_demo_leads()

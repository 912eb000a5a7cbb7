"""Writes to plans, targets and scorecards. Each takes the acting user as ``actor``.

``actor=None`` is the operator at the command line or the demo loader. A region-level record
may be changed by an administrator or by staff who are members of a region covering it; a zone
or department record also by staff of that zone (see :func:`devzone.accounts.scope.require_edit`).
Indicators are shared reference data: administrators only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import require_admin, require_edit, role_of, sees_everything
from devzone.core.history import save_with_history
from devzone.regions.models import Department, Region, Zone
from devzone.targets.models import (
    Action,
    Indicator,
    Plan,
    Scorecard,
    ScorecardItem,
    Target,
    TargetActual,
)


def require_region_edit(actor: Any, region: Region) -> None:
    if actor is None or sees_everything(actor):
        return
    if role_of(actor) in EDITING_ROLES:
        for member_region in actor.membership.regions.all():
            if region.code.startswith(member_region.code_prefix):
                return
    raise PermissionDenied(_("You may not change records of %(region)s.") % {"region": region})


def require_scope_edit(actor: Any, scope: Region | Zone | Department) -> None:
    if isinstance(scope, Region):
        require_region_edit(actor, scope)
    elif isinstance(scope, Zone):
        require_edit(actor, scope)
    elif scope.zone_id:
        require_edit(actor, scope.zone)
    else:
        require_region_edit(actor, scope.region)


def _plan_scope(plan: Plan) -> Region | Zone:
    return plan.zone or plan.region


@transaction.atomic
def create_plan(
    *, actor: Any, name: str, year: int, region: Region, zone: Zone | None = None, **fields: Any
) -> Plan:
    plan = Plan(name=name, year=year, region=region, zone=zone, **fields)
    require_scope_edit(actor, _plan_scope(plan))
    save_with_history(plan, actor=actor)
    return plan


@transaction.atomic
def add_action(plan: Plan, *, actor: Any, code: str, name: str, **fields: Any) -> Action:
    require_scope_edit(actor, _plan_scope(plan))
    action = Action(plan=plan, code=code, name=name, **fields)
    save_with_history(action, actor=actor)
    return action


@transaction.atomic
def define_indicator(
    *, actor: Any, code: str, name: str, unit_kind: str, actual_source: str, **fields: Any
) -> Indicator:
    """Create or update the indicator ``code``."""
    require_admin(actor)
    indicator = Indicator.objects.filter(code=code).first() or Indicator(code=code)
    indicator.name, indicator.unit_kind, indicator.actual_source = name, unit_kind, actual_source
    for field, value in fields.items():
        setattr(indicator, field, value)
    save_with_history(indicator, actor=actor)
    return indicator


def year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@transaction.atomic
def set_target(
    plan: Plan,
    indicator: Indicator,
    scope: Region | Zone | Department,
    value: Decimal,
    *,
    actor: Any,
    period: tuple[dt.date, dt.date] | None = None,
    **fields: Any,
) -> Target:
    """Create or update the target of ``indicator`` for ``scope`` in ``plan`` and period.

    The period defaults to the plan's calendar year.
    """
    require_scope_edit(actor, scope)
    start, end = period or year_period(plan.year)
    key = {type(scope).__name__.lower(): scope}
    target = Target.objects.filter(
        plan=plan, indicator=indicator, period_start=start, period_end=end, **key
    ).first() or Target(plan=plan, indicator=indicator, period_start=start, period_end=end, **key)
    target.value = value
    for field, field_value in fields.items():
        setattr(target, field, field_value)
    save_with_history(target, actor=actor)
    return target


@transaction.atomic
def record_actual(
    target: Target, as_of: dt.date, value: Decimal, *, actor: Any, source: str = ""
) -> TargetActual:
    """Enter the actual of a series or manual target as of a day (again: corrects it)."""
    require_scope_edit(actor, target.scope)
    entry = TargetActual.objects.filter(target=target, as_of=as_of).first()
    entry = entry or TargetActual(target=target, as_of=as_of)
    entry.value, entry.source = value, source
    save_with_history(entry, actor=actor)
    return entry


@transaction.atomic
def create_scorecard(
    *,
    actor: Any,
    name: str,
    region: Region,
    items: list[tuple[Indicator, Decimal, bool]],
    **fields: Any,
) -> Scorecard:
    """A scorecard with ``items`` of (indicator, weight, higher_is_better)."""
    require_region_edit(actor, region)
    scorecard = Scorecard(name=name, region=region, **fields)
    save_with_history(scorecard, actor=actor)
    for order, (indicator, weight, higher_is_better) in enumerate(items):
        item = ScorecardItem(
            scorecard=scorecard,
            indicator=indicator,
            weight=weight,
            higher_is_better=higher_is_better,
            order=order,
        )
        save_with_history(item, actor=actor)
    return scorecard

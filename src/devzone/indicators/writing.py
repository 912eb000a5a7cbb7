"""Writing an imported file's observations in bulk, with the history the services leave.

A national spreadsheet holds tens of thousands of figures; saving them one by one through
``save_with_history`` takes minutes. Here they go in with ``bulk_create`` / ``bulk_update``
and one change record per created or changed observation (via
:class:`devzone.dataio.bulk.BulkWriter`), all inside one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from devzone.core.history import snapshot
from devzone.core.models import ChangeAction
from devzone.dataio.bulk import BulkWriter
from devzone.indicators.models import Indicator, Observation
from devzone.indicators.services import create_indicator, national_region, require_series_edit

if TYPE_CHECKING:
    from devzone.indicators.importer import ImportSummary, IndicatorSpec, Planned

_FIELDS = ["value", "unit", "yoy", "granularity", "source"]
_COMPARED = ["value", "unit", "yoy", "granularity"]  # a new file name alone is no change


def _indicators(
    specs: dict[str, IndicatorSpec], *, actor: Any, dry_run: bool
) -> tuple[dict, list[str]]:
    found = {i.key: i for i in Indicator.objects.filter(key__in=list(specs))}
    created = []
    for key, spec in specs.items():
        if key in found:
            continue
        created.append(key)
        if not dry_run:
            found[key] = create_indicator(
                key=key,
                name=spec.name,
                unit_kind=spec.unit_kind,
                default_unit=spec.default_unit,
                source_name=spec.source_name,
                actor=actor,
            )
    return found, created


def _observation(planned: Planned, indicator: Indicator, region: Any, source: str) -> Observation:
    return Observation(
        indicator=indicator,
        region=region,
        period_start=planned.period.start,
        period_end=planned.period.end,
        cumulative=planned.period.cumulative,
        granularity=planned.period.granularity,
        value=planned.value,
        unit=planned.unit,
        yoy=planned.yoy,
        source=source,
    )


def _changed(existing: Observation, fresh: Observation) -> bool:
    return any(getattr(existing, name) != getattr(fresh, name) for name in _COMPARED)


@transaction.atomic
def write_planned(
    planned: list[Planned],
    specs: dict[str, IndicatorSpec],
    summary: ImportSummary,
    *,
    actor: Any,
    region: Any,
    source: str,
) -> None:
    region = region or national_region(actor=actor)
    require_series_edit(actor, region)
    if region.code not in summary.region.split(", "):
        summary.region = ", ".join(filter(None, [summary.region, region.code]))
    indicators, created = _indicators(specs, actor=actor, dry_run=summary.dry_run)
    new = [key for key in created if key not in summary.new_indicators]  # once per file
    summary.new_indicators += new
    summary.indicators_created += len(new)
    existing = {
        (o.indicator.key, o.period_start, o.period_end, o.cumulative): o
        for o in Observation.objects.filter(
            region=region, indicator__key__in=list(specs)
        ).select_related("indicator")
    }
    to_create: list[Observation] = []
    to_update: list[tuple[Observation, dict]] = []
    for item in planned:
        key = (item.indicator_key, item.period.start, item.period.end, item.period.cumulative)
        indicator = indicators.get(item.indicator_key) or Indicator(key=item.indicator_key)
        fresh = _observation(item, indicator, region, f"{source}: {', '.join(item.cells)}")
        old = existing.get(key)
        if old is None:
            to_create.append(fresh)
        elif _changed(old, fresh):
            before = snapshot(old)
            for name in _FIELDS:
                setattr(old, name, getattr(fresh, name))
            to_update.append((old, before))
    summary.created += len(to_create)  # a file with cities' columns is written city by city
    summary.updated += len(to_update)
    summary.unchanged += len(planned) - len(to_create) - len(to_update)
    if summary.dry_run:
        return
    writer = BulkWriter(actor=actor)
    for observation in Observation.objects.bulk_create(to_create, batch_size=2000):
        writer.record(Observation, ChangeAction.CREATE, observation.pk, str(observation.pk),
                      None, snapshot(observation))  # fmt: skip
    Observation.objects.bulk_update([o for o, _b in to_update], _FIELDS, batch_size=2000)
    for observation, before in to_update:
        writer.record(Observation, ChangeAction.UPDATE, observation.pk, str(observation.pk),
                      before, snapshot(observation))  # fmt: skip
    writer.flush_history()

"""Writes to regions, zones and departments (reference data: administrators only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from devzone.accounts.scope import require_admin
from devzone.core.history import save_with_history
from devzone.regions.models import Department, Region, Zone


@transaction.atomic
def create_zone(
    *, actor: Any, region: Region, slug: str, name: str, kind: str, **fields: Any
) -> Zone:
    require_admin(actor)
    zone = Zone(region=region, slug=slug, name=name, kind=kind, **fields)
    save_with_history(zone, actor=actor)
    return zone


@transaction.atomic
def create_department(
    *, actor: Any, region: Region, name: str, zone: Zone | None = None, **fields: Any
) -> Department:
    require_admin(actor)
    department = Department(region=region, zone=zone, name=name, **fields)
    save_with_history(department, actor=actor)
    return department


@transaction.atomic
def update_record(record: Region | Zone | Department, *, actor: Any, **changes: Any) -> Any:
    require_admin(actor)
    for name, value in changes.items():
        setattr(record, name, value)
    save_with_history(record, actor=actor)
    return record

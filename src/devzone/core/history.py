"""The change history: every write through a service leaves a ChangeRecord.

Services call :func:`save_with_history` / :func:`delete_with_history` instead of ``save()``.
Snapshots are plain JSON (decimals and dates as strings) so they read the same on SQLite and
PostgreSQL and survive schema changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction
from django.db.models.deletion import Collector

from devzone.core.middleware import current_request_id
from devzone.core.models import ChangeAction, ChangeRecord


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


# Secrets never go into the history, not even hashed: a change shows only that they changed.
SECRET_FIELDS = frozenset({"password", "key_hash"})
SECRET_SHOWN = "••••••"


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of a record, ready for JSON (secrets masked)."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = _jsonable(getattr(instance, field.attname))
        if field.attname in SECRET_FIELDS and value:
            value = f"{SECRET_SHOWN}{_fingerprint(value)}"  # tells a change, not the secret
        data[field.attname] = value
    for field in instance._meta.many_to_many:
        if instance.pk is not None:
            data[field.name] = sorted(obj.pk for obj in getattr(instance, field.name).all())
    data.pop("created_at", None)
    data.pop("updated_at", None)
    return data


def _fingerprint(secret: str) -> str:
    """Four hex digits of a keyed digest: a new password shows as changed, nothing more."""
    import hashlib

    from django.conf import settings

    digest = hashlib.blake2b(secret.encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=2)
    return digest.hexdigest()


def record_change(
    instance: models.Model,
    action: str,
    *,
    actor: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> ChangeRecord:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=action,
        actor=user,
        actor_name=(user.get_username() if user else str(actor or "system"))[:150],
        request_id=current_request_id() or "",
        before=before,
        after=after,
    )


def record_bulk(
    model: type[models.Model],
    *,
    actor: Any,
    created: Iterable[models.Model] = (),
    updated: Iterable[tuple[models.Model, dict[str, Any]]] = (),
) -> int:
    """Record rows a bulk load wrote: ``created`` instances (with their ids), and ``updated``
    (instance, snapshot before) pairs whose snapshot changed. Returns the records written."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    common = {
        "content_type": ContentType.objects.get_for_model(model),
        "actor": user,
        "actor_name": (user.get_username() if user else str(actor or "system"))[:150],
        "request_id": current_request_id() or "",
    }
    records = [
        ChangeRecord(
            object_id=str(instance.pk),
            object_repr=str(instance)[:300],
            action=ChangeAction.CREATE,
            before=None,
            after=snapshot(instance),
            **common,
        )
        for instance in created
    ]
    for instance, before in updated:
        after = snapshot(instance)
        if after != before:
            records.append(
                ChangeRecord(
                    object_id=str(instance.pk),
                    object_repr=str(instance)[:300],
                    action=ChangeAction.UPDATE,
                    before=before,
                    after=after,
                    **common,
                )
            )
    ChangeRecord.objects.bulk_create(records, batch_size=1000)
    return len(records)


def record_reload(
    model: type[models.Model],
    *,
    actor: Any,
    before: dict[Any, dict[str, Any]],
    after: dict[Any, models.Model],
) -> int:
    """Record a reference reload: ``before`` holds the snapshots of the rows that were there,
    ``after`` the rows now, both by natural key (a code). New keys are creations; the others
    are updates where their snapshot changed."""
    return record_bulk(
        model,
        actor=actor,
        created=[row for key, row in after.items() if key not in before],
        updated=[(after[key], snapshot_before) for key, snapshot_before in before.items()],
    )


@transaction.atomic
def save_with_history(instance: models.Model, *, actor: Any, m2m: dict | None = None) -> None:
    """Validate and save ``instance`` and record the change (create or update).

    ``m2m`` maps many-to-many field names to the new related objects, set after the save.
    Nothing is recorded when an update changes nothing.
    """
    creating = instance._state.adding or instance.pk is None
    before = None
    if not creating:
        before = snapshot(type(instance)._base_manager.get(pk=instance.pk))
    instance.full_clean()
    instance.save()
    for name, objects in (m2m or {}).items():
        getattr(instance, name).set(objects)
    after = snapshot(instance)
    if creating:
        record_change(instance, ChangeAction.CREATE, actor=actor, before=None, after=after)
    elif before != after:
        record_change(instance, ChangeAction.UPDATE, actor=actor, before=before, after=after)


@transaction.atomic
def delete_with_history(instance: models.Model, *, actor: Any) -> None:
    """Delete ``instance`` and record it, and everything the delete takes with it: the records
    deleted by cascade (a project's milestones, reports, problems…) and the links it clears
    (a lead's project set to null) each get their own change record."""
    collector = Collector(using=router.db_for_write(type(instance)))
    collector.collect([instance])
    for (field, value), batches in collector.field_updates.items():
        for objects in batches:
            for obj in objects:
                before = snapshot(obj)
                setattr(obj, field.attname, value)
                after = snapshot(obj)
                record_change(obj, ChangeAction.UPDATE, actor=actor, before=before, after=after)
    taken = [obj for objects in collector.data.values() for obj in objects]
    taken += [obj for queryset in collector.fast_deletes for obj in queryset]
    for obj in taken:
        if obj is instance or obj._meta.auto_created:  # many-to-many rows: in the snapshots
            continue
        record_change(obj, ChangeAction.DELETE, actor=actor, before=snapshot(obj), after=None)
    record_change(instance, ChangeAction.DELETE, actor=actor, before=snapshot(instance), after=None)
    instance.delete()


def history_version(*model_types: type[models.Model]) -> int:
    """The newest change record's id, optionally among records of ``model_types``.

    Every write through the services (and every bulk import) adds a change record, so this
    number changes whenever the data does: caches use it as their version, and it comes from the
    database, so every server process sees the same one.
    """
    records = ChangeRecord.objects.all()
    if model_types:
        types = ContentType.objects.get_for_models(*model_types).values()
        records = records.filter(content_type__in=list(types))
    return records.aggregate(newest=models.Max("pk"))["newest"] or 0


def history_of(instance: models.Model):  # type: ignore[no-untyped-def]
    return ChangeRecord.objects.for_object(instance).select_related("actor")

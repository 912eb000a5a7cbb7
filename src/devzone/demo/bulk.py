"""Creating many demo records at once while keeping the change history complete.

The generated ledger is hundreds of projects with thousands of milestones and monthly reports.
Saving them one by one through the services costs several queries each; this path validates
every record the same way (``full_clean``: field checks and the model's ``clean``), inserts them
in batches and writes one ``ChangeRecord`` per record, exactly as ``save_with_history`` would
for a create by the operator (``actor=None``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import prefetch_related_objects

from devzone.core.history import snapshot
from devzone.core.models import ChangeAction, ChangeRecord

BATCH_SIZE = 500
SYSTEM_ACTOR = "system"  # what save_with_history records for actor=None


@transaction.atomic
def bulk_create_with_history(objects: Sequence[models.Model]) -> None:
    """Validate, insert and record the creation of ``objects`` (all of one model)."""
    if not objects:
        return
    model = type(objects[0])
    # Foreign keys point at records this load has just fetched or created, so the per-row
    # existence query of ForeignKey.validate is skipped; unique constraints are left to the
    # database, which enforces them in the insert.
    foreign_keys = [f.name for f in model._meta.concrete_fields if f.is_relation]
    for instance in objects:
        instance.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)
    model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    m2m = [field.name for field in model._meta.many_to_many]
    if m2m:
        prefetch_related_objects(list(objects), *m2m)
    content_type = ContentType.objects.get_for_model(model)
    records = [
        ChangeRecord(
            content_type=content_type,
            object_id=str(instance.pk),
            object_repr=str(instance)[:300],
            action=ChangeAction.CREATE,
            actor=None,
            actor_name=SYSTEM_ACTOR,
            before=None,
            after=snapshot(instance),
        )
        for instance in objects
    ]
    ChangeRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)

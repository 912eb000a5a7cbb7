"""The change history of a project as a person reads it: who, when, which fields, before → after.

A project's history includes its milestones, reports, problems and investors. Their change
records are found by the ``project_id`` kept in the snapshots, so deleted children still show.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from devzone.core.models import ChangeRecord
from devzone.projects.choices import MilestoneKind
from devzone.projects.models import InvestmentReport, Milestone, Problem, Project, ProjectInvestor
from devzone.web.models import ProjectDocument

CHILD_MODELS = (Milestone, InvestmentReport, Problem, ProjectInvestor, ProjectDocument)
HISTORY_LIMIT = 50


@dataclass
class FieldChange:
    label: str
    before: Any
    after: Any
    is_money: bool = False
    related: type[models.Model] | None = None  # the model whose ids before/after hold
    currency_before: str = "CNY"  # of a money field: foreign capital has its own currency
    currency_after: str = "CNY"


@dataclass
class HistoryRow:
    record: ChangeRecord
    label: str
    changes: list[FieldChange]
    actor: str = ""
    subject: str = ""  # what the record is about, in the reader's language where it can be


SYSTEM = "system"  # the name written for the command line and data loads (no user)


def project_history(project: Project, limit: int = HISTORY_LIMIT) -> list[HistoryRow]:
    """The latest changes of a project and of the records that belong to it, ready to read."""
    child_types = ContentType.objects.get_for_models(*CHILD_MODELS).values()
    own = Q(content_type=ContentType.objects.get_for_model(Project), object_id=str(project.pk))
    children = Q(content_type__in=[ct.pk for ct in child_types]) & (
        Q(after__project_id=project.pk) | Q(before__project_id=project.pk)
    )
    records = ChangeRecord.objects.filter(own | children).select_related("content_type", "actor")
    rows = [
        HistoryRow(
            record=record,
            label=record_label(record),
            changes=field_changes(record),
            actor=_("system") if record.actor_id is None and record.actor_name == SYSTEM else "",
            subject=record_subject(record),
        )
        for record in records[:limit]
    ]
    _name_related_records([change for row in rows for change in row.changes])
    return rows


def field_changes(record: ChangeRecord) -> list[FieldChange]:
    """The fields a record changed, with readable labels and choice values shown by label."""
    model = record.content_type.model_class()
    changes = []
    for name, before, after in record.changed_fields():
        if record.before is None and after in (None, "", []):
            continue  # a new record: list only the fields that were filled in
        field = _field(model, name)
        if field is None or name in ("id", "project_id"):
            continue  # the project is the page itself
        changes.append(
            FieldChange(
                label=str(field.verbose_name),
                before=_readable(field, before),
                after=_readable(field, after),
                is_money=_is_money(field),
                related=field.related_model if field.is_relation else None,
                currency_before=_currency(name, record.before),
                currency_after=_currency(name, record.after),
            )
        )
    return changes


def _currency(name: str, values: dict[str, Any] | None) -> str:
    """The currency of money field *name* in a snapshot: yuan, except foreign capital."""
    if name != "foreign_capital" or not values:
        return "CNY"
    return values.get("foreign_currency") or "CNY"


def record_label(record: ChangeRecord) -> str:
    model = record.content_type.model_class()
    return str(model._meta.verbose_name) if model else record.content_type.model


def record_subject(record: ChangeRecord) -> str:
    """The record's own name; a milestone's is its step, in the reader's language (the label
    stored with the record is in the language of whoever wrote it)."""
    model = record.content_type.model_class()
    if model is Milestone:
        kind = (record.after or record.before or {}).get("kind")
        if kind in MilestoneKind.values:
            return str(MilestoneKind(kind).label)
    return record.object_repr


def _name_related_records(changes: list[FieldChange]) -> None:
    """Replace the ids of related records by their names: one query per related model."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for change in changes:
        if change.related is not None:
            wanted[change.related].update(_ids(change.before) + _ids(change.after))
    names = {
        model: {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=ids)}
        for model, ids in wanted.items()
    }
    for change in changes:
        if change.related is not None:
            known = names[change.related]
            change.before = _named(change.before, known)
            change.after = _named(change.after, known)


def _ids(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _named(value: Any, names: dict[Any, str]) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return "、".join(names.get(pk, f"#{pk}") for pk in value) or None
    return names.get(value, f"#{value}")


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _readable(field: models.Field, value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def _is_money(field: models.Field) -> bool:
    # Money fields are the 20-digit, 2-place decimals of projects.models.project.MONEY.
    return isinstance(field, models.DecimalField) and field.max_digits == 20

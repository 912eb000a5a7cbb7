from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")


class SnapshotField(models.JSONField):
    """A JSON snapshot of a record, without SQLite's per-row ``JSON_VALID`` check.

    Snapshots are written by devzone's history code alone (``json.dumps`` and the database's
    own ``json_object``), never typed by a user; on SQLite the check parsed every snapshot
    again on insert, a third of the time of writing the history of a large import.
    PostgreSQL's ``jsonb`` still parses what it stores.
    """

    def db_check(self, connection):  # type: ignore[no-untyped-def]
        return None


class ChangeRecordQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> "ChangeRecordQuerySet":
        content_type = ContentType.objects.get_for_model(type(obj))
        return self.filter(content_type=content_type, object_id=str(obj.pk))

    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise TypeError("change records cannot be edited")

    def delete(self):  # type: ignore[no-untyped-def]
        raise TypeError("change records cannot be deleted")


class ChangeRecord(models.Model):
    """One write to one record: who, when, what it was before and after.

    Rows are append-only: the model refuses updates and deletes, and no page, endpoint or
    command offers to edit them. Database-level deletion only happens with the whole database.
    """

    # Searched through the two indexes below, which both lead with the type.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, db_index=False, verbose_name=_("record type")
    )
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    actor_name = models.CharField(_("changed by (name)"), max_length=150, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)
    before = SnapshotField(_("before"), null=True, blank=True)
    after = SnapshotField(_("after"), null=True, blank=True)

    objects = ChangeRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        ordering = ["-at", "-id"]
        indexes = [
            # a record's history (for_object), and the newest record of some types
            # (history_version: the last entry of each type's run, not a scan of it)
            models.Index(fields=["content_type", "object_id"], name="core_change_object_idx"),
            models.Index(fields=["content_type", "id"], name="core_change_type_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise TypeError("change records cannot be edited")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise TypeError("change records cannot be deleted")

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value differs."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

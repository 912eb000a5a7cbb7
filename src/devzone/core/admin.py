from django.contrib import admin

from devzone.core.models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    """Read-only: the history can be searched, never edited."""

    list_display = ["at", "action", "content_type", "object_repr", "actor_name", "request_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_name", "request_id"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

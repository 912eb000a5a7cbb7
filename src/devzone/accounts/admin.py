from django.contrib import admin

from devzone.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "department"]
    list_filter = ["role"]
    filter_horizontal = ["zones", "regions"]
    search_fields = ["user__username"]

from django.contrib import admin

from .models import CensusSnapshot, CensusSnapshotRow


class SnapshotRowInline(admin.TabularInline):
    model = CensusSnapshotRow
    extra = 0
    can_delete = False
    fields = readonly_fields = ("upn", "legal_surname", "legal_forename", "sen_provision", "basis")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CensusSnapshot)
class CensusSnapshotAdmin(admin.ModelAdmin):
    """Read-only: a frozen census shows the return exactly as sent."""

    list_display = ["school", "census_date", "frozen_at", "frozen_by"]
    list_filter = ["school"]
    readonly_fields = ["school", "census_date", "frozen_at", "frozen_by"]
    inlines = [SnapshotRowInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

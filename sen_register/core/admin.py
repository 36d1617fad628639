from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import AccessLogEntry, Authority, ErasureRecord, Membership, School, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["school"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Name", {"fields": ["first_name", "last_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "urn", "laestab", "authority"]
    list_filter = ["authority"]
    search_fields = ["name", "urn", "laestab"]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    """Moving an authority to another framework recodes all its schools' pupils
    (census.framework_changes)."""

    list_display = ["name", "kind", "framework"]
    list_filter = ["kind", "framework"]
    search_fields = ["name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit records: to be read, never written or removed by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "user_email", "what", "download", "school", "pupil_ref"]
    list_filter = ["download", "school"]
    list_select_related = ["school"]
    search_fields = ["user_email", "what", "pupil_ref"]
    date_hierarchy = "at"


@admin.register(ErasureRecord)
class ErasureRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "school", "pupils_erased", "reason", "run_by"]

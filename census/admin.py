from django import forms
from django.contrib import admin

from sen_register.core.models import Framework

from .frameworks import RULE_SETS
from .models import CensusSnapshot, CensusSnapshotRow


class FrameworkForm(forms.ModelForm):
    # Only a rule set the code has (census.frameworks): a typed name could name none.
    rules = forms.ChoiceField(
        label="Rule set", choices=[(name, module.NAME) for name, module in RULE_SETS.items()]
    )

    class Meta:
        model = Framework
        fields = ["name", "slug", "rules", "top_level"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    """A framework's grid is loaded with `load_framework` (docs/frameworks.md); here its name
    and rule set. Another rule set recodes every school under it."""

    form = FrameworkForm
    list_display = ["name", "slug", "rules", "top_level"]


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

"""The IT administrator's view of pupils and their records. SEN records are appended and
withdrawn in the application; here they can be read and corrected by an administrator."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BroadArea,
    ClassGroup,
    EHCPlan,
    LevelDescriptor,
    LevelTwoCriterion,
    NeedAssessment,
    ParentLink,
    Pupil,
    SencoDecision,
    SENNeed,
    Strand,
    StrandDescriptor,
)


class ParentLinkInline(admin.TabularInline):
    model = ParentLink
    extra = 0
    autocomplete_fields = ["parent"]


@admin.register(Pupil)
class PupilAdmin(admin.ModelAdmin):
    list_display = ["upn", "legal_surname", "legal_forename", "nc_year", "class_group", "school"]
    list_filter = ["school", "nc_year"]
    search_fields = ["upn", "legal_surname", "legal_forename"]
    list_select_related = ["school", "class_group"]
    autocomplete_fields = ["class_group"]
    inlines = [ParentLinkInline]

    def has_delete_permission(self, request, obj=None):
        # A pupil leaves the roll (a dated change, history kept); their records are erased
        # only at the end of the retention period, by `erase_past_retention`, which records
        # that it ran. Never a delete button that takes the history and access log with it.
        return False


@admin.register(ClassGroup)
class ClassGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "school"]
    list_filter = ["school"]
    search_fields = ["name"]
    filter_horizontal = ["teachers"]


@admin.register(NeedAssessment)
class NeedAssessmentAdmin(admin.ModelAdmin):
    list_display = ["pupil", "strand", "level", "assessed_on", "assessed_by"]
    list_filter = ["strand", "level"]
    search_fields = ["pupil__upn", "pupil__legal_surname"]
    raw_id_fields = ["pupil"]
    list_select_related = ["pupil", "strand", "assessed_by"]


@admin.register(LevelTwoCriterion, SencoDecision, SENNeed, EHCPlan)
class PupilRecordAdmin(admin.ModelAdmin):
    raw_id_fields = ["pupil"]
    search_fields = ["pupil__upn", "pupil__legal_surname"]


admin.site.register([BroadArea, Strand, LevelDescriptor])


@admin.register(StrandDescriptor)
class StrandDescriptorAdmin(SimpleHistoryAdmin):
    """An administrator rewords what a level means on a strand; each wording is kept and shown
    under "History". The 45 places (nine strands, five levels) come with the grid: reworded,
    never added or taken away here."""

    list_display = ["strand", "level", "text"]
    list_filter = ["strand", "level"]
    list_select_related = ["strand"]
    fields = ["strand", "level", "text"]
    readonly_fields = ["strand", "level"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

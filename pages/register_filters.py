"""The register's filters, on the pupils' kept standings for the day. Fields marked DERIVED
are worked out from the records (census code, levels, status) and applied by pages.register;
the rest are conditions on each standing's pupil, on the joined row (never a subquery of
pupils), so that the database can walk the pupils in the order asked and stop at a page."""

import django_filters
from django import forms
from django.utils import timezone

from census.derivation import STATUS_LABELS
from pupils.models import (
    BroadArea,
    CensusCode,
    ClassGroup,
    NCYear,
    NeedType,
    SENNeed,
    search_condition,
)
from pupils.recent import changed_since
from sen_register.core.conditions import through
from support_plans.models import SupportPlan

from .overview import PLAN_REVIEW_WARNING
from .register import ON_REGISTER, SORTS, RegisterFilters

DERIVED = ["code", "level", "area", "status", "level_two_unclear", "departs"]


def _keep(queryset, name, value):
    return queryset  # applied to the standing, not to the pupils' queryset


class RegisterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name or UPN", method="filter_search")
    nc_year = django_filters.ChoiceFilter(
        label="Year", field_name="pupil__nc_year", choices=NCYear.choices, empty_label="Any year"
    )
    class_group = django_filters.ModelChoiceFilter(
        label="Class",
        field_name="pupil__class_group",
        queryset=ClassGroup.objects.none(),
        empty_label="Any class",
    )
    need_type = django_filters.ChoiceFilter(
        label="Need type",
        choices=NeedType.choices,
        method="filter_need_type",
        empty_label="Any need type",
    )
    code = django_filters.ChoiceFilter(
        label="Census code", choices=CensusCode.choices, method=_keep, empty_label="Any code"
    )
    level = django_filters.ChoiceFilter(
        label="Highest grid level",
        choices=[("0", "Not assessed")] + [(str(n), f"Level {n}") for n in range(1, 6)],
        method=_keep,
        empty_label="Any level",
    )
    area = django_filters.ChoiceFilter(
        label="Broad area (level 2 or above)", choices=[], method=_keep, empty_label="Any area"
    )
    status = django_filters.ChoiceFilter(
        label="Register status",
        choices=[(ON_REGISTER, "On the SEN register (any of these)"), *STATUS_LABELS.items()],
        method=_keep,
        empty_label="Any status",
    )
    level_two_unclear = django_filters.BooleanFilter(
        label="Level 2 with no criteria", method=_keep, widget=forms.CheckboxInput
    )
    departs = django_filters.BooleanFilter(
        label="SENCO decision departs from the grid", method=_keep, widget=forms.CheckboxInput
    )
    plan_review_due = django_filters.BooleanFilter(
        label="Support plan review overdue or due within 14 days",
        method="filter_plan_review_due",
        widget=forms.CheckboxInput,
    )
    include_left = django_filters.BooleanFilter(
        label="Include pupils who have left", method=_keep, widget=forms.CheckboxInput
    )
    # Set by the link after an import ("see what changed"), kept while sorting and paging.
    changed_since = django_filters.IsoDateTimeFilter(
        label="Changed since", method="filter_changed_since", widget=forms.HiddenInput
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method=_keep,
        empty_label=None,
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()
        self.filters["class_group"].queryset = ClassGroup.objects.filter(school=school)
        self.filters["area"].extra["choices"] = [
            (area.slug, area.name) for area in BroadArea.objects.of(school)
        ]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_left"):
            queryset = queryset.on_roll()  # on the standing's day, today
        return queryset

    def filter_search(self, queryset, name, value):
        return queryset.filter(through(search_condition(value), "pupil"))

    def filter_changed_since(self, queryset, name, value):
        return queryset.filter(through(changed_since(value), "pupil"))

    def filter_plan_review_due(self, queryset, name, value):
        if not value:
            return queryset
        due = SupportPlan.objects.due_for_review(on=self.today + PLAN_REVIEW_WARNING)
        return queryset.filter(pupil_id__in=due.values("pupil_id"))

    def filter_need_type(self, queryset, name, value):
        holding = SENNeed.objects.in_force_on(self.today).filter(need_type=value)
        return queryset.filter(pupil_id__in=holding.values("pupil_id"))

    def derived(self):
        """The derived filters, for pages.register.Register."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        values = {name: data.get(name) or "" for name in DERIVED}
        return RegisterFilters(
            level_two_unclear=bool(values.pop("level_two_unclear")),
            departs=bool(values.pop("departs")),
            **values,
        )

    def sort_key(self):
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return data.get("sort") or "name"

"""Pupil passports: one page a pupil, from the plan in force, for every adult who works with
them (what I am good at, what I find hard, what helps me, how to talk to me). Printed for one
pupil, or for a whole teaching group as one PDF, a page each."""

from django.db.models import Q
from django.utils import timezone

from pupils.models import Pupil

from .models import SupportPlan
from .pdf import render_pdf


def in_group(group, on):
    """The pupils on roll on `on` in `group`: its form's pupils and the pupils it lists."""
    return (
        Pupil.objects.at(group.school)
        .on_roll(on=on)
        .filter(Q(class_group=group) | Q(teaching_groups=group))
        .distinct()
    )


def active_plans_of(pupils):
    """The plan in force of each of `pupils` that has one, by surname. One query."""
    return list(
        SupportPlan.objects.active()
        .filter(pupil__in=pupils)
        .select_related("pupil__class_group")
        .order_by("pupil__legal_surname", "pupil__legal_forename", "pupil__pk")
    )


def passports_pdf(plans, *, title, school):
    """One PDF with a page for each plan's passport."""
    return render_pdf(
        "support_plans/pdf/passports.html",
        {"plans": plans, "title": title, "school": school, "printed_on": timezone.localdate()},
    )

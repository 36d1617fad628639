"""Register checks that need plans, reviews and parent contact (docs/census-rules.md). They
join the census validation through its open list, each one query for the whole school."""

from collections import Counter
from datetime import timedelta

from django.db.models import Max, Q

from census.validation import RULE_TITLES, WARNING, about, census_check, records_of
from sen_register.core.dates import in_words
from support_plans.models import ContactKind, ParentContact, SupportPlan

FOUR_MONTHS = timedelta(days=122)  # reviewed three times a year
A_YEAR = timedelta(days=365)


RULE_TITLES.update(
    {
        "SSG-PLAN": "SEN support with no support plan in force",
        "SSG-REVIEW": "A support plan's review is overdue (reviews three times a year)",
        "COP-6.48": "Code of Practice 6.48: parents not formally told of SEN support",
        "COP-6.65": "Code of Practice 6.65: fewer than three meetings with parents a year",
    }
)


def _about(row, rule, message):
    return about(row, rule, WARNING, message)


def _on_sen_support(context):
    return {row.pupil_id: row for row in context.rows if row.code == "K"}


@census_check
def plans_and_reviews(context):
    """Sheffield: every pupil at K needs a plan, reviewed three times a year."""
    at_k = _on_sen_support(context)
    if not at_k:
        return
    plans = {
        plan.pupil_id: plan
        for plan in SupportPlan.objects.in_force_on(context.on)
        .filter(records_of(context.school, at_k))
        .annotate(last_review=Max("reviews__held_on", filter=Q(reviews__held_on__lte=context.on)))
    }
    for pupil_id, row in at_k.items():
        if row.k_without_plan:  # the census rules' flag
            yield _about(row, "SSG-PLAN", "at SEN support with no support plan in force")
            continue
        plan = plans.get(pupil_id)
        if plan is None:
            continue
        last = max(plan.last_review or plan.starts_on, plan.starts_on)
        if last < context.on - FOUR_MONTHS:
            yield _about(
                row,
                "SSG-REVIEW",
                f"plan not reviewed since {in_words(last)} (reviews three times a year)",
            )
        elif plan.next_review_on and plan.next_review_on < context.on:
            yield _about(
                row,
                "SSG-REVIEW",
                f"the plan's review date {in_words(plan.next_review_on)} has passed",
            )


def parent_contact_gaps(school, pupil_ids, on):
    """Of the pupils `pupil_ids` at `school` (at SEN support on `on`): (those whose parents
    were never formally notified, each one's parent meetings in the 12 months to `on`). One
    query of plain rows. The rule once, for the census check and the SENCO's home."""
    asked = set(pupil_ids)
    contacts = ParentContact.objects.filter(records_of(school, asked), held_on__lte=on).values_list(
        "pupil_id", "kind", "held_on"
    )
    notified: set[int] = set()
    meetings: Counter[int] = Counter()
    for pupil_id, kind, held_on in contacts:
        if pupil_id not in asked:
            continue
        if kind == ContactKind.FORMAL_NOTIFICATION:
            notified.add(pupil_id)
        elif kind == ContactKind.MEETING and held_on > on - A_YEAR:
            meetings[pupil_id] += 1
    return {pk for pk in pupil_ids if pk not in notified}, meetings


def too_few_meetings(meetings, pupil_id):
    return meetings[pupil_id] < 3


@census_check
def parent_contact(context):
    """Code of Practice 6.48 (parents formally notified) and 6.65 (three meetings a year)."""
    at_k = _on_sen_support(context)
    if not at_k:
        return
    not_notified, meetings = parent_contact_gaps(context.school, at_k, context.on)
    for pupil_id, row in at_k.items():
        if pupil_id in not_notified:
            yield _about(row, "COP-6.48", "parents not formally notified of SEN provision")
        if too_few_meetings(meetings, pupil_id):
            yield _about(
                row,
                "COP-6.65",
                f"{meetings[pupil_id]} parent meeting{'s' if meetings[pupil_id] != 1 else ''} "
                "in the last 12 months; at least three a year",
            )

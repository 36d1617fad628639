"""What is due for a pupil on SEN support, shown on their record to the SENCO: the register's
own checks (census.validation and census.plan_checks) run for one pupil, each finding turned
into a step with a link to the form that settles it. A step goes when its check stops firing,
so the record and the census page never disagree about what is outstanding."""

from dataclasses import dataclass

from django.urls import reverse

from census.plan_checks import parent_contact, plans_and_reviews
from census.validation import CensusContext, dfe_need_rules, stale_levels, validate
from pupils.dating import in_force
from support_plans.models import ContactKind, PlanState


@dataclass(frozen=True)
class Step:
    what: str
    why: str
    url: str


# rule -> (what to do, why, the form's URL name, what the form is opened with)
STEPS = {
    "COP-6.48": (
        "Tell the parents",
        "The school must tell parents when it starts making special educational provision "
        "for their child (Code of Practice 6.48). Record the letter or meeting here.",
        "parent_contact_add",
        f"?kind={ContactKind.FORMAL_NOTIFICATION}",
    ),
    "2170": (
        "Set the need type",
        "The School Census needs the main type of need of every pupil at SEN support.",
        "needs_edit",
        "",
    ),
    "SSG-STALE": (
        "Reassess the grid",
        "A level that gives SEN support was last assessed over 12 months ago: look at the "
        "pupil's needs again (Code of Practice 6.46).",
        "assessment_add",
        "",
    ),
    "SSG-PLAN": (
        "Start a support plan",
        "Every pupil at SEN support needs a plan (assess, plan, do, review), reviewed three "
        "times a year.",
        "plan_new",
        "",
    ),
}

FINISH_DRAFT = (
    "Finish the draft plan and make it active",
    "The draft counts once it is active: outcomes, provision and strategies agreed.",
)


def due_for(pupil, standing, current, needs, plans, on):
    """The steps due for `pupil` on `on`, given their kept standing on that day (a
    StandingPeriod), their current assessment of each strand, all their need-type records and
    their support plans. No query unless at SEN support; then two."""
    if standing is None or standing.code not in ("K", "E"):
        return []
    standing.pupil = pupil
    held = sorted(
        (n for n in needs if in_force(n.recorded_on, n.ended_on, on)),
        key=lambda n: (n.rank, n.recorded_on, n.pk),
    )
    context = CensusContext(
        pupil.school, on, [standing], {pupil.pk: held}, {pupil.pk: list(current)}
    )
    checks = [dfe_need_rules, stale_levels, plans_and_reviews, parent_contact]
    due = {f.rule for f in validate(context, checks)}
    draft = next((plan for plan in plans if plan.state == PlanState.DRAFT), None)
    steps = []
    for rule, (what, why, url_name, query) in STEPS.items():
        if rule not in due:
            continue
        if rule == "SSG-PLAN" and draft:  # a plan is started: finishing it is what is due
            steps.append(Step(FINISH_DRAFT[0], FINISH_DRAFT[1], reverse("plan", args=[draft.pk])))
        else:
            steps.append(Step(what, why, reverse(url_name, args=[pupil.pk]) + query))
    return steps

"""What the SENCO's home shows: what needs doing, and the school's picture as charts. Counted
in the database from the kept standings, so a fixed number of queries whatever the school's
size, and kept under the school's revision, so a look while nothing has changed counts
nothing."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Count, Q

from census.models import StandingPeriod
from census.plan_checks import parent_contact_gaps, too_few_meetings
from census.returns import ehc_plans_in_force
from census.revisions import figures_kept
from pupils.ehc_clock import review_due
from pupils.models import BroadArea, NCYear
from sen_register.core.charts import stacked_bars
from support_plans.models import SupportPlan

REVIEW_WARNING = timedelta(days=30)  # list EHC annual reviews falling due within this
PLAN_REVIEW_WARNING = timedelta(days=14)  # list support plan reviews falling due within this
LISTED = 10  # the soonest of a list shown on the home page; the rest are a link away
CODE_SERIES = [
    ("E: EHC plan", "fill-code-E"),
    ("K: SEN support", "fill-code-K"),
    ("N: no SEN provision", "fill-code-N"),
]
LEVEL_SERIES = [(f"Level {n}", f"fill-level-{n}") for n in range(1, 6)]


def ehc_reviews_due(standings, today, until):
    """(due date, pupil) of each EHC plan in force today whose annual review falls due by
    `until`, soonest first. One query."""
    in_force = ehc_plans_in_force(standings.filter(code="E").values("pupil_id"), today)
    due = [(review_due(plan, today), plan.pupil) for plan in in_force.values()]
    return sorted((item for item in due if item[0] <= until), key=lambda item: item[0])


def school_picture(school, today):
    """The SENCO's and head's picture of the school today. Counted over every pupil on roll,
    so kept until the school's records change (census.revisions)."""
    return figures_kept(school, today, "school picture", lambda: _picture(school, today))


def _picture(school, today):
    standings = StandingPeriod.objects.on(today).at(school).on_roll()
    areas = list(BroadArea.objects.of(school))
    by_area_level = {
        f"{area.slug}_{n}": Count("pk", filter=Q(**{f"area_levels__{area.slug}": n}))
        for area in areas
        for n in range(1, 6)
    }
    counts = standings.aggregate(
        pupils=Count("pk"),
        **{code: Count("pk", filter=Q(code=code)) for code in ("E", "K", "N")},
        level_two_unclear=Count("pk", filter=Q(level_two_unclear=True)),
        k_without_need=Count("pk", filter=Q(code="K", sen_type_1="", sen_type_2="")),
        departures=Count("pk", filter=Q(departs_from_grid=True)),
        k_without_plan=Count("pk", filter=Q(k_without_plan=True)),
        **by_area_level,
    )
    at_k = list(standings.filter(code="K").values_list("pupil_id", flat=True))
    not_notified, meetings = parent_contact_gaps(school, at_k, today)
    plan_reviews = (
        SupportPlan.objects.due_for_review(on=today + PLAN_REVIEW_WARNING)
        .filter(pupil__school=school)
        .select_related("pupil")
        .order_by("next_review_on", "pk")
    )
    reviews_due = ehc_reviews_due(standings, today, today + REVIEW_WARNING)
    return {
        "on_roll": counts["pupils"],
        "codes": [(code, counts[code]) for code in ("E", "K", "N")],
        "todo": {
            "level_two_unclear": counts["level_two_unclear"],
            "k_without_need": counts["k_without_need"],
            "departures": counts["departures"],
            # The soonest few of each list, with how many there are in all.
            "reviews_due": reviews_due[:LISTED],
            "reviews_due_count": len(reviews_due),
            "plan_reviews": list(plan_reviews[:LISTED]),
            "plan_reviews_count": plan_reviews.count(),
            "k_without_plan": counts["k_without_plan"],
            "parents_not_notified": len(not_notified),
            "few_parent_meetings": sum(too_few_meetings(meetings, pk) for pk in at_k),
        },
        "area_chart": stacked_bars(
            [(area.name, [counts[f"{area.slug}_{n}"] for n in range(1, 6)]) for area in areas],
            LEVEL_SERIES,
        ),
        "year_chart": _year_chart(standings),
    }


def _year_chart(standings):
    """Census codes by year group, in the order of the years."""
    by_year = defaultdict(Counter)
    for year, code, n in (
        standings.values_list("pupil__nc_year", "code").annotate(n=Count("pk")).order_by()
    ):
        by_year[year][code] = n
    year_labels = dict(NCYear.choices)
    return stacked_bars(
        [
            (year_labels[year], [by_year[year][code] for code in ("E", "K", "N")])
            for year in sorted(by_year, key=lambda y: list(year_labels).index(y))
        ],
        CODE_SERIES,
    )

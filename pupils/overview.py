"""What the SENCO's home shows: what needs doing, and the school's picture as charts. One
pass over the register entries, so a fixed number of queries whatever the school's size."""

from collections import Counter
from datetime import timedelta

from census.validation import CensusContext, validate
from sen_register.charts import stacked_bars
from support_plans.checks import parent_contact, plans_and_reviews
from support_plans.models import SupportPlan

from .entries import pupil_entries
from .models import BroadArea, NCYear, Pupil

REVIEW_WARNING = timedelta(days=30)  # list EHC annual reviews falling due within this
PLAN_REVIEW_WARNING = timedelta(days=14)  # list support plan reviews falling due within this
CODE_SERIES = [
    ("E: EHC plan", "fill-code-E"),
    ("K: SEN support", "fill-code-K"),
    ("N: no SEN provision", "fill-code-N"),
]
PLAN_CHECKS = [plans_and_reviews, parent_contact]
LEVEL_SERIES = [(f"Level {n}", f"fill-level-{n}") for n in range(1, 6)]


def annual_review_due(plan):
    """Code of Practice 6.56: at least every 12 months from the last review (or the issue)."""
    return (plan.last_annual_review_on or plan.issued_on) + timedelta(days=365)


def school_picture(school, today):
    entries = pupil_entries(
        Pupil.objects.at(school).on_roll(on=today).select_related("class_group"), today
    )
    derived = [e for e in entries if e.derivation]
    reviews = sorted(
        (
            (annual_review_due(e.derivation.plan), e)
            for e in derived
            if e.derivation.plan and annual_review_due(e.derivation.plan) <= today + REVIEW_WARNING
        ),
        key=lambda item: item[0],
    )
    codes = Counter(e.code for e in derived)
    register_checks = Counter(
        f.rule for f in validate(CensusContext(school, today, derived), PLAN_CHECKS)
    )
    plan_reviews = list(
        SupportPlan.objects.due_for_review(on=today + PLAN_REVIEW_WARNING)
        .filter(pupil__school=school)
        .select_related("pupil")
        .order_by("next_review_on")
    )
    by_year = {}
    for e in derived:
        by_year.setdefault(e.pupil.nc_year, Counter())[e.code] += 1
    year_labels = dict(NCYear.choices)
    areas = list(BroadArea.objects.all())
    return {
        "on_roll": len(derived),
        "codes": [(code, codes[code]) for code in ("E", "K", "N")],
        "todo": {
            "level_two_unclear": sum(1 for e in derived if e.derivation.level_two_unclear),
            "k_without_need": sum(1 for e in derived if e.code == "K" and not e.needs),
            "departures": sum(1 for e in derived if e.derivation.departs_from_grid),
            "reviews_due": reviews,
            "plan_reviews": plan_reviews,
            "k_without_plan": register_checks["SSG-PLAN"],
            "parents_not_notified": register_checks["COP-6.48"],
            "few_parent_meetings": register_checks["COP-6.65"],
        },
        "area_chart": stacked_bars(
            [
                (
                    area.name,
                    [
                        sum(1 for e in derived if e.area_levels.get(area.slug) == n)
                        for n in range(1, 6)
                    ],
                )
                for area in areas
            ],
            LEVEL_SERIES,
        ),
        "year_chart": stacked_bars(
            [
                (year_labels[year], [by_year[year][code] for code in ("E", "K", "N")])
                for year in sorted(by_year, key=lambda y: list(year_labels).index(y))
            ],
            CODE_SERIES,
        ),
    }

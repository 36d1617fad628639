"""The DfE's census rules that depend on what kind of school it is and what the local
authority funds (docs/census-rules.md): special schools (2180, 2210), SEN units and resourced
provision (2230, 2250), top-up funding (1990), and the term-on-term check of EHC plan numbers
against the last frozen census. They join the validation's open list."""

from django.db.models import Count, Q

from pupils.models import TopUpFunding
from sen_register.core.dates import in_words
from sen_register.core.models import SchoolType

from .models import CensusSnapshot
from .validation import ERROR, QUERY, RULE_TITLES, Finding, about, census_check, records_of

SPECIAL_SCHOOL_E_SHARE = 0.70  # 2210: below this share with an EHC plan, the DfE asks
TERM_ON_TERM_CHANGE = 0.25  # EHC plan numbers moving by more than a quarter, the DfE asks

RULE_TITLES.update(
    {
        "1990": "DfE query: top-up funding recorded for a pupil without an EHC plan",
        "2180": "DfE error: a pupil in a special school has SEN provision N",
        "2210": "DfE query: fewer than 70% of a special school's pupils have an EHC plan",
        "2230": "DfE error: SEN unit indicator missing for a pupil at K or E",
        "2250": "DfE error: resourced provision indicator missing for a pupil at K or E",
        "TERM-EHC": "DfE query: EHC plans differ by more than a quarter from the last census",
    }
)


@census_check
def special_school_rules(context):
    school = context.school
    if school is None or school.school_type != SchoolType.SPECIAL:
        return
    for row in context.rows:
        if row.code == "N":
            yield about(row, "2180", ERROR, "a pupil in a special school with SEN provision N")
    total = len(context.rows)
    with_plan = sum(1 for row in context.rows if row.code == "E")
    if total and with_plan / total < SPECIAL_SCHOOL_E_SHARE:
        yield Finding(
            "2210",
            QUERY,
            f"{with_plan} of {total} pupils ({with_plan / total:.1%}) have an EHC plan: "
            "fewer than 70% in a special school",
        )


@census_check
def unit_indicators(context):
    """Where the school has an SEN unit or resourced provision, the census says of each pupil
    at K or E whether they are in it; "not recorded" is an error."""
    school = context.school
    if school is None:
        return
    asked = [
        ("2230", "in_sen_unit", "SEN unit", school.has_sen_unit),
        ("2250", "in_resourced_provision", "resourced provision", school.has_resourced_provision),
    ]
    for rule, field, name, has_one in asked:
        if not has_one:
            continue
        for row in context.rows:
            if row.code in ("K", "E") and getattr(row.pupil, field) is None:
                yield about(
                    row,
                    rule,
                    ERROR,
                    f"SEN provision is {row.code} and the school has {name}: record whether "
                    f"the pupil is in it",
                )


@census_check
def top_up_without_a_plan(context):
    """Top-up funding in force on the day for a pupil not coded E. One query."""
    not_e = {row.pupil_id: row for row in context.rows if row.code != "E"}
    if not not_e:
        return
    funded = TopUpFunding.objects.in_force_on(context.on).filter(records_of(context.school, not_e))
    for pupil_id, starts_on in funded.order_by("pupil_id", "starts_on").values_list(
        "pupil_id", "starts_on"
    ):
        row = not_e.get(pupil_id)
        if row is None:
            continue
        yield about(
            row,
            "1990",
            QUERY,
            f"top-up funding from {in_words(starts_on)} but SEN provision is {row.code}, "
            "not E: confirm it, or record the EHC plan",
        )


def last_frozen_before(school, on):
    """The school's latest census frozen before `on`, with its number of pupils at E. One
    query."""
    return (
        CensusSnapshot.objects.filter(school=school, census_date__lt=on)
        .annotate(with_plan=Count("rows", filter=Q(rows__sen_provision="E")))
        .order_by("-census_date")
        .first()
    )


@census_check
def ehc_plans_term_on_term(context):
    if context.school is None:
        return
    earlier = last_frozen_before(context.school, context.on)
    if earlier is None or not earlier.with_plan:
        return
    now = sum(1 for row in context.rows if row.code == "E")
    change = (now - earlier.with_plan) / earlier.with_plan
    if abs(change) > TERM_ON_TERM_CHANGE:
        yield Finding(
            "TERM-EHC",
            QUERY,
            f"{now} pupils have an EHC plan, {earlier.with_plan} did at the census of "
            f"{in_words(earlier.census_date)} ({change:+.0%}): confirm the change",
        )

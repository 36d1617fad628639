"""Provision is costed by its dates: its weekly cost times the teaching weeks it runs inside
the period asked (this school year by default, or to date), the same on the plan's page, the
provision map and the evidence pack."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from support_plans.costs import Period, cost_in, staff_hours_in, weeks_in
from support_plans.teaching_weeks import easter_sunday, teaching_mondays, teaching_weeks_between
from tests.factories import NeedAssessmentFactory, ProvisionFactory, SupportPlanFactory

# A day in the school year 2026-27: its teaching weeks start on Monday 7 September 2026.
TODAY = datetime.date(2026, 11, 24)
YEAR = Period.school_year(TODAY)


def test_a_school_year_has_thirty_nine_teaching_weeks_from_early_september():
    for autumn in range(2020, 2035):
        weeks = teaching_mondays(autumn)
        assert len(weeks) == 39
        assert weeks[0].month == 9 and weeks[0].day <= 7
        assert weeks[-1] < datetime.date(autumn + 1, 7, 31)


def test_the_half_terms_christmas_and_easter_are_not_teaching_weeks():
    weeks = teaching_mondays(2026)
    for holiday in (
        datetime.date(2026, 10, 26),  # October half term
        datetime.date(2026, 12, 21),  # Christmas
        datetime.date(2026, 12, 28),
        datetime.date(2027, 2, 15),  # February half term
        datetime.date(2027, 3, 22),  # the week before Easter Sunday, 28 March 2027
        datetime.date(2027, 3, 29),  # the week after
        datetime.date(2027, 5, 31),  # May half term
    ):
        assert holiday not in weeks
    assert easter_sunday(2027) == datetime.date(2027, 3, 28)


def test_a_six_week_provision_costs_six_weeks_not_a_year(ava):
    # The example: 3 × 30 minutes a week at £20 an hour, for six weeks in term.
    six_weeks = ProvisionFactory(
        plan=SupportPlanFactory(pupil=ava),
        sessions_per_week=3,
        minutes_per_session=30,
        hourly_rate=20,
        starts_on=datetime.date(2026, 11, 2),
        ends_on=datetime.date(2026, 12, 11),
    )
    assert weeks_in(six_weeks, YEAR) == 6
    assert cost_in(six_weeks, YEAR) == Decimal("180.00")
    assert staff_hours_in(six_weeks, YEAR) == Decimal(9)


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "weeks"),
    [
        pytest.param(datetime.date(2025, 9, 15), None, 39, id="started before, still running"),
        pytest.param(datetime.date(2025, 9, 15), datetime.date(2026, 7, 17), 0, id="ended before"),
        pytest.param(datetime.date(2027, 9, 6), None, 0, id="starts after"),
        pytest.param(datetime.date(2026, 9, 1), datetime.date(2026, 10, 23), 7, id="ends inside"),
        pytest.param(datetime.date(2027, 6, 7), None, 7, id="starts inside"),
        pytest.param(
            datetime.date(2025, 1, 6), datetime.date(2026, 9, 18), 2, id="ends in its second week"
        ),
    ],
)
def test_a_provision_counts_only_its_teaching_weeks_inside_the_period(
    ava, starts_on, ends_on, weeks
):
    provision = ProvisionFactory(
        plan=SupportPlanFactory(pupil=ava), starts_on=starts_on, ends_on=ends_on
    )
    assert weeks_in(provision, YEAR) == weeks


def test_to_date_counts_the_weeks_so_far(ava):
    provision = ProvisionFactory(
        plan=SupportPlanFactory(pupil=ava), starts_on=datetime.date(2025, 1, 6)
    )
    # 7 September to 24 November 2026: 12 weeks less the October half term.
    assert weeks_in(provision, Period.to_date(TODAY)) == 11
    assert teaching_weeks_between(datetime.date(2026, 9, 7), TODAY) == 11


def test_a_fixed_cost_a_year_is_spread_over_the_teaching_weeks(ava):
    laptop = ProvisionFactory(
        plan=SupportPlanFactory(pupil=ava),
        hourly_rate=None,
        fixed_cost=Decimal("390"),
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 10, 23),
    )
    assert cost_in(laptop, YEAR) == Decimal("70.00")  # £10 a week for 7 weeks


def test_the_plan_page_the_provision_map_and_the_evidence_pack_agree_to_the_penny(
    client_for, senco, school, ava, settings
):
    today = datetime.date.today()
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=today)
    plan = SupportPlanFactory(pupil=ava)
    ProvisionFactory(plan=plan, what="Reading", hourly_rate=Decimal("18.37"), group_size=3)
    ProvisionFactory(
        plan=plan,
        what="Ended",
        starts_on=Period.school_year(today).start,
        ends_on=Period.school_year(today).start + datetime.timedelta(days=20),
        hourly_rate=Decimal("21.11"),
    )
    ProvisionFactory(plan=plan, what="Laptop", hourly_rate=None, fixed_cost=Decimal("333.33"))
    client = client_for(senco)
    on_plan = client.get(reverse("plan", args=[plan.pk])).context["cost"]
    on_map = client.get(reverse("provision_map", args=[school.urn])).context["pupil_costs"]
    assert on_map == [(ava, on_plan, on_plan > 6000)]
    pack = client.get(reverse("evidence_pack", args=[ava.pk]))
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pack.content)).pages).split()
    )
    assert f"Provision on the current plan: £{on_plan:,.2f} for this school year" in text


def test_an_ended_provision_is_off_the_current_map(client_for, senco, school, ava):
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=datetime.date.today())
    plan = SupportPlanFactory(pupil=ava)
    today = datetime.date.today()
    ProvisionFactory(plan=plan, what="Phonics catch-up", ends_on=today - datetime.timedelta(1))
    ProvisionFactory(plan=plan, what="Ends today", ends_on=today)
    ProvisionFactory(plan=plan, what="Lego therapy")
    page = client_for(senco).get(reverse("provision_map", args=[school.urn]))
    assert sorted(i.what for i in page.context["interventions"]) == ["Ends today", "Lego therapy"]

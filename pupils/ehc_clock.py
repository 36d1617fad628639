"""The statutory clock of an EHC plan, in one place: every page, check and reminder reads its
due dates from here.

- A request for an EHC needs assessment: the local authority decides whether to assess within
  6 weeks of the request, and issues the final plan within 20 weeks (SEND Code 9.14, 9.40).
- An annual review (Code 9.166-9.185): invitations go out at least 2 weeks before the meeting,
  and so do the papers (the advice gathered); the school's report reaches the local authority
  within 2 weeks of the meeting. A plan is reviewed at least every 12 months.
- In a year of transfer between phases the review must be done earlier (Code 9.179): by 15
  February of the calendar year of the move into reception or secondary school, and by 31
  March for the move from secondary school to post-16.
"""

from datetime import date, timedelta

SIX_WEEKS = timedelta(weeks=6)
TWENTY_WEEKS = timedelta(weeks=20)
TWO_WEEKS = timedelta(weeks=2)

# The year group a pupil leaves a phase from, and the last day of the review before the move
# (month, day) in the calendar year of the move.
TRANSFER_DEADLINES = {"N2": (2, 15), "6": (2, 15), "11": (3, 31)}


def decision_due(requested_on):
    return requested_on + SIX_WEEKS


def final_plan_due(requested_on):
    return requested_on + TWENTY_WEEKS


def invitations_due(meeting_on):
    return meeting_on - TWO_WEEKS


def papers_due(meeting_on):
    return meeting_on - TWO_WEEKS


def report_due(meeting_on):
    return meeting_on + TWO_WEEKS


def a_year_after(day):
    """The same date a year on (a review on 29 February is due again on 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def academic_year_start(day):
    """1 September of the school year `day` falls in."""
    return date(day.year if day.month >= 9 else day.year - 1, 9, 1)


def review_due(plan, today):
    """`next_review_due` for an EHCPlan (with its pupil loaded)."""
    return next_review_due(
        issued_on=plan.issued_on,
        last_review_on=plan.last_annual_review_on,
        nc_year=plan.pupil.nc_year,
        today=today,
    )


def next_review_due(*, issued_on, last_review_on, nc_year, today):
    """When the plan's next annual review is due: 12 months after the last one (or the issue),
    and, for a pupil in the last year of a phase not yet reviewed this school year, no later
    than the transfer deadline."""
    last = last_review_on or issued_on
    due = a_year_after(last)
    deadline = TRANSFER_DEADLINES.get(nc_year)
    this_year_began = academic_year_start(today)
    if deadline and last < this_year_began:
        month, day = deadline
        due = min(due, date(this_year_began.year + 1, month, day))
    return due

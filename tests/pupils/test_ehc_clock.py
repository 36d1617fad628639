"""The EHC plan's statutory clock: 6 and 20 weeks from a request, 2 weeks either side of an
annual review meeting, 12 months between reviews, and earlier in a year of transfer."""

from datetime import date

from pupils import ehc_clock


def test_the_decision_to_assess_is_due_six_weeks_after_the_request():
    assert ehc_clock.decision_due(date(2026, 1, 5)) == date(2026, 2, 16)


def test_the_final_plan_is_due_twenty_weeks_after_the_request():
    assert ehc_clock.final_plan_due(date(2026, 1, 5)) == date(2026, 5, 25)


def test_invitations_and_papers_go_two_weeks_before_the_meeting_and_the_report_two_after():
    meeting = date(2026, 3, 18)
    assert ehc_clock.invitations_due(meeting) == date(2026, 3, 4)
    assert ehc_clock.papers_due(meeting) == date(2026, 3, 4)
    assert ehc_clock.report_due(meeting) == date(2026, 4, 1)


def due(last, nc_year, today, issued=date(2020, 5, 1)):
    return ehc_clock.next_review_due(
        issued_on=issued, last_review_on=last, nc_year=nc_year, today=today
    )


def test_the_next_review_is_due_twelve_months_after_the_last():
    assert due(date(2025, 11, 20), "8", today=date(2026, 1, 10)) == date(2026, 11, 20)


def test_with_no_review_yet_the_clock_runs_from_the_issue():
    assert due(None, "8", today=date(2025, 1, 10), issued=date(2024, 6, 3)) == date(2025, 6, 3)


def test_a_review_on_the_twenty_ninth_of_february_is_due_on_the_twenty_eighth():
    assert due(date(2024, 2, 29), "8", today=date(2024, 3, 1)) == date(2025, 2, 28)


def test_in_year_six_the_review_is_due_by_fifteenth_february_before_secondary_transfer():
    # Last reviewed in June of Year 5: 12 months on would be June of Year 6, after the deadline.
    assert due(date(2026, 6, 10), "6", today=date(2026, 10, 1)) == date(2027, 2, 15)


def test_in_year_eleven_the_review_is_due_by_thirty_first_march_before_post_16():
    assert due(date(2026, 5, 4), "11", today=date(2026, 9, 7)) == date(2027, 3, 31)


def test_a_transfer_review_already_held_this_school_year_is_not_pulled_forward_again():
    assert due(date(2026, 12, 1), "6", today=date(2027, 1, 4)) == date(2027, 12, 1)


def test_twelve_months_still_wins_when_it_comes_before_the_transfer_deadline():
    assert due(date(2025, 11, 3), "6", today=date(2026, 9, 10)) == date(2026, 11, 3)

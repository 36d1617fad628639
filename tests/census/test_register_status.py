"""Register status over time, from the same dated records as the census code."""

from datetime import date

from census.derivation import STATUS_LABELS, Criterion, Decision, Plan, derive, register_status
from census.periods import periods, status_history
from tests.census.test_derivation import COGNITION, EMOTIONAL, at, pupil

TODAY = date(2026, 11, 23)


def history(records):
    return [
        (on, STATUS_LABELS[s.status], s.basis) for on, s in status_history(periods(records), TODAY)
    ]


def test_level_one_is_not_on_the_register():
    assert history(pupil(at(COGNITION, 1, date(2025, 10, 1)))) == []
    assert register_status(derive(pupil(at(COGNITION, 1)), TODAY)) == "none"


def test_a_pupil_comes_onto_the_register_moves_through_the_stages_and_leaves_it():
    records = pupil(
        at(COGNITION, 2, date(2024, 10, 1)),
        at(COGNITION, 3, date(2025, 2, 1)),
        at(COGNITION, 1, date(2026, 6, 1)),
        plans=[Plan(date(2025, 9, 1), ceased_on=date(2026, 5, 31))],
    )
    assert history(records) == [
        (date(2024, 10, 1), "Monitoring (record of concern)", "level 2, no criteria recorded"),
        (date(2025, 2, 1), "SEN support", "level 3 in Cognition and learning"),
        (date(2025, 9, 1), "EHC plan", "EHC plan issued 1 September 2025"),
        # The plan still counts on the day it ceases; the change shows the next day.
        (date(2026, 6, 1), "Not on the SEN register", "level 1 in Cognition and learning"),
    ]


def test_a_criterion_and_its_withdrawal_move_a_level_two_pupil_on_and_off_sen_support():
    records = pupil(
        at(COGNITION, 2, date(2025, 9, 1)),
        criteria=[Criterion("medical", date(2025, 10, 1), withdrawn_on=date(2026, 3, 1))],
    )
    assert [(on, label) for on, label, _ in history(records)] == [
        (date(2025, 9, 1), "Monitoring (record of concern)"),
        (date(2025, 10, 1), "SEN support"),
        (date(2026, 3, 1), "Monitoring (record of concern)"),
    ]


def test_a_senco_decision_of_n_keeps_the_pupil_under_monitoring():
    records = pupil(
        at(EMOTIONAL, 3, date(2025, 9, 1)),
        decisions=[Decision("N", "Met in class", date(2026, 1, 5), 1)],
    )
    assert history(records)[-1] == (
        date(2026, 1, 5),
        "Monitoring (record of concern)",
        "SENCO decision: Met in class",
    )


def test_days_before_joining_are_not_counted():
    records = pupil(at(COGNITION, 3, date(2024, 9, 1)), joined_on=date(2025, 1, 6))
    assert history(records) == [
        (date(2025, 1, 6), "SEN support", "level 3 in Cognition and learning")
    ]


def test_future_records_are_not_history_yet():
    records = pupil(at(COGNITION, 3, date(2030, 1, 1)))
    assert history(records) == []

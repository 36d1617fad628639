"""The census rules of docs/census-engine.md, rule by rule, on the pure derivation (no database)."""

from datetime import date, timedelta

from census.derivation import (
    Assessment,
    Criterion,
    Decision,
    Plan,
    PupilRecords,
    StrandInfo,
    derive,
)

CENSUS_DAY = date(2026, 1, 15)
BEFORE = CENSUS_DAY - timedelta(days=1)
AFTER = CENSUS_DAY + timedelta(days=1)
AUTUMN = date(2025, 10, 2)

SPEECH = StrandInfo(
    "speech_language", "Speech, language and communication", "communication_interaction", 1
)
SOCIAL = StrandInfo(
    "social_communication",
    "Social communication (including autism)",
    "communication_interaction",
    2,
)
COGNITION = StrandInfo("cognition_learning", "Cognition and learning", "cognition_learning", 3)
EMOTIONAL = StrandInfo("emotional_regulation", "Emotional regulation", "semh", 4)
HEARING = StrandInfo("hearing", "Hearing", "sensory_physical", 7)

_order = iter(range(1, 10_000))


def at(strand, level, on=AUTUMN):
    return Assessment(strand, level, on, next(_order))


def pupil(*assessments, criteria=(), decisions=(), plans=(), joined_on=None, left_on=None):
    return PupilRecords(
        joined_on=joined_on,
        left_on=left_on,
        assessments=list(assessments),
        criteria=list(criteria),
        decisions=list(decisions),
        plans=list(plans),
    )


def code(records, on=CENSUS_DAY):
    derived = derive(records, on)
    return (derived.code, derived.basis) if derived else None


def decision(code, on=AUTUMN, withdrawn_on=None, reason="Agreed with parents"):
    return Decision(code, reason, on, next(_order), withdrawn_on)


# Step 1: EHC plans ---------------------------------------------------------------------


def test_an_active_ehc_plan_gives_e_whatever_the_grid_says():
    records = pupil(at(COGNITION, 1), plans=[Plan(date(2024, 3, 1))])
    assert code(records) == ("E", "EHC plan issued 1 March 2024")


def test_an_ehc_plan_issued_on_census_day_counts():
    assert code(pupil(plans=[Plan(CENSUS_DAY)]))[0] == "E"


def test_an_ehc_plan_issued_the_day_after_does_not():
    assert code(pupil(plans=[Plan(AFTER)])) == ("N", "no assessment on the grid")


def test_an_ehc_plan_ceasing_on_census_day_still_counts():
    assert code(pupil(plans=[Plan(date(2024, 3, 1), ceased_on=CENSUS_DAY)]))[0] == "E"


def test_an_ehc_plan_ceased_the_day_before_no_longer_counts():
    records = pupil(at(COGNITION, 3), plans=[Plan(date(2024, 3, 1), ceased_on=BEFORE)])
    assert code(records) == ("K", "level 3 in Cognition and learning")


def test_of_two_plans_the_latest_issued_is_named():
    plans = [Plan(date(2022, 1, 10), ceased_on=date(2023, 1, 1)), Plan(date(2023, 6, 1))]
    assert code(pupil(plans=plans)) == ("E", "EHC plan issued 1 June 2023")


# Step 2: the grid ----------------------------------------------------------------------


def test_level_three_or_above_is_sen_support():
    for level in (3, 4, 5):
        assert code(pupil(at(HEARING, level))) == ("K", f"level {level} in Hearing")


def test_the_highest_level_over_all_strands_counts():
    records = pupil(at(COGNITION, 2), at(EMOTIONAL, 4), at(HEARING, 1))
    assert code(records) == ("K", "level 4 in Emotional regulation")


def test_strands_tied_at_the_highest_level_are_all_named_in_grid_order():
    records = pupil(at(HEARING, 3), at(SPEECH, 3))
    assert code(records) == (
        "K",
        "level 3 in Speech, language and communication, Hearing",
    )


def test_level_two_without_criteria_is_not_sen_support():
    derived = derive(pupil(at(COGNITION, 2)), CENSUS_DAY)
    assert (derived.code, derived.basis) == ("N", "level 2, no criteria recorded")
    assert derived.level_two_unclear


def test_level_two_with_a_criterion_is_sen_support():
    records = pupil(at(COGNITION, 2), criteria=[Criterion("medical", AUTUMN)])
    assert code(records) == (
        "K",
        "level 2 with criterion: identified neurological, genetic or medical needs",
    )


def test_criteria_are_named_in_the_guidance_order():
    criteria = [Criterion("transition", AUTUMN), Criterion("medical", AUTUMN)]
    assert code(pupil(at(COGNITION, 2), criteria=criteria)) == (
        "K",
        "level 2 with criteria: identified neurological, genetic or medical needs; "
        "intensive support needed at a point of transition",
    )


def test_a_criterion_recorded_after_census_day_does_not_count():
    records = pupil(at(COGNITION, 2), criteria=[Criterion("medical", AFTER)])
    assert code(records) == ("N", "level 2, no criteria recorded")


def test_a_criterion_recorded_on_census_day_counts():
    records = pupil(at(COGNITION, 2), criteria=[Criterion("long_term", CENSUS_DAY)])
    assert code(records)[0] == "K"


def test_a_criterion_withdrawn_on_census_day_no_longer_holds():
    records = pupil(at(COGNITION, 2), criteria=[Criterion("medical", AUTUMN, CENSUS_DAY)])
    assert code(records) == ("N", "level 2, no criteria recorded")


def test_a_criterion_withdrawn_after_census_day_still_holds_on_it():
    records = pupil(at(COGNITION, 2), criteria=[Criterion("medical", AUTUMN, AFTER)])
    assert code(records)[0] == "K"


def test_level_two_in_two_broad_areas_holds_multiple_areas_by_itself():
    records = pupil(at(COGNITION, 2), at(EMOTIONAL, 2))
    assert code(records) == ("K", "level 2 with criterion: needs across the broad areas of need")


def test_level_two_in_two_strands_of_one_broad_area_is_not_multiple_areas():
    # Speech and social communication are both Communication and interaction.
    records = pupil(at(SPEECH, 2), at(SOCIAL, 2))
    assert code(records) == ("N", "level 2, no criteria recorded")


def test_level_two_and_level_one_in_another_area_is_not_multiple_areas():
    records = pupil(at(COGNITION, 2), at(EMOTIONAL, 1))
    assert code(records) == ("N", "level 2, no criteria recorded")


def test_level_one_is_not_sen_support():
    assert code(pupil(at(COGNITION, 1), at(HEARING, 1))) == (
        "N",
        "level 1 in Cognition and learning, Hearing",
    )


def test_no_assessment_is_not_sen_support():
    assert code(pupil()) == ("N", "no assessment on the grid")


def test_an_assessment_dated_after_census_day_is_ignored():
    records = pupil(at(COGNITION, 2, AUTUMN), at(COGNITION, 4, AFTER))
    assert code(records) == ("N", "level 2, no criteria recorded")
    assert code(records, on=AFTER) == ("K", "level 4 in Cognition and learning")


def test_an_assessment_dated_on_census_day_counts():
    records = pupil(at(COGNITION, 2, AUTUMN), at(COGNITION, 3, CENSUS_DAY))
    assert code(records) == ("K", "level 3 in Cognition and learning")


def test_a_lower_later_assessment_replaces_a_higher_earlier_one():
    records = pupil(at(COGNITION, 4, AUTUMN), at(COGNITION, 1, BEFORE))
    assert code(records) == ("N", "level 1 in Cognition and learning")


# Step 3: SENCO decisions ---------------------------------------------------------------


def test_a_senco_decision_replaces_what_the_grid_gives():
    derived = derive(pupil(at(COGNITION, 2), decisions=[decision("K")]), CENSUS_DAY)
    assert (derived.code, derived.basis) == ("K", "SENCO decision: Agreed with parents")
    assert (derived.grid_code, derived.grid_basis) == ("N", "level 2, no criteria recorded")
    assert derived.departs_from_grid


def test_a_senco_decision_can_take_a_pupil_off_sen_support():
    records = pupil(at(COGNITION, 3), decisions=[decision("N", reason="Met in class now")])
    assert code(records) == ("N", "SENCO decision: Met in class now")


def test_a_senco_decision_never_removes_e():
    records = pupil(at(COGNITION, 3), decisions=[decision("N")], plans=[Plan(date(2024, 3, 1))])
    derived = derive(records, CENSUS_DAY)
    assert (derived.code, derived.basis) == ("E", "EHC plan issued 1 March 2024")
    assert derived.decision is None


def test_a_senco_decision_never_gives_e():
    derived = derive(pupil(decisions=[decision("K")]), CENSUS_DAY)
    assert derived.code == "K"


def test_a_decision_takes_effect_on_its_date():
    records = pupil(at(COGNITION, 2), decisions=[decision("K", on=CENSUS_DAY)])
    assert code(records)[0] == "K"
    assert code(records, on=BEFORE) == ("N", "level 2, no criteria recorded")


def test_a_decision_later_withdrawn_holds_until_its_withdrawal():
    records = pupil(at(COGNITION, 2), decisions=[decision("K", withdrawn_on=AFTER)])
    assert code(records)[0] == "K"
    assert code(records, on=AFTER) == ("N", "level 2, no criteria recorded")


def test_a_decision_withdrawn_before_census_day_no_longer_counts():
    records = pupil(at(COGNITION, 3), decisions=[decision("N", withdrawn_on=BEFORE)])
    assert code(records) == ("K", "level 3 in Cognition and learning")


def test_a_later_decision_replaces_an_earlier_one():
    decisions = [
        decision("K", on=AUTUMN, reason="first"),
        decision("N", on=BEFORE, reason="second"),
    ]
    assert code(pupil(at(COGNITION, 2), decisions=decisions)) == ("N", "SENCO decision: second")


def test_a_decision_that_agrees_with_the_grid_is_not_a_departure():
    derived = derive(pupil(at(COGNITION, 3), decisions=[decision("K")]), CENSUS_DAY)
    assert derived.decision is not None
    assert not derived.departs_from_grid


# On roll -------------------------------------------------------------------------------


def test_a_pupil_joining_on_census_day_is_counted():
    assert code(pupil(at(COGNITION, 3), joined_on=CENSUS_DAY))[0] == "K"


def test_a_pupil_leaving_on_census_day_is_counted():
    assert code(pupil(at(COGNITION, 3), left_on=CENSUS_DAY))[0] == "K"


def test_a_pupil_who_left_the_day_before_is_not_in_the_census():
    assert code(pupil(at(COGNITION, 3), left_on=BEFORE)) is None


def test_a_pupil_joining_the_day_after_is_not_in_the_census():
    assert code(pupil(at(COGNITION, 3), joined_on=AFTER)) is None


def test_the_same_records_always_give_the_same_code():
    records = pupil(at(COGNITION, 2), at(EMOTIONAL, 2), decisions=[decision("N")])
    assert {code(records) for _ in range(5)} == {("N", "SENCO decision: Agreed with parents")}


def test_level_two_with_a_senco_decision_is_no_longer_the_unclear_case():
    derived = derive(pupil(at(COGNITION, 2), decisions=[decision("N")]), CENSUS_DAY)
    assert not derived.level_two_unclear


# SEN support from the previous school (a CTF) ------------------------------------------


def carried_over(on=AUTUMN):
    reason = "SEN support at the previous school (Brook Primary)"
    return Decision("K", reason, on, next(_order), transferred=True)


def test_sen_support_from_the_previous_school_holds_before_any_assessment_here():
    assert code(pupil(decisions=[carried_over()])) == (
        "K",
        "SEN support at the previous school (Brook Primary), until assessed on this school's grid",
    )


def test_the_first_assessment_here_ends_the_support_carried_over():
    records = pupil(at(COGNITION, 1, on=CENSUS_DAY), decisions=[carried_over()])
    assert code(records, BEFORE)[0] == "K"
    assert code(records) == ("N", "level 1 in Cognition and learning")


def test_an_assessment_here_before_the_transfer_leaves_the_grid_in_charge():
    records = pupil(at(COGNITION, 2, on=AUTUMN), decisions=[carried_over(on=CENSUS_DAY)])
    assert code(records, AFTER) == ("N", "level 2, no criteria recorded")


def test_this_schools_own_decision_is_not_ended_by_an_assessment():
    records = pupil(at(COGNITION, 1, on=CENSUS_DAY), decisions=[decision("K")])
    assert code(records, AFTER)[0] == "K"

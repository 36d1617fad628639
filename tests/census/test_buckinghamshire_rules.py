"""Buckinghamshire's rules (census/frameworks/buckinghamshire.py), band by band, through the
one engine (no database): universal support and a record of concern are N, SEN support is K,
and an EHC plan gives E whatever the band."""

from datetime import date

from census.derivation import (
    MONITORING,
    NONE,
    SEN_SUPPORT,
    Assessment,
    Criterion,
    Decision,
    Plan,
    PupilRecords,
    StrandInfo,
    derive,
    register_status,
)

CENSUS_DAY = date(2026, 1, 15)
AUTUMN = date(2025, 10, 2)

LEARNING = StrandInfo("cognition_learning", "Cognition and learning", "cognition_learning", 2)
SEMH = StrandInfo("semh", "Social, emotional and mental health", "semh", 3)

_order = iter(range(1, 10_000))


def band(strand, level):
    return Assessment(strand, level, AUTUMN, next(_order))


def bucks(*assessments, criteria=(), decisions=(), plans=()):
    return PupilRecords(
        assessments=list(assessments),
        criteria=[Criterion(slug, AUTUMN) for slug in criteria],
        decisions=list(decisions),
        plans=list(plans),
        rules="buckinghamshire",
    )


def code(records):
    derived = derive(records, CENSUS_DAY)
    return derived.code, derived.basis


def test_universal_support_is_not_sen_support():
    assert code(bucks(band(LEARNING, 1))) == ("N", "universal support in Cognition and learning")


def test_a_record_of_concern_is_not_sen_support():
    assert code(bucks(band(SEMH, 2))) == (
        "N",
        "record of concern in Social, emotional and mental health",
    )


def test_a_record_of_concern_is_monitored_on_the_register():
    assert register_status(derive(bucks(band(SEMH, 2)), CENSUS_DAY)) == MONITORING
    assert register_status(derive(bucks(band(SEMH, 1)), CENSUS_DAY)) == NONE


def test_the_sen_support_band_is_sen_support():
    assert code(bucks(band(LEARNING, 3), band(SEMH, 2))) == (
        "K",
        "SEN support in Cognition and learning",
    )
    assert register_status(derive(bucks(band(LEARNING, 3)), CENSUS_DAY)) == SEN_SUPPORT


def test_the_ehc_band_without_a_plan_is_sen_support_until_one_is_issued():
    assert code(bucks(band(SEMH, 4))) == (
        "K",
        "EHC band in Social, emotional and mental health, no EHC plan in force",
    )


def test_an_ehc_plan_gives_e_whatever_the_band():
    records = bucks(band(LEARNING, 1), plans=[Plan(date(2024, 3, 1))])
    assert code(records) == ("E", "EHC plan issued 1 March 2024")


def test_a_record_of_concern_with_a_level_two_reason_is_still_not_sen_support():
    # Sheffield's level-2 reasons are not part of these rules: nothing makes band 2 K.
    assert code(bucks(band(SEMH, 2), band(LEARNING, 2), criteria=["medical"]))[0] == "N"


def test_a_record_of_concern_is_never_the_unclear_case():
    derived = derive(bucks(band(SEMH, 2)), CENSUS_DAY)
    assert not derived.level_two_unclear


def test_a_senco_decision_replaces_the_band_as_under_any_framework():
    decided = Decision("K", "Agreed at the review", AUTUMN, next(_order))
    assert code(bucks(band(SEMH, 2), decisions=[decided])) == (
        "K",
        "SENCO decision: Agreed at the review",
    )


def test_no_band_assessed_is_no_sen_provision():
    assert code(bucks()) == ("N", "no assessment on the grid")


def test_the_same_records_under_sheffields_rules_code_differently():
    # Band/level 2 with needs in two broad areas: Sheffield's "multiple areas" reason makes
    # it K; Buckinghamshire's record of concern stays N.
    records = bucks(band(SEMH, 2), band(LEARNING, 2))
    sheffield = PupilRecords(assessments=records.assessments)
    assert code(records)[0] == "N"
    assert code(sheffield)[0] == "K"

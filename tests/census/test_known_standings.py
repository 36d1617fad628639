"""Standings are kept once worked out (census.models.KnownStanding), and database triggers
bump a pupil's records version on every write, however it is made: a kept standing is read
only while it matches. Each test works a standing out, changes a record some way, and asks
again."""

import datetime

import pytest

from census.exports import CSV_COLUMNS
from census.models import KeptSchool, KnownStanding, RecordsVersion
from census.standing import (
    census_return,
    chosen_pupils,
    forget_standings,
    keep_standings,
    standings,
)
from pupils.models import (
    EHCPlan,
    LevelTwoCriterion,
    NeedAssessment,
    Pupil,
    SencoDecision,
    SENNeed,
    Strand,
)
from support_plans.models import SupportPlan
from tests.factories import NeedAssessmentFactory, PupilFactory, SupportPlanFactory

ON = datetime.date(2026, 1, 15)
AUTUMN = datetime.date(2025, 10, 2)


def standing(pupil, on=ON):
    [found] = standings(chosen_pupils(Pupil.objects.filter(pk=pupil.pk)), on)
    return found


@pytest.fixture
def levelled(ava):
    """Ava at level 2 in speech and language: N, no criteria; her standing worked out."""
    NeedAssessmentFactory(
        pupil=ava, strand=Strand.objects.get(slug="speech_language"), level=2, assessed_on=AUTUMN
    )
    assert standing(ava).derivation.basis == "level 2, no criteria recorded"
    return ava


def test_a_standing_is_kept_and_read_again(levelled):
    kept = KnownStanding.objects.get(pupil=levelled, day=ON)
    KnownStanding.objects.filter(pk=kept.pk).update(code="K")  # as if worked out so
    assert standing(levelled).code == "K"  # read, not worked out again


def test_a_kept_standing_of_an_older_version_is_worked_out_again(levelled):
    KnownStanding.objects.filter(pupil=levelled).update(code="K", version=-1)
    assert standing(levelled).code == "N"


def test_a_new_assessment_is_seen(levelled):
    NeedAssessmentFactory(
        pupil=levelled, strand=Strand.objects.get(slug="vision"), level=4, assessed_on=AUTUMN
    )
    assert standing(levelled).derivation.basis == "level 4 in Vision"


def test_a_queryset_update_is_seen(levelled):
    NeedAssessment.objects.filter(pupil=levelled).update(level=3)  # sends no signal
    assert standing(levelled).derivation.basis == "level 3 in Speech, language and communication"


def test_a_deletion_is_seen(levelled):
    NeedAssessment.objects.filter(pupil=levelled).delete()
    assert standing(levelled).derivation.basis == "no assessment on the grid"


def test_bulk_created_criteria_are_seen(levelled):
    LevelTwoCriterion.objects.bulk_create(
        [LevelTwoCriterion(pupil=levelled, criterion="medical", recorded_on=AUTUMN)]
    )
    assert standing(levelled).derivation.basis == "level 2 with criteria: medical"


def test_a_senco_decision_and_its_withdrawal_are_seen(levelled):
    decision = SencoDecision.objects.create(
        pupil=levelled, code="K", reason="Agreed at review.", decided_on=AUTUMN
    )
    assert standing(levelled).code == "K"
    SencoDecision.objects.filter(pk=decision.pk).update(withdrawn_on=AUTUMN)
    assert standing(levelled).code == "N"


def test_an_ehc_plan_need_and_support_plan_are_seen(levelled):
    EHCPlan.objects.create(pupil=levelled, issued_on=AUTUMN, local_authority="Sheffield")
    SENNeed.objects.create(pupil=levelled, need_type="SLCN", rank=1, recorded_on=AUTUMN)
    SupportPlanFactory(pupil=levelled, starts_on=AUTUMN)
    now = standing(levelled)
    assert (now.code, now.sen_type_1, now.has_support_plan) == ("E", "SLCN", 1)
    SupportPlan.objects.filter(pupil=levelled).update(state="draft")
    assert standing(levelled).has_support_plan == 0


def test_leaving_is_seen(levelled):
    Pupil.objects.filter(pk=levelled.pk).update(left_on=AUTUMN)
    assert standing(levelled).on_roll == 0 and standing(levelled).code is None


def test_renaming_a_strand_rewords_every_basis(levelled):
    Strand.objects.filter(slug="vision").update(name="Seeing")
    assert not KnownStanding.objects.exists()
    NeedAssessmentFactory(
        pupil=levelled, strand=Strand.objects.get(slug="vision"), level=4, assessed_on=AUTUMN
    )
    assert standing(levelled).derivation.basis == "level 4 in Seeing"


def test_a_pupil_with_kept_standings_can_be_deleted(levelled):
    pk = levelled.pk
    levelled.delete()
    assert not KnownStanding.objects.exists()
    assert RecordsVersion.objects.filter(pupil_id=pk).exists()  # harmless: nothing kept


def test_standings_of_long_past_days_are_forgotten(levelled):
    long_ago = datetime.date(2020, 1, 16)
    standing(levelled, long_ago)
    assert KnownStanding.objects.filter(day=long_ago).exists()
    NeedAssessment.objects.filter(pupil=levelled).update(level=3)
    keep_standings(chosen_pupils(Pupil.objects.filter(pk=levelled.pk)), ON)
    assert not KnownStanding.objects.filter(day=long_ago).exists()
    assert KnownStanding.objects.filter(day=ON).exists()


def returned(school, on=ON):
    """The census return of one school as {upn: (code, basis)}."""
    rows = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in census_return([school], on)]
    return {row["upn"]: (row["sen_provision"], row["basis"]) for row in rows}


def test_a_kept_school_is_read_without_looking_at_its_pupils(levelled, school):
    returned(school)
    assert KeptSchool.objects.filter(school=school, day=ON).exists()
    KnownStanding.objects.filter(pupil=levelled).update(code="K")  # as if worked out so
    assert returned(school)[levelled.upn][0] == "K"


def test_a_write_to_a_kept_school_is_seen_in_its_return(levelled, school):
    returned(school)
    NeedAssessment.objects.filter(pupil=levelled).update(level=4)
    assert returned(school)[levelled.upn] == (
        "K",
        "level 4 in Speech, language and communication",
    )


def test_a_pupil_joining_a_kept_school_is_in_its_return(levelled, school):
    returned(school)
    newcomer = PupilFactory(school=school)
    assert returned(school)[newcomer.upn] == ("N", "no assessment on the grid")


def test_a_pupil_leaving_a_kept_school_leaves_its_return(levelled, school):
    returned(school)
    Pupil.objects.filter(pk=levelled.pk).update(left_on=AUTUMN)
    assert levelled.upn not in returned(school)


def test_forgetting_every_standing_forgets_the_kept_schools(levelled, school):
    returned(school)
    forget_standings()
    assert not KeptSchool.objects.exists()
    assert levelled.upn in returned(school)


def test_a_grid_change_forgets_the_kept_schools(levelled, school):
    returned(school)
    Strand.objects.filter(slug="vision").update(name="Seeing")
    assert not KeptSchool.objects.exists()
    assert levelled.upn in returned(school)

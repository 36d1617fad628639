"""The census page's and the SENCO home's figures are kept under the school's revision and
reused while nothing they come from changes; every kind of change they come from makes the
next look work them out afresh, so no look shows figures older than the records."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from census.models import CensusSnapshot, SchoolRevision
from census.revisions import revise
from census.views import census_figures
from pages.overview import school_picture
from pupils.models import NeedAssessment, Pupil, Strand, TopUpFunding
from sen_register.core.models import SchoolType
from support_plans.models import ContactKind, ParentContact, Review, ReviewDecision
from tests.census.conftest import AUTUMN, CENSUS_DAY, strand
from tests.factories import (
    NeedAssessmentFactory,
    PupilFactory,
    SchoolFactory,
    SupportPlanFactory,
)


def findings(school, on=CENSUS_DAY):
    """(rule, pupil's UPN) of every finding the census page would list, after making sure a
    look now would be given the figures kept from this one."""
    figures = census_figures(school, on)
    assert census_figures(school, on) is figures
    return {
        (finding.rule, finding.upn)
        for _title, _intro, _count, groups in figures["sections"]
        for group in groups
        for finding in group.findings
    }


def token(school):
    return SchoolRevision.objects.get(school=school).token


def test_a_second_look_with_nothing_changed_is_the_figures_kept(
    school, census_school, django_assert_num_queries
):
    first = census_figures(school, CENSUS_DAY)
    with django_assert_num_queries(1):  # the school's revision
        assert census_figures(school, CENSUS_DAY) is first


def test_figures_are_kept_for_each_day_apart(school, census_school):
    assert census_figures(school, CENSUS_DAY)["pupil_count"] == 5
    assert census_figures(school, AUTUMN - datetime.timedelta(days=1))["pupil_count"] == 6


def test_an_assessment_recorded_shows_on_the_next_look(school, census_school):
    ella = census_school["ella"]
    assert ("2170", ella.upn) not in findings(school)
    NeedAssessmentFactory(pupil=ella, strand=strand("hearing"), level=3, assessed_on=AUTUMN)
    assert ("2170", ella.upn) in findings(school)  # now K with no need type


def test_a_bulk_update_of_records_shows_on_the_next_look(school, census_school):
    ella = census_school["ella"]
    findings(school)
    NeedAssessment.objects.filter(pupil=ella).update(level=3)
    assert ("2170", ella.upn) in findings(school)


def test_a_pupil_deleted_leaves_the_next_look(school, census_school):
    dev = census_school["dev"]
    assert ("SSG-L2", dev.upn) in findings(school)
    Pupil.objects.filter(pk=dev.pk).delete()
    assert ("SSG-L2", dev.upn) not in findings(school)


def test_parents_formally_told_shows_on_the_next_look(school, census_school):
    beth = census_school["beth"]
    assert ("COP-6.48", beth.upn) in findings(school)
    ParentContact.objects.create(pupil=beth, kind=ContactKind.FORMAL_NOTIFICATION, held_on=AUTUMN)
    assert ("COP-6.48", beth.upn) not in findings(school)


def test_a_plan_review_recorded_shows_on_the_next_look(school, census_school):
    beth = census_school["beth"]
    plan = SupportPlanFactory(pupil=beth, starts_on=datetime.date(2025, 6, 1))
    assert ("SSG-REVIEW", beth.upn) in findings(school)
    Review.objects.create(
        plan=plan, held_on=AUTUMN, attended_by="SENCO", decision=ReviewDecision.CONTINUE
    )
    assert ("SSG-REVIEW", beth.upn) not in findings(school)


def test_top_up_funding_recorded_shows_on_the_next_look(school, census_school):
    beth = census_school["beth"]
    assert ("1990", beth.upn) not in findings(school)
    TopUpFunding.objects.create(pupil=beth, starts_on=AUTUMN, band="B")
    assert ("1990", beth.upn) in findings(school)


def test_the_schools_details_changed_show_on_the_next_look(school, census_school):
    ella = census_school["ella"]
    assert ("2180", ella.upn) not in findings(school)
    school.school_type = SchoolType.SPECIAL
    school.save()
    assert ("2180", ella.upn) in findings(school)


def _stale_messages(school):
    figures = census_figures(school, CENSUS_DAY)
    assert census_figures(school, CENSUS_DAY) is figures
    return [
        finding.message
        for _title, _intro, _count, groups in figures["sections"]
        for group in groups
        for finding in group.findings
        if finding.rule == "SSG-STALE"
    ]


def test_a_strand_renamed_shows_on_the_next_look(school, census_school):
    vision = strand("vision")
    NeedAssessmentFactory(
        pupil=census_school["beth"], strand=vision, level=3, assessed_on=datetime.date(2024, 9, 1)
    )
    assert any(f"{vision.name} level 3" in message for message in _stale_messages(school))
    Strand.objects.filter(pk=vision.pk).update(name="Sight")
    assert any("Sight level 3" in message for message in _stale_messages(school))


def test_a_census_frozen_changes_the_revision(school, census_school, senco):
    before = token(school)
    CensusSnapshot.objects.create(school=school, census_date=CENSUS_DAY, frozen_by=senco)
    assert token(school) != before


def test_a_change_rolled_back_keeps_the_revision(school, census_school):
    before = token(school)
    with pytest.raises(RuntimeError), transaction.atomic():
        NeedAssessmentFactory(pupil=census_school["ella"], strand=strand("hearing"), level=3)
        raise RuntimeError("rolled back")
    assert token(school) == before


def test_a_change_at_one_school_keeps_the_others_figures(school, other_school, census_school):
    other_before = token(other_school)
    NeedAssessmentFactory(pupil=census_school["ella"], strand=strand("hearing"), level=3)
    assert token(other_school) == other_before


def test_a_new_school_has_a_revision(db):
    assert SchoolRevision.objects.filter(school=SchoolFactory()).exists()


def test_a_school_with_no_revision_is_worked_out_each_look(school, census_school):
    SchoolRevision.objects.filter(school=school).delete()
    assert census_figures(school, CENSUS_DAY) is not census_figures(school, CENSUS_DAY)
    revise([school.pk])
    findings(school)  # kept again


def test_the_senco_home_counts_a_pupil_added_on_the_next_look(school, census_school):
    today = timezone.localdate()
    picture = school_picture(school, today)
    assert school_picture(school, today) is picture
    before = picture["on_roll"]
    PupilFactory(school=school, joined_on=AUTUMN)
    assert school_picture(school, today)["on_roll"] == before + 1


def _census_page(client, school, **params):
    query = "&".join(f"{k}={v}" for k, v in {"date": CENSUS_DAY, **params}.items())
    response = client.get(reverse("census", args=[school.urn]) + "?" + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_checks_as_drawn_show_a_finding_on_the_next_look(client_for, senco, census_school):
    school, ella = census_school["ella"].school, census_school["ella"]
    client = client_for(senco)
    assert 'id="rule-2170"' not in _census_page(client, school)
    NeedAssessmentFactory(pupil=ella, strand=strand("hearing"), level=3, assessed_on=AUTUMN)
    assert 'id="rule-2170"' in _census_page(client, school)  # K with no need type


def test_a_rule_asked_that_found_nothing_draws_the_checks_as_with_none(
    client_for, senco, census_school
):
    school = census_school["ella"].school
    client = client_for(senco)
    checks = _census_page(client, school).split('id="findings-heading"')[1]
    asked = _census_page(client, school, rule="no-such-rule").split('id="findings-heading"')[1]
    assert asked.split("</section>")[0] == checks.split("</section>")[0]

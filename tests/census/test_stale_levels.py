"""Code of Practice 6.46: a grid level of 2 or more last assessed over 12 months ago asks to be
reassessed (register check SSG-STALE), on the census page and as a step on the record."""

import datetime

from django.urls import reverse

from census.validation import CensusContext, stale_levels, validate
from pupils.models import Strand
from tests.factories import NeedAssessmentFactory

DAY = datetime.date(2026, 10, 1)


def stale_findings(school):
    return [f.message for f in validate(CensusContext.of_school(school, DAY), [stale_levels])]


def strand(slug):
    return Strand.objects.get(slug=slug)


def test_a_level_three_assessed_thirteen_months_ago_asks_to_be_reassessed(school, ava):
    NeedAssessmentFactory(
        pupil=ava, strand=strand("hearing"), level=3, assessed_on=datetime.date(2025, 9, 1)
    )
    assert stale_findings(school) == [
        "not reassessed in 12 months: Hearing level 3 (assessed 1 September 2025)"
    ]


def test_a_level_assessed_within_twelve_months_does_not(school, ava):
    NeedAssessmentFactory(
        pupil=ava, strand=strand("hearing"), level=3, assessed_on=datetime.date(2025, 11, 1)
    )
    assert stale_findings(school) == []


def test_an_old_level_one_does_not_ask(school, ava):
    NeedAssessmentFactory(pupil=ava, level=1, assessed_on=datetime.date(2020, 1, 6))
    assert stale_findings(school) == []


def test_reassessing_the_strand_clears_it(school, ava):
    hearing = strand("hearing")
    NeedAssessmentFactory(pupil=ava, strand=hearing, level=3, assessed_on=datetime.date(2024, 1, 8))
    NeedAssessmentFactory(pupil=ava, strand=hearing, level=3, assessed_on=datetime.date(2026, 9, 7))
    assert stale_findings(school) == []


def test_the_record_asks_the_senco_to_reassess(client_for, senco, ava):
    NeedAssessmentFactory(pupil=ava, level=4, assessed_on=datetime.date(2021, 3, 1))
    page = client_for(senco).get(reverse("pupil_record", args=[ava.pk])).content.decode()
    assert "Reassess the grid" in page
    assert reverse("assessment_add", args=[ava.pk]) in page.split('id="due-heading"')[1]

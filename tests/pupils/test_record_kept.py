"""The pupil's record is drawn once and kept under the school's revision: every kind of row it
shows, changed in any way, shows on the next look; what one reader may do is never shown to
another."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from census.models import SchoolRevision
from pupils.models import BroadArea, ClassGroup, LevelDescriptor, Strand, StrandDescriptor
from sen_register.core.models import AccessLogEntry
from support_plans.models import (
    EHCAnnualReview,
    NeedsAssessmentRequest,
    ParentContact,
    PupilDocument,
    SentEmail,
    SpecialistInvolvement,
)
from tests.factories import (
    ClassGroupFactory,
    EHCPlanFactory,
    NeedAssessmentFactory,
    SupportPlanFactory,
    UserFactory,
)

DAY = datetime.date(2025, 10, 6)


def record(client, pupil):
    response = client.get(reverse("pupil_record", args=[pupil.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def before(ava):
    """What is there before the first look: an EHC plan and a teaching group Ava is not in."""
    return {
        "ehc_plan": EHCPlanFactory(pupil=ava, issued_on=datetime.date(2024, 3, 1)),
        "group": ClassGroupFactory(school=ava.school, name="Maths set 2"),
    }


@pytest.fixture
def looked(client_for, senco, ava, before):
    """A SENCO's client that has looked at Ava's record once, so that it is kept."""
    client = client_for(senco)
    record(client, ava)
    return client


def test_a_second_look_reads_only_who_asks_the_pupil_and_the_revision(
    looked, ava, django_assert_num_queries
):
    # session, user, pupil (with school and class, and the school's revision), memberships,
    # the access log entry
    with django_assert_num_queries(5):
        record(looked, ava)


def test_another_pupils_record_reads_the_grid_kept_with_the_first(
    noah, looked, django_assert_num_queries
):
    # as the first look at a record of a pupil with none of the lists most pupils have none
    # of (test_register_and_record_pages), less the levels' meanings, the strands and what
    # each level means on each strand
    with django_assert_num_queries(10):
        record(looked, noah)


def test_every_look_is_logged_even_when_the_record_is_kept(looked, ava):
    record(looked, ava)
    assert AccessLogEntry.objects.filter(pupil_id=ava.pk, what="record").count() == 2


def _assessment(ava, before):
    NeedAssessmentFactory(pupil=ava, strand=Strand.objects.get(slug="vision"), level=4)
    return "Vision"  # in the timeline: "Grid assessed: Vision ..."


def _plan(ava, before):
    SupportPlanFactory(pupil=ava, version=7)
    return "SEN support plan 7"


def _specialist(ava, before):
    SpecialistInvolvement.objects.create(
        pupil=ava, service="ep", involved_on=DAY, advice="Chunk the instructions"
    )
    return "Chunk the instructions"


def _document(ava, before):
    PupilDocument.objects.create(
        pupil=ava,
        title="Speech therapy report",
        dated=DAY,
        file="x.pdf",
        content_type="application/pdf",
        size=1,
    )
    return "Speech therapy report"


def _ehc_request(ava, before):
    NeedsAssessmentRequest.objects.create(pupil=ava, requested_on=DAY)
    return "waiting on"


def _ehc_review(ava, before):
    EHCAnnualReview.objects.create(
        ehc_plan=before["ehc_plan"], meeting_on=datetime.date(2025, 3, 3)
    )
    return "Annual review of 3 March 2025"


def _email(ava, before):
    SentEmail.objects.create(
        key="k",
        kind="review",
        to="parent@example.org",
        subject="Review of the support plan",
        school=ava.school,
        pupil=ava,
    )
    return "Review of the support plan, to parent@example.org"


def _parent_contact(ava, before):
    ParentContact.objects.create(pupil=ava, kind="meeting", held_on=DAY, notes="Talked it over")
    return "Talked it over"


def _put_in_a_group(ava, before):
    before["group"].members.add(ava)
    return "Maths set 2"


def _put_in_a_group_from_the_pupil(ava, before):
    ava.teaching_groups.add(before["group"])
    return "Maths set 2"


def _class_renamed(ava, before):
    group = ClassGroup.objects.get(pk=ava.class_group_id)
    group.name = "8 Blue"
    group.save()
    return "8 Blue"


def _strand_renamed(ava, before):
    strand = Strand.objects.get(slug="vision")
    strand.name = "Sight"
    strand.save()
    return "Sight"


def _area_renamed(ava, before):
    area = BroadArea.objects.order_by("pk").first()
    area.name = "Talking and understanding"
    area.save()
    return "Talking and understanding"


CHANGES = [
    _assessment,
    _plan,
    _specialist,
    _document,
    _ehc_request,
    _ehc_review,
    _email,
    _parent_contact,
    _put_in_a_group,
    _put_in_a_group_from_the_pupil,
    _class_renamed,
    _strand_renamed,
    _area_renamed,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.strip("_"))
def test_a_change_to_anything_the_record_shows_is_on_the_next_look(looked, ava, before, change):
    shown = change(ava, before)
    assert shown in record(looked, ava)


def test_a_pupil_taken_out_of_a_group_leaves_the_next_look(client_for, senco, ava):
    group = ClassGroupFactory(school=ava.school, name="Maths set 2")
    group.members.add(ava)
    client = client_for(senco)
    assert "Maths set 2" in record(client, ava)
    ava.teaching_groups.remove(group)
    assert "Maths set 2" not in record(client, ava)


def test_what_a_level_means_on_a_strand_changed_shows_on_the_next_look(client_for, senco, ava):
    vision = Strand.objects.get(slug="vision")
    NeedAssessmentFactory(pupil=ava, strand=vision, level=3)
    client = client_for(senco)
    record(client, ava)
    meaning = StrandDescriptor.objects.get(strand=vision, level=3)
    meaning.text = "Uses enlarged print for every lesson"
    meaning.save()
    assert "Uses enlarged print for every lesson" in record(client, ava)


def test_a_levels_title_changed_shows_on_the_next_look(client_for, senco, ava):
    NeedAssessmentFactory(pupil=ava, level=3)
    client = client_for(senco)
    record(client, ava)
    level = LevelDescriptor.objects.get(level=3)
    level.title = "Targeted and specialist"
    level.save()
    assert "Targeted and specialist" in record(client, ava)


def test_an_assessors_new_name_shows_on_the_next_look(client_for, senco, ava, school):
    assessor = UserFactory(first_name="Sam", last_name="Jones")
    NeedAssessmentFactory(pupil=ava, level=3, assessed_by=assessor)
    client = client_for(senco)
    assert "by Sam Jones" in record(client, ava)
    assessor.last_name = "Patel"
    assessor.save()
    assert "by Sam Patel" in record(client, ava)


def test_signing_in_keeps_the_schools_revision(senco, school):
    token = SchoolRevision.objects.get(school=school).token
    senco.last_login = timezone.now()
    senco.save(update_fields=["last_login"])
    assert SchoolRevision.objects.get(school=school).token == token


def test_a_teacher_is_never_shown_what_the_senco_may_do(client_for, senco, teacher, ava):
    NeedAssessmentFactory(pupil=ava, level=3)
    assert "Record a grid assessment" in record(client_for(senco), ava)
    page = record(client_for(teacher), ava)
    assert "Record a grid assessment" not in page
    assert "What is due now" not in page
    assert "Who has looked at this record" not in page
    assert "Record a grid assessment" in record(client_for(senco), ava)


def test_each_day_draws_the_record_afresh(looked, ava, monkeypatch, django_assert_num_queries):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    # drawn: as the first look (test_register_and_record_pages), with Ava's EHC plan and
    # its annual reviews
    with django_assert_num_queries(15):
        record(looked, ava)

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    NeedAssessmentFactory,
    PupilFactory,
    give_long_history,
    give_one_of_everything,
)


def register_url(school, **params):
    """The register with `params`; any register status unless one is given (with no filter
    at all, the register shows only the pupils on the SEN register)."""
    params = {"status": "", **params}
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("register", args=[school.urn]) + (f"?{query}" if query else "")


def test_the_senco_register_lists_every_pupil_on_roll(client_for, senco, school, ava, noah):
    left = PupilFactory(school=school, left_on=timezone.localdate() - datetime.timedelta(days=3))
    page = client_for(senco).get(register_url(school)).content.decode()
    assert ava.display_name in page and noah.display_name in page
    assert left.display_name not in page
    page = client_for(senco).get(register_url(school, include_left=1)).content.decode()
    assert left.display_name in page


def test_the_register_opens_on_the_pupils_on_the_sen_register(client_for, senco, school, ava, noah):
    NeedAssessmentFactory(pupil=ava, level=3)
    client = client_for(senco)
    page = client.get(reverse("register", args=[school.urn])).content.decode()
    assert ava.display_name in page and noah.display_name not in page
    assert "See every pupil" not in page  # the list is not empty
    every = client.get(register_url(school)).content.decode()
    assert noah.display_name in every


def test_a_teacher_register_holds_only_the_pupils_they_teach(
    client_for, teacher, school, ava, noah
):
    page = client_for(teacher).get(register_url(school)).content.decode()
    assert ava.display_name in page
    assert noah.display_name not in page


def test_pupils_of_another_school_never_appear(client_for, senco, school, other_school, ava):
    stranger = PupilFactory(school=other_school)
    page = client_for(senco).get(register_url(school)).content.decode()
    assert stranger.display_name not in page


def test_search_finds_a_pupil_by_name_or_upn(client_for, senco, school, ava, noah):
    by_name = client_for(senco).get(register_url(school, q="ava")).content.decode()
    assert ava.display_name in by_name and noah.display_name not in by_name
    by_upn = client_for(senco).get(register_url(school, q=noah.upn)).content.decode()
    assert noah.display_name in by_upn and ava.display_name not in by_upn


def test_the_register_is_paginated(client_for, senco, school):
    PupilFactory.create_batch(55, school=school)
    first = client_for(senco).get(register_url(school))
    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = client_for(senco).get(register_url(school, page=2))
    assert len(second.context["page"].object_list) == 5
    shown_first = {s.pupil_id for s in first.context["page"]}
    assert shown_first.isdisjoint(s.pupil_id for s in second.context["page"])


def test_a_page_past_the_end_shows_the_last_page(client_for, senco, school):
    PupilFactory.create_batch(55, school=school)
    past = client_for(senco).get(register_url(school, page=9))
    assert past.context["page"].number == 2
    assert len(past.context["page"].object_list) == 5
    assert past.context["summary"]["total"] == 55


def test_a_page_that_is_not_a_number_shows_the_first(client_for, senco, school):
    PupilFactory.create_batch(3, school=school)
    page = client_for(senco).get(register_url(school, page="two"))
    assert page.context["page"].number == 1
    assert len(page.context["page"].object_list) == 3


def test_an_empty_register_says_so(client_for, senco, school):
    page = client_for(senco).get(register_url(school)).content.decode()
    assert "0 pupils</strong>" in page
    assert "No pupils match these filters" in page


def test_levels_are_shown_with_their_meaning_never_bare(client_for, senco, school, ava):
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=datetime.date(2025, 10, 1))
    page = client_for(senco).get(register_url(school)).content.decode()
    assert "Regular additional support" in page


@pytest.mark.parametrize("pupil_count", [3, 80])
def test_the_register_page_runs_a_fixed_number_of_queries(
    client_for, senco, school, django_assert_num_queries, pupil_count
):
    pupils = PupilFactory.create_batch(pupil_count, school=school)
    for pupil in pupils:
        NeedAssessmentFactory(pupil=pupil, level=2)
    client = client_for(senco)
    # session, user, school, memberships, the filter's broad areas, the school's revision,
    # the summary counts (the pages are counted from its total), the page's standings with
    # their pupils, level descriptors, the filter's choices of class.
    with django_assert_num_queries(10):
        response = client.get(register_url(school))
    # Looked at again with nothing changed: the SENCO sees the whole school, and its counts
    # and the page's rows are kept.
    with django_assert_num_queries(7):
        response = client.get(register_url(school))
    assert response.status_code == 200


def test_the_register_counts_a_change_on_the_next_look(client_for, senco, school):
    pupil = PupilFactory(school=school)
    NeedAssessmentFactory(pupil=pupil, level=2)
    client = client_for(senco)
    assert client.get(register_url(school)).context["summary"]["total"] == 1
    NeedAssessmentFactory(pupil=PupilFactory(school=school), level=3)
    assert client.get(register_url(school)).context["summary"]["total"] == 2


def test_a_levels_meaning_changed_shows_on_every_schools_register(client_for, senco, school):
    from pupils.models import LevelDescriptor

    NeedAssessmentFactory(pupil=PupilFactory(school=school), level=3)
    client = client_for(senco)
    client.get(register_url(school))
    LevelDescriptor.objects.filter(level=3).update(title="Kept apart")
    descriptor = LevelDescriptor.objects.get(level=3)
    descriptor.title = "Targeted support, renamed"
    descriptor.save()
    assert "Targeted support, renamed" in client.get(register_url(school)).content.decode()


def test_a_teachers_register_counts_are_counted_on_each_look(
    client_for, teacher, school, class_8b, django_assert_num_queries
):
    for pupil in PupilFactory.create_batch(3, school=school, class_group=class_8b):
        NeedAssessmentFactory(pupil=pupil, level=2)
    client = client_for(teacher)
    client.get(register_url(school))
    # A teacher sees only their pupils, and who those are can change without the records
    # changing (a class given to someone else): never kept, no revision read.
    with django_assert_num_queries(9) as looked:
        response = client.get(register_url(school))
    assert not any("schoolrevision" in query["sql"] for query in looked.captured_queries)
    assert response.context["summary"]["total"] == 3


@pytest.fixture
def long_history(ava):
    return give_long_history(ava)


def test_the_pupil_record_shows_the_grid_needs_and_history(client_for, senco, long_history):
    page = client_for(senco).get(reverse("pupil_record", args=[long_history.pk])).content.decode()
    assert long_history.upn in page
    assert "Cognition and learning" in page
    assert "Identified neurological, genetic or medical needs" in page
    assert "Agreed with parents after the review." in page
    assert "Specific learning difficulty (SPLD)" in page
    assert "Issued 1 March 2024" in page
    # every term's assessment is kept and shown in the timeline, the oldest too
    assert page.count("Grid assessed:") == 12
    assert "<strong>1 September 2022</strong>: Grid assessed:" in page


@pytest.mark.parametrize(("with_history", "queries"), [(False, 13), (True, 17)])
def test_the_pupil_record_runs_a_fixed_number_of_queries(
    client_for, senco, ava, request, django_assert_num_queries, with_history, queries
):
    if with_history:
        request.getfixturevalue("long_history")
    client = client_for(senco)
    # session, user, pupil (with school and class, and the school's revision, read first: a
    # look again reads no more than this and the log, test_record_kept), memberships (the
    # SENCO's role settles what they may do: no parent links are read); the access log
    # entry; which of the lists most pupils have none of the pupil has rows of; assessments
    # (the whole history), needs, the standing's periods (today's code and the status
    # history), level descriptors, strands, what each level means on each strand, support
    # plans. The long history adds its criteria, decisions and EHC plan (and so the EHC
    # plan's annual reviews), however many assessments it has.
    with django_assert_num_queries(queries):
        response = client.get(reverse("pupil_record", args=[ava.pk]))
    assert response.status_code == 200


def test_a_pupil_with_one_of_everything_reads_each_list_once(
    client_for, senco, ava, django_assert_num_queries
):
    shown = give_one_of_everything(ava)
    client = client_for(senco)
    # As above, and each list of SELDOM_HELD read (nine), with the EHC plan's annual reviews:
    # the most a record reads, one more than before the empty lists were skipped.
    with django_assert_num_queries(23):
        page = client.get(reverse("pupil_record", args=[ava.pk])).content.decode()
    for text in shown.values():
        assert text in page


def test_a_list_the_pupil_has_no_rows_of_is_not_read(client_for, senco, ava):
    with CaptureQueriesContext(connection) as looked:
        client_for(senco).get(reverse("pupil_record", args=[ava.pk]))
    read = " ".join(
        query["sql"] for query in looked.captured_queries if "EXISTS" not in query["sql"]
    )
    for table in ("pupildocument", "sentemail", "specialistinvolvement", "leveltwocriterion"):
        assert f'FROM "support_plans_{table}"' not in read
        assert f'FROM "pupils_{table}"' not in read


@pytest.mark.parametrize("assessments", [1, 30])
def test_the_record_of_a_pupil_at_sen_support_runs_two_more_for_what_is_due(
    client_for, senco, ava, django_assert_num_queries, assessments
):
    for n in range(assessments):
        NeedAssessmentFactory(
            pupil=ava, level=3, assessed_on=datetime.date(2024, 9, 1) + datetime.timedelta(n)
        )
    client = client_for(senco)
    # As above, and the two register checks behind "What is due now": the support plan in
    # force and the contact with parents.
    with django_assert_num_queries(15):
        response = client.get(reverse("pupil_record", args=[ava.pk]))
    assert "What is due now" in response.content.decode()


@pytest.mark.parametrize("pupil_count", [2, 40])
def test_the_teacher_home_runs_a_fixed_number_of_queries(
    client_for, teacher, school, class_8b, django_assert_num_queries, pupil_count
):
    for pupil in PupilFactory.create_batch(pupil_count, school=school, class_group=class_8b):
        NeedAssessmentFactory(pupil=pupil, level=3)
    client = client_for(teacher)
    # session, user, school, memberships, the standings of the teacher's pupils with the
    # pupils, descriptors
    with django_assert_num_queries(6):
        response = client.get(reverse("school_home", args=[school.urn]))
    assert len(response.context["my_pupils"]) == pupil_count


def test_the_teacher_home_leads_with_the_pupils_who_have_needs(
    client_for, teacher, school, class_8b
):
    with_needs, without = PupilFactory.create_batch(2, school=school, class_group=class_8b)
    NeedAssessmentFactory(pupil=with_needs, level=3)
    response = client_for(teacher).get(reverse("school_home", args=[school.urn]))
    listed = [standing.pupil for standing in response.context["my_pupils"]]
    assert listed == [with_needs]
    page = response.content.decode()
    assert "Census code" not in page  # a teacher's home speaks of needs, not returns


@pytest.mark.parametrize("pupil_count", [2, 40])
def test_the_senco_home_runs_a_fixed_number_of_queries(
    client_for, senco, school, django_assert_num_queries, pupil_count
):
    for pupil in PupilFactory.create_batch(pupil_count, school=school):
        NeedAssessmentFactory(pupil=pupil, level=3)
    client = client_for(senco)
    # session, user, school, memberships, the school's revision, broad areas, the counts of
    # the day's standings, pupils at K (for the parent-contact checks), their parent
    # contacts, the soonest plan reviews due and how many in all, EHC plans in force, the
    # year groups' codes
    with django_assert_num_queries(13):
        response = client.get(reverse("school_home", args=[school.urn]))
    # Looked at again with nothing changed: the picture kept from the first look.
    with django_assert_num_queries(5):
        response = client.get(reverse("school_home", args=[school.urn]))
    picture = response.context["picture"]
    assert picture["codes"] == [("E", 0), ("K", pupil_count), ("N", 0)]

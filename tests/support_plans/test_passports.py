"""Pupil passports: a page a pupil from the plan in force (what I am good at, what I find
hard, what helps me, how to talk to me), printed for one pupil or for a teaching group as one
PDF; for the people who may print the plan, and for the group's own staff."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sen_register.core.models import AccessLogEntry
from tests.factories import OutcomeFactory, PupilFactory, SupportPlanFactory
from tests.pages import main_of

PASSPORT = {
    "strengths": "Drawing and building things",
    "finds_hard": "Long instructions and noisy rooms",
    "helps_me": "One step at a time, written on a card",
    "talk_to_me": "Say my name first and give me time to answer",
}


def pages_of(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture
def ava_plan(ava):
    return SupportPlanFactory(pupil=ava, **PASSPORT)


@pytest.fixture
def set_with_plans(maths_set, ava_plan, school):
    """The maths set: Ava (plan in force), Ben (plan in force), Cal (no plan)."""
    ben = PupilFactory(school=school, legal_forename="Ben", legal_surname="Adams")
    SupportPlanFactory(pupil=ben, finds_hard="Reading aloud")
    cal = PupilFactory(school=school, legal_forename="Cal", legal_surname="Brook")
    maths_set.members.add(ben, cal)
    return maths_set


def test_one_pupil_s_passport_holds_the_four_parts_on_one_page(client_for, teacher, ava_plan):
    response = client_for(teacher).get(reverse("passport_pdf", args=[ava_plan.pk]))
    reader, pages = pages_of(response)
    assert len(pages) == 1
    for words in PASSPORT.values():
        assert words in pages[0]
    assert reader.metadata.title == f"Pupil passport: {ava_plan.pupil.display_name}"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged, like every PDF


def test_a_group_s_passports_are_one_pdf_a_page_each_pupil_with_a_plan(
    client_for, assistant, school, set_with_plans
):
    url = reverse("group_passports", args=[school.urn, set_with_plans.pk])
    _, pages = pages_of(client_for(assistant).get(url))
    assert len(pages) == 2  # Cal has no plan in force
    assert "Adams" in pages[0] and "Reading aloud" in pages[0]  # by surname
    assert "Long instructions and noisy rooms" in pages[1]
    assert "Brook" not in " ".join(pages)


def test_each_pupil_in_a_group_download_has_it_in_their_access_log(
    client_for, subject_teacher, school, set_with_plans, ava
):
    url = reverse("group_passports", args=[school.urn, set_with_plans.pk])
    client_for(subject_teacher).get(url)
    logged = AccessLogEntry.objects.filter(download=True, user=subject_teacher)
    assert sorted(logged.values_list("pupil__legal_forename", flat=True)) == ["Ava", "Ben"]


def test_a_group_with_no_plan_in_force_says_so_instead_of_an_empty_pdf(
    client_for, senco, school, class_9c, noah
):
    response = client_for(senco).get(reverse("group_passports", args=[school.urn, class_9c.pk]))
    assert response.status_code == 200
    assert "No passports to print for 9C" in response.content.decode()
    assert not AccessLogEntry.objects.filter(download=True).exists()


def test_a_teacher_prints_only_the_groups_they_teach(client_for, teacher, school, set_with_plans):
    url = reverse("group_passports", args=[school.urn, set_with_plans.pk])
    assert client_for(teacher).get(url).status_code == 403  # Ava's form teacher, not her set's


def test_teachers_read_the_passport_beside_the_strategies(client_for, assistant, school, ava_plan):
    page = client_for(assistant).get(reverse("my_pupils", args=[school.urn])).content.decode()
    assert PASSPORT["talk_to_me"] in page
    assert reverse("passport_pdf", args=[ava_plan.pk]) in page
    assert "Passports for 8M2 (PDF)" in page


def test_a_new_plan_starts_from_the_last_passport(client_for, senco, ava, ava_plan):
    client_for(senco).post(reverse("plan_new", args=[ava.pk]), {"kind": "sen_support"})
    draft = ava.support_plans.get(state="draft")
    assert (draft.finds_hard, draft.helps_me, draft.talk_to_me) == (
        PASSPORT["finds_hard"],
        PASSPORT["helps_me"],
        PASSPORT["talk_to_me"],
    )


@pytest.mark.parametrize("pupil_count", [2, 30])
def test_my_pupils_runs_a_fixed_number_of_queries(
    client_for, assistant, school, maths_set, django_assert_num_queries, pupil_count
):
    for pupil in PupilFactory.create_batch(pupil_count, school=school):
        maths_set.members.add(pupil)
        OutcomeFactory(plan=SupportPlanFactory(pupil=pupil, **PASSPORT))
    client = client_for(assistant)
    # session, user, memberships, the school, the school's revision; the standings of the
    # assistant's pupils with the pupils, plans in force, their outcomes, level descriptors,
    # the groups to print passports for.
    with django_assert_num_queries(10):
        response = client.get(reverse("my_pupils", args=[school.urn]))
    assert response.content.decode().count("Passport (PDF)") == pupil_count
    # A look again, with nothing changed, is the list kept (pages.kept_pages).
    with django_assert_num_queries(5):
        again = client.get(reverse("my_pupils", args=[school.urn]))
    assert main_of(again) == main_of(response)

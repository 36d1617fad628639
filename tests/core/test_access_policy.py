"""The action tables of docs/who-sees-what.md, asked of the policy directly for each persona.

Ava is in the teacher's form, in the maths set of the subject teacher and the teaching
assistant, and is the parent's child."""

import pytest

from sen_register.core import access

PUPIL_ACTIONS = {
    # action: senco, teacher, subject teacher, teaching assistant, head, parent, officer,
    # other school's SENCO
    "view_record": (True, True, True, True, True, False, False, False),
    "edit_sen_record": (True, False, False, False, False, False, False, False),
    "add_review_note": (True, True, True, True, False, False, False, False),
    "see_drafts_and_staff_notes": (True, True, True, True, True, False, False, False),
    "download_plan_pdf": (True, True, True, True, True, True, False, False),
    "send_views_before_review": (False, False, False, False, False, True, False, False),
    "parent_pages": (False, False, False, False, False, True, False, False),
    "read_shared_documents": (True, True, True, True, True, True, False, False),
    "read_staff_documents": (True, True, True, True, True, False, False, False),
    "evidence_pack": (True, False, False, False, True, False, False, False),
    "read_access_log": (True, False, False, False, True, False, False, False),
    "edit_details": (True, False, False, False, True, False, False, False),
}
SCHOOL_ACTIONS = {
    "view_school_home": (True, True, True, True, True, False, True, False),
    "view_register": (True, True, True, True, True, False, False, False),
    "census": (True, False, False, False, True, False, False, False),
    "aggregates": (True, False, False, False, True, False, True, False),
    "provision_map": (True, False, False, False, True, False, False, False),
    "ehc_calendar": (True, False, False, False, False, False, False, False),
    "import_register": (True, False, False, False, False, False, False, False),
    "transfer_pupils": (True, False, False, False, False, False, False, False),
    "school_details": (True, False, False, False, True, False, False, False),
    "my_pupils": (False, True, True, True, False, False, False, False),
    "add_pupils": (True, False, False, False, True, False, False, False),
    "manage_staff": (True, False, False, False, True, False, False, False),
    "manage_groups": (True, False, False, False, True, False, False, False),
    "moderate": (False, False, False, False, False, False, True, False),
    "moderation_outcomes": (True, False, False, False, False, False, False, False),
}
# Ava's form (8B) and her maths set (8M2), each asked of every persona.
GROUP_ACTIONS = {
    "group_passports": {
        "8B": (True, True, False, False, True, False, False, False),
        "8M2": (True, False, True, True, True, False, False, False),
    },
}
PERSONAS = [
    "senco",
    "teacher",
    "subject_teacher",
    "assistant",
    "head",
    "parent",
    "officer",
    "other_senco",
]


def test_the_tables_here_cover_every_action_of_the_policy():
    assert set(PUPIL_ACTIONS) == set(access.PUPIL_ACTIONS)
    assert set(SCHOOL_ACTIONS) == set(access.SCHOOL_ACTIONS)
    assert set(GROUP_ACTIONS) == set(access.GROUP_ACTIONS)


@pytest.mark.parametrize("action", GROUP_ACTIONS)
def test_who_may_act_on_a_teaching_group(personas, ava, maths_set, action):
    for group in (ava.class_group, maths_set):
        got = tuple(
            bool(
                access.group_capacities(getattr(personas, p), group) & access.GROUP_ACTIONS[action]
            )
            for p in PERSONAS
        )
        assert got == GROUP_ACTIONS[action][group.name], group.name


@pytest.mark.parametrize("action", PUPIL_ACTIONS)
def test_who_may_act_on_a_pupil(personas, ava, action):
    got = tuple(access.can(getattr(personas, p), action, ava) for p in PERSONAS)
    assert got == PUPIL_ACTIONS[action]


@pytest.mark.parametrize("action", SCHOOL_ACTIONS)
def test_who_may_act_at_a_school(personas, school, action):
    got = tuple(access.can_at_school(getattr(personas, p), action, school) for p in PERSONAS)
    assert got == SCHOOL_ACTIONS[action]


def test_a_teacher_cannot_see_a_pupil_outside_their_classes(personas, noah):
    assert not access.can_see_pupil(personas.teacher, noah)
    assert not access.can(personas.teacher, "add_review_note", noah)


def test_an_officer_sees_no_pupil_by_name(personas, school, ava, noah):
    from pupils.models import Pupil

    assert not Pupil.objects.visible_to(personas.officer).exists()
    assert not Pupil.objects.visible_to(personas.anonymous).exists()


def test_visible_pupils_follow_the_capacities(personas, school, ava, noah):
    from pupils.models import Pupil

    def visible(user):
        return set(Pupil.objects.visible_to(user).values_list("legal_forename", flat=True))

    assert visible(personas.senco) == {"Ava", "Noah"}
    assert visible(personas.head) == {"Ava", "Noah"}
    assert visible(personas.teacher) == {"Ava"}
    assert visible(personas.subject_teacher) == {"Ava"}
    assert visible(personas.assistant) == {"Ava"}
    assert visible(personas.parent) == {"Ava"}
    assert visible(personas.other_senco) == set()


def test_only_the_senco_and_head_see_the_whole_school(personas, school):
    got = tuple(access.sees_whole_school(getattr(personas, p), school) for p in PERSONAS)
    assert got == (True, False, False, False, True, False, False, False)


def test_a_deactivated_account_holds_nothing(personas, ava):
    from django.contrib.auth import get_user_model

    senco = get_user_model().objects.get(pk=personas.senco.pk)
    senco.is_active = False
    assert not access.can_see_pupil(senco, ava)


def test_a_teacher_who_stops_being_a_teacher_at_the_school_loses_their_class(personas, ava):
    from django.contrib.auth import get_user_model

    personas.teacher.memberships.all().delete()
    teacher = get_user_model().objects.get(pk=personas.teacher.pk)
    assert not access.can_see_pupil(teacher, ava)


def test_a_teacher_sees_a_pupil_through_any_group_they_teach_not_only_the_form(personas, noah):
    from tests.factories import ClassGroupFactory

    science = ClassGroupFactory(school=noah.school, name="9Sc1", kind="class")
    science.teachers.add(personas.subject_teacher)
    assert not access.can_see_pupil(personas.subject_teacher, noah)
    science.members.add(noah)
    teacher = type(personas.subject_teacher).objects.get(pk=personas.subject_teacher.pk)
    assert access.can(teacher, "add_review_note", noah)
    assert not access.can(teacher, "edit_sen_record", noah)


def test_a_teaching_assistant_never_edits_the_register(personas, ava):
    assert access.can(personas.assistant, "view_record", ava)
    assert not access.can(personas.assistant, "edit_sen_record", ava)
    assert not access.can(personas.assistant, "edit_details", ava)


def test_a_group_link_at_a_school_where_the_user_holds_no_teaching_role_shows_nothing(
    personas, ava
):
    personas.assistant.memberships.update(role="officer")
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(pk=personas.assistant.pk)
    assert not access.can_see_pupil(officer, ava)

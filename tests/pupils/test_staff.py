"""The SENCO and head keep the school's staff in the browser: invitations by email with roles,
roles changed or ended, group links, and the staff history of each change."""

import pytest
from django.urls import reverse

from sen_register.core.models import StaffChange, User


def invite(client, school, **values):
    data = {"email": "new.teacher@hillside.test", "first_name": "Nia", "last_name": "Rees"}
    data.update(values)
    return client.post(reverse("staff_invite", args=[school.urn]), data)


def test_an_invited_teacher_gets_an_account_the_role_and_an_email_to_choose_a_password(
    client_for, senco, school, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(senco), school, roles=["teacher", "assistant"])
    assert response.status_code == 302
    user = User.objects.get(email="new.teacher@hillside.test")
    assert not user.has_usable_password()
    assert set(user.memberships.values_list("role", flat=True)) == {"teacher", "assistant"}
    (mail,) = [m for m in mailoutbox if m.to == [user.email]]
    assert "/accounts/invitation/" in mail.body
    assert "teacher and teaching assistant" in mail.body
    change = StaffChange.objects.get()
    assert (change.what, change.by_name) == (
        "Invited as teacher and teaching assistant",
        str(senco),
    )


def test_an_invitation_without_a_role_changes_nothing_and_says_what_is_missing(
    client_for, senco, school
):
    response = invite(client_for(senco), school, roles=[])
    assert response.status_code == 200
    assert "Choose at least one role." in response.content.decode()
    assert not User.objects.filter(email="new.teacher@hillside.test").exists()


def test_a_parents_account_is_never_made_staff(client_for, senco, school, parent):
    response = invite(client_for(senco), school, email=parent.email, roles=["teacher"])
    assert "is a parent's account" in response.context["form"].errors["email"][0]
    assert not parent.memberships.exists()
    assert not StaffChange.objects.exists()


def test_the_staff_page_shows_roles_groups_and_who_has_a_second_factor(
    client_for, senco, teacher, school, django_assert_max_num_queries
):
    client = client_for(senco)  # signing in sets up the SENCO's authenticator
    with django_assert_max_num_queries(8):
        response = client.get(reverse("staff", args=[school.urn]))
    members = {m.user.email: m for m in response.context["members"]}
    assert members[senco.email].second_factor
    assert not members[teacher.email].second_factor
    assert [g.name for g in members[teacher.email].groups] == ["8B"]


@pytest.mark.parametrize("count", [1, 20])
def test_the_staff_page_asks_the_same_number_of_queries_however_many_staff(
    client_for, senco, school, count, django_assert_num_queries
):
    from tests.factories import MembershipFactory

    for _ in range(count):
        MembershipFactory(school=school, role="teacher")
    client = client_for(senco)
    client.get(reverse("staff", args=[school.urn]))
    # session, user, memberships, school; the staff with their
    # authenticators, their roles here, their groups here
    with django_assert_num_queries(7):
        client.get(reverse("staff", args=[school.urn]))


def test_ending_a_role_and_a_group_link_is_kept_in_the_staff_history(
    client_for, senco, teacher, school, class_8b, client
):
    url = reverse("staff_member", args=[school.urn, teacher.pk])
    response = client_for(senco).post(url, {"roles": ["assistant"], "groups": [class_8b.pk]})
    assert response.status_code == 302
    assert set(teacher.memberships.values_list("role", flat=True)) == {"assistant"}
    history = [c.what for c in StaffChange.objects.order_by("id")]
    assert history == ["Given the role of teaching assistant", "Role of teacher ended"]
    page = client.get(reverse("staff_changes", args=[school.urn])).content.decode()
    assert "Role of teacher ended" in page


def test_nobody_ends_their_own_roles(client_for, senco, school):
    url = reverse("staff_member", args=[school.urn, senco.pk])
    response = client_for(senco).post(url, {"roles": ["teacher"]})
    assert "You cannot end your own roles" in response.content.decode()
    assert set(senco.memberships.values_list("role", flat=True)) == {"senco"}


def test_the_schools_only_senco_or_head_cannot_be_removed(senco, school):
    from pupils import staff

    administrator = User.objects.create_superuser(email="it@hillside.test")
    with pytest.raises(staff.StaffError, match="only SENCO or headteacher"):
        staff.remove(school=school, member=senco, by=administrator)
    assert senco.memberships.filter(role="senco").exists()
    assert not StaffChange.objects.exists()


def test_removing_a_teacher_unlinks_their_groups_and_ends_what_they_see(
    client_for, senco, teacher, school, ava
):
    response = client_for(senco).post(reverse("staff_remove", args=[school.urn, teacher.pk]))
    assert response.status_code == 302
    assert not teacher.memberships.exists()
    assert not teacher.taught_class_groups.exists()
    assert StaffChange.objects.filter(what="Removed from the school (was teacher)").exists()
    assert client_for(teacher).get(reverse("pupil_record", args=[ava.pk])).status_code == 404


def test_a_member_of_staff_without_a_teaching_role_is_linked_to_no_group(
    client_for, senco, teacher, school, class_8b
):
    url = reverse("staff_member", args=[school.urn, teacher.pk])
    client_for(senco).post(url, {"roles": ["head"], "groups": [class_8b.pk]})
    assert not teacher.taught_class_groups.exists()
    assert StaffChange.objects.filter(what="Unlinked from 8B").exists()

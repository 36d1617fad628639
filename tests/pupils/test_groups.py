"""Teaching groups: a pupil in many groups, kept in the browser and by a groups file (CSV or
.xlsx, our headings or an MIS class list's), all or nothing."""

import pytest
from django.urls import reverse

from pupils import groups_file
from pupils.models import ClassGroup
from pupils.register_file import RegisterFileError
from sen_register.core.models import StaffChange
from tests.factories import MembershipFactory, PupilFactory
from tests.register_files import csv_bytes, xlsx_bytes


@pytest.fixture
def science_teacher(school):
    return MembershipFactory(school=school, role="teacher", user__email="sci@hillside.test").user


def import_groups(client, school, raw, name="groups.csv", **data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, raw)
    return client.post(reverse("groups_import", args=[school.urn]), {"file": upload, **data})


@pytest.mark.parametrize("as_bytes", [csv_bytes, xlsx_bytes])
def test_a_class_list_places_pupils_and_links_their_teacher(
    client_for, senco, school, ava, noah, science_teacher, as_bytes
):
    header = ["Class", "UPN", "Teacher Email"]
    rows = [
        {"Class": "9Sc1", "UPN": noah.upn, "Teacher Email": science_teacher.email},
        {"Class": "9Sc1", "UPN": ava.upn, "Teacher Email": ""},
    ]
    response = import_groups(client_for(senco), school, as_bytes(rows, header))
    assert response.context["summary"].lines == [
        "1 group added: 9Sc1",
        "2 pupils placed in groups",
        "1 link of staff to groups made",
    ]
    group = ClassGroup.objects.get(name="9Sc1")
    assert group.kind == "class"
    assert set(group.members.all()) == {ava, noah}
    assert list(group.teachers.all()) == [science_teacher]
    assert StaffChange.objects.get().what == "Linked to 9Sc1 (groups file)"
    # The science teacher now sees Noah, whose form they do not teach.
    assert (
        client_for(science_teacher).get(reverse("pupil_record", args=[noah.pk])).status_code == 200
    )


def test_a_groups_file_with_any_problem_changes_nothing_and_names_each(
    client_for, senco, school, ava
):
    header = ["group", "upn", "staff_email", "kind"]
    rows = [
        {"group": "8M2", "upn": ava.upn, "kind": "set"},
        {"group": "8M2", "upn": "A123456789012"},
        {"group": "8M2", "staff_email": "nobody@hillside.test"},
        {"group": "", "upn": ava.upn},
        {"group": "8Sp", "upn": ava.upn, "kind": "club"},
    ]
    response = import_groups(client_for(senco), school, csv_bytes(rows, header))
    errors = response.context["errors"]
    assert errors[0] == (
        "row 3, column upn: A123456789012 is not a pupil of this school (import them first)"
    )
    assert errors[1] == (
        "row 4, column staff_email: nobody@hillside.test is not a teacher or teaching "
        "assistant here (invite them first)"
    )
    assert errors[2] == "row 5, column group: a group name is required"
    assert errors[3].startswith("row 6, column kind: 'club' is not a kind of group")
    assert not ClassGroup.objects.filter(name__in=["8M2", "8Sp"]).exists()


def test_replace_makes_each_named_group_hold_exactly_the_file(school, senco, ava, noah):
    group = ClassGroup.objects.create(school=school, name="8M2", kind="set")
    group.members.add(ava, noah)
    wanted = groups_file.read(
        school, csv_bytes([{"group": "8M2", "upn": noah.upn}], ["group", "upn"])
    )
    summary = groups_file.apply(school, wanted, replace=True, by=senco)
    assert list(group.members.all()) == [noah]
    assert summary.removed == 1
    groups_file.apply(school, wanted, replace=False, by=senco)
    assert list(group.members.all()) == [noah]


def test_a_file_without_a_group_column_is_refused(school):
    with pytest.raises(RegisterFileError) as refused:
        groups_file.read(school, b"upn,teacher\r\nA,B\r\n")
    assert "row 1, column group: required column is missing" in refused.value.errors


def test_pupils_are_added_to_a_group_a_year_at_a_time_in_the_browser(client_for, senco, school):
    ada = PupilFactory(school=school, nc_year="8", legal_forename="Ada")
    PupilFactory(school=school, nc_year="9", legal_forename="Olu")
    group = ClassGroup.objects.create(school=school, name="8 Nurture", kind="intervention")
    url = reverse("group", args=[school.urn, group.pk])
    client = client_for(senco)
    offered = client.get(url + "?year=8").context["members"].fields["add"].queryset
    assert list(offered) == [ada]
    response = client.post(url + "?year=8", {"save_members": "1", "add": [ada.pk]})
    assert response.status_code == 302
    assert list(group.members.all()) == [ada]
    assert not client.get(url + "?year=8").context["members"].fields["add"].queryset
    response = client.post(url, {"save_members": "1"})
    assert "Choose pupils to add or to take out of the group." in response.content.decode()


def test_a_group_name_is_unique_in_the_school(client_for, senco, school, class_8b):
    response = client_for(senco).post(
        reverse("group_add", args=[school.urn]), {"name": "8b", "kind": "class"}
    )
    assert response.context["form"].errors["name"] == ["The school already has a group called 8b."]

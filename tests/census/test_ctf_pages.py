"""The SENCO's CTF pages in the browser: choose leaving pupils and download their file;
upload a joining pupil's file and see what came in, or every problem in it."""

import pytest
from django.urls import reverse

from census.returns import census_standings
from pupils.models import Pupil, TransferIn
from sen_register.core.models import AccessLogEntry
from tests.census.test_ctf import JOINED, hand_written
from tests.factories import MembershipFactory, PupilFactory, SENNeedFactory


def test_a_senco_downloads_the_ctf_of_the_pupils_they_choose(client_for, senco, school, ava, noah):
    SENNeedFactory(pupil=ava)
    response = client_for(senco).post(
        reverse("ctf_leaving", args=[school.urn]), {"pupils": [ava.pk], "to": "3734002"}
    )

    assert response["Content-Disposition"] == ('attachment; filename="3734001_CTF_3734002_001.xml"')
    assert ava.upn.encode() in response.content and noah.upn.encode() not in response.content
    logged = AccessLogEntry.objects.get(download=True)
    assert (logged.pupil, logged.what) == (ava, "Common Transfer File 3734001_CTF_3734002_001.xml")


def test_a_leaving_file_with_no_pupil_chosen_says_so(client_for, senco, school, ava):
    response = client_for(senco).post(reverse("ctf_leaving", args=[school.urn]), {"to": "37"})
    page = response.content.decode()
    assert "Choose at least one pupil to write the file for." in page
    assert "A LAESTAB is seven digits" in page
    assert not AccessLogEntry.objects.filter(download=True).exists()


def test_a_school_without_a_laestab_is_told_why_it_cannot_write_one(client_for, senco, school):
    school.laestab = ""
    school.save()
    page = client_for(senco).get(reverse("ctf_leaving", args=[school.urn])).content.decode()
    assert "has no LAESTAB on the register" in page


@pytest.mark.parametrize("pupil_count", [3, 60])
def test_the_leaving_page_runs_a_fixed_number_of_queries(
    client_for, senco, school, django_assert_num_queries, pupil_count
):
    PupilFactory.create_batch(pupil_count, school=school)
    client = client_for(senco)
    # session, user, school, memberships, whether there are pupils,
    # the pupils to choose from.
    with django_assert_num_queries(6):
        response = client.get(reverse("ctf_leaving", args=[school.urn]))
    assert response.content.decode().count('name="pupils"') == pupil_count


def upload(client, school, raw, **data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("ctf_joining", args=[school.urn]),
        {"file": SimpleUploadedFile("in.xml", raw, "application/xml"), "joined_on": JOINED, **data},
    )


@pytest.fixture
def other_senco_signed_in(client_for, other_school):
    senco = MembershipFactory(school=other_school, role="senco").user
    return client_for(senco)


def test_a_joining_pupils_ctf_is_imported_from_the_page(other_senco_signed_in, other_school):
    response = upload(other_senco_signed_in, other_school, hand_written())

    page = response.content.decode()
    assert "SEN history is in." in page
    assert "Pupils added: 1" in page
    (row,) = census_standings(other_school, JOINED)
    assert (row.code, row.sen_type_1, row.decision_transferred) == ("K", "SEMH", True)
    assert TransferIn.objects.get(pupil_id=row.pupil_id).received_by is not None


def test_checking_a_ctf_adds_nothing(other_senco_signed_in, other_school):
    page = upload(other_senco_signed_in, other_school, hand_written(), check_only="on")
    assert "The file is good; nothing has been added yet." in page.content.decode()
    assert not Pupil.objects.filter(school=other_school).exists()


def test_a_malformed_ctf_lists_each_problem_and_adds_nothing(other_senco_signed_in, other_school):
    page = upload(other_senco_signed_in, other_school, hand_written(need="DYSL")).content.decode()
    assert "Nothing was imported: 1 problem in the file" in page
    assert "&lt;SENtype&gt;: &#x27;DYSL&#x27; is not one of the DfE&#x27;s SEN types" in page
    assert not Pupil.objects.filter(school=other_school).exists()

"""After a file passes its check, it is imported with one more click: the file is kept for the
person who checked it, for an hour, and goes once imported."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pupils.models import CheckedRegisterFile, Pupil
from sen_register.core.models import Membership, Role, User
from tests.register_files import csv_bytes, pupil_row


@pytest.fixture
def check(client_for, senco, school):
    def check_file(rows, user=senco):
        upload = SimpleUploadedFile("autumn.csv", csv_bytes(rows), "text/csv")
        return client_for(user).post(
            reverse("register_import", args=[school.urn]), {"file": upload, "dry_run": "on"}
        )

    return check_file


def kept_id(response):
    return re.search(r'name="checked" value="(\d+)"', response.content.decode()).group(1)


def import_kept(client, school, kept):
    return client.post(reverse("register_import", args=[school.urn]), {"checked": kept})


def test_a_checked_file_is_imported_without_choosing_it_again(check, client_for, senco, school):
    checked = check([pupil_row(1), pupil_row(2)])
    assert "Import autumn.csv now" in checked.content.decode()
    assert not Pupil.objects.exists()
    done = import_kept(client_for(senco), school, kept_id(checked))
    assert "autumn.csv is imported" in done.content.decode()
    assert Pupil.objects.count() == 2
    assert not CheckedRegisterFile.objects.exists()  # gone once imported


def test_a_kept_file_is_imported_once(check, client_for, senco, school):
    kept = kept_id(check([pupil_row(1)]))
    import_kept(client_for(senco), school, kept)
    again = import_kept(client_for(senco), school, kept)
    assert "The checked file is no longer kept" in again.content.decode()
    assert Pupil.objects.count() == 1


def test_a_kept_file_is_only_for_the_person_who_checked_it(check, client_for, school):
    kept = kept_id(check([pupil_row(1)]))
    other_senco = User.objects.create_user(email="second.senco@hillside.test", password="x" * 12)
    Membership.objects.create(user=other_senco, school=school, role=Role.SENCO)
    refused = import_kept(client_for(other_senco), school, kept)
    assert "The checked file is no longer kept" in refused.content.decode()
    assert not Pupil.objects.exists()
    assert CheckedRegisterFile.objects.count() == 1  # still there for the SENCO


def test_a_kept_file_is_gone_after_an_hour(check, client_for, senco, school):
    kept = kept_id(check([pupil_row(1)]))
    CheckedRegisterFile.objects.update(checked_at=timezone.now() - timedelta(minutes=61))
    late = import_kept(client_for(senco), school, kept)
    assert "Choose the file again" in late.content.decode()
    assert not Pupil.objects.exists() and not CheckedRegisterFile.objects.exists()


def test_a_file_that_fails_its_check_is_not_kept(check):
    failed = check([pupil_row(1, nc_year="15")])
    assert "Import autumn.csv now" not in failed.content.decode()
    assert not CheckedRegisterFile.objects.exists()


def test_a_second_check_replaces_the_first_kept_file(check):
    check([pupil_row(1)])
    check([pupil_row(2)])
    assert CheckedRegisterFile.objects.count() == 1


def test_a_made_up_kept_file_number_is_refused_plainly(client_for, senco, school):
    refused = import_kept(client_for(senco), school, "not-a-number")
    assert refused.status_code == 200
    assert "Choose the file again" in refused.content.decode()

"""Uploads cost what a good file costs: a request too large is refused before its body is
read, a file of too many rows or problems is cut short with a count, and two imports at one
school at once never both write."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from census.mis import MISFileError, read_mis_codes
from pupils import register_file
from pupils.models import Pupil, RegisterImportRun
from pupils.register_file import MAX_LISTED, RegisterFileError
from pupils.register_import import RegisterImport
from sen_register.core.models import School
from tests.register_files import csv_bytes, pupil_row


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body of an oversized request was read")

    readline = read


def test_a_request_larger_than_any_form_needs_is_refused_unread(
    client_for, senco, school, settings
):
    url = reverse("register_import", args=[school.urn])
    response = client_for(senco).generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "The file is too large" in response.content.decode()
    assert not Pupil.objects.exists()


def test_a_request_within_the_limit_is_read_as_usual(client_for, senco, school):
    url = reverse("register_import", args=[school.urn])
    upload = SimpleUploadedFile("r.csv", csv_bytes([pupil_row(1)]), "text/csv")
    response = client_for(senco).post(url, {"file": upload})
    assert response.status_code == 200
    assert Pupil.objects.count() == 1


def test_a_file_of_more_rows_than_any_register_is_refused_naming_the_limit(school, monkeypatch):
    monkeypatch.setattr(register_file, "MAX_ROWS", 40)
    rows = [pupil_row(n) for n in range(1, 60)]
    with pytest.raises(RegisterFileError) as refused:
        RegisterImport(school, csv_bytes(rows)).run()
    assert refused.value.errors == [
        "row 42, column -: the file has more than 40 rows, more than any school's register; "
        "check that it is the right file"
    ]
    assert not Pupil.objects.exists()


def test_too_many_rows_is_the_first_problem_named_however_many_others(school, monkeypatch):
    monkeypatch.setattr(register_file, "MAX_ROWS", 300)
    junk = [pupil_row(n, nc_year="99") for n in range(1, 400)]
    with pytest.raises(RegisterFileError) as refused:
        RegisterImport(school, csv_bytes(junk)).run()
    assert refused.value.errors[0].startswith("row 302, column -: the file has more than 300")
    assert refused.value.errors[-1] == "and 201 more problems"


def test_a_junk_file_lists_a_hundred_problems_and_counts_the_rest(client_for, senco, school):
    junk = [pupil_row(n, nc_year="99") for n in range(1, 1502)]
    url = reverse("register_import", args=[school.urn])
    upload = SimpleUploadedFile("junk.csv", csv_bytes(junk), "text/csv")
    page = client_for(senco).post(url, {"file": upload}).content.decode()
    assert "Nothing was imported: 1,501 problems" in page
    assert page.count("is not a NC year") == MAX_LISTED
    assert "and 1,401 more problems" in page


def test_an_mis_file_of_junk_lists_a_hundred_problems_and_counts_the_rest():
    junk = "upn,sen_provision\n" + "nonsense,Q\n" * 3000
    with pytest.raises(MISFileError) as refused:
        read_mis_codes(junk.encode())
    assert len(refused.value.errors) == MAX_LISTED + 1
    assert refused.value.errors[-1] == "and 5,900 more problems"


def test_an_import_while_another_is_under_way_is_refused_with_a_clear_message(
    client_for, senco, school
):
    RegisterImportRun.objects.create(school=school, started_by="head@hillside.test")
    url = reverse("register_import", args=[school.urn])
    upload = SimpleUploadedFile("r.csv", csv_bytes([pupil_row(1)]), "text/csv")
    page = client_for(senco).post(url, {"file": upload}).content.decode()
    assert "Another register import for this school is under way" in page
    assert "head@hillside.test" in page
    assert not Pupil.objects.exists()


def test_an_import_cut_off_long_ago_does_not_block_the_next(school):
    from django.utils import timezone

    run = RegisterImportRun.objects.create(school=school)
    RegisterImportRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - timezone.timedelta(hours=2)
    )
    RegisterImport(school, csv_bytes([pupil_row(1)])).run()
    assert Pupil.objects.count() == 1
    assert not RegisterImportRun.objects.exists()


def test_a_refused_import_leaves_no_mark_that_it_is_running(school):
    with pytest.raises(RegisterFileError):
        RegisterImport(school, csv_bytes([pupil_row(1, nc_year="99")])).run()
    assert not RegisterImportRun.objects.exists()
    RegisterImport(school, csv_bytes([pupil_row(1)])).run()
    assert Pupil.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_imports_of_one_file_at_once_add_each_pupil_once():
    school = School.objects.create(urn="107009", name="Race School")
    rows = [pupil_row(n) for n in range(1, 400)]
    # Pupils' details only: a transactional test starts without the grid's strands.
    data = csv_bytes(rows, header=list(rows[0]))
    outcomes, start = [], threading.Barrier(2)

    def send():
        start.wait()
        try:
            RegisterImport(school, data).run()
            outcomes.append("imported")
        except RegisterFileError as refusal:
            outcomes.append(refusal.errors[0].split(" (")[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "imported" in outcomes
    assert set(outcomes) <= {"imported", "Another register import for this school is under way"}
    assert Pupil.objects.filter(school=school).count() == 399

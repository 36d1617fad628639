"""After an import, one link leads to the register showing exactly the pupils it changed:
added, updated or given new records, and not the pupils it left alone."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pupils.upn import make_upn
from tests.factories import PupilFactory
from tests.register_files import csv_bytes, pupil_row


def send(client, school, rows, **extra):
    upload = SimpleUploadedFile("spring.csv", csv_bytes(rows), "text/csv")
    return client.post(reverse("register_import", args=[school.urn]), {"file": upload, **extra})


def changed_link(response):
    found = re.search(r'href="([^"]*changed_since=[^"]*)"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


@pytest.fixture
def imported_once(client_for, senco, school):
    """Two pupils imported earlier; one of them is changed by the next file."""
    client = client_for(senco)
    send(client, school, [pupil_row(1), pupil_row(2)])
    return client


def test_the_link_shows_the_pupils_an_import_added_or_changed(imported_once, school):
    untouched = PupilFactory(school=school, upn=make_upn(373, 4001, 50), legal_forename="Untouched")
    rows = [pupil_row(1, legal_surname="Renamed"), pupil_row(3, assessed_on="2025-10-01")]
    rows[1]["ssg_hearing"] = "3"
    done = send(imported_once, school, rows)
    link = changed_link(done)
    assert link and link.startswith(reverse("register", args=[school.urn]))
    page = imported_once.get(link).content.decode()
    assert "Forename1 Renamed" in page and "Forename3 Surname3" in page
    assert "Surname2" not in page  # in the first file only
    assert untouched.display_name not in page
    assert "Only pupils whose details or SEN records changed since" in page


def test_a_check_gives_no_link_because_nothing_changed(client_for, senco, school):
    checked = send(client_for(senco), school, [pupil_row(1)], dry_run="on")
    assert changed_link(checked) is None


def test_a_made_up_moment_is_a_clear_filter_error_not_a_crash(client_for, senco, school):
    url = reverse("register", args=[school.urn]) + "?changed_since=yesterday-ish"
    assert client_for(senco).get(url).status_code == 200

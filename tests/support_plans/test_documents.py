"""Documents kept with a pupil's record: type read from the content, size-limited, stored
through the storage API, staff-only or shared with parents, every download logged, in the
evidence pack's index and the subject access export, and gone from the store on erasure."""

import datetime
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from data_protection.retention import erase_pupils
from data_protection.subject_access import subject_access_zip
from sen_register.core.models import AccessLogEntry
from support_plans.models import PupilDocument

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def docx_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def add(client, pupil, content, name="report.pdf", **extra):
    data = {
        "title": "Educational psychology report",
        "dated": "2026-10-01",
        "upload": SimpleUploadedFile(name, content),
        **extra,
    }
    return client.post(reverse("document_add", args=[pupil.pk]), data)


def test_a_pdf_is_kept_under_a_random_name_and_opened_by_staff(client_for, senco, teacher, ava):
    response = add(client_for(senco), ava, PDF)
    assert response.status_code == 302
    document = PupilDocument.objects.get()
    assert (document.content_type, document.size) == ("application/pdf", len(PDF))
    assert ava.legal_surname not in document.file.name and default_storage.exists(
        document.file.name
    )
    opened = client_for(teacher).get(reverse("document", args=[ava.pk, document.pk]))
    assert opened.content == PDF and opened["Content-Type"] == "application/pdf"
    assert AccessLogEntry.objects.filter(pupil=ava, download=True, user=teacher).exists()


def test_a_word_document_is_recognised_by_its_content(client_for, senco, ava):
    add(client_for(senco), ava, docx_bytes(), name="letter.bin")
    assert PupilDocument.objects.get().download_name == "educational-psychology-report.docx"


def test_a_file_that_is_not_a_kept_kind_is_refused_whatever_its_name(client_for, senco, ava):
    response = add(client_for(senco), ava, b"MZ\x90\x00 not a pdf", name="report.pdf")
    assert "report.pdf is not a PDF, an image (PNG or JPEG) or a Word document" in str(
        response.context["form"].errors["upload"]
    )
    assert not PupilDocument.objects.exists()


def test_a_file_over_the_limit_is_refused_with_its_size(client_for, senco, ava, settings):
    settings.SEN_DOCUMENT_MAX_BYTES = 1024 * 1024
    response = add(client_for(senco), ava, PDF + b"0" * (1024 * 1536))
    assert response.context["form"].errors["upload"] == [
        "report.pdf is 1.5 MB; the largest the register keeps is 1 MB."
    ]
    assert not PupilDocument.objects.exists()


def test_parents_open_only_what_is_shared_with_them(client_for, senco, parent, ava):
    client = client_for(senco)
    add(client, ava, PDF, title="Shared letter", shared_with_parents="on")
    add(client, ava, PDF, title="Staff only note")
    shared = PupilDocument.objects.get(title="Shared letter")
    staff_only = PupilDocument.objects.get(title="Staff only note")
    as_parent = client_for(parent)
    page = as_parent.get(reverse("child", args=[ava.pk])).content.decode()
    assert "Shared letter" in page and "Staff only note" not in page
    assert as_parent.get(reverse("document", args=[ava.pk, shared.pk])).status_code == 200
    assert as_parent.get(reverse("document", args=[ava.pk, staff_only.pk])).status_code == 404


def test_the_evidence_pack_lists_them_and_the_export_holds_them(client_for, senco, ava):
    add(client_for(senco), ava, PDF)
    archive = zipfile.ZipFile(io.BytesIO(subject_access_zip(ava)))
    stored = [n for n in archive.namelist() if n.startswith("documents/")]
    assert len(stored) == 1 and archive.read(stored[0]) == PDF


def test_erasure_takes_the_stored_files_with_the_records(client_for, senco, ava):
    add(client_for(senco), ava, PDF)
    name = PupilDocument.objects.get().file.name
    erase_pupils([ava], school=ava.school, reason="test", run_by="test")
    assert not default_storage.exists(name)


def test_a_document_dated_in_the_future_is_refused(client_for, senco, ava):
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = add(client_for(senco), ava, PDF, dated=future)
    assert response.context["form"].errors["dated"] == [
        "The document's date cannot be in the future."
    ]

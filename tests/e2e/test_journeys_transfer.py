"""Pupils moving school, and what the census asks of the school, in a real browser on the demo
school: the school's details, a pupil's top-up funding, a Common Transfer File written for a
leaving pupil and read back in (refused first when it is for another school)."""

import re

import pytest
from playwright.sync_api import expect

from demo.seed import DEMO_URN
from pupils.models import Pupil, TopUpFunding, TransferIn
from sen_register.core.models import School
from tests.e2e.conftest import check_page, fill, open_and_check
from tests.e2e.test_journeys_records import save, senco_page  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_census_details_and_top_up_funding(senco_page):  # noqa: F811
    page = senco_page
    page.goto(f"/schools/{DEMO_URN}/census/")
    open_and_check(page, "Change the school's details", "senco-school-details")
    fill(page, {"has_sen_unit": True})
    save(page)
    expect(page.get_by_text("The school's details are saved")).to_be_visible()
    assert School.objects.get(urn=DEMO_URN).has_sen_unit

    pupil = Pupil.objects.filter(school__urn=DEMO_URN, sen_needs__isnull=False).first()
    page.goto(f"/pupils/{pupil.pk}/")
    open_and_check(page, "Top-up funding", "senco-top-up")
    save(page, "Record it")  # nothing given: the error summary names what is missing
    check_page(page, "senco-top-up-errors")
    fill(page, {"starts_on": "2026-09-01", "band": "Band C"})
    save(page, "Record it")
    expect(page.get_by_text(re.compile("^Top-up funding for .* is recorded"))).to_be_visible()
    assert TopUpFunding.objects.get(pupil=pupil).band == "Band C"


def download_ctf(page, pupil, to):
    page.goto(f"/schools/{DEMO_URN}/ctf/leaving/")
    page.locator(f"input[name='pupils'][value='{pupil.pk}']").check()
    fill(page, {"to": to})
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the CTF").click()
    return download.value


def test_a_leaving_pupils_ctf_written_and_read_back(senco_page, tmp_path):  # noqa: F811
    page = senco_page
    pupil = Pupil.objects.filter(school__urn=DEMO_URN, sen_needs__isnull=False).first()
    page.goto(f"/schools/{DEMO_URN}/census/")
    open_and_check(page, "Pupils leaving: write a Common Transfer File", "senco-ctf-leaving")
    elsewhere = download_ctf(page, pupil, "3734998")
    assert elsewhere.suggested_filename == "3734999_CTF_3734998_001.xml"
    elsewhere.save_as(tmp_path / elsewhere.suggested_filename)

    page.goto(f"/schools/{DEMO_URN}/census/")
    open_and_check(page, "Pupils joining: import a Common Transfer File", "senco-ctf-joining")
    page.set_input_files("input[name='file']", tmp_path / elsewhere.suggested_filename)
    page.get_by_role("button", name="Import the CTF").click()
    expect(page.get_by_text(re.compile("the file is for LAESTAB 3734998"))).to_be_visible()
    check_page(page, "senco-ctf-joining-refused")
    assert not TransferIn.objects.exists()

    unknown = download_ctf(page, pupil, "")
    assert unknown.suggested_filename == "3734999_CTF_MMMMMMM_001.xml"
    unknown.save_as(tmp_path / unknown.suggested_filename)
    page.goto(f"/schools/{DEMO_URN}/ctf/joining/")
    page.set_input_files("input[name='file']", tmp_path / unknown.suggested_filename)
    page.get_by_role("button", name="Import the CTF").click()
    expect(
        page.get_by_text("The pupils’ SEN history is in.").or_(
            page.get_by_text("The pupils' SEN history is in.")
        )
    ).to_be_visible()
    check_page(page, "senco-ctf-joining-imported")
    assert TransferIn.objects.get().pupil == pupil

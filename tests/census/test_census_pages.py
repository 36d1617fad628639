import datetime

import pytest
from django.urls import reverse

from census.models import CensusSnapshot
from census.returns import census_standings
from census.snapshots import SnapshotExists, snapshot_compare, snapshot_freeze
from pupils.models import Pupil
from pupils.upn import make_upn
from tests.census.conftest import AUTUMN, CENSUS_DAY, strand
from tests.factories import EHCPlanFactory, NeedAssessmentFactory, PupilFactory, SENNeedFactory

SUMMER = datetime.date(2026, 5, 21)


def census_url(school, on=CENSUS_DAY):
    return f"{reverse('census', args=[school.urn])}?date={on}"


def test_the_census_page_counts_codes_and_need_types(client_for, senco, school, census_school):
    page = client_for(senco).get(census_url(school))
    assert page.status_code == 200
    assert page.context["codes"] == [("E", 1, 0.2), ("K", 2, 0.4), ("N", 2, 0.4)]
    assert page.context["need_types"] == [("ASD", 1, 0), ("OTH", 1, 0), ("SPLD", 1, 0)]
    html = page.content.decode()
    assert "15 January 2026: 5 pupils on roll" in html
    # the unclear case links to the pupil to look at
    assert reverse("pupil_record", args=[census_school["dev"].pk]) in html


def test_the_census_page_defaults_to_the_next_census_day(client_for, head, school):
    page = client_for(head).get(reverse("census", args=[school.urn]))
    assert page.context["on"] == page.context["upcoming"].on


def test_a_bad_date_says_so_and_shows_the_next_census_day(client_for, senco, school):
    page = client_for(senco).get(reverse("census", args=[school.urn]) + "?date=2026-02-30")
    assert page.context["on"] == page.context["upcoming"].on
    assert "Enter a valid date." in page.content.decode()


@pytest.mark.parametrize("pupil_count", [5, 120])
def test_the_census_page_runs_a_fixed_number_of_queries(
    client_for, senco, school, django_assert_num_queries, pupil_count
):
    for pupil in PupilFactory.create_batch(pupil_count, school=school):
        NeedAssessmentFactory(
            pupil=pupil, strand=strand("cognition_learning"), level=3, assessed_on=AUTUMN
        )
        SENNeedFactory(pupil=pupil, recorded_on=AUTUMN)
    EHCPlanFactory(pupil=pupil, issued_on=AUTUMN)
    client = client_for(senco)
    # session, user, school, memberships, the school's revision; every pupil's standing
    # with its pupil, needs; EHC plans in force (annual reviews); current assessments over a
    # year old (stale levels); plan checks: plans in force with their last review, parent
    # contacts; top-up funding in force (query 1990); the last census frozen before the day
    # with its EHC plans (term on term); snapshots. A GET writes nothing.
    with django_assert_num_queries(14):
        response = client.get(census_url(school))
    # Looked at again with nothing changed: the figures kept from the first look.
    with django_assert_num_queries(6):
        response = client.get(census_url(school))
    assert response.context["pupil_count"] == pupil_count


def test_a_long_list_of_one_rules_findings_shows_the_first_and_links_to_all(
    client_for, senco, school
):
    pupils = PupilFactory.create_batch(30, school=school)
    for pupil in pupils:  # K with no need type: DfE error 2170, thirty times
        NeedAssessmentFactory(
            pupil=pupil, strand=strand("cognition_learning"), level=3, assessed_on=AUTUMN
        )
    client = client_for(senco)
    page = client.get(census_url(school)).content.decode()
    assert "The first 25 of 30." in page
    assert f"{census_url(school)}&amp;rule=2170#rule-2170" in page
    assert sum(f"/pupils/{p.pk}/" in page for p in pupils) == 25

    everything = client.get(census_url(school) + "&rule=2170").content.decode()
    assert "rule=2170#rule-2170" not in everything  # the other rules' lists stay short
    assert all(f"/pupils/{p.pk}/" in everything for p in pupils)


def test_the_csv_download_is_the_export(client_for, head, school, census_school):
    response = client_for(head).get(
        reverse("census_export_csv", args=[school.urn]) + f"?date={CENSUS_DAY}"
    )
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="census-{school.urn}-{CENSUS_DAY}.csv"'
    )
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("upn,legal_surname")
    assert len(lines) == 6


def test_the_xml_download_is_the_export(client_for, senco, school, census_school):
    response = client_for(senco).get(
        reverse("census_export_xml", args=[school.urn]) + f"?date={CENSUS_DAY}"
    )
    body = b"".join(response.streaming_content).decode()
    assert body.count("<Pupil>") == 5
    assert response["Content-Type"] == "application/xml"


def test_a_download_without_a_date_is_refused_with_a_reason(client_for, senco, school):
    response = client_for(senco).get(reverse("census_export_csv", args=[school.urn]))
    assert response.status_code == 400
    assert b"YYYY-MM-DD" in response.content


def test_freezing_keeps_the_census_as_it_was(client_for, senco, school, census_school):
    response = client_for(senco).post(
        reverse("census_freeze", args=[school.urn]), {"date": CENSUS_DAY, "confirm": "on"}
    )
    snapshot = CensusSnapshot.objects.get()
    assert response.url == reverse("snapshot", args=[school.urn, snapshot.pk])
    assert snapshot.frozen_by == senco
    # The records change after the census was sent...
    dev = census_school["dev"]
    NeedAssessmentFactory(
        pupil=dev, strand=strand("speech_language"), level=4, assessed_on=CENSUS_DAY
    )
    Pupil.objects.filter(pk=census_school["beth"].pk).update(legal_surname="Renamed")
    # ...but the frozen census shows the return exactly as sent.
    rows = {
        r.legal_forename: (r.legal_surname, r.sen_provision, r.basis) for r in snapshot.rows.all()
    }
    assert rows["Dev"] == ("Test", "N", "level 2, no criteria recorded")
    assert rows["Beth"] == ("Test", "K", "level 3 in Cognition and learning")
    page = (
        client_for(senco).get(reverse("snapshot", args=[school.urn, snapshot.pk])).content.decode()
    )
    assert "level 2, no criteria recorded" in page


def test_freezing_needs_confirmation_and_says_so(client_for, senco, school, census_school):
    response = client_for(senco).post(
        reverse("census_freeze", args=[school.urn]), {"date": CENSUS_DAY}
    )
    assert not CensusSnapshot.objects.exists()
    html = response.content.decode()
    # In the error summary, linked to the box, and beside the box itself.
    summary = html[html.index('class="govuk-error-summary"') :]
    assert '<a href="#freeze_confirm">Tick the box to confirm' in summary
    assert 'id="freeze_confirm_error"' in html
    assert response.context["on"] == CENSUS_DAY


def test_a_census_day_is_frozen_once(client_for, senco, school, census_school):
    snapshot_freeze(school=school, on=CENSUS_DAY, user=senco)
    with pytest.raises(SnapshotExists):
        snapshot_freeze(school=school, on=CENSUS_DAY, user=senco)
    response = client_for(senco).post(
        reverse("census_freeze", args=[school.urn]),
        {"date": CENSUS_DAY, "confirm": "on"},
        follow=True,
    )
    assert "already frozen" in response.content.decode()
    assert CensusSnapshot.objects.count() == 1


def test_a_frozen_census_downloads_as_csv(client_for, head, school, census_school):
    snapshot = snapshot_freeze(school=school, on=CENSUS_DAY, user=head)
    response = client_for(head).get(reverse("snapshot_export_csv", args=[school.urn, snapshot.pk]))
    live = client_for(head).get(
        reverse("census_export_csv", args=[school.urn]) + f"?date={CENSUS_DAY}"
    )
    assert b"".join(response.streaming_content) == b"".join(live.streaming_content)


def test_comparing_two_censuses_lists_who_moved_and_why(client_for, senco, school, census_school):
    spring = snapshot_freeze(school=school, on=CENSUS_DAY, user=senco)
    NeedAssessmentFactory(
        pupil=census_school["dev"],
        strand=strand("speech_language"),
        level=3,
        assessed_on=datetime.date(2026, 3, 1),
    )
    census_school["ella"].left_on = datetime.date(2026, 4, 1)
    census_school["ella"].save()
    summer = snapshot_freeze(school=school, on=SUMMER, user=senco)
    movements, counts = snapshot_compare(spring, summer)
    assert [(m.name, m.before, m.after, m.after_basis) for m in movements] == sorted(
        [
            ("Dev Test", "N", "K", "level 3 in Speech, language and communication"),
            ("Ella Test", "N", "", "not on roll"),
        ],
        key=lambda m: next(
            p.upn for p in census_school.values() if p.legal_forename == m[0].split()[0]
        ),
    )
    assert counts == {("N", "K"): 1, ("N", ""): 1}
    page = client_for(senco).get(
        reverse("snapshot_compare", args=[school.urn]) + f"?earlier={spring.pk}&later={summer.pk}"
    )
    assert "2 pupils changed code" in page.content.decode()


def test_comparing_in_the_wrong_order_is_refused(client_for, senco, school, census_school):
    spring = snapshot_freeze(school=school, on=CENSUS_DAY, user=senco)
    summer = snapshot_freeze(school=school, on=SUMMER, user=senco)
    page = client_for(senco).get(
        reverse("snapshot_compare", args=[school.urn]) + f"?earlier={summer.pk}&later={spring.pk}"
    )
    assert page.context["movements"] is None
    assert "Choose an earlier census first" in page.content.decode()


def mis_upload(client, school, text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("mis_compare", args=[school.urn]),
        {"date": CENSUS_DAY, "file": SimpleUploadedFile("mis.csv", text.encode(), "text/csv")},
    )


def test_comparing_with_the_mis_lists_differences_and_writes_nothing(
    client_for, senco, school, census_school
):
    p = census_school
    stranger = make_upn(373, 4001, 999)
    text = "upn,sen_provision\n" + "\n".join(
        [
            f"{p['amir'].upn},E",
            f"{p['beth'].upn},K",
            f"{p['cara'].upn},N",  # register: K
            f"{p['dev'].upn},K",  # register: N
            f"{stranger},K",  # not on the register
        ]
    )  # Ella (N) is missing from the MIS file
    before = (Pupil.objects.count(), CensusSnapshot.objects.count())
    response = mis_upload(client_for(senco), school, text)
    found = [(m.upn, m.mis_code, m.derived_code) for m in response.context["mismatches"]]
    assert sorted(found) == sorted(
        [
            (p["cara"].upn, "N", "K"),
            (p["dev"].upn, "K", "N"),
            (stranger, "K", ""),
        ]
    )  # Ella, at N, missing from the MIS file is no difference
    assert (
        "level 2 with criterion: identified neurological, genetic or medical needs"
        in response.content.decode()
    )
    assert (Pupil.objects.count(), CensusSnapshot.objects.count()) == before


def test_a_bad_mis_file_names_every_bad_row(client_for, senco, school, census_school):
    text = "upn,sen_provision\nA373400100002,K\n" + f"{census_school['amir'].upn},X\n"
    response = mis_upload(client_for(senco), school, text)
    assert response.context["file_errors"] == [
        "row 2, column upn: 'A373400100002' is not a valid UPN: the check letter does not match "
        "the rest of the number",
        "row 3, column sen_provision: 'X' is not N, K or E",
    ]
    assert response.context["mismatches"] is None


def test_the_pupil_page_and_register_show_the_code_and_its_reason(
    client_for, senco, school, census_school
):
    client = client_for(senco)
    record = client.get(reverse("pupil_record", args=[census_school["cara"].pk])).content.decode()
    assert "K</strong> SEN support" in record  # the code with its meaning
    assert "level 2 with criterion: identified neurological, genetic or medical needs" in record
    register = client.get(reverse("register", args=[school.urn])).content.decode()
    assert "EHC plan issued 1 March 2024" in register


def test_findings_name_the_pupil_and_link_to_their_record(client_for, senco, school, census_school):
    html = client_for(senco).get(census_url(school)).content.decode()
    dev = census_school["dev"]
    assert f'<a href="{reverse("pupil_record", args=[dev.pk])}">{dev.display_name}</a>' in html


def test_need_types_and_rules_are_spelled_out_beside_their_codes(
    client_for, senco, school, census_school
):
    html = client_for(senco).get(census_url(school)).content.decode()
    assert "Specific learning difficulty (SPLD)" in html
    assert "Autistic spectrum disorder (ASD)" in html
    assert "Support grid: level 2 with no reason recorded for SEN support" in html


def test_every_rule_a_check_can_give_is_explained():
    """Each rule number written in a check module has its meaning in words."""
    import inspect
    import re

    from census import plan_checks, validation

    source = inspect.getsource(validation) + inspect.getsource(plan_checks)
    named = set(re.findall(r'"(\d{4}|(?:SSG|COP)-[A-Z0-9.]+)"', source))
    assert {"2125", "2190", "SSG-L2", "COP-6.65"} <= named
    assert {rule for rule in named if not validation.rule_title(rule)} == set()


def test_the_mis_comparison_finds_need_types_and_ranks_that_differ(
    client_for, senco, school, census_school
):
    p = census_school
    held = {
        row.pupil.upn: (row.code, row.sen_type_1, row.sen_type_2)
        for row in census_standings(school, CENSUS_DAY)
    }
    lines = ["upn,sen_provision,sen_type_1,sen_type_2"]
    for upn, (code, first, second) in held.items():
        lines.append(f"{upn},{code},{first},{second}")
    agreeing = mis_upload(client_for(senco), school, "\n".join(lines))
    assert agreeing.context["mismatches"] == []
    amir = p["amir"].upn
    code, first, second = held[amir]
    swapped = [line for line in lines if not line.startswith(amir)]
    swapped.append(f"{amir},{code},{second or 'OTH'},{first}")  # ranks the other way round
    response = mis_upload(client_for(senco), school, "\n".join(swapped))
    ((upn, what),) = [(m.upn, m.what) for m in response.context["mismatches"]]
    assert (upn, what) == (amir, "need types or their ranks")


def test_an_mis_need_type_that_is_not_a_dfe_code_is_named(client_for, senco, school, census_school):
    text = f"upn,sen_provision,sen_type_1\n{census_school['amir'].upn},E,DYSL\n"
    response = mis_upload(client_for(senco), school, text)
    assert response.context["file_errors"] == [
        "row 2, column sen_type_1: 'DYSL' is not one of the DfE's need types"
    ]

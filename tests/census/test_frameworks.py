"""Authorities' frameworks in the database: the shipped Buckinghamshire file loads, a school
switched to it is coded by its rules from then on (its pupils' standings worked out again in
the same transaction), and a framework file with problems changes nothing."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from census.framework_files import FrameworkFileError, load_framework, read_framework
from census.models import StandingPeriod
from pages.evidence_pack import evidence_pack_context
from pupils.models import BroadArea, LevelDescriptor, NeedAssessment, Strand, StrandDescriptor
from pupils.register_file import RegisterFileError, all_columns
from pupils.register_import import RegisterImport
from sen_register.core.models import Authority, Framework
from tests.census.conftest import BUCKINGHAMSHIRE
from tests.factories import NeedAssessmentFactory, ParentLinkFactory, PupilFactory
from tests.register_files import csv_bytes, pupil_row

AUTUMN = datetime.date(2025, 10, 2)
SPRING = datetime.date(2026, 1, 15)


def bucks_file():
    return json.loads(BUCKINGHAMSHIRE.read_text())


def bucks_strand(slug):
    return Strand.objects.get(framework__slug="buckinghamshire", slug=slug)


def sheffield_strand(slug):
    return Strand.objects.get(framework__slug="sheffield", slug=slug)


def basis_on(pupil, on=SPRING):
    return StandingPeriod.objects.on(on).get(pupil=pupil).basis


def test_the_shipped_buckinghamshire_framework_has_four_bands_in_four_areas(buckinghamshire):
    framework = buckinghamshire.framework
    assert (framework.rules, framework.top_level) == ("buckinghamshire", 4)
    titles = LevelDescriptor.objects.filter(framework=framework).values_list("title", flat=True)
    assert list(titles) == ["Universal support", "Record of concern", "SEN support", "EHC"]
    assert BroadArea.objects.filter(framework=framework).count() == 4
    assert StrandDescriptor.objects.filter(strand__framework=framework).count() == 16


def test_every_school_starts_under_sheffields_framework(school):
    assert school.authority.name == "Sheffield City Council"
    assert school.authority.framework.rules == "sheffield"
    assert Strand.objects.of(school).count() == 9


def test_a_school_switched_to_buckinghamshire_gets_codes_by_its_rules(school, buckinghamshire):
    ava = PupilFactory(school=school, joined_on=datetime.date(2024, 9, 1))
    NeedAssessmentFactory(
        pupil=ava, strand=sheffield_strand("speech_language"), level=3, assessed_on=AUTUMN
    )
    assert basis_on(ava) == "level 3 in Speech, language and communication"

    school.authority = buckinghamshire
    school.save()
    # Sheffield's levels mean nothing under Buckinghamshire's rules: until the school assesses
    # Ava on its new grid, the grid gives nothing.
    assert basis_on(ava) == "no assessment on the grid"
    assert Strand.objects.of(school).count() == 4

    NeedAssessmentFactory(
        pupil=ava, strand=bucks_strand("communication_interaction"), level=2, assessed_on=AUTUMN
    )
    assert basis_on(ava) == "record of concern in Communication and interaction"
    NeedAssessmentFactory(pupil=ava, strand=bucks_strand("semh"), level=3, assessed_on=AUTUMN)
    period = StandingPeriod.objects.on(SPRING).get(pupil=ava)
    assert (period.code, period.basis) == (
        "K",
        "SEN support in Social, emotional and mental health",
    )


def test_an_authority_given_another_framework_recodes_its_schools(school, buckinghamshire):
    ava = PupilFactory(school=school, joined_on=datetime.date(2024, 9, 1))
    sheffield = school.authority
    school.authority = buckinghamshire
    school.save()
    NeedAssessmentFactory(pupil=ava, strand=bucks_strand("semh"), level=3, assessed_on=AUTUMN)
    assert StandingPeriod.objects.on(SPRING).get(pupil=ava).code == "K"

    buckinghamshire.framework = sheffield.framework
    buckinghamshire.save()
    assert basis_on(ava) == "no assessment on the grid"


def test_a_school_that_keeps_its_framework_is_not_worked_out_again(
    school, django_assert_num_queries
):
    PupilFactory(school=school)
    school.name = "Hillside Academy"
    # the old authority read before saving, the save, the school's new revision (two)
    with django_assert_num_queries(4):
        school.save()


def test_the_record_and_the_grid_form_show_the_schools_framework(
    client_for, senco, school, buckinghamshire
):
    school.authority = buckinghamshire
    school.save()
    ava = PupilFactory(school=school)
    client = client_for(senco)
    form = client.get(reverse("assessment_add", args=[ava.pk])).content.decode()
    assert "Social, emotional and mental health" in form
    assert "Record of concern" in form
    assert "Hearing" not in form  # a Sheffield strand
    assert 'value="5"' not in form  # four bands only
    record = client.get(reverse("pupil_record", args=[ava.pk])).content.decode()
    assert "Sensory and/or physical" in record
    assert "Mental health" not in record


def test_a_file_naming_an_unknown_rule_set_changes_nothing(db):
    data = bucks_file() | {"slug": "elsewhere", "rules": "elsewhere"}
    with pytest.raises(FrameworkFileError, match='no rule set is called "elsewhere"'):
        read_framework(json.dumps(data))
    assert not Framework.objects.filter(slug="elsewhere").exists()


def test_a_file_with_a_missing_meaning_names_the_strand_and_level(db):
    data = bucks_file()
    data["areas"][2]["strands"][0]["meanings"][1] = " "
    data["levels"][0]["title"] = ""
    with pytest.raises(FrameworkFileError) as problem:
        read_framework(json.dumps(data))
    assert "area 3, strand 1: the meaning of level 2 is empty" in str(problem.value)
    assert "level 1: title is missing or empty" in str(problem.value)


def test_a_file_with_too_few_meanings_for_its_levels_is_refused(db):
    data = bucks_file()
    data["areas"][0]["strands"][0]["meanings"].pop()
    with pytest.raises(FrameworkFileError, match="meanings has 3 entries; the grid has 4 levels"):
        read_framework(json.dumps(data))


def test_a_file_that_is_not_json_says_so(db):
    with pytest.raises(FrameworkFileError, match="The file is not JSON"):
        read_framework(b"levels: 4")


def test_a_file_leaving_out_a_strand_pupils_may_stand_on_is_refused(buckinghamshire):
    data = bucks_file()
    data["areas"].pop()  # sensory and/or physical
    data["levels"][0]["title"] = "Everyday teaching"
    with pytest.raises(FrameworkFileError, match='area "sensory_physical", strand'):
        load_framework(read_framework(json.dumps(data)))
    # nothing changed: not even the wording the file gives
    assert LevelDescriptor.objects.get(framework__slug="buckinghamshire", level=1).title == (
        "Universal support"
    )


def test_loading_again_rewords_in_place_and_keeps_the_old_words(buckinghamshire):
    data = bucks_file()
    data["areas"][0]["strands"][0]["meanings"][0] = "Talks and listens as classmates do."
    load_framework(read_framework(json.dumps(data)))
    described = StrandDescriptor.objects.get(
        strand=bucks_strand("communication_interaction"), level=1
    )
    assert described.text == "Talks and listens as classmates do."
    assert described.history.count() == 2
    assert Strand.objects.filter(framework__slug="buckinghamshire").count() == 4


def test_load_framework_command_loads_a_file_and_names_its_authority(db, tmp_path):
    out = io.StringIO()
    call_command("load_framework", str(BUCKINGHAMSHIRE), "--authority", "Bucks", stdout=out)
    assert "Loaded the Buckinghamshire SEN support bands framework (4 levels" in out.getvalue()
    assert Authority.objects.get(name="Bucks").framework.slug == "buckinghamshire"


def test_load_framework_command_reports_problems_and_writes_nothing(db, tmp_path):
    bad = tmp_path / "grid.json"
    bad.write_text(json.dumps(bucks_file() | {"levels": []}))
    with pytest.raises(CommandError, match="levels must be a list with at least one entry"):
        call_command("load_framework", str(bad), stdout=io.StringIO())
    assert not Framework.objects.filter(slug="buckinghamshire").exists()


def test_the_record_offers_level_two_reasons_only_under_rules_that_take_them(
    client_for, senco, school, other_school, buckinghamshire
):
    other_school.authority = buckinghamshire
    other_school.save()
    sheffield_pupil = PupilFactory(school=school)
    bucks_pupil = PupilFactory(school=other_school)
    client = client_for(senco)
    record = client.get(reverse("pupil_record", args=[sheffield_pupil.pk])).content.decode()
    assert "Record a level-2 reason" in record
    senco.memberships.create(school=other_school, role="senco")
    record = client.get(reverse("pupil_record", args=[bucks_pupil.pk])).content.decode()
    assert "Record a level-2 reason" not in record
    assert "Reasons for SEN support at level 2" not in record


def test_a_level_two_reason_asked_for_under_rules_without_them_is_refused_and_says_why(
    client_for, senco, school, buckinghamshire
):
    school.authority = buckinghamshire
    school.save()
    ava = PupilFactory(school=school)
    url = reverse("criterion_add", args=[ava.pk])
    client = client_for(senco)
    asked = client.get(url, follow=True)
    assert asked.redirect_chain == [(reverse("pupil_record", args=[ava.pk]), 302)]
    assert "framework&#x27;s rules use no level-2 reasons" in asked.content.decode()
    sent = client.post(url, {"criterion": "medical", "recorded_on": "2026-01-15", "note": "x"})
    assert sent.status_code == 302
    assert not ava.level_two_criteria.exists()


def test_the_level_two_reason_form_names_the_schools_framework(client_for, senco, school):
    page = client_for(senco).get(reverse("criterion_add", args=[PupilFactory(school=school).pk]))
    assert "from the Sheffield Support Grid guidance" in page.content.decode()


def test_an_imported_level_above_the_frameworks_highest_is_refused_by_row_and_column(
    school, buckinghamshire
):
    school.authority = buckinghamshire
    school.save()
    header = all_columns([s.slug for s in Strand.objects.of(school)])
    band = {"assessed_on": "2026-01-15"}
    rows = [
        pupil_row(1, ssg_semh="4", **band),  # the EHC band: the highest
        pupil_row(2, ssg_cognition_learning="5", **band),  # a Sheffield level, not a band
    ]
    with pytest.raises(RegisterFileError) as refused:
        RegisterImport(school, csv_bytes(rows, header)).run()
    assert refused.value.errors == [
        "row 3, column ssg_cognition_learning: '5' is not a level (1 to 4, or blank)"
    ]
    assert not NeedAssessment.objects.exists()
    RegisterImport(school, csv_bytes(rows[:1], header)).run()
    assert NeedAssessment.objects.get().level == 4


def test_the_import_page_says_which_levels_the_schools_grid_has(
    client_for, senco, school, buckinghamshire
):
    def page():
        return client_for(senco).get(reverse("register_import", args=[school.urn]))

    assert "(1 to 5, the levels of your grid)" in page().content.decode()
    school.authority = buckinghamshire
    school.save()
    assert "(1 to 4, the levels of your grid)" in page().content.decode()


@pytest.fixture
def assessed_then_switched(school, buckinghamshire):
    """A pupil at level 5 on Sheffield's grid, whose school then moved to Buckinghamshire's
    four bands."""
    ava = PupilFactory(school=school)
    NeedAssessmentFactory(
        pupil=ava, strand=sheffield_strand("hearing"), level=5, assessed_on=AUTUMN
    )
    school.authority = buckinghamshire
    school.save()
    return ava


def test_a_level_from_a_grid_the_school_has_left_keeps_its_own_meaning_on_the_record(
    client_for, senco, assessed_then_switched
):
    sheffield_five = LevelDescriptor.objects.get(framework__slug="sheffield", level=5).title
    page = client_for(senco).get(reverse("pupil_record", args=[assessed_then_switched.pk]))
    assert page.status_code == 200
    assert f"Hearing level 5 ({sheffield_five})" in page.content.decode()


def test_the_evidence_pack_gives_each_level_the_meaning_of_its_own_grid(assessed_then_switched):
    context = evidence_pack_context(assessed_then_switched)
    [(assessment, meaning)] = context["assessments"]
    assert (meaning.framework.slug, meaning.level) == ("sheffield", 5)


def test_a_parent_sees_the_levels_of_the_schools_own_grid_only(client_for, assessed_then_switched):
    parent = ParentLinkFactory(pupil=assessed_then_switched).parent
    page = client_for(parent).get(reverse("child", args=[assessed_then_switched.pk]))
    assert page.status_code == 200
    assert "Hearing" not in page.content.decode()

"""Pupils moving school with their SEN history: the CTF written for leaving pupils and read
for joining ones (Code of Practice 6.57: the receiving school should know a pupil's SEN)."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from census.ctf_format import CTFError, read_ctf
from census.returns import census_standings
from census.transfers import ctf_import, destination_ref, logged_as, write_leaving_ctf
from census.validation import CensusContext, validate
from pupils.models import EHCPlan, Pupil, SencoDecision, SENNeed, TransferIn
from pupils.upn import make_upn
from sen_register.core.audit import log_command_export
from tests.census.conftest import strand
from tests.factories import (
    EHCPlanFactory,
    LevelTwoCriterionFactory,
    NeedAssessmentFactory,
    PupilFactory,
    SencoDecisionFactory,
    SENNeedFactory,
)

LAST_DAY = datetime.date(2026, 3, 27)  # the last day at the sending school
JOINED = datetime.date(2026, 4, 13)  # the first day at the receiving school


@pytest.fixture
def leavers(school):
    """Hillside pupils leaving on LAST_DAY, one for each way of reaching a code."""

    def make(forename, serial):
        return PupilFactory(
            school=school,
            legal_forename=forename,
            legal_surname="Mover",
            upn=make_upn(373, 4001, serial),
            left_on=LAST_DAY,
        )

    amir = make("Amir", 101)  # K from the grid, then an EHC plan: E, ASD and SLCN
    NeedAssessmentFactory(pupil=amir, strand=strand("social_communication"), level=3)
    EHCPlanFactory(pupil=amir, issued_on=datetime.date(2025, 11, 3))
    SENNeedFactory(pupil=amir, need_type="ASD", rank=1)
    SENNeedFactory(pupil=amir, need_type="SLCN", rank=2)
    beth = make("Beth", 102)  # level 2 with a criterion: K, SPLD
    NeedAssessmentFactory(pupil=beth, level=2)
    LevelTwoCriterionFactory(pupil=beth)
    SENNeedFactory(pupil=beth, need_type="SPLD", rank=1)
    cara = make("Cara", 103)  # the SENCO's decision of K over level 1: K, NSA
    NeedAssessmentFactory(pupil=cara, level=1)
    SencoDecisionFactory(pupil=cara, code="K")
    SENNeedFactory(pupil=cara, need_type="NSA", rank=1)
    dev = make("Dev", 104)  # K once, then off the register: N, need ended
    NeedAssessmentFactory(pupil=dev, level=3, assessed_on=datetime.date(2024, 9, 20))
    NeedAssessmentFactory(pupil=dev, level=1, assessed_on=datetime.date(2025, 9, 20))
    SENNeedFactory(
        pupil=dev,
        need_type="MLD",
        recorded_on=datetime.date(2024, 9, 20),
        ended_on=datetime.date(2025, 9, 20),
    )
    ella = make("Ella", 105)  # never on the register
    return [amir, beth, cara, dev, ella]


def exported(school, pupils, to="3734002"):
    return write_leaving_ctf(school, pupils, destination=destination_ref(to))


def coded(school, on):
    return {r.pupil.upn: (r.code, r.sen_type_1, r.sen_type_2) for r in census_standings(school, on)}


def test_a_round_trip_keeps_each_pupils_code_and_need_types(school, other_school, leavers):
    sent = coded(school, LAST_DAY)
    assert {code for code, *_ in sent.values()} == {"E", "K", "N"}
    _name, body = exported(school, leavers)

    ctf_import(school=other_school, raw=body, name="in.xml", joined_on=JOINED)

    for day in (JOINED, JOINED + datetime.timedelta(days=1), datetime.date(2026, 10, 1)):
        assert coded(other_school, day) == sent
    assert coded(other_school, JOINED - datetime.timedelta(days=1)) == {}


def test_sen_support_from_the_previous_school_holds_until_assessed_here(
    school, other_school, leavers
):
    beth = leavers[1]
    ctf_import(
        school=other_school, raw=exported(school, [beth])[1], name="in.xml", joined_on=JOINED
    )
    arrived = Pupil.objects.get(school=other_school, upn=beth.upn)
    row = census_standings(other_school, JOINED)[0]
    assert row.basis.startswith("SEN support at the previous school (Hillside School)")
    assert row.decision_transferred

    assessed_on = datetime.date(2026, 5, 6)
    NeedAssessmentFactory(pupil=arrived, level=1, assessed_on=assessed_on)

    assert coded(other_school, assessed_on - datetime.timedelta(days=1))[beth.upn][0] == "K"
    assert coded(other_school, assessed_on)[beth.upn][0] == "N"


def test_carried_over_support_is_listed_for_the_senco_to_assess(school, other_school, leavers):
    body = exported(school, leavers[1:3])[1]
    ctf_import(school=other_school, raw=body, name="in.xml", joined_on=JOINED)

    findings = validate(CensusContext.of_school(other_school, JOINED))

    transferred = [f for f in findings if f.rule == "SSG-TRANSFER"]
    assert sorted(f.upn for f in transferred) == sorted(p.upn for p in leavers[1:3])
    assert not [f for f in findings if f.rule == "SSG-DECISION"]


def test_an_ehc_plan_arrives_as_a_plan_marked_transferred(school, other_school, leavers):
    ctf_import(
        school=other_school, raw=exported(school, leavers[:1])[1], name="in.xml", joined_on=JOINED
    )
    plan = EHCPlan.objects.get(pupil__school=other_school)
    assert plan.issued_on == datetime.date(2025, 11, 3)
    assert plan.transfer.from_school == "Hillside School"
    assert not SencoDecision.objects.filter(pupil__school=other_school, withdrawn_on=None)


def test_a_pupil_already_on_the_register_keeps_their_details(school, other_school, leavers):
    beth = leavers[1]
    here = PupilFactory(school=other_school, upn=beth.upn, legal_forename="Elizabeth")

    summary = ctf_import(
        school=other_school, raw=exported(school, [beth])[1], name="in.xml", joined_on=JOINED
    )

    here.refresh_from_db()
    assert (summary.pupils_added, summary.pupils_matched) == (0, 1)
    assert here.legal_forename == "Elizabeth"
    assert here.transfers_in.get().from_laestab == "3734001"


def test_the_file_is_named_and_numbered_as_the_specification_says(school, leavers):
    name, _body = exported(school, leavers[:1])
    assert name == "3734001_CTF_3734002_001.xml"
    log_command_export(what=logged_as(name), school=school)
    assert exported(school, leavers[:1])[0] == "3734001_CTF_3734002_002.xml"
    assert exported(school, leavers[:1], to="")[0] == "3734001_CTF_MMMMMMM_001.xml"


def test_the_file_carries_the_header_and_sen_history_elements(school, leavers):
    root = ET.fromstring(exported(school, leavers[:1])[1])
    assert root.tag == "CTfile"
    assert root.findtext("Header/CTFversion") == "25.0"
    assert root.findtext("Header/SourceSchool/LEA") == "373"
    assert root.findtext("Header/SourceSchool/Estab") == "4001"
    assert root.findtext("Header/DestSchool/Estab") == "4002"
    pupil = root.find("CTFpupilData/Pupil")
    assert [(s.findtext("StartDate"), s.findtext("SENprovision")) for s in pupil.iter("SEN")] == [
        ("2025-09-20", "K"),
        ("2025-11-03", "E"),
    ]
    assert [
        (n.findtext("SENtypeRank"), n.findtext("SENtype"))
        for n in pupil.findall("SENhistory/SENneeds/SENneed")
    ] == [("1", "ASD"), ("2", "SLCN")]


HAND_WRITTEN = """<?xml version="1.0" encoding="UTF-8"?>
<CTfile>
  <Header>
    <DocumentName>Common Transfer File</DocumentName>
    <CTFversion>25.0</CTFversion>
    <DateTime>2026-03-27T15:04:00</DateTime>
    <DocumentQualifier>full</DocumentQualifier>
    <SupplierID>Another MIS</SupplierID>
    <SourceSchool>
      <LEA>373</LEA><Estab>2222</Estab><SchoolName>Brook Primary</SchoolName>
      <AcademicYear>2025</AcademicYear>
    </SourceSchool>
    <DestSchool><LEA>373</LEA><Estab>4002</Estab></DestSchool>
  </Header>
  <CTFpupilData>
    <Pupil>
      <UPN>{upn}</UPN>
      <Surname>Okafor</Surname>
      <Forename>Zara</Forename>
      <DOB>2014-02-11</DOB>
      <Sex>F</Sex>
      <BasicDetails><NCyearActual>6</NCyearActual></BasicDetails>
      <SENhistory>
        <SEN><StartDate>2023-01-09</StartDate><SENprovision>K</SENprovision></SEN>
        <SENneeds>
          <SENneed><SENtypeRank>1</SENtypeRank><SENtype>{need}</SENtype></SENneed>
        </SENneeds>
      </SENhistory>
    </Pupil>
  </CTFpupilData>
</CTfile>
"""


def hand_written(upn=None, need="SEMH"):
    return HAND_WRITTEN.format(upn=upn or make_upn(373, 2222, 7), need=need).encode()


def test_a_ctf_written_by_hand_from_the_element_names_imports(other_school):
    summary = ctf_import(school=other_school, raw=hand_written(), name="hand.xml", joined_on=JOINED)

    zara = Pupil.objects.get(school=other_school)
    assert (zara.legal_forename, zara.nc_year, zara.joined_on) == ("Zara", "6", JOINED)
    assert summary.sen_support_carried == 1
    assert coded(other_school, JOINED) == {zara.upn: ("K", "SEMH", "")}
    # A need written without dates holds from the start of the SEN provision it came with.
    assert SENNeed.objects.get(pupil=zara).recorded_on == datetime.date(2023, 1, 9)


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (b"this is not xml", "not well-formed XML"),
        (b"<SchoolCensus/>", "the root element is <SchoolCensus>"),
        (hand_written(need="DYSL"), "<SENtype>: 'DYSL' is not one of the DfE's SEN types"),
        (hand_written(upn="A12345"), "<UPN>: 'A12345' is not a valid UPN"),
        (
            hand_written().replace(b"<DOB>2014-02-11</DOB>", b"<DOB>11/02/2014</DOB>"),
            "pupil 1 (UPN",
        ),
        (
            hand_written().replace(b"<Estab>4002</Estab>", b"<Estab>9999</Estab>"),
            "<DestSchool>: the file is for LAESTAB 3739999",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><CTfile/>',
            "declares a DOCTYPE",
        ),
    ],
)
def test_a_malformed_ctf_is_refused_whole_naming_what_is_wrong(other_school, raw, named):
    with pytest.raises(CTFError) as refused:
        ctf_import(school=other_school, raw=raw, name="bad.xml", joined_on=JOINED)

    assert any(named in problem for problem in refused.value.problems), refused.value.problems
    assert not Pupil.objects.filter(school=other_school).exists()
    assert not TransferIn.objects.exists()


def test_every_problem_in_a_file_is_named_by_pupil_and_element():
    raw = hand_written(need="DYSL").replace(b"<Surname>Okafor</Surname>", b"")
    problems = None
    try:
        read_ctf(raw)
    except CTFError as refused:
        problems = refused.problems
    assert problems is not None
    assert any("<Surname>: missing or empty" in p for p in problems)
    assert any("<SENtype>" in p for p in problems)


def test_the_same_file_twice_is_refused_the_second_time(other_school):
    ctf_import(school=other_school, raw=hand_written(), name="hand.xml", joined_on=JOINED)

    with pytest.raises(CTFError, match="this file's SEN history was imported"):
        ctf_import(school=other_school, raw=hand_written(), name="hand.xml", joined_on=JOINED)
    assert SencoDecision.objects.count() == 1


def test_a_file_written_in_summer_time_is_known_the_second_time(other_school):
    summer = hand_written().replace(b"2026-03-27T15:04:00", b"2026-07-10T09:30:00")
    ctf_import(school=other_school, raw=summer, name="hand.xml", joined_on=JOINED)

    with pytest.raises(CTFError, match="this file's SEN history was imported"):
        ctf_import(school=other_school, raw=summer, name="hand.xml", joined_on=JOINED)


def test_a_dry_run_keeps_nothing(other_school):
    summary = ctf_import(
        school=other_school, raw=hand_written(), name="hand.xml", joined_on=JOINED, dry_run=True
    )
    assert summary.pupils_added == 1
    assert not Pupil.objects.filter(school=other_school).exists()


# The commands ------------------------------------------------------------------------------


def test_ctf_export_then_ctf_import_between_two_schools(
    school, other_school, leavers, tmp_path, capsys
):
    from django.core.management import call_command

    from sen_register.core.models import AccessLogEntry

    upns = [arg for p in leavers for arg in ("--upn", p.upn)]
    call_command("ctf_export", "--school", school.urn, *upns, "--to", "3734002", "--dir", tmp_path)
    written = tmp_path / "3734001_CTF_3734002_001.xml"
    assert capsys.readouterr().out.strip() == str(written)
    assert AccessLogEntry.objects.filter(download=True, school=school).count() == len(leavers)

    call_command("ctf_import", "--school", other_school.urn, written, "--joined", str(JOINED))

    assert "pupils added: 5" in capsys.readouterr().out
    assert coded(other_school, JOINED) == coded(school, LAST_DAY)


def test_ctf_import_lists_every_problem_and_writes_nothing(other_school, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    bad = tmp_path / "bad.xml"
    bad.write_bytes(hand_written(need="DYSL"))
    with pytest.raises(CommandError, match="1 problem in .*nothing was written"):
        call_command("ctf_import", "--school", other_school.urn, bad)
    assert "'DYSL' is not one of the DfE's SEN types" in capsys.readouterr().err
    assert not Pupil.objects.filter(school=other_school).exists()


def test_ctf_export_names_a_upn_that_is_not_the_schools(school, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="not a pupil of Hillside School: A"):
        call_command(
            "ctf_export", "--school", school.urn, "--upn", "A000000000000", "--dir", tmp_path
        )

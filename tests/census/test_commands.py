"""census_export and census_validate exactly as docs/formats.md says."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.census.conftest import CENSUS_DAY
from tests.factories import SENNeedFactory


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_csv_export_has_one_row_per_pupil_on_roll_ordered_by_upn(census_school):
    out = run("census_export", "--school", "107001", "--date", str(CENSUS_DAY))
    p = census_school
    expected = [
        "upn,legal_surname,legal_forename,date_of_birth,nc_year,sen_provision,sen_type_1,sen_type_2,basis",
        *sorted(
            [
                f"{p['amir'].upn},Test,Amir,2013-05-01,8,E,ASD,,EHC plan issued 1 March 2024",
                f"{p['beth'].upn},Test,Beth,2013-05-01,8,K,SPLD,,level 3 in Cognition and learning",
                f"{p['cara'].upn},Test,Cara,2013-05-01,8,K,OTH,,"
                '"level 2 with criterion: identified neurological, genetic or medical needs"',
                f'{p["dev"].upn},Test,Dev,2013-05-01,8,N,,,"level 2, no criteria recorded"',
                f"{p['ella'].upn},Test,Ella,2013-05-01,8,N,,,level 1 in Hearing",
            ]
        ),
    ]
    assert out.splitlines() == expected


def test_the_xml_export_uses_the_census_element_names(census_school):
    import xml.etree.ElementTree as ET

    out = run("census_export", "--school", "107001", "--date", str(CENSUS_DAY), "--format", "xml")
    root = ET.fromstring(out)
    assert root.findtext("Header/ReferenceDate") == str(CENSUS_DAY)
    pupils = root.findall("Pupils/Pupil")
    assert [p.findtext("UPN") for p in pupils] == sorted(
        p.upn for name, p in census_school.items() if name != "finn"
    )
    amir = next(p for p in pupils if p.findtext("UPN") == census_school["amir"].upn)
    sen = amir.find("SpecialEducationalNeeds")
    assert sen.findtext("SENprovision") == "E"
    assert [
        (n.findtext("SENtypeRank"), n.findtext("SENtype")) for n in sen.findall("SENneeds/SENneed")
    ] == [("1", "ASD")]
    dev = next(p for p in pupils if p.findtext("UPN") == census_school["dev"].upn)
    assert dev.find("SpecialEducationalNeeds/SENneeds") is None


def test_validate_prints_one_line_per_finding_and_exits_0_without_errors(census_school, capsys):
    out = run("census_validate", "--school", "107001", "--date", str(CENSUS_DAY))
    beth, cara = sorted([census_school["beth"].upn, census_school["cara"].upn])
    assert out.splitlines() == [
        "2190 - 1 of 5 pupils (20.0%) have an EHC plan: more than 10%",
        f"COP-6.48 {beth} parents not formally notified of SEN provision",
        f"COP-6.48 {cara} parents not formally notified of SEN provision",
        f"COP-6.65 {beth} 0 parent meetings in the last 12 months; at least three a year",
        f"COP-6.65 {cara} 0 parent meetings in the last 12 months; at least three a year",
        f"SSG-L2 {census_school['dev'].upn} level 2 with no criterion recorded: record the "
        "reason for SEN support, or confirm N (Sheffield guidance)",
        f"SSG-PLAN {beth} at SEN support with no support plan in force",
        f"SSG-PLAN {cara} at SEN support with no support plan in force",
    ]


def test_validate_exits_1_when_there_is_an_error(census_school, capsys):
    SENNeedFactory(pupil=census_school["ella"], need_type="HI", rank=1)
    with pytest.raises(SystemExit) as exit_:
        call_command("census_validate", "--school", "107001", "--date", str(CENSUS_DAY))
    assert exit_.value.code == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"2125 {census_school['ella'].upn} SEN need recorded but SEN provision is N; end the "
        "need type or review the code"
    )


@pytest.mark.parametrize("command", ["census_export", "census_validate"])
def test_bad_arguments_are_named(db, school, command):
    with pytest.raises(CommandError, match="--school: no school has URN '999999'"):
        call_command(command, "--school", "999999", "--date", "2026-01-15")
    with pytest.raises(CommandError, match="--date: '15/01/2026' is not a date in YYYY-MM-DD form"):
        call_command(command, "--school", school.urn, "--date", "15/01/2026")

import datetime
from pathlib import Path

import pytest

from census.framework_files import load_framework, read_framework
from pupils.models import Strand
from sen_register.core.models import Authority
from tests.factories import (
    EHCPlanFactory,
    LevelTwoCriterionFactory,
    NeedAssessmentFactory,
    PupilFactory,
    SENNeedFactory,
)

CENSUS_DAY = datetime.date(2026, 1, 15)
AUTUMN = datetime.date(2025, 10, 2)


def strand(slug):
    return Strand.objects.get(slug=slug)


@pytest.fixture
def census_school(school):
    """Five pupils of Hillside on roll on the census day, one per rule, plus one who left.

    - Amir: EHC plan, ASD         -> E
    - Beth: level 3, SPLD          -> K
    - Cara: level 2 + medical, OTH -> K
    - Dev:  level 2, no criteria   -> N (the unclear case)
    - Ella: level 1                -> N
    - Finn: left before the day    -> not in the census
    """

    def make(forename, upn_serial, **kwargs):
        from pupils.upn import make_upn

        return PupilFactory(
            school=school,
            legal_forename=forename,
            legal_surname="Test",
            upn=make_upn(373, 4001, upn_serial),
            **kwargs,
        )

    amir = make("Amir", 1)
    EHCPlanFactory(
        pupil=amir,
        issued_on=datetime.date(2024, 3, 1),
        last_annual_review_on=datetime.date(2025, 3, 1),
    )
    NeedAssessmentFactory(
        pupil=amir, strand=strand("social_communication"), level=4, assessed_on=AUTUMN
    )
    SENNeedFactory(pupil=amir, need_type="ASD", rank=1, recorded_on=AUTUMN)
    beth = make("Beth", 2)
    NeedAssessmentFactory(
        pupil=beth, strand=strand("cognition_learning"), level=3, assessed_on=AUTUMN
    )
    SENNeedFactory(pupil=beth, need_type="SPLD", rank=1, recorded_on=AUTUMN)
    cara = make("Cara", 3)
    NeedAssessmentFactory(pupil=cara, strand=strand("medical"), level=2, assessed_on=AUTUMN)
    LevelTwoCriterionFactory(pupil=cara, criterion="medical", recorded_on=AUTUMN)
    SENNeedFactory(pupil=cara, need_type="OTH", rank=1, recorded_on=AUTUMN)
    dev = make("Dev", 4)
    NeedAssessmentFactory(pupil=dev, strand=strand("speech_language"), level=2, assessed_on=AUTUMN)
    ella = make("Ella", 5)
    NeedAssessmentFactory(pupil=ella, strand=strand("hearing"), level=1, assessed_on=AUTUMN)
    finn = make("Finn", 6, left_on=datetime.date(2025, 12, 19))
    NeedAssessmentFactory(pupil=finn, strand=strand("vision"), level=3, assessed_on=AUTUMN)
    return {"amir": amir, "beth": beth, "cara": cara, "dev": dev, "ella": ella, "finn": finn}


BUCKINGHAMSHIRE = Path(__file__).resolve().parents[2] / "census/frameworks/buckinghamshire.json"


@pytest.fixture
def buckinghamshire(db):
    """Buckinghamshire Council, on the shipped Buckinghamshire framework."""
    load_framework(
        read_framework(BUCKINGHAMSHIRE.read_bytes()), authority="Buckinghamshire Council"
    )
    return Authority.objects.get(name="Buckinghamshire Council")

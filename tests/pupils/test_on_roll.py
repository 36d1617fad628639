"""On roll on a day: joined on or before it and not left before it."""

import datetime

import pytest

from pupils.models import Pupil
from tests.factories import PupilFactory

CENSUS_DAY = datetime.date(2026, 1, 15)
DAY_BEFORE = CENSUS_DAY - datetime.timedelta(days=1)
DAY_AFTER = CENSUS_DAY + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("joined_on", "left_on", "on_roll"),
    [
        pytest.param(CENSUS_DAY, None, True, id="joined on the day"),
        pytest.param(DAY_AFTER, None, False, id="joined the day after"),
        pytest.param(DAY_BEFORE, CENSUS_DAY, True, id="left on the day"),
        pytest.param(
            DAY_BEFORE - datetime.timedelta(days=30), DAY_BEFORE, False, id="left the day before"
        ),
        pytest.param(CENSUS_DAY, CENSUS_DAY, True, id="joined and left on the day"),
        pytest.param(None, None, True, id="no dates recorded"),
        pytest.param(None, DAY_BEFORE, False, id="no joining date, left before"),
    ],
)
def test_on_roll_at_the_edges(db, joined_on, left_on, on_roll):
    pupil = PupilFactory(joined_on=joined_on, left_on=left_on)
    assert (pupil in Pupil.objects.on_roll(on=CENSUS_DAY)) is on_roll
    assert pupil.on_roll(CENSUS_DAY) is on_roll

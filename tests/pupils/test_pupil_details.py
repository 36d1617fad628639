"""Pupils added, corrected and leaving the roll in the browser, with the import's checks and
their history kept."""

import datetime

from django.urls import reverse

from census.models import StandingPeriod
from pupils.models import Pupil
from tests.factories import NeedAssessmentFactory
from tests.register_files import pupil_row


def details(**values):
    row = pupil_row(1)
    data = {
        "upn": row["upn"],
        "legal_forename": "Zara",
        "legal_surname": "Khan",
        "date_of_birth": "2013-05-01",
        "nc_year": "8",
    }
    data.update(values)
    return data


def test_a_head_adds_a_pupil_by_hand(client_for, head, school, class_8b):
    response = client_for(head).post(
        reverse("pupil_add", args=[school.urn]), details(class_group=class_8b.pk)
    )
    pupil = Pupil.objects.get(legal_forename="Zara")
    assert response.url == reverse("pupil_record", args=[pupil.pk])
    assert (pupil.school, pupil.class_group) == (school, class_8b)


def test_a_pupil_with_a_bad_upn_is_refused_in_the_imports_words(client_for, senco, school):
    response = client_for(senco).post(
        reverse("pupil_add", args=[school.urn]), details(upn="A12345678901X")
    )
    (error,) = response.context["form"].errors["upn"]
    assert error.startswith("A12345678901X is not a valid UPN: ")
    assert not Pupil.objects.exists()


def test_two_pupils_of_a_school_never_share_a_upn(client_for, senco, school, ava):
    response = client_for(senco).post(reverse("pupil_add", args=[school.urn]), details(upn=ava.upn))
    assert response.context["form"].errors["upn"] == [
        f"Another pupil here already has the UPN {ava.upn}."
    ]


def test_a_date_of_birth_in_the_future_is_refused(client_for, senco, school):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = client_for(senco).post(
        reverse("pupil_add", args=[school.urn]), details(date_of_birth=tomorrow.isoformat())
    )
    assert response.context["form"].errors["date_of_birth"] == [
        "The date of birth cannot be in the future."
    ]


def test_a_correction_is_kept_in_the_pupils_history(client_for, senco, ava, maths_set):
    values = details(
        upn=ava.upn, legal_forename="Ava", legal_surname="Corrected", groups=[maths_set.pk]
    )
    response = client_for(senco).post(reverse("pupil_details", args=[ava.pk]), values)
    assert response.status_code == 302
    ava.refresh_from_db()
    assert ava.legal_surname == "Corrected"
    assert list(ava.teaching_groups.all()) == [maths_set]
    assert ava.history.count() == 2  # created, then corrected: the earlier name is kept


def test_leaving_the_roll_is_dated_and_takes_the_pupil_off_the_census_from_the_next_day(
    client_for, senco, ava
):
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=datetime.date(2025, 9, 10))
    client_for(senco).post(reverse("pupil_leaving", args=[ava.pk]), {"left_on": "2025-10-31"})
    ava.refresh_from_db()
    assert ava.left_on == datetime.date(2025, 10, 31)
    standings = StandingPeriod.objects.of(Pupil.objects.filter(pk=ava.pk))
    last_day = standings.on(datetime.date(2025, 10, 31)).get()
    assert (last_day.on_roll, last_day.code) == (True, "K")
    next_day = standings.on(datetime.date(2025, 11, 1)).get()
    assert (next_day.on_roll, next_day.code) == (False, "")


def test_leaving_before_joining_is_refused(client_for, senco, ava):
    ava.joined_on = datetime.date(2025, 9, 1)
    ava.save()
    response = client_for(senco).post(
        reverse("pupil_leaving", args=[ava.pk]), {"left_on": "2025-08-01"}
    )
    assert response.context["form"].errors["left_on"] == [
        "The pupil joined the roll on 1 September 2025: they cannot leave before that."
    ]
    ava.refresh_from_db()
    assert ava.left_on is None


def test_a_teaching_assistant_cannot_change_a_pupils_details(client_for, assistant, ava):
    response = client_for(assistant).post(reverse("pupil_details", args=[ava.pk]), details())
    assert response.status_code == 403

"""How long the register import of a 3,000-pupil school takes, against a floor: the same
pupils and assessments written with plain bulk_create in the same run. Prints; asserts only
that both did the work (speed goals live here, never in timed unit tests)."""

import io
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from pupils.models import NeedAssessment, Pupil, Strand
from pupils.register_import import parse_date
from tests.factories import SchoolFactory
from tests.register_files import csv_bytes, generated_register

PUPILS = 3000


def bulk_create_floor(school, rows):
    strands = {s.slug: s for s in Strand.objects.all()}
    with transaction.atomic():
        pupils = Pupil.objects.bulk_create(
            [
                Pupil(
                    school=school,
                    upn=row["upn"],
                    legal_surname=row["legal_surname"],
                    legal_forename=row["legal_forename"],
                    date_of_birth=parse_date(row["date_of_birth"]),
                    nc_year=row["nc_year"],
                )
                for row in rows
            ],
            batch_size=500,
        )
        NeedAssessment.objects.bulk_create(
            [
                NeedAssessment(
                    pupil=pupil,
                    strand=strands[key[4:]],
                    level=int(value),
                    assessed_on=parse_date(row["assessed_on"]),
                )
                for pupil, row in zip(pupils, rows, strict=True)
                for key, value in row.items()
                if key.startswith("ssg_") and value
            ],
            batch_size=1000,
        )


@pytest.mark.benchmark
@pytest.mark.django_db
def test_import_of_a_3000_pupil_register(tmp_path, record):
    rows = generated_register(PUPILS)
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(rows))
    school = SchoolFactory(urn="200001")
    floor_school = SchoolFactory(urn="200002")

    started = time.perf_counter()
    bulk_create_floor(floor_school, rows)
    floor = time.perf_counter() - started

    started = time.perf_counter()
    call_command("import_register", "--school", school.urn, str(path), stdout=io.StringIO())
    imported = time.perf_counter() - started

    started = time.perf_counter()
    call_command("import_register", "--school", school.urn, str(path), stdout=io.StringIO())
    again = time.perf_counter() - started

    assert Pupil.objects.filter(school=school).count() == PUPILS
    record(
        "import_register, 3,000 pupils",
        imported,
        floor_name="bulk_create of the same rows",
        floor_seconds=floor,
        target=3,
    )
    record("import_register again (nothing new)", again)

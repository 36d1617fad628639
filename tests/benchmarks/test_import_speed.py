"""How long the register import of a 3,000-pupil school takes, against a floor: the same
pupils and assessments written with plain bulk_create in the same run. Prints; asserts only
that both did the work (speed goals live here, never in timed unit tests)."""

import io
import time

import pytest
from django.core.management import call_command
from django.db import models, transaction

from pupils.models import (
    ClassGroup,
    EHCPlan,
    LevelTwoCriterion,
    NeedAssessment,
    Pupil,
    SENNeed,
    Strand,
)
from pupils.register_file import parse_date
from pupils.register_import import RegisterImport
from tests.factories import SchoolFactory
from tests.register_files import csv_bytes, generated_register

PUPILS = 3000


def plain(model, objects, **options):
    """Django's own bulk_create: not the records' own, which works standings out too."""
    return models.QuerySet.bulk_create(model.objects.all(), list(objects), **options)


def bulk_create_floor(school, rows):
    """The same rows the import writes (classes, pupils, grid levels, level-2 criteria, DfE
    needs, EHC plans), with plain bulk_create: no checks, no history, no standings."""
    strands = {s.slug: s for s in Strand.objects.all()}
    with transaction.atomic():
        classes = {
            group.name: group
            for group in ClassGroup.objects.bulk_create(
                ClassGroup(school=school, name=name) for name in {r["class_group"] for r in rows}
            )
        }
        pupils = plain(
            Pupil,
            [
                Pupil(
                    school=school,
                    upn=row["upn"],
                    legal_surname=row["legal_surname"],
                    legal_forename=row["legal_forename"],
                    date_of_birth=parse_date(row["date_of_birth"]),
                    nc_year=row["nc_year"],
                    class_group=classes[row["class_group"]],
                    joined_on=parse_date(row["joined_on"]),
                )
                for row in rows
            ],
            batch_size=500,
        )
        pairs = list(zip(pupils, rows, strict=True))
        plain(
            NeedAssessment,
            [
                NeedAssessment(
                    pupil=pupil,
                    strand=strands[key[4:]],
                    level=int(value),
                    assessed_on=parse_date(row["assessed_on"]),
                )
                for pupil, row in pairs
                for key, value in row.items()
                if key.startswith("ssg_") and value
            ],
            batch_size=1000,
        )
        plain(
            LevelTwoCriterion,
            (
                LevelTwoCriterion(
                    pupil=pupil, criterion=slug, recorded_on=parse_date(row["assessed_on"])
                )
                for pupil, row in pairs
                for slug in row.get("level2_criteria", "").split(";")
                if slug
            ),
        )
        plain(
            SENNeed,
            (
                SENNeed(
                    pupil=pupil,
                    need_type=row["sen_type_1"],
                    rank=1,
                    recorded_on=parse_date(row["assessed_on"]),
                )
                for pupil, row in pairs
                if row.get("sen_type_1")
            ),
        )
        plain(
            EHCPlan,
            (
                EHCPlan(pupil=pupil, issued_on=parse_date(row["ehcp_issued_on"]))
                for pupil, row in pairs
                if row.get("ehcp_issued_on")
            ),
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
    # The floor wrote what the import will (its own school, so nothing collides).
    assert NeedAssessment.objects.filter(pupil__school=floor_school).exists()
    assert EHCPlan.objects.filter(pupil__school=floor_school).exists()

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
        floor_name="plain bulk_create of the same rows",
        floor_seconds=floor,
        target=3,
    )
    record("import_register again (nothing new)", again)


@pytest.mark.benchmark
@pytest.mark.django_db
def test_the_import_grows_in_step_with_the_file(record):
    """Four times the pupils cost at most five times as long: nothing in the import (checks,
    history, standings) grows faster than the file."""
    seconds = {}
    for count, urn in ((5000, "200005"), (20000, "200020")):
        raw = csv_bytes(generated_register(count, seed=count))
        school = SchoolFactory(urn=urn)
        started = time.perf_counter()
        RegisterImport(school, raw).run()
        seconds[count] = time.perf_counter() - started
        assert Pupil.objects.filter(school=school).count() == count
    record("import_register, 5,000 pupils", seconds[5000])
    record(
        "import_register, 20,000 pupils",
        seconds[20000],
        floor_name="the import of 5,000 pupils",
        floor_seconds=seconds[5000],
        target=5,
    )

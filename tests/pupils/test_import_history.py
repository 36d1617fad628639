"""A register file may hold a pupil's history: one row per assessment date, applied in date
order whatever their order in the file. A bad file lists at most 100 problems, and a large
file of junk is refused without holding it all in memory."""

import datetime
import os
import random
import subprocess
import sys

import pytest
from django.conf import settings

from census.keeping import standings_drift
from census.models import StandingPeriod
from pupils.models import EHCPlan, Pupil, SencoDecision, SENNeed
from pupils.register_file import MAX_LISTED, RegisterFileError
from pupils.register_import import RegisterImport
from tests.register_files import FULL_HEADER, csv_bytes, pupil_row

AUTUMN, SPRING, SUMMER = "2024-10-03", "2025-01-16", "2025-05-15"


def standing(pupil, on):
    return StandingPeriod.objects.on(datetime.date.fromisoformat(on)).get(pupil=pupil)


def test_a_pupils_history_in_one_file_is_applied_in_date_order(school):
    # The rows are out of order in the file, as a spreadsheet sorted by name might have them.
    rows = [
        pupil_row(
            1,
            assessed_on=SUMMER,
            ssg_cognition_learning="1",
            legal_surname="Latest",
            ehcp_ceased_on="2025-05-01",
        ),
        pupil_row(
            1,
            assessed_on=AUTUMN,
            ssg_cognition_learning="2",
            level2_criteria="medical",
            sen_type_1="MLD",
        ),
        pupil_row(
            1,
            assessed_on=SPRING,
            ssg_cognition_learning="3",
            sen_type_1="SPLD",
            ehcp_issued_on="2025-01-10",
            senco_decision="K",
            senco_decision_reason="Agreed",
        ),
    ]
    summary = RegisterImport(school, csv_bytes(rows)).run()
    assert (summary.pupils_added, summary.assessments_added) == (1, 3)
    pupil = Pupil.objects.get()
    assert pupil.legal_surname == "Latest"  # the latest row's details
    levels = list(pupil.assessments.order_by("assessed_on").values_list("level", flat=True))
    assert levels == [2, 3, 1]
    [plan] = EHCPlan.objects.all()
    assert (str(plan.issued_on), str(plan.ceased_on)) == ("2025-01-10", "2025-05-01")
    assert list(SENNeed.objects.order_by("recorded_on").values_list("need_type", "ended_on")) == [
        ("MLD", datetime.date(2025, 1, 16)),
        ("SPLD", None),
    ]
    assert SencoDecision.objects.get().decided_on == datetime.date(2025, 1, 16)
    assert (
        standing(pupil, AUTUMN).basis
        == "level 2 with criterion: identified neurological, genetic or medical needs"
    )
    assert standing(pupil, SPRING).basis == "EHC plan issued 10 January 2025"
    assert standing(pupil, SUMMER).basis == "SENCO decision: Agreed"
    assert not list(standings_drift())


def test_a_later_file_ceasing_a_plan_and_changing_needs_leaves_no_standing_behind(school):
    first = pupil_row(1, assessed_on=AUTUMN, ehcp_issued_on="2024-03-01", sen_type_1="ASD")
    RegisterImport(school, csv_bytes([first])).run()
    later = pupil_row(1, assessed_on=SPRING, ehcp_ceased_on="2025-01-01", sen_type_1="SLCN")
    RegisterImport(school, csv_bytes([later])).run()
    pupil = Pupil.objects.get()
    assert (standing(pupil, AUTUMN).code, standing(pupil, SPRING).code) == ("E", "N")
    assert standing(pupil, SPRING).sen_type_1 == "SLCN"
    assert not list(standings_drift())


def test_the_same_row_twice_adds_nothing_twice(school):
    row = pupil_row(1, assessed_on=AUTUMN, ssg_hearing="3")
    summary = RegisterImport(school, csv_bytes([row, dict(row)])).run()
    assert (summary.pupils_added, summary.assessments_added) == (1, 1)


def test_two_rows_of_one_pupil_and_day_that_disagree_name_both(school):
    rows = [
        pupil_row(1, assessed_on=AUTUMN, ssg_hearing="3"),
        pupil_row(2),
        pupil_row(1, assessed_on=AUTUMN, ssg_hearing="4"),
    ]
    with pytest.raises(RegisterFileError) as refused:
        RegisterImport(school, csv_bytes(rows)).run()
    assert refused.value.errors == [
        f"row 4, column upn: {rows[0]['upn']} ({AUTUMN}) is also on row 2 with different values"
    ]
    assert not Pupil.objects.exists()


def test_ceasing_a_plan_issued_in_an_earlier_row_of_the_same_file(school):
    rows = [
        pupil_row(1, ehcp_issued_on="2024-03-01", assessed_on=AUTUMN, ssg_vision="2"),
        pupil_row(1, ehcp_ceased_on="2025-03-01", assessed_on=SPRING, ssg_vision="2"),
    ]
    RegisterImport(school, csv_bytes(rows)).run()
    [plan] = EHCPlan.objects.all()
    assert str(plan.ceased_on) == "2025-03-01"


def test_a_bad_file_lists_a_hundred_problems_and_counts_the_rest(school):
    rows = [pupil_row(n, nc_year="15") for n in range(1, 251)]
    with pytest.raises(RegisterFileError) as refused:
        RegisterImport(school, csv_bytes(rows)).run()
    errors = refused.value.errors
    assert len(errors) == MAX_LISTED + 1
    assert errors[0].startswith("row 2, column nc_year: '15' is not a NC year")
    assert errors[-1] == "and 150 more problems"
    assert refused.value.total == 250


def junk(size):
    """A register header, then `size` bytes of junk lines: some of the header's width with
    nonsense in every cell, some of any width."""
    rng = random.Random(5)
    lines = [",".join(FULL_HEADER)]
    length = 0
    while length < size:
        width = len(FULL_HEADER) if rng.random() < 0.5 else rng.randint(1, 60)
        line = ",".join(
            "".join(rng.choices("abcXYZ019/-; é", k=rng.randint(0, 12))) for _ in range(width)
        )
        lines.append(line)
        length += len(line) + 1
    return "\n".join(lines).encode()


# Run in a process of its own, so that its peak memory is the command's alone. The peak is
# the process's own high-water mark (VmHWM): getrusage's ru_maxrss would carry over the
# peak of the test process it was forked from.
MEASURE = """
import re, sys
import django
django.setup()
from django.core.management import call_command
from django.core.management.base import CommandError
try:
    call_command("import_register", "--school", "100001", sys.argv[1])
except CommandError as refusal:
    print("refused:", refusal, file=sys.stderr)
with open("/proc/self/status") as status:
    print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1)) // 1024)
"""


def test_a_10_mb_file_of_junk_is_refused_in_under_300_mib(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'junk.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "sen_register.settings",
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    subprocess.run(
        [*manage, "create_school", "--urn", "100001", "--name", "Junk School"],
        env=env,
        check=True,
        capture_output=True,
    )
    path = tmp_path / "junk.csv"
    path.write_bytes(junk(10 * 1024 * 1024))
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    listed = [line for line in done.stderr.splitlines() if line.startswith("row ")]
    assert "nothing was written" in done.stderr
    assert len(listed) == MAX_LISTED and "more problems" in done.stderr
    peak_mib = int(done.stdout.strip().splitlines()[-1])
    assert peak_mib < 300, f"peak {peak_mib} MiB"

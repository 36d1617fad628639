"""Load benchmark (run by `make load`): gunicorn on PostgreSQL, driven by wrk with signed-in
sessions (password and second factor), on loopback only.

Two schools are built: the demo school (650 pupils) and one of 10,000 with the same mix. For
each, every page is measured alone, then a realistic mix of them, each for LOAD_SECONDS at
LOAD_CONNECTIONS connections, and each right after the floor (tests/benchmarks/load_urls.py:
the layout every page shares, through the same middleware, and nothing else), so each page is
reported as a share of what the machine serves at best at that moment, whatever the machine.

The pages with targets, and the mix, are measured in LOAD_ROUNDS rounds. Each round begins
with every school given a new revision, as any write gives it, so that no round finds what an
earlier one drew and kept: each round's records are drawn afresh, as in the first. Each page
is judged on the median of its rounds (tests/benchmarks/load_report.py).

Printed: requests/s, the floor's, the share, every round's share, the share at 10,000 pupils
of the share at 650, p50 and p99 latency, errors (any answer but 200) and queries. The run
fails if any target is missed or anything fails."""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project is two folders up

from tests.benchmarks.load_report import (  # noqa: E402 (after the path it is found on)
    FLOOR,
    SHARE_OF_FLOOR,
    Result,
    judged,
    missed,
    table,
)

SECONDS = int(os.environ.get("LOAD_SECONDS", "10"))
# The floor takes no longer to settle than any page: half as long is as sure a figure.
FLOOR_SECONDS = int(os.environ.get("LOAD_FLOOR_SECONDS", str(max(SECONDS // 2, 1))))
ROUNDS = int(os.environ.get("LOAD_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "50"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "2"))
# Threads per worker: 1 is gunicorn's sync worker; more runs its threaded worker (gthread).
THREADS = int(os.environ.get("LOAD_THREADS", "1"))
PORT = int(os.environ.get("LOAD_PORT", "8811"))
BIG_SCHOOL = int(os.environ.get("LOAD_BIG_SCHOOL", "10000"))
SESSIONS = 50
BASE = f"http://127.0.0.1:{PORT}"
SETTINGS = "tests.benchmarks.load_settings"

# The mix: how often a SENCO's day asks for each page, out of 100.
MIX = {
    "register": 25,
    "pupil's record": 40,
    "SENCO home": 15,
    "census page": 5,
    "provision map": 5,
    "EHC calendar": 5,
    "my pupils (teacher)": 5,
}


@dataclass
class Page:
    name: str
    paths: list
    cookies: list
    queries: int = 0


def sessions_for(user, device):
    """SESSIONS signed-in sessions of `user`, each past both steps, as Cookie headers."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    cookies = []
    for _ in range(SESSIONS):
        session = SessionStore()
        now = time.time()
        session.update(
            {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(),
                DEVICE_ID_SESSION_KEY: device.persistent_id,
                "signed_in_at": now,
                "last_seen": now,
            }
        )
        session.create()
        cookies.append(f"sessionid={session.session_key}")
    return cookies


def build_schools():
    """The demo school and a BIG_SCHOOL one of the same mix, each with a SENCO and a tutor
    who can sign in. {label: school}."""
    from django.utils import timezone

    from demo.school import SHEFFIELD_LA, DemoSchoolBuilder
    from demo.seed import DEMO_URN, seed_demo
    from pupils.changes import batched
    from sen_register.core.models import School

    today = timezone.localdate()
    seed_demo(today)
    big_urn = "999500"
    if not School.objects.filter(urn=big_urn).exists():
        with batched():
            DemoSchoolBuilder(
                urn=big_urn,
                name="Large school (load benchmark)",
                laestab=f"{SHEFFIELD_LA}4500",
                pupils=BIG_SCHOOL,
                today=today,
                seed=500,
            ).build()
    return {
        "650 pupils": School.objects.get(urn=DEMO_URN),
        f"{BIG_SCHOOL:,} pupils": School.objects.get(urn=big_urn),
    }


def signed_in(school, role):
    """Sessions of a user with `role` at `school` (a new SENCO; the first class's tutor)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from pupils.models import ClassGroup
    from sen_register.core.models import Membership, Role, User

    if role == Role.SENCO:
        user, _ = User.objects.get_or_create(email=f"load.senco.{school.urn}@example.org")
        Membership.objects.get_or_create(user=user, school=school, role=role)
    else:
        group = ClassGroup.objects.filter(school=school, teachers__isnull=False).first()
        user = group.teachers.first()
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="load", defaults={"confirmed": True}
    )
    return sessions_for(user, device)


def pages_of(school):
    """The pages measured at one school, each with the paths asked and who asks."""
    from django.utils import timezone

    from census.derivation import NONE
    from census.models import StandingPeriod
    from sen_register.core.models import Role

    senco, teacher = signed_in(school, Role.SENCO), signed_in(school, Role.TEACHER)
    urn = school.urn
    on_register = list(
        StandingPeriod.objects.on(timezone.localdate())
        .at(school)
        .on_roll()
        .exclude(status=NONE)
        .order_by("pupil_id")
        .values_list("pupil_id", flat=True)[:200]
    )
    pages = [
        Page(FLOOR, ["/load-floor/"], senco),
        Page("register", [f"/schools/{urn}/register/"], senco),
        Page("SENCO home", [f"/schools/{urn}/"], senco),
        Page("census page", [f"/schools/{urn}/census/"], senco),
        Page("pupil's record", [f"/pupils/{pk}/" for pk in on_register], senco),
        Page("provision map", [f"/schools/{urn}/provision-map/"], senco),
        Page("EHC calendar", [f"/schools/{urn}/ehc-calendar/"], senco),
        Page("my pupils (teacher)", [f"/schools/{urn}/my-pupils/"], teacher),
    ]
    for page in pages:
        page.queries = queries_of(page)
    return pages


def queries_of(page):
    """The queries of the page's first path, asked once after a first ask warms it."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies.load(page.cookies[0])
    client.get(page.paths[0])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.paths[0])
    if response.status_code != 200:
        raise SystemExit(f"{page.name}: {page.paths[0]} answered {response.status_code}")
    return len(queries)


def mixed(pages):
    """One page standing for the mix: paths drawn by the mix's weights (the pupils' records
    at random), each with its own user's sessions."""
    rng = random.Random(19)
    by_name = {page.name: page for page in pages}
    lines = []
    for name, weight in MIX.items():
        page = by_name[name]
        for _ in range(weight * 10):
            lines.append((rng.choice(page.paths), rng.choice(page.cookies)))
    rng.shuffle(lines)
    return lines


def wrk(lines, label, seconds):
    """Run wrk over (path, cookie) pairs for `seconds`; the summary line as a dict."""
    folder = Path(tempfile.mkdtemp(prefix="load-"))
    try:
        requests = folder / "requests"
        requests.write_text("".join(f"{path} {cookie}\n" for path, cookie in lines))
        env = {**os.environ, "LOAD_REQUESTS": str(requests)}
        out = subprocess.run(
            [
                "wrk",
                "--threads",
                "2",
                "--connections",
                str(CONNECTIONS),
                "--duration",
                f"{seconds}s",
                "--timeout",
                "30s",
                "--script",
                str(Path(__file__).with_name("load.lua")),
                BASE,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        shutil.rmtree(folder)
    line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no result for {label}:\n{out}")
    return json.loads(line.removeprefix("RESULT "))


def settle(lines):
    """Warm each worker on the page, before; after, wait for the requests wrk left queued
    (a sync worker finishes them after wrk has gone), so that no page pays for the last."""
    for path, cookie in lines[: 2 * WORKERS]:
        request = urllib.request.Request(BASE + path, headers={"Cookie": cookie})
        urllib.request.urlopen(request, timeout=300).read()


def measure(school_label, page_name, lines, queries, seconds=SECONDS):
    settle(lines)
    figures = wrk(lines, f"{school_label}, {page_name}", seconds)
    settle(lines[:1])
    return Result(
        school_label,
        page_name,
        per_second=figures["requests"] / (figures["microseconds"] / 1e6),
        p50_ms=figures["p50"] / 1000,
        p99_ms=figures["p99"] / 1000,
        errors=figures["socket_errors"] + figures["not_200"],
        queries=queries,
    )


def serve():
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sen_register.wsgi",
            "--workers",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS},
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{BASE}/accounts/login/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def lines_of(page):
    lines = [(path, cookie) for path in page.paths for cookie in page.cookies[:5]]
    random.Random(7).shuffle(lines)
    return lines


def run(schools, schools_pages):
    """Every page measured after the floor: in the first round all of them, in every round
    the pages with targets and the mix. Each round starts with new revisions (docstring)."""
    from census.revisions import revise

    results = []
    # Warmed first: the first seconds of new workers (imports, connections) are no page's.
    floor = next(iter(schools_pages.values()))[0]
    measure("warming", FLOOR, lines_of(floor), None, FLOOR_SECONDS)
    for round_number in range(1, ROUNDS + 1):
        revise(school.pk for school in schools.values())
        for label, (floor, *pages) in schools_pages.items():
            floor_lines = lines_of(floor)
            measured = [(page.name, lines_of(page), page.queries) for page in pages]
            measured.append(("mix", mixed([floor, *pages]), None))
            for name, lines, queries in measured:
                if round_number > 1 and name not in {*SHARE_OF_FLOOR, "mix"}:
                    continue
                before = measure(label, FLOOR, floor_lines, floor.queries, FLOOR_SECONDS)
                before.floor = before.per_second
                result = measure(label, name, lines, queries)
                result.floor = before.per_second
                results += [before, result]
                print(
                    f"  round {round_number}, {label}, {name}: {result.per_second:.1f}/s, "
                    f"{result.share:.0%} of the floor ({before.per_second:.1f}/s)",
                    flush=True,
                )
    return results


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    schools = build_schools()
    with connection.cursor() as cursor:
        # What autovacuum would do after the bulk inserts, done now: left to itself it runs
        # while the first pages are measured, on the same two cores.
        cursor.execute("VACUUM ANALYZE")
    schools_pages = {label: pages_of(school) for label, school in schools.items()}
    print(
        f"built in {time.monotonic() - started:.0f} s; measuring {SECONDS} s a page after "
        f"{FLOOR_SECONDS} s of the floor, {ROUNDS} round{'s' if ROUNDS > 1 else ''}"
    )
    server = serve()
    try:
        results = run(schools, schools_pages)
    finally:
        server.terminate()
        server.wait(timeout=10)
    database = os.environ.get("DATABASE_URL", "SQLite").split("@")[-1]
    print(
        f"\ngunicorn ({WORKERS} workers, {THREADS} thread{'s' if THREADS > 1 else ''} each) on "
        f"{database}; wrk, {CONNECTIONS} connections, "
        f"{SECONDS} s a page, {FLOOR_SECONDS} s of the floor before each, {ROUNDS} round"
        f"{'s' if ROUNDS > 1 else ''}, medians; {os.cpu_count()} cores\n"
    )
    pages = judged(results)
    print("\n".join(table(pages)))
    failed = missed(pages)
    for line in failed:
        print("  missed:", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

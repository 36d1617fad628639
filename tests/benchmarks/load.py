"""Load test (run by `make load`): gunicorn with two workers on PostgreSQL, 50 concurrent
signed-in SENCOs browsing the register and pupils' pages for a fixed time, on loopback only.
Reports throughput, latency percentiles and errors. It stops by itself."""

import io
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "30"))
PORT = int(os.environ.get("LOAD_PORT", "8811"))
ROOT = Path(__file__).resolve().parents[2]
BASE = f"http://127.0.0.1:{PORT}"
sys.path.insert(0, str(ROOT))  # run as a script: the project is two folders up


def prepare():
    """A seeded database and one verified session per user (password and second step)."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from demo.seed import DEMO_LOGINS, DEMO_URN
    from pupils.models import Pupil
    from sen_register.core.models import User

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    senco = User.objects.get(email=DEMO_LOGINS["senco"])
    device, _ = TOTPDevice.objects.get_or_create(
        user=senco, name="load", defaults={"confirmed": True}
    )
    cookies = []
    for _ in range(USERS):
        session = SessionStore()
        now = time.time()
        session.update(
            {
                SESSION_KEY: str(senco.pk),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: senco.get_session_auth_hash(),
                DEVICE_ID_SESSION_KEY: device.persistent_id,
                "signed_in_at": now,
                "last_seen": now,
            }
        )
        session.create()
        cookies.append(f"sessionid={session.session_key}")
    pupil_ids = list(Pupil.objects.filter(school__urn=DEMO_URN).values_list("pk", flat=True))
    urls = [f"/schools/{DEMO_URN}/register/?page={n}" for n in range(1, 14)]
    urls += [
        f"/schools/{DEMO_URN}/register/?code=K&sort=level",
        f"/schools/{DEMO_URN}/register/?q=Ali",
    ]
    return cookies, urls, pupil_ids


def main():
    cookies, register_urls, pupil_ids = prepare()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sen_register.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{BASE}/accounts/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        latencies, errors, lock = [], [], threading.Lock()
        deadline = time.monotonic() + SECONDS

        def user(cookie, seed):
            rng = random.Random(seed)
            while time.monotonic() < deadline:
                path = (
                    rng.choice(register_urls)
                    if rng.random() < 0.5
                    else f"/pupils/{rng.choice(pupil_ids)}/"
                )
                request = urllib.request.Request(BASE + path, headers={"Cookie": cookie})
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        response.read()
                        ok = response.status == 200 and response.url == BASE + path
                except Exception as error:  # a refused or failed request is what we count
                    ok, path = False, f"{path}: {error}"
                elapsed = time.perf_counter() - started
                with lock:
                    (latencies if ok else errors).append(elapsed if ok else path)

        threads = [threading.Thread(target=user, args=(c, i)) for i, c in enumerate(cookies)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    database = os.environ.get("DATABASE_URL", "SQLite").split("@")[-1]
    print(f"{USERS} users for {wall:.0f} s against gunicorn (2 workers) on {database}")
    served = len(latencies)
    print(
        f"requests: {served + len(errors)}, errors: {len(errors)}, "
        f"throughput: {served / wall:.1f} pages/s"
    )
    if latencies:
        p95 = latencies[min(served - 1, int(0.95 * served))]
        print(
            f"latency: median {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
        )
    for error in errors[:5]:
        print("  error:", error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

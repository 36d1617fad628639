"""Fast settings for the test suite (the database still comes from DATABASE_URL)."""

import os

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False

# Serve static files from the app folders, as the development server does.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# SQLite's test database in a file rather than in shared-cache memory: in shared-cache mode
# one connection's read stops another's write at once ("database table is locked") instead
# of waiting, so tests of two requests at once (tests/security/test_uploads.py) would test
# that quirk and not the register. A file behaves as a deployment's database does.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per run, so two runs at once (the suite and the browser tests) never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / f"test-db-{os.getpid()}.sqlite3")  # noqa: F405
    }

"""Fast settings for the test suite (the database still comes from DATABASE_URL)."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False

# Serve static files from the app folders, as the development server does.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

"""Settings, read from the environment.

Development is the default (SQLite file in the project folder). Production is switched on by
SEN_REGISTER_PRODUCTION=1 and then insists on a real SECRET_KEY and HTTPS-only cookies, so that
`manage.py check --deploy` has nothing to warn about.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


PRODUCTION = env_flag("SEN_REGISTER_PRODUCTION")
DEBUG = env_flag("DEBUG") and not PRODUCTION

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when SEN_REGISTER_PRODUCTION=1.")
    # Only for a laptop trial: sessions signed with it are worthless anywhere else.
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789-abcdefghijkl"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "crispy_forms",
    "django_filters",
    "sen_register.core",
    "pupils",
    "support_plans",
    "census",
    "pages",
    "demo",
    "data_protection",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sen_register.core.headers.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body (the CSRF check reads the form).
    "sen_register.core.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "sen_register.core.mfa.SessionVerifiedOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sen_register.core.sessions.SessionLifetimeMiddleware",
    "sen_register.core.mfa.RequireSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out sign-ins
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "sen_register.urls"
WSGI_APPLICATION = "sen_register.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sen_register.core.navigation.service_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at
    # the start of a transaction, so two writers queue instead of failing half-way.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "sen_register.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# Dates read "1 March 2024" everywhere (sen_register/formats/en_GB/formats.py).
FORMAT_MODULE_PATH = ["sen_register.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Documents kept with pupils' records: on this machine's disk by default (never served as
# files: every download goes through the access policy), or in an S3-compatible store.
MEDIA_ROOT = os.environ.get("SEN_DOCUMENTS_DIR", str(BASE_DIR / "documents"))
SEN_DOCUMENT_MAX_BYTES = int(os.environ.get("SEN_DOCUMENT_MAX_MB", "10")) * 1024 * 1024
DOCUMENT_STORAGE: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if os.environ.get("SEN_DOCUMENTS_S3_BUCKET"):
    # Needs the optional extra: pip install "sen-register[s3]" (django-storages with boto3).
    DOCUMENT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["SEN_DOCUMENTS_S3_BUCKET"],
            "endpoint_url": os.environ.get("SEN_DOCUMENTS_S3_ENDPOINT") or None,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
STORAGES = {
    "default": DOCUMENT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Forms are drawn by our own GOV.UK Design System template pack (templates/govuk/).
CRISPY_ALLOWED_TEMPLATE_PACKS = ["govuk"]
CRISPY_TEMPLATE_PACK = "govuk"
# Select boxes written in Python rather than a template per option (the same markup).
FORM_RENDERER = "sen_register.core.form_renderer.FormRenderer"

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sen-register@localhost")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The largest request any form needs: a 10 MB register file and the rest of its form.
# sen_register.core.request_limits refuses anything larger before reading it.
MAX_REQUEST_BYTES = 11 * 1024 * 1024
# Uploads within that limit are read in memory, never written to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES

# Special-category data about children: sessions are short and end with the browser.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 8)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy: everything from this site, no inline scripts or styles, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws form arrows and checks as data: SVG
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Sign-in protection (django-axes with sen_register.core.sign_in_throttle): wrong passwords are
# counted per account from one address (AXES_FAILURE_LIMIT), per account from anywhere, and
# per address for any accounts, each with its own ceiling; reaching one pauses signing in for
# the cool-off time. IT administrators unlock from the admin (Access attempts) or with
# `manage.py axes_reset_username email@address`.
AXES_HANDLER = "sen_register.core.sign_in_throttle.SignInThrottle"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
SIGN_IN_ACCOUNT_LIMIT = int(os.environ.get("SIGN_IN_ACCOUNT_LIMIT", "30"))
SIGN_IN_ADDRESS_LIMIT = int(os.environ.get("SIGN_IN_ADDRESS_LIMIT", "100"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "5")))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"], "username", "ip_address"]
AXES_USERNAME_CALLABLE = "sen_register.core.sign_in_throttle.account_of"
AXES_CLIENT_IP_CALLABLE = "sen_register.core.sign_in_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "sen_register.core.sign_in_throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True  # only that account's failures from that address
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
# Behind reverse proxies (a load balancer, nginx): how many of them append the address they
# saw to X-Forwarded-For. 0 (the default) takes the connection's own address.
SEN_REGISTER_TRUSTED_PROXIES = int(os.environ.get("SEN_REGISTER_TRUSTED_PROXIES", "0"))

# Sessions: signed out after SESSION_IDLE_MINUTES without activity and, whatever the
# activity, SESSION_COOKIE_AGE after signing in.
SESSION_IDLE_SECONDS = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
# Pages warn this long before an idle sign-out, with "stay signed in" (WCAG 2.2.1).
SESSION_WARNING_SECONDS = 120

# A second factor (TOTP) for every staff role; parents may turn it on for themselves.
# `make run` turns it off for trying the demo; production refuses to run without it.
MFA_REQUIRED = env_flag("SEN_REGISTER_MFA_REQUIRED", True)
if PRODUCTION and not MFA_REQUIRED:
    raise ImproperlyConfigured("SEN_REGISTER_MFA_REQUIRED cannot be turned off in production.")
OTP_TOTP_ISSUER = "SEN Register"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of every PDF at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Sheffield guidance: annual provision above the nationally prescribed threshold is the
# evidence for top-up funding.
SEN_PROVISION_THRESHOLD_GBP = int(os.environ.get("SEN_PROVISION_THRESHOLD_GBP", "6000"))
# SEN files are kept until the pupil's date of birth + 31 years (the schools' records
# management toolkit); then a person decides (data_protection.retention).
SEN_RETENTION_YEARS_FROM_BIRTH = int(os.environ.get("SEN_RETENTION_YEARS_FROM_BIRTH", "31"))

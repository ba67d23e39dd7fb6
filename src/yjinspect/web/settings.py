"""Settings for the workspace. SQLite in a local data folder by default; DATABASE_URL selects
PostgreSQL. `yjinspect.web.production` hardens these for real use."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("YJINSPECT_DATA_DIR", Path.cwd() / "yjinspect-data"))

DEBUG = os.environ.get("YJINSPECT_DEBUG", "") == "1"
SECRET_KEY = os.environ.get("YJINSPECT_SECRET_KEY", "insecure-only-for-the-demo-and-tests")
# Who journalists should contact, for the press release's notes to editors.
YJINSPECT_MEDIA_CONTACT = os.environ.get("YJINSPECT_MEDIA_CONTACT") or None
# The largest file an upload form accepts, in megabytes: a bigger one is refused unread.
YJINSPECT_MAX_UPLOAD_MB = float(os.environ.get("YJINSPECT_MAX_UPLOAD_MB", "20"))
ALLOWED_HOSTS = os.environ.get("YJINSPECT_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_htmx",
    "template_partials",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "yjinspect.web.workspace",
    "yjinspect.web.inspections",
    "yjinspect.web.assessments",
    "yjinspect.web.sampling",
    "yjinspect.web.plans",
    "yjinspect.web.reports",
    "yjinspect.web.national",
    "yjinspect.web.ratings",
    "yjinspect.web.accuracy",
    "yjinspect.web.qa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "yjinspect.web.inspections.middleware.BadInputMiddleware",
]

ROOT_URLCONF = "yjinspect.web.urls"
WSGI_APPLICATION = "yjinspect.web.wsgi.application"

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
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'yjinspect.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several people save at once: readers never wait for a writer (write-ahead log), a writer
    # takes the lock when its transaction starts (so it cannot fail half-way on an upgrade) and
    # waits up to 20 s for another writer instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Report PDFs and Word files are rendered off the request by task workers (django-tasks, with
# its tasks kept in this database by django-tasks-db). `yjinspect serve` and `yjinspect demo`
# start YJINSPECT_REPORT_WORKERS of them and stop them with the server; each renders one file at
# a time, so this bounds how many render at once (and how much of the machine they take).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
YJINSPECT_REPORT_WORKERS = int(os.environ.get("YJINSPECT_REPORT_WORKERS", "1"))
# A file whose task has waited for a worker, or been running, longer than this many seconds is
# taken as lost (a worker stopped or killed mid-render) and offered again with "Try again".
YJINSPECT_REPORT_RENDER_TIMEOUT = int(os.environ.get("YJINSPECT_REPORT_RENDER_TIMEOUT", "600"))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling
    "rules.permissions.ObjectPermissionBackend",  # object permissions: workspace/rules.py
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]  # fmt: skip
# Password reset links go by email: printed to the server's console by default (the demo),
# written as files to YJINSPECT_EMAIL_FILE_PATH if set, or sent through YJINSPECT_EMAIL_HOST.
if os.environ.get("YJINSPECT_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["YJINSPECT_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("YJINSPECT_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("YJINSPECT_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("YJINSPECT_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = True
elif os.environ.get("YJINSPECT_EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["YJINSPECT_EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("YJINSPECT_EMAIL_FROM", "yjinspect@localhost")
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # seconds: a new account's first link lasts three days
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_COOLOFF_TIME = 0.25  # hours

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"  # 6 December 2018, as the reports write dates
FORMAT_MODULE_PATH = ["yjinspect.web.formats"]  # the same for British English

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_COOKIE_HTTPONLY = True
# Sessions are kept in the database and read from the cache: no query per request to find them.
# The default cache is the process's memory, right for `yjinspect serve` (one process); run
# several processes only with a shared cache, or a sign-out would reach only one of them.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Security (issue 13): the trusted proxy, sign-in throttling, no caching of case data ---
# YJINSPECT_TRUSTED_PROXY: the address of the reverse proxy in front of `yjinspect serve` (such
# as 127.0.0.1). Waitress takes X-Forwarded-Proto (https) and X-Forwarded-For (the client's
# address) from that peer only, and drops them from any other; unset, it trusts no one.
YJINSPECT_TRUSTED_PROXY = os.environ.get("YJINSPECT_TRUSTED_PROXY") or None
# Failed sign-ins count per account and per address separately, so neither spraying many
# accounts from one address nor one account from many addresses gets past the limit. An account
# is locked at AXES_FAILURE_LIMIT failures; an address, which a whole office can share behind one
# NAT, at YJINSPECT_SIGN_IN_ADDRESS_LIMIT (security.SeparateLimitsHandler).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("YJINSPECT_SIGN_IN_ACCOUNT_LIMIT", "5"))
YJINSPECT_SIGN_IN_ADDRESS_LIMIT = max(
    AXES_FAILURE_LIMIT, int(os.environ.get("YJINSPECT_SIGN_IN_ADDRESS_LIMIT", "30"))
)
AXES_HANDLER = "yjinspect.web.security.SeparateLimitsHandler"
# The address is REMOTE_ADDR: the peer, or the client the trusted proxy names. Never a header
# that any client could write.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# Every response to a signed-in user may hold case data: browsers and proxies keep none of it.
MIDDLEWARE = [*MIDDLEWARE, "yjinspect.web.security.no_store_when_signed_in"]

# Reasons kept in the audit trail (publishing with work outstanding, reopening, replacing a case)
# are sentences of any length, not 100-character labels: PostgreSQL would refuse a longer one.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

"""Samen Sterk settings: one module, everything that differs per machine comes from the environment.

Read from the environment (or from a `.env` file in the project folder):
DEBUG, SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, EMAIL_URL,
DEFAULT_FROM_EMAIL, SITE_URL, SAMENSTERK_DATA_DIR, SESSION_IDLE_SECONDS, SECURE_COOKIES,
SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD,
BEHIND_TLS_PROXY, CACHE_URL, CONN_MAX_AGE, OTP_ISSUER, LOG_LEVEL, SUPPRESSION_K,
SURVEY_RESPONDENT_THRESHOLD, TASK_BACKEND and the limits named below. The README's configuration
table lists them all.
"""

import os
from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env", overwrite=False)

# pytest (>= 8.2) sets PYTEST_VERSION for the whole run.
TESTING = "PYTEST_VERSION" in os.environ

DEBUG = env.bool("DEBUG", default=False)
# Production: neither development (DEBUG) nor the test suite. Its defaults are the safe ones.
PRODUCTION = not DEBUG and not TESTING

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or set DEBUG=1 for development)."
        )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

DATA_DIR = Path(env.str("SAMENSTERK_DATA_DIR", default=str(BASE_DIR / "var")))

INSTALLED_APPS = [
    # Before our apps, so that accounts/admin.py can take their devices out of the admin.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_email",
    "samensterk.accounts",
    "samensterk.places",
    "samensterk.themes",
    "samensterk.front",
    "samensterk.intake",
    "samensterk.privacy",
    "samensterk.insight",
    "samensterk.dossiers",
    "samensterk.reports",
    "samensterk.network",
    "samensterk.coalitions",
    "samensterk.surveys",
    "samensterk.courses",
    "samensterk.knowledge",
    "samensterk.advocacy",
    "samensterk.benchmark",
    "samensterk.notify",
    "samensterk.accounts.admin_site.SamenSterkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "samensterk.front.middleware.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samensterk.accounts.security.IdleSessionMiddleware",
    "samensterk.front.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samensterk.accounts.security.TwoFactorMiddleware",
    "samensterk.front.middleware.NulCharacterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: it needs the authenticated user and answers lock-outs.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Production serves static files itself; runserver and the test server do so in development.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "samensterk.urls"
WSGI_APPLICATION = "samensterk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samensterk.front.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# One switch: DATABASE_URL (sqlite:///path.db or postgres://user@host:port/name).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'samensterk.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if "DATABASE_URL" not in os.environ:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # The standard pragmas for a web application: WAL lets readers work while one
            # request writes, with synchronous NORMAL (safe in WAL mode); IMMEDIATE avoids
            # "database is locked" upgrades inside transactions; `timeout` is the busy timeout.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    if TESTING:
        # A file, not Django's shared in-memory database: with that, two connections at once get
        # "table is locked" at once instead of waiting their turn, which is not how SQLite
        # behaves in production (the tests of simultaneous registrations need the real thing).
        # Beside the database it stands in for, so that two test runs (two DATABASE_URLs) never
        # share one.
        DATABASES["default"]["TEST"] = {"NAME": f"{DATABASES['default']['NAME']}.test"}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: rate limits, log-in throttling and cached results. One cache that every process of
# the installation shares, never memory per process (three workers would count three limits):
# by default a table in the database (made by migrate), or Redis when CACHE_URL says so
# (e.g. redis://127.0.0.1:6379/1).
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://samensterk_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    # Django culls a third of the entries past 300: enough visitors at once would wipe the
    # rate limits' counters.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 100_000)

# Our own reverse proxies (nginx in front of gunicorn), as addresses or networks: only from them
# is X-Forwarded-For believed, to find the visitor's address for rate limits and log-in
# throttling. Empty: the connecting address is the visitor's. E.g. 127.0.0.1,::1.
try:
    TRUSTED_PROXIES = [ip_network(p, strict=False) for p in env.list("TRUSTED_PROXIES", default=[])]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None

# --- Background work: Django's tasks framework (the django-tasks backport of Django 6's
# django.tasks) with its database backend, on SQLite and PostgreSQL alike. `samensterk
# db_worker` runs the tasks (scripts/run starts one beside the web server). Most tests run tasks
# at once, in the caller; the tests of the queue itself use the database backend and its worker.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASK_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}

# Public forms: per client, within a window in seconds. No IP address is kept beyond it.
MELDKNOP_RATE = (env.int("MELDKNOP_RATE_LIMIT", default=20), 60 * 60)
TRACKING_RATE = (env.int("TRACKING_RATE_LIMIT", default=10), 15 * 60)

# Figures that leave an organisation hide counts under this many signals (never below 3).
SUPPRESSION_K = env.int("SUPPRESSION_K", default=5)
if SUPPRESSION_K < 3:
    raise ImproperlyConfigured("SUPPRESSION_K must be 3 or more (small-cell suppression).")

# Survey, panel and course-evaluation results of a group of respondents are shown only when at
# least this many answered (all or nothing, surveys/disclosure.py); never below 5.
SURVEY_RESPONDENT_THRESHOLD = env.int("SURVEY_RESPONDENT_THRESHOLD", default=10)
if SURVEY_RESPONDENT_THRESHOLD < 5:
    raise ImproperlyConfigured("SURVEY_RESPONDENT_THRESHOLD must be 5 or more (survey results).")

# --- Accounts and security ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is slow on purpose, and the suite makes a thousand accounts (Django's advice for
    # tests); accounts/tests/test_invitations.py checks the real hasher.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "front:dashboard"
LOGOUT_REDIRECT_URL = "front:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# Contact details are erased this many days after a signal was received, whatever its status,
# unless staff keep them longer for a stated reason (samensterk apply_retention).
RETENTION_CONTACT_DAYS = env.int("RETENTION_CONTACT_DAYS", default=365)
# Stories of closed signals are replaced by their pseudonymised text this many years after closing.
RETENTION_STORY_YEARS = env.int("RETENTION_STORY_YEARS", default=2)
# Contact details of network people who left their role: kept this long after they left.
RETENTION_LEFT_ROLE_DAYS = env.int("RETENTION_LEFT_ROLE_DAYS", default=365)

# Throttling of failed log-ins (django-axes): 5 failures per account and address, then 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "samensterk.accounts.security.axes_username"
# The visitor's address behind our proxy, the same as the rate limits use (TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "samensterk.privacy.ratelimit.client_for_counting"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True  # successful log-ins are not kept
AXES_VERBOSE = False
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# Two-factor authentication (django-otp): the name shown in the authenticator app.
OTP_TOTP_ISSUER = env.str("OTP_ISSUER", default="Samen Sterk")
# Codes by e-mail (for members of local groups): valid 10 minutes, at most one mail a minute.
OTP_EMAIL_SUBJECT = gettext_lazy("Je inlogcode voor Samen Sterk")
OTP_EMAIL_BODY_TEMPLATE_PATH = "accounts/email/two_factor_code.txt"
OTP_EMAIL_TOKEN_VALIDITY = 10 * 60
OTP_EMAIL_COOLDOWN_DURATION = 60

SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
# The age counts from the last request (idle expiry), moved at most once a minute so that a
# request does not write its session each time (accounts.security.IdleSessionMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Production (DEBUG off) is HTTPS-only by default; each can be turned off from the environment.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # monitoring may ask over plain HTTP on the host itself
ONE_YEAR = 365 * 24 * 60 * 60
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=ONE_YEAR if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)

# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    },
}

# --- Language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production: hashed, compressed copies made by collectstatic (WhiteNoise serves them).
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- E-mail ---------------------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@mail.example.org:587; console in development.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Samen Sterk <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

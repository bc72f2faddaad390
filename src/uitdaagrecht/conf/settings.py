"""Settings for every environment, read from environment variables (DESIGN.md §5).

Safe defaults for a development machine; production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL. No secret lives in the repository: without SECRET_KEY a development key is generated
once under var/, and production refuses to start.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("UITDAAGRECHT_VAR_DIR", Path.cwd() / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment; else the key this machine generated before (var/, mode
    0600, never in the repository); else, on a development machine, a new one."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "dev-secret-key"
    if key_file.exists():
        return key_file.read_text().strip()
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for a development machine).")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file.write_text(secrets.token_urlsafe(50))
    key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "uitdaagrecht.core.admin_config.PlatformAdminConfig",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_prometheus",
    "uitdaagrecht.core",
    "uitdaagrecht.tenants",
    "uitdaagrecht.accounts",
    "uitdaagrecht.budgets",
    "uitdaagrecht.catalog",
    "uitdaagrecht.opendata",
    "uitdaagrecht.notifications",
    "uitdaagrecht.challenges",
    "uitdaagrecht.assessment",
    "uitdaagrecht.agreements",
    "uitdaagrecht.monitoring",
    "uitdaagrecht.portal",
    "uitdaagrecht.demo",
]

MIDDLEWARE = [
    # Outermost: the request id and the one log line per request (core.observability).
    "uitdaagrecht.core.observability.RequestLogMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "uitdaagrecht.core.errors.MethodNotAllowedPage",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "uitdaagrecht.conf.urls"
WSGI_APPLICATION = "uitdaagrecht.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "uitdaagrecht.core.context_processors.site",
            ],
        },
    }
]

if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded SQLite database lives here
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'uitdaagrecht.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the single writer work at the same time in the demo.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis in production (shared between app servers); local memory for the single-process demo.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {
            # Fails soft (core.cache): with Redis down the site works without it.
            "BACKEND": "uitdaagrecht.core.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
        if CACHE_URL.startswith("redis")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ou"}
    ),
    # Each process's own copy of the page fragments it read (core.fragments): no round trip for
    # them. At most this many, the least recently used dropped first.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("FRAGMENT_LOCAL_ENTRIES", "1000"))},
    },
}
# Sessions only in the database, never in Redis: they survive Redis going away, and every app
# server sees them at once. (cached_db would save one query per logged-in page; the query budgets
# in tests/test_query_counts.py count that query.)
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Anonymous public pages are cached per language and municipality (core.caching).
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "3600"))
# Parts of pages rendered once for everyone, logged in or not (core.fragments); 0 = off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "86400"))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:account"
LOGOUT_REDIRECT_URL = "portal:home"

# Login throttling (django-axes), per username and client address: someone guessing or mistyping
# from one address never locks the account's owner out elsewhere. After AXES_FAILURE_LIMIT
# failures the lock lasts a minute, and doubles with every AXES_FAILURE_LIMIT more failures of
# that username from that address within a day, up to an hour (accounts.lockout.cool_off).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login form field, although users log in by e-mail
AXES_RESET_ON_SUCCESS = True
# Behind reverse proxies (TRUSTED_PROXY_COUNT of them, each adding the address it saw to
# X-Forwarded-For) the client's address is the one the outermost proxy added; without proxies
# (0, the default) it is REMOTE_ADDR and X-Forwarded-For is ignored. django-ipware is not
# installed, so axes would ignore these two settings; accounts.lockout.client_address applies them.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
AXES_COOLOFF_MINUTES = (1, 60)  # the first lock, the longest


AXES_CLIENT_IP_CALLABLE = "uitdaagrecht.accounts.lockout.client_address"
AXES_USERNAME_CALLABLE = "uitdaagrecht.accounts.lockout.username"
AXES_COOLOFF_TIME = "uitdaagrecht.accounts.lockout.cool_off"
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # the failures the lock grows with
# Each record expires after its own cool-off: with one for everyone, a short one would clean up
# (and so lift) the longer locks of others.
AXES_USE_ATTEMPT_EXPIRATION = True
# A locked-out attempt neither extends the lock nor counts towards the next one.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Staff must confirm a TOTP device before they reach the staff workspace.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = "Open Uitdaagrecht"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Challenge documents: outside MEDIA_ROOT, with no URL; served only by a permission-checking
    # view. In production point this at S3-compatible storage (django-storages) if wanted.
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "documents"},
    },
    # Open-data files (uitdaagrecht export_open_data), served by opendata/downloads.py.
    "opendata": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "opendata"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Open Uitdaagrecht <noreply@localhost>")
# Outgoing e-mail goes through a durable queue (core.outbox, ADR 0007): written in the
# transaction of the change that causes it, sent by `uitdaagrecht db_worker` with retries. The
# development demo runs the tasks at once in the request (TASKS_BACKEND=immediate).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG else "database")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TASKS_BACKEND == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
# Seconds to wait before each next attempt to send an e-mail; after the last one it has failed
# and shows on the municipal admin's e-mail page (about a day and a half in all).
MAIL_RETRY_DELAYS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600]
# The SMTP connection gives up after this many seconds, so a hanging server holds no worker.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# The public address of the site: links in e-mails are built from it (alerts, confirmations).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Security: strict by default, relaxed only for a development machine on plain http.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Health checks answer over plain http too: a probe from inside the cluster that gets a redirect
# to https would count a database outage as "ready".
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [] if not DEBUG else ["security.W004", "security.W008"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["uitdaagrecht.opendata.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "uitdaagrecht.opendata.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Open Uitdaagrecht API",
    "DESCRIPTION": (
        "Read-only open data of the Right to Challenge: municipalities, Iv3 taakvelden and budgets. "
        "Amounts are in thousands of euros (unit given in each response). "
        "Licence: the platform's own data CC0 1.0; source of budget data: CBS, Iv3 (informatie "
        "voor derden), CC BY 4.0. Bulk downloads: /open-data/."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "LICENSE": {
        "name": "CC0 1.0 (budget figures: CC BY 4.0, Bron: CBS)",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "uitdaagrecht.opendata.schema.error_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PhaseEnum": "uitdaagrecht.challenges.workflow.State",
        "BodyEnum": "uitdaagrecht.assessment.models.Body",
        "DimensionEnum": "uitdaagrecht.challenges.models.Dimension",
        "MoneySourceEnum": "uitdaagrecht.monitoring.models.Source",
        "EvaluationKindEnum": "uitdaagrecht.monitoring.models.Kind",
        "KindEnum": "uitdaagrecht.challenges.extensions.EVENT_KINDS",
    },
}

# One JSON line per request on stdout (core.observability), with its request id and without
# personal data; everything else as before on stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "uitdaagrecht.core.observability.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "uitdaagrecht.requests": {
            "handlers": ["requests"],
            "level": "INFO" if env_bool("REQUEST_LOG", True) else "WARNING",
            "propagate": False,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# Prometheus metrics at /metrics (django-prometheus), for the token as "Authorization: Bearer …"
# or for the listed addresses (the scraper's, as the app sees it); 404 for everybody else.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS")
PROMETHEUS_EXPORT_MIGRATIONS = False

# Challenge documents: the largest accepted file. Django sees an upload's size only once the whole
# body has arrived: the reverse proxy's body limit (client_max_body_size, README) stops larger
# requests before that.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
# Files larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Form fields without their files: the longest forms have some ten texts of 10,000 characters.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20  # documents sent at once

FORM_RENDERER = "uitdaagrecht.core.forms.FormRenderer"
AUTH_USER_MODEL = "accounts.User"

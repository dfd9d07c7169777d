"""Urbis settings: one module, driven by environment variables (README § Configuration).

Every value a deployment may change is read from the environment here and documented in the
README. Secrets come from the environment only; the development fallback secret is refused
outside DEBUG.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("URBIS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip() else default


# Under pytest the test conveniences below switch on (fast hashing, immediate tasks).
TESTING = env_bool("URBIS_TESTING", "pytest" in sys.modules)
DEBUG = env_bool("URBIS_DEBUG", False)

_DEV_SECRET = "urbis-insecure-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("URBIS_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("URBIS_SECRET_KEY must be set when URBIS_DEBUG is off.")
    SECRET_KEY = _DEV_SECRET

ALLOWED_HOSTS = env_list("URBIS_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("URBIS_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "urbis.core",
    "urbis.plan",
    "urbis.sanctions",
    "urbis.cpted",
    "urbis.incidents",
    "urbis.reports",
    "urbis.casework",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL byte in the path or query string is a 400 before any view (PostgreSQL refuses it).
    "urbis.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "urbis.core.middleware.RequestContextMiddleware",
    "urbis.core.middleware.TwoFactorMiddleware",
    # Axes must be last: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "urbis.core.context_processors.shell",
            ],
        },
    }
]

# --- Database: SQLite file under var/ by default, PostgreSQL via DATABASE_URL (psycopg 3) ---
_default_db = f"sqlite:///{VAR_DIR / 'urbis.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "") or _default_db,
        conn_max_age=env_int("URBIS_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
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
if TESTING:
    # Fast hashing in tests only; production keeps Django's default (PBKDF2).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"

# --- Sessions: idle expiry (every request renews the cookie) ---
SESSION_COOKIE_AGE = env_int("URBIS_SESSION_IDLE_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Login throttling (django-axes) ---
AXES_FAILURE_LIMIT = env_int("URBIS_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("URBIS_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
# Reverse proxies in front of Urbis: only then are X-Forwarded-For / X-Forwarded-Proto trusted.
URBIS_PROXY_COUNT = env_int("URBIS_PROXY_COUNT", 0)
AXES_IPWARE_PROXY_COUNT = URBIS_PROXY_COUNT
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# --- Two-factor authentication (TOTP, django-otp) ---
OTP_TOTP_ISSUER = os.environ.get("URBIS_OTP_ISSUER", "Urbis")
URBIS_2FA_REQUIRED_ROLES = env_list("URBIS_2FA_REQUIRED_ROLES", "admin,dpo")

# --- Security headers (ARCHITECTURE §6) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("URBIS_SSL_REDIRECT", not TESTING)
    if URBIS_PROXY_COUNT > 0:
        # Without a proxy that sets it, any client could send X-Forwarded-Proto: https and pass
        # for a secure request (Django docs, SECURE_PROXY_SSL_HEADER warning).
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("URBIS_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("URBIS_HSTS_PRELOAD", True)
    SESSION_COOKIE_NAME = "__Host-urbis-session"
    CSRF_COOKIE_NAME = "__Host-urbis-csrftoken"

# Map tiles: a URL template for Leaflet, or empty for none (the project's own GeoJSON layers
# still show). Its origin is added to the CSP img-src below.
URBIS_MAP_TILE_URL = os.environ.get(
    "URBIS_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
URBIS_MAP_TILE_ATTRIBUTION = os.environ.get(
    "URBIS_MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors"
)


def _origin(url: str) -> str | None:
    if "://" not in url:
        return None
    scheme, rest = url.split("://", 1)
    host = rest.split("/", 1)[0]
    return f"{scheme}://{host}"


_tile_origin = _origin(URBIS_MAP_TILE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *([_tile_origin] if _tile_origin else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation: Dutch, French, English; Europe/Brussels ---
LANGUAGE_CODE = os.environ.get("URBIS_LANGUAGE", "nl")
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("URBIS_TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True
# Day-first dates in every language: English takes urbis/core/formats/en (en-GB), Dutch and
# French keep Django's. Thousands are grouped by the figure filter, not everywhere (years and
# reference numbers would read 2.026): docs/adr/0005-dates-and-numbers-per-language.md.
FORMAT_MODULE_PATH = ["urbis.core.formats"]
USE_THOUSAND_SEPARATOR = False

# --- Static files: front-end libraries come from npm (package.json) into static/vendor ---
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("URBIS_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("URBIS_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Admin site at a configurable path, for the admin role only ---
# CPTED triage thresholds (domain/cpted.md §5.1: UK crime-impact-statement triggers as defaults
# to discuss — Mechelen's own values are unknown, so they are settings).
URBIS_CPTED_TRIAGE_THRESHOLDS = {
    "dwellings": env_int("URBIS_CPTED_DWELLINGS", 10),
    "floor_area": env_int("URBIS_CPTED_FLOOR_AREA", 1000),
    "parking": env_int("URBIS_CPTED_PARKING", 50),
}
# Crime and nuisance context in the CPTED report: radius around the site, in metres.
URBIS_CPTED_CONTEXT_RADIUS_M = env_int("URBIS_CPTED_CONTEXT_RADIUS_M", 250)
# Signing off a CPTED check with fewer rated items than this (coverage, % of the applicable
# items) asks the advisor to confirm it (a check of a few items reads as a full one otherwise).
URBIS_CPTED_SIGN_OFF_COVERAGE = env_int("URBIS_CPTED_SIGN_OFF_COVERAGE", 60)
# Largest CPTED photo upload, in bytes.
URBIS_CPTED_MAX_PHOTO_BYTES = env_int("URBIS_CPTED_MAX_PHOTO_BYTES", 10 * 1024 * 1024)
URBIS_MAX_PHOTO_BYTES = env_int("URBIS_MAX_PHOTO_BYTES", 10 * 1024 * 1024)  # GAS field photos
# GAS rules that domain/gas.md marks BELIEVED or that are our reading (docs/sanctions-rules.md):
# GAS-R07 [B]: community service is executed within this many months of its agreement.
URBIS_GAS_COMMUNITY_SERVICE_MONTHS = env_int("URBIS_GAS_COMMUNITY_SERVICE_MONTHS", 6)
# GAS-R11 (reading): a minor summoned who did not appear or waived the hearing, documented in
# the minutes, counts as heard; 0 requires a hearing actually held before any sanction.
URBIS_GAS_MINOR_HEARING_WAIVER = env_bool("URBIS_GAS_MINOR_HEARING_WAIVER", True)
# Uploaded tables (CSV/XLSX imports, urbis.core.tabular): size and row limits.
URBIS_IMPORT_MAX_BYTES = env_int("URBIS_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
URBIS_IMPORT_MAX_ROWS = env_int("URBIS_IMPORT_MAX_ROWS", 100_000)
# Largest document attachment (PDF or photo: a written defence, an agreement), in bytes.
URBIS_MAX_DOCUMENT_BYTES = env_int("URBIS_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)
# Administration (/manage/): largest GeoJSON file of areas an administrator imports.
URBIS_AREA_IMPORT_MAX_BYTES = env_int("URBIS_AREA_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# "Forgot password": requests per hour from one client address and for one e-mail address.
URBIS_PASSWORD_RESET_PER_HOUR_IP = env_int("URBIS_PASSWORD_RESET_PER_HOUR_IP", 10)
URBIS_PASSWORD_RESET_PER_HOUR_ADDRESS = env_int("URBIS_PASSWORD_RESET_PER_HOUR_ADDRESS", 3)
# A set-password or reset link works once, for three days (Django's default).
PASSWORD_RESET_TIMEOUT = env_int("URBIS_PASSWORD_RESET_SECONDS", 3 * 24 * 3600)
URBIS_ADMIN_PATH = os.environ.get("URBIS_ADMIN_PATH", "admin/").strip("/") + "/"

# --- Cache: local memory by default (nothing to install); in production a shared Redis, so that
# every worker counts the same API rate limits (URBIS_CACHE_URL=redis://127.0.0.1:6379/1).
URBIS_CACHE_URL = os.environ.get("URBIS_CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": URBIS_CACHE_URL}
        if URBIS_CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- API ---
# Rates as DRF writes them ("60/minute"); under pytest they are off unless set, so that tests
# making many calls are not throttled by accident (the throttle tests set them).
_THROTTLE_DEFAULTS = (None, None) if TESTING else ("60/minute", "1000/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "urbis.core.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "urbis.core.api.schema.UrbisAutoSchema",
    "EXCEPTION_HANDLER": "urbis.core.api.errors.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "urbis.core.api.throttling.AnonRateThrottle",
        "urbis.core.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("URBIS_API_ANON_RATE") or _THROTTLE_DEFAULTS[0],
        "user": os.environ.get("URBIS_API_USER_RATE") or _THROTTLE_DEFAULTS[1],
    },
    # The client address for the anonymous and failed-authentication limits (X-Forwarded-For
    # is only read behind URBIS_PROXY_COUNT proxies).
    "NUM_PROXIES": URBIS_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Urbis API",
    "DESCRIPTION": "Urbis: integrated urban-security strategy platform. All errors share one "
    "format: {status, code, message, errors}.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "GasCaseStatusEnum": "urbis.sanctions.models.cases.CASE_STATUS_CHOICES",
        "GasCaseOutcomeEnum": "urbis.sanctions.models.cases.CASE_OUTCOME_CHOICES",
        "GasActionEnum": "urbis.sanctions.api.serializers.ACTION_CHOICES",
        "GasLanguageEnum": "urbis.sanctions.models.parties.Language.choices",
        "ReportStatusEnum": "urbis.reports.models.Status.choices",
        "ReportSourceEnum": "urbis.reports.models.Source.choices",
        "CaseworkCaseStatusEnum": "urbis.casework.models.CaseStatus",
        "FeedbackSheetStatusEnum": "urbis.casework.models.SheetStatus",
    },
}

# --- Background tasks: database backend (no extra server); a broker backend can replace it ---
# URBIS_TASKS_BACKEND=django_tasks_rq.RQBackend moves the queue to Redis (the `redis` extra:
# django-tasks-rq, django-rq, rq); its workers run `urbis rqworker --job-class
# django_tasks_rq.Job <queues>` instead of `urbis db_worker`.
URBIS_TASKS_BACKEND = os.environ.get(
    "URBIS_TASKS_BACKEND",
    "django_tasks.backends.immediate.ImmediateBackend"
    if TESTING
    else "django_tasks_db.DatabaseBackend",
)
URBIS_TASKS_QUEUES = env_list("URBIS_TASKS_QUEUES", "default") or ["default"]
URBIS_REDIS_URL = os.environ.get("URBIS_REDIS_URL", "redis://127.0.0.1:6379/0")
TASKS = {"default": {"BACKEND": URBIS_TASKS_BACKEND, "QUEUES": URBIS_TASKS_QUEUES}}
# django-rq's queues (read only by the RQ backend and `urbis rqworker`): all on one Redis.
RQ_QUEUES = {
    name: {"URL": URBIS_REDIS_URL, "DEFAULT_TIMEOUT": env_int("URBIS_RQ_JOB_TIMEOUT", 3600)}
    for name in URBIS_TASKS_QUEUES
}
if URBIS_TASKS_BACKEND.startswith("django_tasks_rq."):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
URBIS_NIGHTLY_AT = os.environ.get("URBIS_NIGHTLY_AT", "02:30")

# --- Mail ---
EMAIL_BACKEND = os.environ.get(
    "URBIS_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("URBIS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("URBIS_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("URBIS_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("URBIS_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("URBIS_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("URBIS_FROM_EMAIL", "urbis@localhost")

# --- City ---
URBIS_CITY_NAME = os.environ.get("URBIS_CITY_NAME", "Mechelen")
URBIS_MAP_CENTER = (
    float(os.environ.get("URBIS_MAP_LAT", "51.0259")),
    float(os.environ.get("URBIS_MAP_LON", "4.4776")),
)
URBIS_METRIC_CRS = os.environ.get("URBIS_METRIC_CRS", "EPSG:31370")
# Survey cells with fewer respondents are not published (a local disclosure-control choice).
URBIS_SURVEY_MIN_RESPONDENTS = env_int("URBIS_SURVEY_MIN_RESPONDENTS", 30)
# Incidents (docs/incidents.md; BELIEVED conventions are marked there)
# One city extent for every app (urbis.core.extent): min_lon,min_lat,max_lon,max_lat; empty: the
# areas' bounding box. URBIS_REPORTS_CITY_BBOX (south,west,north,east) is its deprecated alias,
# read once here.
URBIS_CITY_BBOX = os.environ.get("URBIS_CITY_BBOX", "")
if not URBIS_CITY_BBOX and os.environ.get("URBIS_REPORTS_CITY_BBOX"):
    import warnings

    _south, _west, _north, _east = env_list("URBIS_REPORTS_CITY_BBOX", "")[:4]
    URBIS_CITY_BBOX = f"{_west},{_south},{_east},{_north}"
    warnings.warn(
        "URBIS_REPORTS_CITY_BBOX (south,west,north,east) is deprecated: set "
        f"URBIS_CITY_BBOX={URBIS_CITY_BBOX} (min_lon,min_lat,max_lon,max_lat)",
        DeprecationWarning,
        stacklevel=1,
    )
URBIS_INCIDENTS_MAX_WINDOW_DAYS = env_int("URBIS_INCIDENTS_MAX_WINDOW_DAYS", 31)
URBIS_INCIDENTS_MAX_ROWS = env_int("URBIS_INCIDENTS_MAX_ROWS", 1_000_000)
URBIS_INCIDENTS_COCOON_RADIUS_M = env_int("URBIS_INCIDENTS_COCOON_RADIUS_M", 200)
URBIS_INCIDENTS_COCOON_DAYS = env_int("URBIS_INCIDENTS_COCOON_DAYS", 14)
URBIS_INCIDENTS_MIN_CELL = env_int("URBIS_INCIDENTS_MIN_CELL", 5)

# Public-space reports (docs/reports.md); BELIEVED practices are settings.
URBIS_REPORTS_RETENTION_DAYS = env_int("URBIS_REPORTS_RETENTION_DAYS", 365)
URBIS_REPORTS_AT_RISK_DAYS = env_int("URBIS_REPORTS_AT_RISK_DAYS", 1)
URBIS_REPORTS_NEARBY_METRES = env_int("URBIS_REPORTS_NEARBY_METRES", 150)
URBIS_REPORTS_POSTS_PER_HOUR_KEY = env_int("URBIS_REPORTS_POSTS_PER_HOUR_KEY", 5000)
URBIS_REPORTS_POSTS_PER_HOUR_ADDRESS = env_int("URBIS_REPORTS_POSTS_PER_HOUR_ADDRESS", 30)
URBIS_REPORTS_JURISDICTION = os.environ.get("URBIS_REPORTS_JURISDICTION", "mechelen.be")
# The accessibility statement's contact (Directive (EU) 2016/2102 art. 7(1)(b) and the model
# statement of Implementing Decision (EU) 2018/1523: a feedback contact and the enforcement
# procedure). Each city sets its own; an empty one is left out of the page.
URBIS_REPORTS_CONTACT_EMAIL = os.environ.get("URBIS_REPORTS_CONTACT_EMAIL", "")
URBIS_REPORTS_CONTACT_PHONE = os.environ.get("URBIS_REPORTS_CONTACT_PHONE", "")
URBIS_REPORTS_CONTACT_ADDRESS = os.environ.get("URBIS_REPORTS_CONTACT_ADDRESS", "")
URBIS_REPORTS_OMBUDSMAN_URL = os.environ.get("URBIS_REPORTS_OMBUDSMAN_URL", "")
URBIS_PUBLIC_URL = os.environ.get("URBIS_PUBLIC_URL", "http://127.0.0.1:8000")

# --- Casework and GDPR (docs/casework.md, docs/gdpr.md; BELIEVED figures are settings) ---
# Who may open a case they do not take part in, with a reason, time-boxed and reported.
URBIS_CASEWORK_BREAK_GLASS_ROLES = env_list("URBIS_CASEWORK_BREAK_GLASS_ROLES", "dpo")
URBIS_CASEWORK_BREAK_GLASS_HOURS = env_int("URBIS_CASEWORK_BREAK_GLASS_HOURS", 4)
# Casework indicators: cells below this count are suppressed (plan-casework.md §4.3, n < 5).
URBIS_CASEWORK_MIN_CELL = env_int("URBIS_CASEWORK_MIN_CELL", 5)
# How long the access log itself is kept (months), then purged with a logged proof.
URBIS_ACCESS_LOG_RETENTION_MONTHS = env_int("URBIS_ACCESS_LOG_RETENTION_MONTHS", 24)
# Unusual access: a user reading more personal records than this within one hour.
URBIS_GDPR_UNUSUAL_READS_PER_HOUR = env_int("URBIS_GDPR_UNUSUAL_READS_PER_HOUR", 200)
# Controller and DPO named in the record of processing activities (art. 30(1)(a)).
URBIS_GDPR_CONTROLLER = os.environ.get("URBIS_GDPR_CONTROLLER", "City of Mechelen")
URBIS_GDPR_DPO_CONTACT = os.environ.get("URBIS_GDPR_DPO_CONTACT", "dpo@mechelen.be")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("URBIS_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

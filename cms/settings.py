"""Settings for the CMS, read once from the environment.

With nothing set, the site runs for local use: DEBUG on, SQLite, a local-memory cache and
mail printed to the console. README.md lists every variable.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

from cms.cache import redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY: production mode (DEBUG off) needs a real secret key.")
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 40):
    raise ImproperlyConfigured("SECRET_KEY is too short or is the development key; use 50 random characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Translated like the interface where the catalogues have it ("Meridian" has a Russian entry).
SITE_NAME = os.environ.get("SITE_NAME", gettext_noop("Meridian"))
# The address readers use, without a trailing slash; absolute links fall back to the request's host.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "taggit",
    "reversion",
    "django_prose_editor",
    "cms.security",
    "cms.roles",
    "cms.desk",
    "cms.translations",
    "cms.reports",
    "cms.attribution",
    "cms.pagecache",
    "cms.addresses",
    "cms.jobs",
    "django_tasks",
    "django_tasks_db",
    "interviews",
]

MIDDLEWARE = [
    # First: a load balancer's probes get their answer before host checks, HTTPS redirects and caches.
    "cms.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.faults.DatabaseUnavailableMiddleware",
    # ETag and 304 answers; then the page cache: its storing half must see cookies set below, and
    # its answering half serves hits without the rest of the chain (see cms/pagecache).
    "django.middleware.http.ConditionalGetMiddleware",
    "cms.pagecache.middleware.UpdatePageCacheMiddleware",
    "cms.pagecache.middleware.FetchFromPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.security.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A 404 at an address whose page moved becomes a 301 to the new one (cms/addresses).
    "cms.addresses.middleware.OldAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
# The context of the 500 and 503 pages, which are rendered without the request's (cms/faults.py).
ERROR_PAGE_CONTEXT = "cms.context_processors.site_context"
WSGI_APPLICATION = "cms.wsgi.application"

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
                "cms.context_processors.site",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# On PostgreSQL, the statements public pages run on every view are prepared once per connection
# (cms/prepared.py). Turn it off behind a pooler that cannot keep prepared statements (PgBouncer in
# transaction mode without max_prepared_statements).
DATABASE_PREPARE = env_bool("DATABASE_PREPARE", True)
if DATABASE_PREPARE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg prepares nothing while this is unset. Django's own cursors bind on the client and
    # never prepare, so only what cms/prepared.py asks to be prepared is: the count is never reached.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# In production with no CACHE_URL, the database cache: every process of the machine (gunicorn's
# workers, the job worker) then shares the page cache's generation, the limits and the lockouts.
# Its table is made by `migrate` (cms/pagecache/apps.py). A local-memory cache is one process's
# own, so it is the default only with DEBUG on, where runserver is one process.
_CACHE_URL = os.environ.get("CACHE_URL", "locmem://" if DEBUG else "db://")
_REDIS_CACHE = _CACHE_URL.startswith(("redis://", "rediss://", "unix://"))
if _REDIS_CACHE:
    # django-redis, answering as an empty cache while Redis is down (cms/cache.py).
    CACHES = {"default": redis_cache(_CACHE_URL, key_prefix=os.environ.get("CACHE_KEY_PREFIX", "cms"))}
elif _CACHE_URL == "db://":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cms_cache",
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cms"),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)},
        }
    }
elif _CACHE_URL == "locmem://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif _CACHE_URL == "dummy://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    raise ImproperlyConfigured(
        f"CACHE_URL must be redis://…, db://, locmem:// or dummy://, not {_CACHE_URL!r}."
    )

# The errors django-redis ignores go to cms.cache's logger (see LOGGING).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "cms.cache"

# Work that does not belong in a request runs in `manage.py worker` (cms/jobs), queued in the
# database. TASKS_BACKEND=immediate runs it inside the request that queues it, with no worker.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if _TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be database or immediate, not {_TASKS_BACKEND!r}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_TASKS_BACKEND]}}
# A failing job is tried this many times in all, waiting JOB_RETRY_SECONDS, then 4 times longer each time.
JOB_ATTEMPTS = env_int("JOB_ATTEMPTS", 5)
JOB_RETRY_SECONDS = env_int("JOB_RETRY_SECONDS", 30)
# What a save outdates (search columns, stored renderings, related lists) is refreshed once, when
# its transaction commits (interviews/refresh.py). True refreshes at every change instead: the
# tests' TestCase, whose transaction never commits, reads the refreshed rows at once.
REFRESH_AT_ONCE = False

SESSION_ENGINE = "django.contrib.sessions.backends.db"
# An editor idle this long is logged out; cms.security.middleware.IdleSessionMiddleware
# renews sessions in use.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60

# --- Content ----------------------------------------------------------------------------

# Languages an interview can be published in; the first is the default for new ones.
CONTENT_LANGUAGES = [
    ("en", gettext_noop("English")),
    ("ru", gettext_noop("Russian")),
    ("kk", gettext_noop("Kazakh")),
    ("ky", gettext_noop("Kyrgyz")),
    ("tg", gettext_noop("Tajik")),
    ("uz", gettext_noop("Uzbek")),
    ("tk", gettext_noop("Turkmen")),
]
INTERVIEWS_PER_PAGE = env_int("INTERVIEWS_PER_PAGE", 12)
# Anonymous readers get public pages from the shared cache for up to this long; 0 turns it off.
# A change outdates the pages showing it at once (cms/pagecache), so this bounds only a lost signal.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# While one request rebuilds an outdated page, the others get the previous copy for this long
# at most, instead of all rendering it at once.
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 5)
# The query parameters public pages read; the page cache keys on these and ignores any other.
PAGE_CACHE_QUERY_PARAMETERS = ["language", "page", "q", "expert", "tag"]
# First path segments (after a language prefix) the page cache never stores: staff pages, previews,
# share links, endpoints that count or accept something (and ADMIN_URL's, MEDIA_URL's).
PAGE_CACHE_PRIVATE_SECTIONS = {"admin", "preview", "approval", "reports", "attribution"}
# When pages next change with no save to announce it: no cached page is served past it.
PAGE_CACHE_NEXT_CHANGE = "interviews.workflow.next_publication"
# Feeds carry whole interviews when true, the lead only when false.
FEED_FULL_CONTENT = env_bool("FEED_FULL_CONTENT", True)
TAGGIT_CASE_INSENSITIVE = True

# --- Internationalisation ---------------------------------------------------------------

LANGUAGE_CODE = "en"
# The interface's languages: English at /, Russian under /ru/.
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Files ------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Several app machines keep uploads (and their renditions) in S3-compatible object storage
# (django-storages); one machine keeps them in MEDIA_ROOT and serves them itself (cms/media.py).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "url_protocol": os.environ.get("S3_URL_PROTOCOL", "https:"),
            # Media are public and their names random: plain, stable addresses a CDN can keep.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
MEDIA_SERVE = not S3_BUCKET
# Uploaded images: JPEG, PNG, WebP or GIF, at most this many bytes and pixels (interviews/uploads.py).
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- CDN --------------------------------------------------------------------------------

# Public pages say how long a shared cache may keep them and name what they show (Surrogate-Key,
# Cache-Tag); a save sends a purge of those names to CDN_PURGE_URL from a job (cms/pagecache/keys.py).
CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "")
CDN_PURGE_TOKEN = os.environ.get("CDN_PURGE_TOKEN", "")
# Without purges a shared cache must ask again every time, so a save still reaches readers at once.
CDN_MAX_AGE = env_int("CDN_MAX_AGE", 3600 if CDN_PURGE_URL else 0)
CDN_STALE_SECONDS = env_int("CDN_STALE_SECONDS", 60 if CDN_PURGE_URL else 0)
# What a public page is tagged with when its view names nothing: every change readers see
# outdates it (interviews/keys.py).
CDN_DEFAULT_KEYS = ["changes"]

# --- Mail -------------------------------------------------------------------------------

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "editors@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Features no page of ours uses; cms.security.middleware.PermissionsPolicyMiddleware sends it.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a one-way decision for the whole domain, left to whoever runs it
        # (SECURE_HSTS_PRELOAD=true); until then check --deploy need not remind us.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Scripts come from our own files only: no inline code, no eval. Styles too: neither our pages nor
# Django's admin carry style attributes (scripts set styles through the DOM, which CSP allows).
# NONCE adds a per-response nonce only when a template asks for request.csp_nonce; none does, so
# cached pages stay valid. https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Admin login ------------------------------------------------------------------------

# Where the admin lives; a less obvious path keeps some probes away. Must end with a slash.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After LOGIN_FAILURE_LIMIT failed logins, one account from one client is refused for
# LOGIN_COOLOFF_MINUTES. The counts live in the shared cache, so every app process sees them.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOGIN_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Counts go to Redis when there is one, else to the database: either way every process shares them.
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler" if _REDIS_CACHE else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_CLIENT_IP_CALLABLE = "cms.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "cms.security.views.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner in every management command's output

# --- Clients and limits -----------------------------------------------------------------

# How many proxies of ours sit in front of the app; X-Forwarded-For is trusted that far only.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# X-Forwarded-Proto likewise: without proxies of ours, any client could claim to be on HTTPS (and
# get Secure cookies over plain HTTP, or skip the redirect to HTTPS). Our proxies must set it.
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Client hashes (never raw addresses) are kept; the salt changes every this many hours.
CLIENT_HASH_SALT = os.environ.get("CLIENT_HASH_SALT", "")
CLIENT_HASH_ROTATION_HOURS = env_int("CLIENT_HASH_ROTATION_HOURS", 24 * 30)

# --- Source attribution ----------------------------------------------------------------

# Copies of more than ATTRIBUTION_COPY_MIN_CHARS characters of interview text get a source line.
ATTRIBUTION_ON_COPY = env_bool("ATTRIBUTION_ON_COPY", True)
ATTRIBUTION_COPY_MIN_CHARS = env_int("ATTRIBUTION_COPY_MIN_CHARS", 200)
# Searches one client may make in a minute; past it they get a 429 page.
SEARCH_PER_MINUTE = env_int("SEARCH_PER_MINUTE", 30)
# Requests one client may make to the republication counting image in an hour.
REPUBLISH_PIXEL_PER_HOUR = env_int("REPUBLISH_PIXEL_PER_HOUR", 120)
# The link check (manage.py check_republications): seconds per page and bytes read per page.
LINK_CHECK_TIMEOUT = env_int("LINK_CHECK_TIMEOUT", 10)
LINK_CHECK_MAX_BYTES = env_int("LINK_CHECK_MAX_BYTES", 2 * 1024 * 1024)
# LINK_CHECK_ALLOW_ADDRESSES (loopback addresses the check may treat as public) is left unset on
# purpose and never read from the environment: only tests set it, for their own servers.

# --- Error reports ----------------------------------------------------------------------

# Spelling error reports one client may send in an hour.
REPORTS_PER_HOUR = env_int("REPORTS_PER_HOUR", 20)
# "each": editors get an email per new report; "digest": `send_report_digest` sends them together.
REPORTS_NOTIFY = os.environ.get("REPORTS_NOTIFY", "each")
if REPORTS_NOTIFY not in {"each", "digest"}:
    raise ImproperlyConfigured(f"REPORTS_NOTIFY must be each or digest, not {REPORTS_NOTIFY!r}.")
# Who hears about new reports; empty means the active members of the Editors group.
REPORTS_NOTIFY_EMAILS = env_list("REPORTS_NOTIFY_EMAILS", [])
REPORTS_DIGEST_MINUTES = env_int("REPORTS_DIGEST_MINUTES", 60)

# --- Logging ----------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"cache_outage": {"()": "cms.cache.OutageLogFilter"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # A line per job run is the worker's to print (`manage.py worker -v 1`), not every request's.
        "django_tasks": {"level": "WARNING"},
        # The errors django-redis ignores while Redis is down: one warning per interval.
        "cms.cache": {"filters": ["cache_outage"]},
    },
}

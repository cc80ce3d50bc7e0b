"""Settings for the Yongkang Daily archive.

Everything a deployment changes comes from the environment; the defaults are production's
(``DEBUG`` off, so a secret key is required), with SQLite and a Whoosh index under ``var/``.
``./dev serve`` switches debugging on for development; tests use ``tests/settings.py``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

DATA_DIR = Path(os.environ.get("YONGKANG_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "haystack",
    "axes",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "articles.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "articles.middleware.SearchRateLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a login from a locked-out client before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "yongkang.urls"
WSGI_APPLICATION = "yongkang.wsgi.application"

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
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'yongkang.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an import writes; IMMEDIATE takes the write lock at BEGIN
    # so two writers queue on the busy timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# DJANGO_CACHE_BACKEND/LOCATION point the default cache at a shared one (Redis, memcached).
# Without it the search rate limit counts in files under the data folder, so that every
# gunicorn worker on the machine shares one count per client (a process-local cache would
# let a client through workers × the rate).
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", "yongkang"),
    },
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "ratelimit"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise warns on every start while collectstatic has never run (development, tests).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise as they are.
WHITENOISE_ROOT = BASE_DIR / "public"

# Search: the engine is a settings switch so a site can move to another haystack backend
# (see docs/scaling.md) without code changes.
SEARCH_INDEX_DIR = Path(os.environ.get("YONGKANG_INDEX_DIR", DATA_DIR / "whoosh_index")).resolve()
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": os.environ.get(
            "YONGKANG_SEARCH_ENGINE", "articles.search.backend.JiebaWhooshEngine"
        ),
        "PATH": str(SEARCH_INDEX_DIR),
        "URL": os.environ.get("YONGKANG_SEARCH_URL", ""),
        "INDEX_NAME": os.environ.get("YONGKANG_SEARCH_INDEX_NAME", "yongkang"),
        "INCLUDE_SPELLING": False,
        "BATCH_SIZE": 500,
    }
}
# Every search would otherwise run a second full query to narrow to registered models.
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
HAYSTACK_SIGNAL_PROCESSOR = "articles.search.signals.QueuedSignalProcessor"

# What one imported page may hold. A printed page's file is 10–60 kB and the longest
# article in 70,653 real ones has 22,337 characters; beyond these a file is refused (with
# its name, and the article's line) before anything is stored, which bounds the import's
# memory and what one article costs every page that shows or searches it.
IMPORT_MAX_PAGE_BYTES = int(os.environ.get("YONGKANG_MAX_PAGE_BYTES", "1000000"))
IMPORT_MAX_ARTICLE_CHARS = int(os.environ.get("YONGKANG_MAX_ARTICLE_CHARS", "50000"))

# Curated words jieba splits wrongly (places, institutions, slogans); people's names come
# from the Person table.
SEARCH_USER_DICT = BASE_DIR / "articles" / "search" / "userdict.txt"
# Seconds one search may take; past it the page answers with what it has, marked incomplete.
SEARCH_TIME_BUDGET = float(os.environ.get("YONGKANG_SEARCH_BUDGET", "3"))
# Matches counted exactly up to this many; past it a search shows "10000+", its facets
# and timeline are estimated from a sample, and its pages stop at the cap (as
# Elasticsearch's track_total_hits), so no search's cost grows with the archive.
SEARCH_TOTAL_CAP = int(os.environ.get("YONGKANG_SEARCH_TOTAL_CAP", "10000"))
# zlib level of the index's posting blocks (0: stored plain, faster to read, larger).
SEARCH_INDEX_COMPRESSION = int(os.environ.get("YONGKANG_INDEX_COMPRESSION", "0"))

LOGIN_URL = "admin:login"

# Password guessing on the admin login: after AXES_FAILURE_LIMIT wrong passwords from one
# client address (see TRUSTED_PROXY_HOPS) further logins from it are refused with 429 for
# the cool-off time; a successful login clears the count. Unlock early with
# ``manage.py axes_reset_ip ADDRESS``.
AXES_FAILURE_LIMIT = int(os.environ.get("YONGKANG_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("YONGKANG_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "articles.middleware.login_client_ip"
AXES_VERBOSE = False

# Security headers; HTTPS-only settings switch on with DJANGO_HTTPS=1.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script or style anywhere: templates use static/css and static/js only.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

# Searches per client ("30/10s", "100/m"; "off" disables). Client: see TRUSTED_PROXY_HOPS.
SEARCH_RATE_LIMIT = os.environ.get("YONGKANG_SEARCH_RATE", "30/10s")
SEARCH_RATE_CACHE = "default" if os.environ.get("DJANGO_CACHE_BACKEND") else "ratelimit"
# How many proxies of ours stand in front of the site, each appending to X-Forwarded-For
# (nginx: proxy_add_x_forwarded_for). 0: the client is REMOTE_ADDR. Behind one proxy, 1;
# otherwise every visitor would share the proxy's address and one rate-limit bucket.
# DJANGO_TRUST_X_FORWARDED_FOR=1 (the old switch) means one proxy.
TRUSTED_PROXY_HOPS = int(
    os.environ.get(
        "DJANGO_TRUSTED_PROXY_HOPS",
        "1" if env_bool("DJANGO_TRUST_X_FORWARDED_FOR", False) else "0",
    )
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {"jieba": {"level": "ERROR"}},
}

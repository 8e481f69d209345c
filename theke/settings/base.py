"""Settings safe for production: secrets and services come from the environment."""

import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated environment variable as a list of its parts."""
    return [
        part.strip()
        for part in os.environ.get(name, default).split(",")
        if part.strip()
    ]


def env_bool(name: str, default: bool = False) -> bool:
    """Return an environment variable read as a yes/no switch."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "blog",
    "shop_link",
    "community",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_comments_xtd",
    "django_comments",
    "rest_framework",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.sites",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise and the page cache, so that static files and stored
    # pages carry the policies too.
    "home.headers.ContentSecurityPolicyMiddleware",
    "home.headers.SecurityHeadersMiddleware",
    # The load balancer's health check, answered before the host is checked
    # and before any session or cache is touched.
    "home.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Uploads from MEDIA_ROOT, past the page cache and sessions, uncompressed.
    "home.media.serving.MediaMiddleware",
    # Compresses what the page cache does not (members' pages, forms); the
    # page cache stores its pages compressed already.
    "django.middleware.gzip.GZipMiddleware",
    "home.page_cache.middleware.PageCacheMiddleware",
    "home.page_cache.recent.RequestGenerationMiddleware",
    "home.routing.RememberedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "home.caching.PrivateForMembersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # The site's page in place of the empty answer Django gives a method an
    # address does not take.
    "home.not_allowed.NotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "theke.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "theke.wsgi.application"

# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL, whose
# connections each process keeps for DATABASE_CONN_MAX_AGE seconds and checks
# before the first query of each request: one the server dropped (a restart, a
# failover, a forwarder in between) is replaced at once, not failed on.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
SQLITE_OPTIONS = {
    # WAL lets readers go on while one writer writes; the busy timeout makes a
    # second writer wait its turn instead of failing at once.
    "init_command": (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)

# Where a load balancer checks that this node serves and reaches its database
# (home/health.py): answered for any host, over HTTP too.
HEALTH_CHECK_PATH = "/health/"

# Seconds a browser or crawler is asked to wait (`Retry-After`) when the site
# answers 503 because its database is away (home/outage.py).
OUTAGE_RETRY_AFTER = 30

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Django's Redis cache, for which a Redis that cannot be reached is a
    # miss: the site is rendered from the database meanwhile (home/shared_cache.py).
    CACHES = {
        "default": {
            "BACKEND": "home.shared_cache.SharedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "theke"),
            "TIMEOUT": 600,
        }
    }
else:
    # Files every process of this machine shares: a page stored or purged by
    # one gunicorn worker is so for all of them.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Addresses whose pages show someone's personal data or the forms they filled
# in: `Cache-Control: no-store`, kept by no cache at all (home/caching.py).
PERSONAL_PATHS = ("/account/", "/comments/", "/admin/")

# Content-Security-Policy (django-csp, chosen by path in home/headers.py). The
# public site runs only its own files from /static/: no inline script, no
# inline style, so a page from the shared cache needs no nonce. Pictures and
# videos come from here or from where uploads are kept (MEDIA_SOURCES); the
# video block's frames load from their two providers, after a click.
MEDIA_SOURCES = env_list("CSP_MEDIA_SOURCES")
VIDEO_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def content_security_policies(media_sources: list[str]) -> tuple[dict, dict]:
    """The policy of the public site and the admin's, with `media_sources`."""
    self_, none = "'self'", "'none'"
    public = {
        "default-src": [self_],
        "script-src": [self_],
        "style-src": [self_],
        "img-src": [self_, *media_sources],
        "media-src": [self_, *media_sources],
        "font-src": [self_],
        "connect-src": [self_],
        "frame-src": list(VIDEO_FRAME_SOURCES),
        "object-src": [none],
        "base-uri": [none],
        "form-action": [self_],
        "frame-ancestors": [none],
    }
    # Wagtail's own admin templates run inline scripts and set inline styles
    # (inline panels, date pickers); it shows previews and uploads as data:
    # and blob: pictures, and frames its own preview.
    admin = {
        **public,
        "script-src": [self_, "'unsafe-inline'"],
        "style-src": [self_, "'unsafe-inline'"],
        "img-src": [self_, "data:", "blob:", *media_sources],
        "font-src": [self_, "data:"],
        "frame-src": [self_, *VIDEO_FRAME_SOURCES],
        "frame-ancestors": [self_],
    }
    return {"DIRECTIVES": public}, {"PATH_PREFIXES": ("/admin/",), "DIRECTIVES": admin}


def bucket_origins(options: dict) -> list[str]:
    """Where browsers fetch uploads kept in the S3 bucket that `options` name."""
    if options.get("custom_domain"):
        return [f"https://{options['custom_domain']}"]
    bucket = options["bucket_name"]
    if options.get("endpoint_url"):
        endpoint = urlsplit(options["endpoint_url"])
        # Addressed by path (host/bucket/…) or by host name (bucket.host/…).
        return [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{bucket}.{endpoint.netloc}",
        ]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if options.get("region_name"):
        origins.append(f"https://{bucket}.s3.{options['region_name']}.amazonaws.com")
    return origins


CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN = content_security_policies(
    MEDIA_SOURCES
)

# Features no page of Theke uses, refused to every page and every frame in it
# (Permissions-Policy, home/headers.py): an empty list allows them to no one.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Anonymous pages from the shared cache (home/page_cache/). PAGE_CACHE=off
# renders every page afresh; pages are purged when what they show changes,
# so the timeout only bounds how long an unread page takes up room.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "on").lower() not in (
    "off",
    "0",
    "false",
)
PAGE_CACHE_TIMEOUT = 24 * 60 * 60
# How long a browser may show a page before it asks again (with its ETag).
PAGE_CACHE_BROWSER_MAX_AGE = 30
# How many pages each process keeps a copy of, served while nothing at all
# has been purged since (checked in the shared cache on every request).
PAGE_CACHE_RECENT_PAGES = 200
# How far the clocks of the machines may differ: a page whose rendering began
# this close to a purge of what it shows is not stored.
PAGE_CACHE_CLOCK_MARGIN = 0.5
# The query parameters the site's pages read, each with the shape of the values
# they take (a regular expression the whole value must match): a page asked for
# with another parameter, a value of another shape or a parameter twice is
# rendered for its reader and not stored, nor one with a query longer than this.
_NUMBER = r"[1-9][0-9]{0,9}"
_SLUG = r"[-\w]{1,80}"
PAGE_CACHE_QUERY_PARAMS = {
    "page": _NUMBER,
    "cpage": _NUMBER,
    "tpage": _NUMBER,
    "thread": _NUMBER,
    "p": _NUMBER,
    "category": _SLUG,
    "tag": _SLUG,
    "author": _SLUG,
    "producer": _SLUG,
    "availability": _SLUG,
    "channel": _SLUG,
    "questions": _SLUG,
    "order": r"newest|oldest",
    "q": r"[^\x00-\x1f]{1,100}",
}
PAGE_CACHE_MAX_QUERY = 200
# Parameters that only say where a reader came from: a link with them gets the
# page stored without them.
PAGE_CACHE_IGNORED_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
# Addresses whose answers are someone's own or change with every request.
PAGE_CACHE_SKIP_PATHS = (
    "/admin/",
    "/account/",
    "/comments/",
    "/announcements/",
    "/documents/",
    "/i18n/",
    "/media/",
)

# Background work: run at once by default; TASKS_BACKEND=database queues it for
# `manage.py db_worker` processes.
if os.environ.get("TASKS_BACKEND", "immediate") == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Addresses in one file of the sitemap (home/sitemaps.py): the protocol allows
# 50,000 and 50 MB. Even at the longest addresses Theke can make (a host name
# of 253 characters, slugs of 255) such a file stays below 42 MB.
SITEMAP_LIMIT = 50_000

_VALIDATORS_MODULE = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS_MODULE}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS_MODULE}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS_MODULE}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS_MODULE}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# How people read dates and times: one format for a date and one for a date with
# its time in each language, used by every page and mail (theke/formats/).
FORMAT_MODULE_PATH = ["theke.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
# No script of the site or of the admin reads the CSRF cookie: forms carry the
# token, and the admin's scripts take it from the page.
CSRF_COOKIE_HTTPONLY = True
# A refused form gets the site's page, which shows what was typed in it to copy
# (home/csrf_failure.py): logging out in one tab clears the cookie for all.
CSRF_FAILURE_VIEW = "home.csrf_failure.csrf_failure"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Whether the app serves uploads from MEDIA_ROOT at MEDIA_URL itself
# (home/media/serving.py); off when a bucket keeps them.
SERVE_MEDIA = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Renditions under names never used twice, so they may be kept for a year.
    "renditions": {"BACKEND": "home.media.storage.RenditionStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Every mail of the site goes through community/mail, which keeps what the mail
# server does not take and sends it later; the environment's EMAIL_BACKEND is
# the backend it hands mail to.
EMAIL_BACKEND = "community.mail.backend.KeepingBackend"
COMMUNITY_MAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Theke <hallo@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Theke"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": os.environ.get("SEARCH_CONFIG", "german"),
    }
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt"]
# Documents always go out through Wagtail's view, which checks who may have
# them, and always as downloads: no browser shows one in the site's name.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin shows staff avatars from Gravatar by default, which would send a hash
# of each address to a third party: its own default picture instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin's dashboard ask releases.wagtail.org for a newer Wagtail on
# every visit, or show a banner pointing at Wagtail's site: updates come with
# Theke's requirements. (Embeds, the other outbound feature, are not installed:
# videos are Theke's own block, which loads nothing before a click.)
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# "Käse" becomes the tag slug "kase", which URL routes can reverse.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# Blocks other apps add to posts and producer stories: (block name, class path).
THEKE_STORY_BLOCKS = [("products", "shop_link.blocks.ProductsBlock")]

SITE_ID = 1

# Accounts (django-allauth, accounts only): e-mail as login, verified before use.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_ADAPTER = "community.members.accounts.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "community.members.forms.SignupForm",
    "add_email": "community.members.forms.ChangeEmailForm",
}
ACCOUNT_USER_DISPLAY = "community.members.accounts.user_display"
# Confirming from the browser that signed up logs the new member in and shows
# their new profile, where the confirmation is acknowledged.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_REDIRECT_URL = "account_profile"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
# Behind a reverse proxy or load balancer every request comes from the proxy's
# address. For the limits per client address (accounts and community alike) to
# tell customers apart, name the header the proxy sets to the client's address
# (e.g. X-Real-IP), or say how many proxies of yours add to X-Forwarded-For.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Limits per client address and per account, counted in the shared cache.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/key,20/h/ip",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "10/h/ip",
    "confirm_email": "3/10m/key",
    # Every change of one's address (add, resend, remove) is a POST to
    # /account/email/, which allauth counts as "manage_email"; a change mails
    # the new address, so this caps the mails one member sends to strangers.
    "manage_email": "5/h/user",
}

# Threaded comments (django-comments-xtd) with Theke's own comment model.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "community.models.Comment"
COMMENTS_XTD_MAX_THREAD_LEVEL = int(os.environ.get("COMMENTS_MAX_THREAD_LEVEL", "3"))
COMMENTS_XTD_CONFIRM_EMAIL = True
# xtd sends no mail of its own: community.discussions.posting stores comments
# in its place, and confirmation requests and notifications go through
# community.mail's task.
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
# Signs the links in confirmation and unsubscribe mails: a secret of its own,
# or one derived from SECRET_KEY so it is never a public constant.
COMMENTS_XTD_SALT = (
    os.environ.get("COMMENTS_XTD_SALT")
    or hashlib.sha256(f"theke-comments:{SECRET_KEY}".encode()).hexdigest()
).encode()
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "all",
        "allow_flagging": True,
        "allow_feedback": False,
        "show_feedback": False,
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


def require_secret_key() -> None:
    """Refuse to start without a real secret key."""
    if not SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or shorter than 32 characters. Set it in the "
            "environment, e.g. SECRET_KEY=$(python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')."
        )

"""Settings for `make run`: the shop as a visitor sees it, mail to the console,
a local secret."""

from .base import *  # noqa: F403

# Unknown addresses and failures show the shop's own 404 and 500 pages, as a
# visitor would see them; DEBUG=true shows Django's debug pages instead (with
# every URL pattern and a traceback). Tracebacks go to the console either way.
DEBUG = env_bool("DEBUG")  # noqa: F405
SECRET_KEY = os.environ.get(  # noqa: F405
    "SECRET_KEY", "dev-only-secret-key-never-use-in-production-000000"
)
ALLOWED_HOSTS = ["*"]
COMMUNITY_MAIL_BACKEND = os.environ.get(  # noqa: F405
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Static files straight from the apps' folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The dev server speaks plain http, so links in mails must too.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

"""Settings for `make run`: debug on, mail to the console, a local secret."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get(  # noqa: F405
    "SECRET_KEY", "dev-only-secret-key-never-use-in-production-000000"
)
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = os.environ.get(  # noqa: F405
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# The dev server speaks plain http, so links in mails must too.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

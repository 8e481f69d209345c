"""The production settings as the scale-out tests run them in every app
process and the task worker: all of production, except that static files come
from the finders, so no run has to collect and compress them first. Everything
else (PostgreSQL, Redis, the task queue, mail, the proxy's headers) is chosen
by the environment, as on a real machine."""

from theke.settings.production import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True

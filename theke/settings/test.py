"""Settings for the test suite: fast hashing, an outbox for mail, real caches."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-only-for-the-test-suite-0000000000"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
COMMUNITY_MAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Each test process (pytest-xdist names them gw0, gw1, …) keeps uploads apart.
TEST_PROCESS = os.environ.get("PYTEST_XDIST_WORKER", "main")
MEDIA_ROOT = BASE_DIR / "media" / "test" / TEST_PROCESS  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests serve feeds and pictures from 127.0.0.1; the check that keeps downloads
# on the public internet is tested with this turned off.
SHOP_LINK_ALLOW_PRIVATE_ADDRESSES = True
# Feeds in tests are fixtures of the suite or files written to temporary folders.
SHOP_LINK_FEED_FOLDERS = [BASE_DIR / "tests", tempfile.gettempdir()]  # noqa: F405
# Static files come from the finders, as in development: no collectstatic before
# a test run, and no warning about a missing STATIC_ROOT.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Each test process keeps its own cache folder (the suite's processes must not
# share one), and a page rendered right after a purge may be stored at once:
# the test's clock is the only clock.
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):  # noqa: F405
    CACHES["default"]["LOCATION"] = tempfile.mkdtemp(  # noqa: F405
        prefix=f"theke-cache-{TEST_PROCESS}-"
    )
PAGE_CACHE_CLOCK_MARGIN = 0

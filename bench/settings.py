"""The production settings with the load benchmark's URLs (a constant view
beside the site) and the static files its run collected."""

import os

from theke.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT") or STATIC_ROOT  # noqa: F405

"""The production settings as the reverse-proxy tests run them behind nginx
and Caddy: all of production, static files included (collected, compressed,
under hashed names), except that they are collected into the run's own folder
(STATIC_ROOT from the environment) instead of the project's."""

import os
from pathlib import Path

from theke.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["STATIC_ROOT"])

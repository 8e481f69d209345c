"""The load benchmark's settings for many writers at once: members may post
as often as they like and their first posts are not held, so that every
comment the benchmark sends is one the site should store."""

from bench.settings import *  # noqa: F403

COMMUNITY_RATE_LIMIT = None
COMMUNITY_HOLD_FIRST_POSTS = 0

"""Where feeds are read from: http(s) addresses, or files in the allowed folders.

The rules are checked where a source is entered (the model, the admin form and
`sync_products --feed`) and again where a feed is opened, so a location that
has become unsafe since is refused before the file is touched.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .conf import setting
from .items import FeedError

# The demo shop's feeds, shipped with the code; always readable.
DEMO_FEEDS = Path(settings.BASE_DIR) / "demo" / "feeds"


def is_url(location: str) -> bool:
    return urlsplit(location).scheme.lower() in ("http", "https")


def feed_path(location: str) -> Path:
    """A local feed's path; relative paths are read from the project directory."""
    path = Path(location).expanduser()
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


def feed_folders() -> list[Path]:
    """The folders local feeds may be read from, resolved (links followed)."""
    configured = setting("SHOP_LINK_FEED_FOLDERS")
    folders = [feed_path(str(folder)) for folder in configured]
    return [folder.resolve() for folder in [*folders, DEMO_FEEDS]]


def allowed_feed_path(location: str) -> Path:
    """The local feed's resolved path, or FeedError when it lies outside the
    allowed folders. Checked before the file is opened, so a refusal tells
    nothing about the file."""
    path = feed_path(location).resolve()
    folders = feed_folders()
    if not any(path.is_relative_to(folder) for folder in folders):
        shown = ", ".join(str(folder) for folder in folders[:-1]) or "–"
        raise FeedError(
            _(
                "Feed files are read only from these folders: %(folders)s. Put "
                "%(location)s into one of them, or add its folder to the "
                "SHOP_LINK_FEED_FOLDERS setting."
            )
            % {"folders": shown, "location": location}
        )
    return path

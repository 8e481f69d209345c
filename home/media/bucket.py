"""Uploads on S3-compatible object storage, stored with the headers they are
delivered with.

The bucket (or the CDN before it) answers browsers itself, without Theke, so
each object carries what `files.delivery` decides from its first bytes when it
is written: its type, `Content-Disposition: attachment` for anything that is
not a picture, and how long it may be kept.
"""

from storages.backends.s3 import S3Storage
from wagtail.images.utils import get_allowed_image_extensions

from .files import HEAD_BYTES, delivery
from .storage import LastingNames


def _head(content) -> bytes:
    """The first bytes of `content`, which is left where it began."""
    try:
        content.seek(0)
        head = content.read(HEAD_BYTES)
        content.seek(0)
    except (AttributeError, OSError, ValueError):
        # Nothing to read it from again: stored as a download, never shown.
        return b""
    return head if isinstance(head, bytes) else head.encode()


class BucketStorage(S3Storage):
    """Images, documents and members' pictures in the bucket."""

    def _get_write_parameters(self, name, content=None):
        params = super()._get_write_parameters(name, content)
        # `name` begins with AWS_LOCATION, the folder of the bucket Theke keeps.
        folder = self.location.strip("/")
        if folder and name.startswith(f"{folder}/"):
            name = name[len(folder) + 1 :]
        headers = delivery(name, _head(content), get_allowed_image_extensions())
        params["ContentType"] = headers["Content-Type"]
        params["CacheControl"] = headers["Cache-Control"]
        # A name ending in .gz would otherwise be stored as compressed, and
        # browsers would unpack what is a download of its bytes.
        params.pop("ContentEncoding", None)
        if "Content-Disposition" in headers:
            params["ContentDisposition"] = headers["Content-Disposition"]
        return params


class BucketRenditionStorage(LastingNames, BucketStorage):
    """Renditions in the bucket, each under a name of its own."""

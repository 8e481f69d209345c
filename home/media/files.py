"""What a stored file is, read from its first bytes, and how it is delivered.

A file is delivered as a picture only when its first bytes are those of a
raster format Wagtail accepts for images; its name or the type its uploader
claimed count for nothing. Everything else (documents, a page of HTML named
`.png`, an SVG drawing with a script) is delivered as bytes to save, never to
show, so that no upload can run script in the site's name.

Renditions get a random part in their name when they are stored (see
`lasting_name`), and a member's picture is named by the digest of its bytes:
a file with such a name never changes, and browsers and proxies may keep it
for a year without asking again. Every other file may be replaced under its
name (an image deleted and one uploaded with the same file name), so they ask
again every time, cheaply, with its validators.
"""

import posixpath
import re
import string

from django.utils.crypto import get_random_string
from django.utils.http import content_disposition_header

# How many of a file's first bytes tell its type.
HEAD_BYTES = 32

# The raster formats Wagtail knows for images, by the extension that names
# them in WAGTAILIMAGES_EXTENSIONS, with their MIME type. Never SVG.
RASTER_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "heic": "image/heic",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}

DOWNLOAD_TYPE = "application/octet-stream"
LASTING = "public, max-age=31536000, immutable"
ASK_AGAIN = "public, no-cache"

_TOKEN_LENGTH = 16
_TOKEN_CHARACTERS = string.ascii_lowercase + string.digits
# Renditions stored with their random part, and members' pictures named by
# the digest of their content (community.members.avatars), perhaps with the
# suffix storage adds when the name is taken.
_LASTING_NAME = re.compile(
    rf"^images/[^/]+\.[a-z0-9]{{{_TOKEN_LENGTH}}}\.[a-z0-9]+$"
    r"|^avatars/[0-9a-f]{16}(_[A-Za-z0-9]{7})?\.webp$"
)


def sniff(head: bytes) -> str | None:
    """The MIME type of the raster picture that `head` begins, or None."""
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "image/avif"
        if brand in (b"heic", b"heix"):
            return "image/heic"
    return None


def image_type(head: bytes, extensions: list[str]) -> str | None:
    """The picture type `head` begins, if it is one of the `extensions` allowed."""
    found = sniff(head)
    allowed = {RASTER_TYPES.get(extension.lower()) for extension in extensions}
    return found if found is not None and found in allowed else None


def delivery(name: str, head: bytes, extensions: list[str]) -> dict[str, str]:
    """The headers the stored file `name`, beginning with `head`, goes out with.

    `extensions` are the image formats the site accepts. A picture is shown
    with its own type; anything else is a download of its bytes.
    """
    headers = {"Cache-Control": LASTING if is_lasting(name) else ASK_AGAIN}
    found = image_type(head, extensions)
    if found:
        headers["Content-Type"] = found
    else:
        headers["Content-Type"] = DOWNLOAD_TYPE
        headers["Content-Disposition"] = content_disposition_header(
            True, posixpath.basename(name)
        )
    return headers


def lasting_name(name: str) -> str:
    """`name` with a random part before its extension, never to be used again."""
    root, extension = posixpath.splitext(name)
    token = get_random_string(_TOKEN_LENGTH, _TOKEN_CHARACTERS)
    return f"{root}.{token}{extension}"


def is_lasting(name: str) -> bool:
    """Whether the file stored as `name` keeps its content for as long as it exists."""
    return bool(_LASTING_NAME.match(name))

"""Uploads delivered from MEDIA_ROOT by the app itself, when no bucket keeps them.

`MediaMiddleware` answers GET and HEAD for `/media/…` before sessions, the
page cache and the views, as WhiteNoise does for static files (which it can
only serve when they are there at start, so not uploads). It serves a file
only if it lies inside MEDIA_ROOT once every link is followed, and never a
folder or Wagtail's documents, which go out only through
Wagtail's own view, which checks who may have them. Each file goes out with
the headers `files.delivery` decides from its first bytes, nosniff, a policy
that lets nothing in it run, validators for a cheap 304, and single ranges.

Anything else under `/media/` goes on to `missing`, the site's 404 page.
"""

import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from wagtail.images.utils import get_allowed_image_extensions

from .files import HEAD_BYTES, delivery

# Nothing in a stored file may run, load or be framed, even when it is
# opened on its own.
POLICY = "default-src 'none'; sandbox"
# Wagtail's documents, which its serve view hands out to whom may have them.
PRIVATE_FOLDERS = ("documents",)
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def find(root: Path, relative: str) -> Path | None:
    """The file `relative` names inside the folder `root`, or None.

    None for anything that is no plain path of names (`.` and `..`, NUL,
    backslashes, empty parts), lies outside `root` once links are followed,
    is in a private folder, or is no regular file.
    """
    parts = relative.split("/")
    if any(part in ("", ".", "..") or "\\" in part or "\x00" in part for part in parts):
        return None
    if parts[0] in PRIVATE_FOLDERS:
        return None
    root = root.resolve()
    try:
        found = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if not found.is_relative_to(root) or not found.is_file():
        return None
    if found.relative_to(root).parts[0] in PRIVATE_FOLDERS:
        return None
    return found


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a `Range` header asks for, or None if unsatisfiable.

    Only a single range is understood; raises ValueError for anything else,
    which is answered with the whole file. So is a range whose last byte comes
    before its first: RFC 9110 has it ignored as invalid, not refused (416 is
    for a first byte past the end).
    """
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        raise ValueError(header)
    first, last = match.groups()
    if first == "":
        length = int(last)
        if length == 0:
            return None
        return max(size - length, 0), size - 1
    start = int(first)
    if last and int(last) < start:
        raise ValueError(header)
    if start >= size:
        return None
    return start, min(int(last), size - 1) if last else size - 1


class _Slice:
    """Reads `length` bytes of an open file from where it stands."""

    def __init__(self, file, length):
        self.file, self.left = file, length

    def read(self, size=-1):
        size = self.left if size < 0 else min(size, self.left)
        data = self.file.read(size)
        self.left -= len(data)
        return data

    def close(self):
        self.file.close()


def respond(request, path: Path, name: str) -> HttpResponse:
    """The answer to a GET or HEAD of the stored file at `path`, named `name`."""
    stat = path.stat()
    file = path.open("rb")
    head = file.read(HEAD_BYTES)
    file.seek(0)
    headers = delivery(name, head, get_allowed_image_extensions())
    etag = quote_etag(f"{int(stat.st_mtime_ns):x}-{stat.st_size:x}")
    response = FileResponse(file, content_type=headers.pop("Content-Type"))
    if "Content-Disposition" not in headers:
        # A picture is shown, under no name of FileResponse's choosing.
        del response["Content-Disposition"]
    for header, value in headers.items():
        response[header] = value
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = POLICY
    conditional = get_conditional_response(
        request, etag=etag, last_modified=int(stat.st_mtime), response=response
    )
    if conditional is not response:
        file.close()
        return conditional
    wanted = request.headers.get("Range")
    if wanted and request.headers.get("If-Range", etag) == etag:
        try:
            found = byte_range(wanted, stat.st_size)
        except ValueError:
            return response
        if found is None:
            file.close()
            refused = HttpResponse(status=416)
            refused["Content-Range"] = f"bytes */{stat.st_size}"
            return refused
        start, end = found
        file.seek(start)
        partial = FileResponse(
            _Slice(file, end - start + 1), status=206, content_type=None
        )
        for header, value in response.items():
            if header != "Content-Length":
                partial[header] = value
        partial["Content-Range"] = f"bytes {start}-{end}/{stat.st_size}"
        partial["Content-Length"] = str(end - start + 1)
        return partial
    return response


class MediaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefix = settings.MEDIA_URL
        if (
            settings.SERVE_MEDIA
            and request.method in ("GET", "HEAD")
            and request.path_info.startswith(prefix)
        ):
            relative = request.path_info[len(prefix) :]
            found = find(Path(settings.MEDIA_ROOT), relative)
            if found is not None:
                return respond(request, found, relative)
        return self.get_response(request)


def missing(request, path=""):
    """Nothing else lives under /media/: no page may answer there."""
    raise Http404(path)

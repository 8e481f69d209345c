"""One stored page: its bytes, gzipped bytes, validators and the tag versions it saw.

A stored page is what an anonymous reader gets, so it keeps no cookie and is
answered with validators: a reload with the same `ETag` (or an unchanged
`Last-Modified`) is a 304 without a body.
"""

import gzip
import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

# Headers a stored page never repeats: they belong to one response.
_NOT_KEPT = {
    "set-cookie",
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "cache-control",
    "vary",
    "date",
    "x-cache",
}
_GZIP = re.compile(r"\bgzip\b")
# Smaller bodies gain nothing from compression.
_GZIP_FROM = 200
# What an anonymous page may vary on: all three are part of the stored key or
# of the served variant.
VARY = ("Cookie", "Accept-Language", "Accept-Encoding")


@dataclass(slots=True)
class StoredPage:
    status: int
    headers: list
    body: bytes
    gzipped: bytes | None
    etag: str
    stored_at: float
    versions: dict
    # The view's own Cache-Control (robots.txt keeps a day), else ours.
    cache_control: str
    # When what the page shows changes by itself (a timestamp), or None.
    until: float | None

    def valid(self) -> bool:
        return self.until is None or time.time() < self.until

    @classmethod
    def of(cls, response, versions, now, until=None):
        body = response.content
        gzipped = None
        if len(body) >= _GZIP_FROM:
            packed = gzip.compress(body, compresslevel=6, mtime=0)
            gzipped = packed if len(packed) < len(body) else None
        return cls(
            status=response.status_code,
            headers=[
                (name, value)
                for name, value in response.items()
                if name.lower() not in _NOT_KEPT
            ],
            body=body,
            gzipped=gzipped,
            etag=hashlib.blake2b(body, digest_size=12).hexdigest(),
            stored_at=now,
            versions=versions,
            cache_control=response.get("Cache-Control", ""),
            until=until,
        )

    def response_for(self, request, hit: bool):
        """The stored page as `request` asks for it: gzipped if it accepts
        that, a 304 if it already has this very version."""
        zipped = self.gzipped is not None and bool(
            _GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        )
        etag = f'"{self.etag}{"-gz" if zipped else ""}"'
        if _not_modified(request, etag, self.stored_at):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(
                self.gzipped if zipped else self.body, status=self.status
            )
            for name, value in self.headers:
                response[name] = value
            if zipped:
                response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(response.content))
        response["ETag"] = etag
        response["Last-Modified"] = http_date(self.stored_at)
        response["Cache-Control"] = (
            self.cache_control
            or f"public, max-age={settings.PAGE_CACHE_BROWSER_MAX_AGE}"
        )
        patch_vary_headers(response, VARY)
        response["X-Cache"] = "HIT" if hit else "MISS"
        return response


def _not_modified(request, etag, stored_at) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        offered = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in offered or "*" in offered
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(stored_at) <= since

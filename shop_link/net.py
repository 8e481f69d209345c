"""Downloads of feeds and pictures: from the public internet only, within limits.

A feed is written outside the shop, and the server fetches the pictures it
links. Unchecked, a link such as ``http://127.0.0.1:6379/`` or
``http://169.254.169.254/`` would make Theke talk to services that only its own
network can reach, and the sync report would quote what they answered.

Every connection is checked against the address it actually reached, after
the name was resolved and before anything is sent, redirects included; a name
that resolves to another address on a second look gains nothing. Downloads
connect directly, never through a proxy from the environment. A site whose
feeds or pictures really live on its own network sets
``SHOP_LINK_ALLOW_PRIVATE_ADDRESSES = True``.

A download is bounded three ways: each connection attempt and each read may
wait `timeout` seconds, the whole download may take `deadline` seconds (plus at
most one read's wait), and no more than `max_bytes` are taken. A server that
trickles bytes, falls silent, hangs up early or sends too much ends the
download with a DownloadError that says which it was.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .conf import setting

WEB_SCHEMES = ("http", "https")
USER_AGENT = "Theke product sync"
CHUNK_SIZE = 64 * 1024


class AddressRefused(OSError):
    """The connection reached an address that is not on the public internet."""


# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def is_public(address: str) -> bool:
    """Whether an IP address belongs to the public internet.

    IPv6 addresses that wrap an IPv4 one (mapped, IPv4-compatible, 6to4,
    NAT64) are judged by the address inside; Teredo and local NAT64 are not
    public.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        if ip.teredo is not None or ip in _LOCAL_NAT64:
            return False
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
        elif ip in _NAT64 or ip in _IPV4_COMPATIBLE:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.is_global and not ip.is_multicast


def _checked_connection(address, *args, **kwargs) -> socket.socket:
    connection = socket.create_connection(address, *args, **kwargs)
    peer = connection.getpeername()[0]
    if setting("SHOP_LINK_ALLOW_PRIVATE_ADDRESSES") or is_public(peer):
        return connection
    connection.close()
    raise AddressRefused(
        _(
            "%(host)s is an address in a private or local network (%(address)s); "
            "Theke fetches only from the public internet"
        )
        % {"host": address[0], "address": peer}
    )


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)


def build_opener(*handlers) -> urllib.request.OpenerDirector:
    """urllib's opener, with every connection checked as described above.

    Proxies from the environment (http_proxy, …) are not used: through a
    proxy the check would see the proxy's address, never the target's.
    """
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _CheckedHTTPHandler,
        _CheckedHTTPSHandler,
        *handlers,
    )


# Downloading


@dataclass(frozen=True)
class Limits:
    """How long a download may wait and last, and how much it may bring."""

    timeout: float  # seconds, per connection attempt and per read
    deadline: float  # seconds, for the whole download
    max_bytes: int


@dataclass(frozen=True)
class Downloaded:
    """Where a download came from, after redirects, and what it says it is."""

    url: str
    content_type: str


class DownloadError(Exception):
    """A download that gave no usable file; the message says what happened."""


def download(
    url: str, into: BinaryIO, limits: Limits, *, accept: str = "*/*"
) -> Downloaded:
    """Write the file at the http(s) `url` into `into`, within `limits`.

    Raises DownloadError, and `into` may then hold part of the file.
    """
    started = time.monotonic()
    opener = build_opener(_WebOnlyRedirects)
    try:
        request = urllib.request.Request(  # noqa: S310 - _WebOnlyRedirects and callers allow http(s) only
            as_sent(url), headers={"User-Agent": USER_AGENT, "Accept": accept}
        )
        response = opener.open(request, timeout=limits.timeout)
    except urllib.error.HTTPError as error:
        error.close()
        raise DownloadError(
            _("the server answered %(status)s %(reason)s")
            % {"status": error.code, "reason": error.reason}
        ) from error
    except urllib.error.URLError as error:
        raise _not_reached(error.reason, limits) from error
    except TimeoutError as error:
        raise _no_answer(limits) from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise _failed(error) from error
    with response:
        declared = _declared_length(response)
        if declared is not None and declared > limits.max_bytes:
            raise _too_large(limits)
        received = 0
        try:
            while chunk := response.read1(CHUNK_SIZE):
                received += len(chunk)
                if received > limits.max_bytes:
                    raise _too_large(limits)
                if time.monotonic() - started > limits.deadline:
                    raise _too_slow(limits, received)
                into.write(chunk)
        except TimeoutError as error:
            raise _stalled(limits, received) from error
        except http.client.IncompleteRead as error:
            raise _broken_off(received + len(error.partial), declared) from error
        except (OSError, http.client.HTTPException) as error:
            raise _failed(error) from error
        if declared is not None and received < declared:
            raise _broken_off(received, declared)
        return Downloaded(response.geturl(), response.headers.get_content_type())


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a few redirects, and only to http(s) addresses."""

    max_redirections = 5

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("Location", headers.get("URI", "")))
        if urlsplit(target).scheme.lower() not in WEB_SCHEMES:
            raise DownloadError(
                _("the server redirected to %(address)s, which is not an http(s) link")
                % {"address": shortened(target)}
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def as_sent(url: str) -> str:
    """The URL as HTTP sends it: umlauts and spaces escaped, the host in IDNA."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        host = parts.hostname.encode("idna").decode("ascii")
        netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe="/%:@!$&'()*+,;="),
            quote(parts.query, safe="/%:@!$&'()*+,;=?"),
            "",
        )
    )


def shortened(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _declared_length(response) -> int | None:
    declared = response.headers.get("Content-Length", "").strip()
    return int(declared) if declared.isascii() and declared.isdigit() else None


def _not_reached(reason, limits: Limits) -> DownloadError:
    if isinstance(reason, TimeoutError):
        return _no_answer(limits)
    if isinstance(reason, AddressRefused):
        return DownloadError(str(reason))
    return DownloadError(
        _("the server cannot be reached (%(reason)s); check the address")
        % {"reason": getattr(reason, "strerror", None) or reason}
    )


def _no_answer(limits: Limits) -> DownloadError:
    return DownloadError(
        _("the server did not answer within %(seconds)s seconds; try again later")
        % {"seconds": limits.timeout}
    )


def _stalled(limits: Limits, received: int) -> DownloadError:
    return DownloadError(
        _(
            "the server stopped sending for %(seconds)s seconds, after "
            "%(received)s; try again later"
        )
        % {"seconds": limits.timeout, "received": filesizeformat(received)}
    )


def _too_slow(limits: Limits, received: int) -> DownloadError:
    return DownloadError(
        _(
            "the download took longer than %(seconds)s seconds (%(received)s "
            "came in): the server sends too slowly; try again later"
        )
        % {"seconds": limits.deadline, "received": filesizeformat(received)}
    )


def _broken_off(received: int, declared: int | None) -> DownloadError:
    if declared is None:
        return DownloadError(
            _(
                "the server broke off after %(received)s; the file is incomplete, "
                "try again later"
            )
            % {"received": filesizeformat(received)}
        )
    return DownloadError(
        _(
            "the server broke off after %(received)s of %(declared)s; the file "
            "is incomplete, try again later"
        )
        % {
            "received": filesizeformat(received),
            "declared": filesizeformat(declared),
        }
    )


def _too_large(limits: Limits) -> DownloadError:
    return DownloadError(
        _(
            "the file is larger than %(size)s, the limit for this download; a "
            "smaller file, or a higher limit in the settings, is needed"
        )
        % {"size": filesizeformat(limits.max_bytes)}
    )


def _failed(error: Exception) -> DownloadError:
    return DownloadError(_("the download failed (%(error)s)") % {"error": error})

"""Downloads of feeds and pictures reach the public internet only.

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
"""

import http.client
import ipaddress
import socket
import urllib.request

from django.utils.translation import gettext as _

from .conf import setting


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

"""The address a request came from, as the account limits see it.

Behind a proxy REMOTE_ADDR is the proxy. allauth's adapter already reads the
client's address from the trusted header or X-Forwarded-For as configured
(ALLAUTH_TRUSTED_CLIENT_IP_HEADER, ALLAUTH_TRUSTED_PROXY_COUNT); the community's
rate limits and address hashes ask it too, so both count the same customer.
"""

from allauth.account.adapter import get_adapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied


def client_address(request) -> str | None:
    """The client's address; the connection's own when the proxy's is missing."""
    if request is None:
        return None
    try:
        address = get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        # No trusted header, or fewer X-Forwarded-For entries than trusted
        # proxies: the request did not come through them, so whoever connected
        # is the client. A limit per address must never be skipped for it.
        address = None
    return address or request.META.get("REMOTE_ADDR") or None

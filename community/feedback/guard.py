"""What protects the feedback endpoints in place of a CSRF token.

Pages are read without a cookie, so the forms that post here carry no CSRF
token. Instead the browser must say that the post came from a page of this
site (Sec-Fetch-Site, Origin, or at least Referer), and each client address
may send only so many answers in a while. A program that forges the headers
gets no further than the rate limit, and there is nothing to gain by making
someone else's browser post: the answer is anonymous either way.
"""

from urllib.parse import urlsplit

from django.conf import settings

from ..writing import rules
from ..writing.clients import client_address


def same_origin(request) -> bool:
    """Whether the browser says the post came from a page of this site.

    Every one of Sec-Fetch-Site and Origin that the browser sends must agree;
    the Referer counts only when neither is sent (older browsers). A post
    that names no origin at all is refused.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    if origin is not None:
        return origin in own_origins(request)
    if fetch_site is not None:
        return True
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.netloc) and (
        f"{referer.scheme}://{referer.netloc}" in own_origins(request)
    )


def own_origins(request) -> set[str]:
    """This site's origin as the request reached it, and the trusted ones."""
    return {
        f"{request.scheme}://{request.get_host()}",
        *settings.CSRF_TRUSTED_ORIGINS,
    }


def within_rate_limit(request) -> bool:
    """Count one post from the client's address; False once over
    COMMUNITY_FEEDBACK_RATE_LIMIT. Only a keyed hash of the address is used,
    as a cache key that expires with the window."""
    address = client_address(request) or "unknown"
    return rules.check_rate_limit(
        f"address:{address}",
        None,
        setting_name="COMMUNITY_FEEDBACK_RATE_LIMIT",
        scope="feedback",
    )

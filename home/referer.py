"""The page of this site a request came from, for a way back on error pages."""

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme


def came_from(request) -> str:
    """The path and query of the site's page the browser named in `Referer`,
    or "" when it named none or another site's."""
    referer = request.headers.get("Referer", "")
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(referer)
    if not parts.path.startswith("/"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")

"""Where a form sends the reader next: the `next` it carries, if that is an
address on this site.

`url_has_allowed_host_and_scheme` takes any text without a host as safe, and
Django's `redirect()` reads text that does not look like an address as the
name of a view: a `next` of "x" or "\ufffd" raised NoReverseMatch, a 500. Only
a path from the site's root or a full address of this host is taken, and it
is sent as an address.
"""

from urllib.parse import urlsplit

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def next_on_site(request, fallback: str) -> str:
    """The `next` of the POST (else of the query) if it is an address on this
    site, otherwise `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if _rooted(target) and url_has_allowed_host_and_scheme(
        target,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return target
    return fallback


def _rooted(target: str) -> bool:
    """Whether `target` is a path from the root or names a host; "http://[x"
    is neither (urlsplit refuses its host)."""
    try:
        return target.startswith("/") or bool(urlsplit(target).netloc)
    except ValueError:
        return False


def redirect_next(request, fallback: str) -> HttpResponseRedirect:
    """A redirect to `next_on_site`."""
    return HttpResponseRedirect(next_on_site(request, fallback))

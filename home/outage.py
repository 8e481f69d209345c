"""The site's answer while its database is away: a 503 that says so, in the
reader's language, and that no cache keeps; and the language of every error page.

Django turns every exception raised inside a middleware or a view into a
response at the layer where it was raised, through the 500 handler
(`home.views.server_error`), before any outer middleware could catch it. So
that handler is the one place that sees a database error from anywhere, the
session and account lookups of the middleware included, and hands it here.

Nothing here reads the database, nor the shared cache: the page is rendered
from its own template, which extends nothing. The next request tries the
database again: a connection the database dropped is closed at the end of the
request that met the error, and a kept one is checked before its first use
(`CONN_HEALTH_CHECKS`), so the site recovers by itself once the database is back.
"""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

# Django's own wrappers of every driver's errors: a connection refused, lost or
# timed out, a server shutting down, SQLite's file that cannot be opened or stays
# locked. A wrong query (ProgrammingError) or broken data (IntegrityError) is a
# bug, and stays a 500.
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_database_outage(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised from, says the database is away."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OUTAGE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def error_page(request, template_name, status, context=None) -> HttpResponse:
    """An error page in the language the request asks for. The error may have
    been raised before the locale middleware chose one (in the page cache,
    which comes first), so the page chooses it from the request itself."""
    language = translation.get_language_from_request(request)
    template = loader.get_template(template_name)
    with translation.override(language):
        html = template.render(context or {})
    response = HttpResponse(html, status=status)
    response["Content-Language"] = language
    return response


def outage_response(request) -> HttpResponse:
    """The 503 page in the language the request asks for, with `Retry-After`."""
    response = error_page(request, "503.html", 503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    # private, no-store: neither a browser nor a proxy may keep the outage.
    add_never_cache_headers(response)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response

"""The answer to a load balancer's health check, at `HEALTH_CHECK_PATH`.

A balancer probes each node at its own address, often over plain HTTP and
with the node's address as the host: a page would answer that with a
redirect to HTTPS or a 400 for a host not in `ALLOWED_HOSTS`, and the node
would be taken out of service for good. So the check is answered by a
middleware that runs before the host is looked at (the production settings
exempt its path from the redirect), and it answers the same for every host:
200 while the node reaches its database, the site's 503 outage page while it
does not. It sets no cookie and is kept by no cache, so every probe asks the
database afresh.
"""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from home.outage import OUTAGE_ERRORS, outage_response


def database_answers() -> bool:
    """Whether the database answers a query now."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except OUTAGE_ERRORS:
        return False
    return True


def health_response(request) -> HttpResponse:
    """200 and a short text while the database answers, else the outage page."""
    if not database_answers():
        return outage_response(request)
    response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.path = settings.HEALTH_CHECK_PATH

    def __call__(self, request):
        if request.path_info == self.path and request.method in ("GET", "HEAD"):
            return health_response(request)
        return self.get_response(request)

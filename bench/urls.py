"""The site's URLs, and before them the ceiling: the fastest answer a Django
view gives through the site's middleware."""

from django.http import HttpResponse
from django.urls import path

from theke import urls as site

CEILING_PATH = "/bench/ceiling/"


def ceiling(request):
    """A constant answer: what every page pays before it does anything."""
    return HttpResponse(b"ok\n", content_type="text/plain")


urlpatterns = [path(CEILING_PATH.strip("/") + "/", ceiling), *site.urlpatterns]

handler400 = site.handler400
handler404 = site.handler404
handler500 = site.handler500
